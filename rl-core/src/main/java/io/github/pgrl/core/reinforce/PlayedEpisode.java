package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.Trajectory;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One REINFORCE episode as a {@link RolloutBackend} returns it to the learner: what was observed and
 * played at every step, the shaped rewards, how it ended, and its statistics; everything the learner
 * needs, and nothing of the policy that played it.
 *
 * <p>Serializable, so that it can travel from the machine that played it: observations are written
 * sparsely (the index and value of each non-zero element), so a mostly-zero pixel observation costs a few
 * bytes per non-zero instead of 4 per value, and a deserialized episode is checked again by this
 * constructor. The actions and info values must be serializable for that (the {@code Integer} actions of a
 * {@code Discrete} space are).
 *
 * @param <A> the action type
 * @param index the episode's index: its randomness comes from {@code Seeds.derive(seed, index, …)}
 * @param observations the observation of every step, all of one length; not copied
 * @param actions the action of every step
 * @param previousActions the action before every step in the episode ({@code null} at the first step)
 * @param masks the valid actions of every step, or {@code null} if the environment has no masks
 * @param rewards the shaped reward of every step
 * @param terminated whether the episode ended in a terminal state (else it was truncated)
 * @param last the observation after the last step, of the same length
 * @param score the sum of the environment's (unshaped) rewards
 * @param shapedReturn the sum of the shaped rewards
 * @param info the totals of the numeric info values the environment reported
 * @since 0.1.0
 */
public record PlayedEpisode<A>(long index, float[][] observations, List<A> actions, List<A> previousActions,
    boolean[][] masks, double[] rewards, boolean terminated, float[] last, double score, double shapedReturn,
    Map<String, Double> info) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Checks that the parts describe one episode.
   *
   * @throws IllegalArgumentException if the index is negative; the episode has no step; the observations,
   *     actions, previous actions, rewards (and masks, if any) differ in number; an observation or {@code
   *     last} is null or of another length than the first; a previous action is not the action before it
   *     ({@code null} at the first step); a mask is null; or a reward or a score is not finite
   * @throws NullPointerException if a part other than {@code masks} is null
   */
  public PlayedEpisode {
    if (index < 0) {
      throw new IllegalArgumentException("an episode index is at least 0, got " + index);
    }
    int n = observations.length;
    if (n == 0) {
      throw new IllegalArgumentException("an episode has at least one step, got none");
    }
    if (actions.size() != n || previousActions.size() != n || rewards.length != n || (masks != null && masks.length != n)) {
      throw new IllegalArgumentException("episode " + index + " has " + n + " observations but " + actions.size()
          + " actions, " + previousActions.size() + " previous actions, " + rewards.length + " rewards"
          + (masks != null ? " and " + masks.length + " masks" : "") + "; every step needs one of each");
    }
    int inputs = observations[0] == null ? -1 : observations[0].length;
    for (int t = 0; t <= n; t++) {
      float[] o = t < n ? observations[t] : last;
      if (o == null || o.length != inputs || inputs == 0) {
        throw new IllegalArgumentException("episode " + index + ": the observation " + (t < n ? "of step " + t : "after"
            + " the last step") + " has " + (o == null ? "null" : o.length + " values") + ", the first " + inputs
            + "; all need one length, at least 1");
      }
    }
    for (int t = 0; t < n; t++) {
      Object expected = t == 0 ? null : actions.get(t - 1);
      if (!java.util.Objects.equals(previousActions.get(t), expected)) {
        throw new IllegalArgumentException("episode " + index + ": the previous action of step " + t + " is "
            + previousActions.get(t) + ", but the action before it was " + expected);
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
    actions = List.copyOf(actions);
    previousActions = java.util.Collections.unmodifiableList(new ArrayList<>(previousActions));
    info = Map.copyOf(info);
  }

  /** {@return the number of steps} */
  public int length() {
    return observations.length;
  }

  /** The episode as the local collector played it: its steps, trajectory and statistics. */
  static <A> PlayedEpisode<A> of(long index, EpisodeCollector.Episode<A> ep) {
    RecordedSteps<float[], A> steps = ep.steps();
    int n = steps.size();
    float[][] observations = new float[n][];
    List<A> actions = new ArrayList<>(n);
    List<A> previous = new ArrayList<>(n);
    boolean[][] masks = n > 0 && steps.validActions(0) != null ? new boolean[n][] : null;
    for (int t = 0; t < n; t++) {
      observations[t] = steps.observation(t);
      actions.add(steps.action(t));
      previous.add(steps.previousAction(t));
      if (masks != null) {
        masks[t] = steps.validActions(t);
      }
    }
    return new PlayedEpisode<>(index, observations, actions, previous, masks, ep.trajectory().rewards(),
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
    for (int t = 0; t < observations.length; t++) {
      steps.stage(observations[t]);
      if (masks != null) {
        steps.stageMask(masks[t]);
      }
      steps.complete(actions.get(t), previousActions.get(t));
      tb.add(actions.get(t), rewards[t]);
    }
    return new EpisodeCollector.Episode<>(terminated ? tb.terminated() : tb.truncated(0.0), steps, last.clone(), score,
        shapedReturn, new HashMap<>(info));
  }

  @Override
  public String toString() {
    return "PlayedEpisode[index=" + index + ", steps=" + length() + ", terminated=" + terminated + ", score=" + score
        + "]";
  }

  /** What is serialized instead of the record: the observations as their non-zero elements. */
  private Object writeReplace() {
    return new Form(this);
  }

  /** The serialized form: sparse observations (row starts, indices, values), then the other parts. */
  private static final class Form implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long index;
    private final int inputs;
    private final int[] rowStart;
    private final int[] nonZeroIndex;
    private final float[] nonZeroValue;
    private final ArrayList<?> actions;
    private final boolean[][] masks;
    private final double[] rewards;
    private final boolean terminated;
    private final float[] last;
    private final double score;
    private final double shapedReturn;
    private final HashMap<String, Double> info;

    Form(PlayedEpisode<?> e) {
      index = e.index;
      inputs = e.observations[0].length;
      int n = e.observations.length;
      rowStart = new int[n + 1];
      int nonZeros = 0;
      for (float[] o : e.observations) {
        for (float v : o) {
          nonZeros += Float.floatToRawIntBits(v) != 0 ? 1 : 0;
        }
      }
      nonZeroIndex = new int[nonZeros];
      nonZeroValue = new float[nonZeros];
      int k = 0;
      for (int t = 0; t < n; t++) {
        float[] o = e.observations[t];
        for (int i = 0; i < o.length; i++) {
          // -0.0 is kept: the episode is restored bit for bit
          if (Float.floatToRawIntBits(o[i]) != 0) {
            nonZeroIndex[k] = i;
            nonZeroValue[k++] = o[i];
          }
        }
        rowStart[t + 1] = k;
      }
      actions = new ArrayList<>(e.actions);
      masks = e.masks;
      rewards = e.rewards;
      terminated = e.terminated;
      last = e.last;
      score = e.score;
      shapedReturn = e.shapedReturn;
      info = new HashMap<>(e.info);
    }

    private Object readResolve() throws java.io.ObjectStreamException {
      try {
        int n = rowStart.length - 1;
        if (n < 1 || inputs < 1 || rowStart[0] != 0 || rowStart[n] != nonZeroIndex.length
            || nonZeroValue.length != nonZeroIndex.length) {
          throw new IllegalArgumentException("inconsistent sparse observations");
        }
        float[][] observations = new float[n][inputs];
        for (int t = 0; t < n; t++) {
          if (rowStart[t + 1] < rowStart[t]) {
            throw new IllegalArgumentException("inconsistent sparse observations");
          }
          for (int k = rowStart[t]; k < rowStart[t + 1]; k++) {
            observations[t][nonZeroIndex[k]] = nonZeroValue[k];
          }
        }
        List<Object> previous = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
          previous.add(t == 0 ? null : actions.get(t - 1));
        }
        return new PlayedEpisode<>(index, observations, new ArrayList<Object>(actions), previous, masks,
            rewards, terminated, last, score, shapedReturn, info);
      } catch (RuntimeException e) {
        java.io.InvalidObjectException bad = new java.io.InvalidObjectException("a serialized episode is damaged: "
            + e.getMessage());
        bad.initCause(e);
        throw bad;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlayedEpisode<?> e && index == e.index && Arrays.deepEquals(observations, e.observations)
        && actions.equals(e.actions) && previousActions.equals(e.previousActions) && Arrays.deepEquals(masks, e.masks)
        && Arrays.equals(rewards, e.rewards) && terminated == e.terminated && Arrays.equals(last, e.last)
        && Double.compare(score, e.score) == 0 && Double.compare(shapedReturn, e.shapedReturn) == 0
        && info.equals(e.info);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(rewards);
  }
}
