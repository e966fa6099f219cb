package io.github.pgrl.core.normalize;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;

/**
 * Scales the rewards of {@code n} environment copies stepped in lockstep by the running standard deviation
 * of their discounted returns, as Stable-Baselines3's {@code VecNormalize}.
 *
 * <p>Every copy keeps a running discounted return. At every lockstep step, for every copy {@code c}:
 *
 * <pre>{@code
 * ret[c] = ret[c]·γ + r[c]               (all copies)
 * statistics.update(ret)                 (the n returns: one batch of RunningMeanStd)
 * r[c]   = clip(r[c] / sqrt(var + ε), −clip, clip)
 * ret[c] = 0 where copy c's episode ended on this step
 * }</pre>
 *
 * <p>with {@code ε =} {@value ObservationNormalizer#EPSILON} and {@code var} the returns' variance after the
 * update. The rewards are scaled, not centred, so their signs stay. An episode ends when it terminates or is
 * truncated. {@link #normalize(double[][], boolean[][])} applies the steps of a whole rollout, in step-major
 * order, to a trainer's buffers after the rollout was collected (on any number of threads): the result
 * is the one of the per-step procedure above.
 *
 * <p>Not thread-safe. Its state (the running returns, the statistics, γ and the clip) goes into a
 * checkpoint with {@link #writeState} and comes back with {@link #readState}.
 *
 * @since 0.1.0
 */
public final class RewardNormalizer {

  private final double gamma;
  private final double clip;
  private final double[] returns;
  private final RunningMeanStd stats = RunningMeanStd.of(1);

  private RewardNormalizer(int copies, double gamma, double clip) {
    this.returns = new double[copies];
    this.gamma = gamma;
    this.clip = clip;
  }

  /**
   * A normaliser of the rewards of {@code copies} environment copies that clips to {@code
   * ±}{@value ObservationNormalizer#DEFAULT_CLIP}.
   *
   * @param copies the number of copies stepped in lockstep, at least 1
   * @param gamma the discount of the running returns, in {@code [0, 1]} (the trainer's γ)
   * @return a normaliser whose returns are 0 and statistics have mean 0, variance 1 and count {@value
   *     RunningMeanStd#INITIAL_COUNT}
   * @throws IllegalArgumentException if {@code copies < 1} or {@code gamma} is outside {@code [0, 1]}
   */
  public static RewardNormalizer of(int copies, double gamma) {
    return of(copies, gamma, ObservationNormalizer.DEFAULT_CLIP);
  }

  /**
   * A normaliser of the rewards of {@code copies} environment copies.
   *
   * @param copies the number of copies stepped in lockstep, at least 1
   * @param gamma the discount of the running returns, in {@code [0, 1]} (the trainer's γ)
   * @param clip the largest absolute normalised reward, positive and finite
   * @return a normaliser whose returns are 0 and statistics have mean 0, variance 1 and count {@value
   *     RunningMeanStd#INITIAL_COUNT}
   * @throws IllegalArgumentException if {@code copies < 1}, {@code gamma} is outside {@code [0, 1]} or
   *     {@code clip} is not positive and finite
   */
  public static RewardNormalizer of(int copies, double gamma, double clip) {
    if (copies < 1) {
      throw new IllegalArgumentException("a reward normaliser needs at least 1 environment copy, got " + copies);
    }
    if (!(gamma >= 0.0 && gamma <= 1.0)) {
      throw new IllegalArgumentException("gamma must lie in [0, 1], got " + gamma);
    }
    return new RewardNormalizer(copies, gamma, Settings.checkClip(clip));
  }

  /** {@return the number of environment copies} */
  public int copies() {
    return returns.length;
  }

  /** {@return the discount of the running returns} */
  public double gamma() {
    return gamma;
  }

  /** {@return the largest absolute normalised reward} */
  public double clip() {
    return clip;
  }

  /**
   * Sets every copy's running discounted return to 0, as at the start of fresh episodes (a trainer that
   * resumes without the environments' states starts them).
   */
  public void resetReturns() {
    java.util.Arrays.fill(returns, 0.0);
  }

  /** {@return every copy's running discounted return, a copy} */
  public double[] returns() {
    return returns.clone();
  }

  /** {@return a copy of the statistics of the discounted returns} */
  public RunningMeanStd statistics() {
    return stats.copy();
  }

  /**
   * Normalises a rollout of {@code T} lockstep steps in place, step by step as the class describes.
   *
   * @param rewards {@code rewards[c][t]}, the reward of copy {@code c} at step {@code t}: {@link #copies()}
   *     rows of {@code T} finite values (T may be 0); replaced by the normalised rewards
   * @param done {@code done[c][t]}, whether copy {@code c}'s episode ended (terminated or was truncated) at
   *     step {@code t}: the same shape; not changed
   * @throws IllegalArgumentException if the shapes differ from each other or from {@link #copies()} rows,
   *     a reward is not finite (naming the copy and the step), or the returns' statistics would overflow a
   *     double; the rewards and the normaliser are then unchanged
   */
  public void normalize(double[][] rewards, boolean[][] done) {
    int steps = requireShape(rewards, done);
    int n = returns.length;
    double[] ret = returns.clone();
    RunningMeanStd s = stats.copy();
    double[][] out = new double[n][steps];
    for (int t = 0; t < steps; t++) {
      for (int c = 0; c < n; c++) {
        ret[c] = ret[c] * gamma + rewards[c][t];
      }
      try {
        s.update(ret);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the discounted returns at step " + t + " are too large for their statistics"
            + " (" + e.getMessage() + "); rewards this large cannot be normalised", e);
      }
      double std = Math.sqrt(s.variance(0) + ObservationNormalizer.EPSILON);
      for (int c = 0; c < n; c++) {
        out[c][t] = Math.max(-clip, Math.min(clip, rewards[c][t] / std));
        if (done[c][t]) {
          ret[c] = 0.0;
        }
      }
    }
    for (int c = 0; c < n; c++) {
      System.arraycopy(out[c], 0, rewards[c], 0, steps);
    }
    System.arraycopy(ret, 0, returns, 0, n);
    stats.setTo(s);
  }

  /** Checks the rollout's shape and rewards; returns its number of steps. */
  private int requireShape(double[][] rewards, boolean[][] done) {
    int n = returns.length;
    if (rewards.length != n || done.length != n) {
      throw new IllegalArgumentException("a rollout of this normaliser has " + n + " rows (one per copy) of rewards"
          + " and of done flags, got " + rewards.length + " and " + done.length);
    }
    int steps = rewards[0].length;
    for (int c = 0; c < n; c++) {
      if (rewards[c].length != steps || done[c].length != steps) {
        throw new IllegalArgumentException("every copy's rewards and done flags must have the same number of steps,"
            + " as copy 0's " + steps + " rewards; copy " + c + " has " + rewards[c].length + " rewards and "
            + done[c].length + " done flags");
      }
      for (int t = 0; t < steps; t++) {
        if (!Double.isFinite(rewards[c][t])) {
          throw new IllegalArgumentException("the reward of copy " + c + " at step " + t + " is " + rewards[c][t]
              + "; rewards must be finite");
        }
      }
    }
    return steps;
  }

  /**
   * Writes the state under {@code prefix}: the statistics of the returns (as {@link
   * RunningMeanStd#writeState}), {@code prefix + "returns"} (float64 array, one per copy), {@code prefix +
   * "gamma"} and {@code prefix + "clip"} (float64).
   *
   * @param checkpoint where to write
   * @param prefix the prefix of the entries' names, such as {@code "reward."}
   */
  public void writeState(CheckpointFile checkpoint, String prefix) {
    stats.writeState(checkpoint, prefix);
    checkpoint.putDoubles(prefix + "returns", returns);
    checkpoint.putDouble(prefix + "gamma", gamma);
    checkpoint.putDouble(prefix + "clip", clip);
  }

  /**
   * Reads what {@link #writeState} wrote. The checkpoint is untrusted: every value is checked before any is
   * used.
   *
   * @param checkpoint where to read
   * @param prefix the prefix given to {@link #writeState}
   * @throws CheckpointException if the stored γ or clip is not this normaliser's (naming both), the returns
   *     are not {@link #copies()} finite values, an entry is missing or of another type, or as {@link
   *     RunningMeanStd#readState}; the normaliser is then unchanged
   */
  public void readState(CheckpointFile checkpoint, String prefix) {
    Settings.requireSame(checkpoint, prefix + "gamma", "gamma", gamma, this);
    Settings.requireSame(checkpoint, prefix + "clip", "clip", clip, this);
    double[] r = checkpoint.doubles(prefix + "returns");
    if (r.length != returns.length) {
      throw new CheckpointException("the checkpoint entry '" + prefix + "returns' holds the returns of " + r.length
          + " copies; this normaliser has " + returns.length);
    }
    for (int c = 0; c < r.length; c++) {
      if (!Double.isFinite(r[c])) {
        throw new CheckpointException("the checkpoint entry '" + prefix + "returns' holds " + r[c] + " for copy " + c
            + "; a return must be finite");
      }
    }
    stats.readState(checkpoint, prefix);
    System.arraycopy(r, 0, returns, 0, r.length);
  }

  @Override
  public String toString() {
    return "RewardNormalizer[copies=" + returns.length + ", gamma=" + gamma + ", clip=" + clip + "]";
  }
}
