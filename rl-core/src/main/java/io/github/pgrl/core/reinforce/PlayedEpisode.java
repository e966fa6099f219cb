package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.Trajectory;
import io.github.pgrl.core.internal.Batch;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One REINFORCE episode as a {@link RolloutBackend} returns it to the learner: what was observed and
 * played at every step, the shaped rewards, how it ended, and its statistics; everything the learner
 * needs, and nothing of the policy that played it. Immutable.
 *
 * <p>Observations are kept sparse (the index and value of each non-zero element, {@code -0.0}
 * included), so a mostly-zero pixel observation costs 8 bytes per non-zero instead of 4 per value, in
 * memory and serialized: about 132 bytes per step of Pong's frame differences. Serializable, so that it
 * can travel from the machine that played it, if its actions and info values are (the {@code Integer}
 * actions of a {@code Discrete} space are); a deserialized episode is checked as the constructor checks.
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public final class PlayedEpisode<A> implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long index;
  private final int inputs;
  /** Step {@code t}'s non-zeros are at {@code [rowStart[t], rowStart[t + 1])} of the two arrays below. */
  private final int[] rowStart;
  private final int[] nonZeroIndex;
  private final float[] nonZeroValue;
  private final List<A> actions;
  private final boolean[][] masks;
  private final double[] rewards;
  private final boolean terminated;
  private final float[] last;
  private final double score;
  private final double shapedReturn;
  private final Map<String, Double> info;

  /**
   * An episode from its parts, all copied. The previous action of a step is the action of the step before
   * it ({@code null} at the first), as the trainer plays.
   *
   * @param index the episode's index: its randomness comes from {@code Seeds.derive(seed, index, …)}
   * @param observations the observation of every step, all of one length, at least 1
   * @param actions the action of every step
   * @param masks the valid actions of every step, or {@code null} if the environment has no masks
   * @param rewards the shaped reward of every step, finite
   * @param terminated whether the episode ended in a terminal state (else it was truncated)
   * @param last the observation after the last step, of the same length
   * @param score the sum of the environment's (unshaped) rewards, finite
   * @param shapedReturn the sum of the shaped rewards, finite
   * @param info the totals of the numeric info values the environment reported
   * @throws IllegalArgumentException if the index is negative; the episode has no step; the observations,
   *     actions, rewards (and masks, if any) differ in number; an observation or {@code last} is null or
   *     of another length than the first; a mask is null; or a reward or a score is not finite
   * @throws NullPointerException if a part other than {@code masks} is null, or an action is
   */
  public PlayedEpisode(long index, float[][] observations, List<A> actions, boolean[][] masks, double[] rewards,
      boolean terminated, float[] last, double score, double shapedReturn, Map<String, Double> info) {
    this(index, observations.length == 0 || observations[0] == null ? 0 : observations[0].length,
        sparse(observations), actions, masks, rewards, terminated, last, score, shapedReturn, info);
  }

  private PlayedEpisode(long index, int inputs, Sparse rows, List<A> actions, boolean[][] masks, double[] rewards,
      boolean terminated, float[] last, double score, double shapedReturn, Map<String, Double> info) {
    this.index = index;
    this.inputs = inputs;
    this.rowStart = rows.rowStart;
    this.nonZeroIndex = rows.index;
    this.nonZeroValue = rows.value;
    this.actions = List.copyOf(actions);
    this.masks = masks == null ? null : Arrays.stream(masks).map(m -> m == null ? null : m.clone()).toArray(boolean[][]::new);
    this.rewards = rewards.clone();
    this.terminated = terminated;
    this.last = last == null ? null : last.clone();
    this.score = score;
    this.shapedReturn = shapedReturn;
    this.info = Map.copyOf(info);
    check();
  }

  /** The non-zeros of rows of observations. */
  private record Sparse(int[] rowStart, int[] index, float[] value) {}

  /** The non-zeros of the observations; a null row, or one of another length than the first, is refused. */
  private static Sparse sparse(float[][] observations) {
    int n = observations.length;
    int inputs = n == 0 || observations[0] == null ? 0 : observations[0].length;
    int nonZeros = 0;
    for (int t = 0; t < n; t++) {
      float[] o = observations[t];
      if (o == null || o.length != inputs) {
        throw new IllegalArgumentException("the observation of step " + t + " has " + (o == null ? "null" : o.length
            + " values") + ", the first " + inputs + "; all need one length");
      }
      for (float v : o) {
        nonZeros += Float.floatToRawIntBits(v) != 0 ? 1 : 0;
      }
    }
    int[] rowStart = new int[n + 1];
    int[] index = new int[nonZeros];
    float[] value = new float[nonZeros];
    int k = 0;
    for (int t = 0; t < n; t++) {
      float[] o = observations[t];
      for (int i = 0; i < inputs; i++) {
        // -0.0 is kept: the episode is restored bit for bit
        if (Float.floatToRawIntBits(o[i]) != 0) {
          index[k] = i;
          value[k++] = o[i];
        }
      }
      rowStart[t + 1] = k;
    }
    return new Sparse(rowStart, index, value);
  }

  private void check() {
    if (index < 0) {
      throw new IllegalArgumentException("an episode index is at least 0, got " + index);
    }
    int n = rowStart.length - 1;
    if (n < 1 || inputs < 1) {
      throw new IllegalArgumentException("episode " + index + " needs at least one step and observations of at least"
          + " 1 value; it has " + Math.max(n, 0) + " steps of " + inputs + " values");
    }
    if (actions.size() != n || rewards.length != n || (masks != null && masks.length != n)) {
      throw new IllegalArgumentException("episode " + index + " has " + n + " observations but " + actions.size()
          + " actions, " + rewards.length + " rewards" + (masks != null ? " and " + masks.length + " masks" : "")
          + "; every step needs one of each");
    }
    if (last == null || last.length != inputs) {
      throw new IllegalArgumentException("episode " + index + ": the observation after the last step has "
          + (last == null ? "null" : last.length + " values") + ", the others " + inputs);
    }
    if (rowStart[0] != 0 || rowStart[n] != nonZeroIndex.length || nonZeroValue.length != nonZeroIndex.length) {
      throw new IllegalArgumentException("episode " + index + ": inconsistent sparse observations");
    }
    for (int t = 0; t < n; t++) {
      if (rowStart[t + 1] < rowStart[t]) {
        throw new IllegalArgumentException("episode " + index + ": inconsistent sparse observations");
      }
      for (int k = rowStart[t]; k < rowStart[t + 1]; k++) {
        if (nonZeroIndex[k] < 0 || nonZeroIndex[k] >= inputs) {
          throw new IllegalArgumentException("episode " + index + ": an observation index out of [0, " + inputs + ")");
        }
      }
      if (masks != null && masks[t] == null) {
        throw new IllegalArgumentException("episode " + index + ": step " + t + " has no mask, the others have");
      }
      if (!Double.isFinite(rewards[t])) {
        throw new IllegalArgumentException("episode " + index + ": the reward of step " + t + " is " + rewards[t]
            + "; rewards must be finite");
      }
    }
    if (!Double.isFinite(score) || !Double.isFinite(shapedReturn)) {
      throw new IllegalArgumentException("episode " + index + ": the score (" + score + ") and the shaped return ("
          + shapedReturn + ") must be finite");
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    try {
      Objects.requireNonNull(rowStart, "rowStart");
      Objects.requireNonNull(nonZeroIndex, "nonZeroIndex");
      Objects.requireNonNull(nonZeroValue, "nonZeroValue");
      Objects.requireNonNull(actions, "actions");
      Objects.requireNonNull(rewards, "rewards");
      Objects.requireNonNull(info, "info");
      check();
    } catch (RuntimeException e) {
      InvalidObjectException bad = new InvalidObjectException("a serialized episode is damaged: " + e.getMessage());
      bad.initCause(e);
      throw bad;
    }
  }

  /** {@return the episode's index} */
  public long index() {
    return index;
  }

  /** {@return the number of steps} */
  public int length() {
    return rowStart.length - 1;
  }

  /** {@return the length of the observations} */
  public int inputs() {
    return inputs;
  }

  /**
   * The observation of a step.
   *
   * @param t the step, from 0
   * @return a new array
   * @throws IndexOutOfBoundsException if there is no step {@code t}
   */
  public float[] observation(int t) {
    Objects.checkIndex(t, length());
    float[] x = new float[inputs];
    for (int k = rowStart[t]; k < rowStart[t + 1]; k++) {
      x[nonZeroIndex[k]] = nonZeroValue[k];
    }
    return x;
  }

  /** {@return the action of every step, unmodifiable} */
  public List<A> actions() {
    return actions;
  }

  /**
   * The valid actions of a step, when the environment has masks.
   *
   * @param t the step, from 0
   * @return a copy of the mask, or {@code null} without masks
   * @throws IndexOutOfBoundsException if there is no step {@code t}
   */
  public boolean[] mask(int t) {
    Objects.checkIndex(t, length());
    return masks == null ? null : masks[t].clone();
  }

  /** {@return the shaped reward of every step, a copy} */
  public double[] rewards() {
    return rewards.clone();
  }

  /** {@return whether the episode ended in a terminal state (else it was truncated)} */
  public boolean terminated() {
    return terminated;
  }

  /** {@return the observation after the last step, a copy} */
  public float[] last() {
    return last.clone();
  }

  /** {@return the sum of the environment's (unshaped) rewards} */
  public double score() {
    return score;
  }

  /** {@return the sum of the shaped rewards} */
  public double shapedReturn() {
    return shapedReturn;
  }

  /** {@return the totals of the numeric info values, unmodifiable} */
  public Map<String, Double> info() {
    return info;
  }

  /**
   * The episode as the local collector played it: its steps, trajectory and statistics. The MLP's record
   * ({@link Batch}) is read sparse, as it is stored; another through {@link RecordedSteps#observation}.
   */
  static <A> PlayedEpisode<A> of(long index, EpisodeCollector.Episode<A> ep) {
    RecordedSteps<float[], A> steps = ep.steps();
    int n = steps.size();
    Sparse rows;
    if (steps instanceof Batch b) {
      // a batch's rows follow each other: row t ends where row t + 1 starts
      int[] rowStart = new int[n + 1];
      int from = b.rowStart(0);
      for (int t = 0; t < n; t++) {
        rowStart[t + 1] = b.rowEnd(t) - from;
      }
      rows = new Sparse(rowStart, Arrays.copyOfRange(b.indices(), from, b.rowEnd(n - 1)),
          Arrays.copyOfRange(b.values(), from, b.rowEnd(n - 1)));
    } else {
      float[][] observations = new float[n][];
      for (int t = 0; t < n; t++) {
        observations[t] = steps.observation(t);
      }
      rows = sparse(observations);
    }
    List<A> actions = new ArrayList<>(n);
    boolean[][] masks = steps.validActions(0) != null ? new boolean[n][] : null;
    for (int t = 0; t < n; t++) {
      actions.add(steps.action(t));
      if (masks != null) {
        masks[t] = steps.validActions(t);
      }
    }
    return new PlayedEpisode<>(index, ep.last().length, rows, actions, masks, ep.trajectory().rewards(),
        ep.trajectory().terminated(), ep.last(), ep.score(), ep.shapedReturn(), ep.info());
  }

  /**
   * The episode for the learner, its steps recorded in a new record of the policy's ({@link
   * TrainablePolicy#newSteps()}), as the local collector's are; the policy computes their forward passes
   * again when it learns.
   */
  EpisodeCollector.Episode<A> toEpisode(TrainablePolicy<float[], A> policy) {
    RecordedSteps<float[], A> steps = policy.newSteps();
    Trajectory.Builder<A> tb = Trajectory.builder();
    for (int t = 0; t < length(); t++) {
      steps.stage(observation(t));
      if (masks != null) {
        steps.stageMask(masks[t]);
      }
      steps.complete(actions.get(t), t == 0 ? null : actions.get(t - 1));
      tb.add(actions.get(t), rewards[t]);
    }
    return new EpisodeCollector.Episode<>(terminated ? tb.terminated() : tb.truncated(0.0), steps, last.clone(), score,
        shapedReturn, new HashMap<>(info));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlayedEpisode<?> e && index == e.index && inputs == e.inputs
        && Arrays.equals(rowStart, e.rowStart) && Arrays.equals(nonZeroIndex, e.nonZeroIndex)
        && Arrays.equals(nonZeroValue, e.nonZeroValue) && actions.equals(e.actions) && Arrays.deepEquals(masks, e.masks)
        && Arrays.equals(rewards, e.rewards) && terminated == e.terminated && Arrays.equals(last, e.last)
        && Double.compare(score, e.score) == 0 && Double.compare(shapedReturn, e.shapedReturn) == 0
        && info.equals(e.info);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(rewards);
  }

  @Override
  public String toString() {
    return "PlayedEpisode[index=" + index + ", steps=" + length() + ", terminated=" + terminated + ", score=" + score
        + "]";
  }
}
