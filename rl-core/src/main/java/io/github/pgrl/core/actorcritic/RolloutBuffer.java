package io.github.pgrl.core.actorcritic;

import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.Trajectory;
import io.github.pgrl.core.credit.Gae;
import io.github.pgrl.core.normalize.RewardNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * One rollout of {@code T} steps of {@code n} environment copies, and the advantages it gives: the buffer
 * owns GAE, as SB3's does.
 *
 * <p>Step {@code t} of copy {@code i} is entry {@code k = t·n + i} of every array and of the policy's record
 * (the copies act in lockstep). Each copy's {@code T} steps are cut into pieces at the ends of episodes, and
 * every piece is handed to {@link Gae} as a {@link Trajectory}: a piece that <b>terminated</b> continues from
 * value 0; one that was <b>truncated</b> (a time limit) continues from V of its final observation, since
 * the episode could have gone on; the last piece of a copy, still running, continues from V of the
 * observation the next rollout starts from. Treating a truncation as a termination would teach the value
 * function that the time limit is the end of the world.
 */
final class RolloutBuffer<A> {

  final int copies;
  final int stepsPerCopy;
  /** The policy's record of the rollout, in the order {@code k = t·n + i}. */
  final RecordedSteps<float[], A> steps;
  final double[] rewards;
  final boolean[] terminated;
  final boolean[] truncated;
  /** V(s) of every step, before the update. */
  final double[] values;
  /** log μ(a|s) of every step under the parameters that played it. */
  final double[] logProbabilities;
  /** V of the final observation where an episode was truncated, else unused. */
  final double[] truncationValues;
  /** V of each copy's observation after the rollout. */
  final double[] lastValues;
  /** The raw observation each step acted on (before any normalisation), for the running statistics. */
  final float[][] rawObservations;
  double[] advantages;
  double[] returns;

  RolloutBuffer(int copies, int stepsPerCopy, RecordedSteps<float[], A> steps) {
    this.copies = copies;
    this.stepsPerCopy = stepsPerCopy;
    this.steps = steps;
    int size = copies * stepsPerCopy;
    rewards = new double[size];
    terminated = new boolean[size];
    truncated = new boolean[size];
    values = new double[size];
    logProbabilities = new double[size];
    truncationValues = new double[size];
    lastValues = new double[copies];
    rawObservations = new float[size][];
  }

  int size() {
    return rewards.length;
  }

  /** Empties the buffer for the next rollout, keeping its storage. */
  void clear() {
    steps.clear();
    java.util.Arrays.fill(terminated, false);
    java.util.Arrays.fill(truncated, false);
  }

  /**
   * Divides the rewards by the running deviation of each copy's discounted return ({@link
   * RewardNormalizer}), in the rollout's order of steps.
   */
  void normalizeRewards(RewardNormalizer normalizer) {
    double[][] byCopy = new double[copies][stepsPerCopy];
    boolean[][] done = new boolean[copies][stepsPerCopy];
    for (int t = 0; t < stepsPerCopy; t++) {
      for (int i = 0; i < copies; i++) {
        int k = t * copies + i;
        byCopy[i][t] = rewards[k];
        done[i][t] = terminated[k] || truncated[k];
      }
    }
    normalizer.normalize(byCopy, done);
    for (int t = 0; t < stepsPerCopy; t++) {
      for (int i = 0; i < copies; i++) {
        rewards[t * copies + i] = byCopy[i][t];
      }
    }
  }

  /** Sets {@link #advantages} by GAE over each copy's pieces, and {@link #returns} = advantages + values. */
  void computeAdvantages(Gae gae) {
    int n = copies;
    advantages = new double[size()];
    returns = new double[size()];
    for (int i = 0; i < n; i++) {
      int start = 0;
      for (int t = 0; t < stepsPerCopy; t++) {
        int k = t * n + i;
        boolean end = terminated[k] || truncated[k];
        if (end || t == stepsPerCopy - 1) {
          double bootstrap = terminated[k] ? 0.0 : truncated[k] ? truncationValues[k] : lastValues[i];
          double[] adv = gae.assign(piece(i, start, t + 1, terminated[k], truncated[k], bootstrap));
          for (int u = start; u <= t; u++) {
            int ku = u * n + i;
            advantages[ku] = adv[u - start];
            returns[ku] = adv[u - start] + values[ku];
          }
          start = t + 1;
        }
      }
    }
  }

  /** Steps {@code [from, to)} of copy {@code i} as a trajectory with its values. */
  private Trajectory<A> piece(int i, int from, int to, boolean term, boolean trunc, double bootstrap) {
    int len = to - from;
    List<A> actions = new ArrayList<>(len);
    double[] r = new double[len];
    double[] v = new double[len];
    for (int t = from; t < to; t++) {
      int k = t * copies + i;
      actions.add(steps.action(k));
      r[t - from] = rewards[k];
      v[t - from] = values[k];
    }
    return Trajectory.of(actions, r, term, trunc, v, bootstrap);
  }

  /** {@code 1 − Var(returns − values) / Var(returns)}, NaN if the returns do not vary (as SB3). */
  double explainedVariance() {
    int n = size();
    double mr = 0;
    double md = 0;
    for (int k = 0; k < n; k++) {
      mr += returns[k];
      md += returns[k] - values[k];
    }
    mr /= n;
    md /= n;
    double vr = 0;
    double vd = 0;
    for (int k = 0; k < n; k++) {
      vr += (returns[k] - mr) * (returns[k] - mr);
      double d = returns[k] - values[k] - md;
      vd += d * d;
    }
    return vr == 0 ? Double.NaN : 1 - vd / vr;
  }
}
