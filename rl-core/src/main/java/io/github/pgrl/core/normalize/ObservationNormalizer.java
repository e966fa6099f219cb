package io.github.pgrl.core.normalize;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;

/**
 * Normalises observations with the running mean and variance of the observations seen so far, per
 * dimension: {@code clip((x − mean) / sqrt(var + ε), −clip, clip)} with {@code ε =} {@value #EPSILON}, as
 * Stable-Baselines3's {@code VecNormalize}.
 *
 * <p>A trainer calls {@link #update} with each lockstep step's observations of all copies, then normalises
 * them with the updated statistics (SB3's order). The arithmetic is in double precision; the result is
 * rounded to float32 once. A NaN stays NaN; ±∞ is clipped. As in SB3, ε and the statistics' initial
 * pseudo-batch ({@link RunningMeanStd}) make the normalised variance of a dimension noticeably less than 1
 * when its variance is not well above {@code 1e-8} and {@code 1e-4·(1 + mean²) / count}: a reading of
 * about 3.28 with deviation 0.001 normalises to a variance of about 0.94 with the statistics of 20,000
 * of them.
 *
 * <p>{@link #frozen()} gives a copy whose statistics never change, for evaluating a trained policy (see
 * {@link io.github.pgrl.core.wrappers.NormalizeObservation}): it refuses {@link #update} and {@link
 * #readState}. A frozen normaliser is immutable and thread-safe; one that is not is not thread-safe.
 *
 * <p>Its state (the statistics and the clip) goes into a checkpoint with {@link #writeState}, so that a
 * resumed run and an evaluation normalise as the trained policy saw, and comes back with {@link
 * #readState}.
 *
 * @since 0.1.0
 */
public final class ObservationNormalizer {

  /** The ε added to the variance before its square root is taken, as in Stable-Baselines3. */
  public static final double EPSILON = 1e-8;

  /** The clip of {@link #of(int)}, as in Stable-Baselines3: normalised values lie in {@code [−10, 10]}. */
  public static final double DEFAULT_CLIP = 10.0;

  private final RunningMeanStd stats;
  private final double clip;
  private final boolean frozen;
  /** {@code sqrt(var + ε)} of every dimension, refreshed whenever the statistics change. */
  private final double[] std;

  private ObservationNormalizer(RunningMeanStd stats, double clip, boolean frozen) {
    this.stats = stats;
    this.clip = clip;
    this.frozen = frozen;
    this.std = new double[stats.dimensions()];
    refresh();
  }

  /**
   * A normaliser of observations of {@code length} values that clips to {@code ±}{@value #DEFAULT_CLIP}.
   *
   * @param length the number of values of an observation, at least 1
   * @return a normaliser with mean 0, variance 1 and count {@value RunningMeanStd#INITIAL_COUNT}
   * @throws IllegalArgumentException if {@code length < 1}
   */
  public static ObservationNormalizer of(int length) {
    return of(length, DEFAULT_CLIP);
  }

  /**
   * A normaliser of observations of {@code length} values.
   *
   * @param length the number of values of an observation, at least 1
   * @param clip the largest absolute normalised value, positive and finite
   * @return a normaliser with mean 0, variance 1 and count {@value RunningMeanStd#INITIAL_COUNT}
   * @throws IllegalArgumentException if {@code length < 1} or {@code clip} is not positive and finite
   */
  public static ObservationNormalizer of(int length, double clip) {
    if (length < 1) {
      throw new IllegalArgumentException("observations to normalise need at least 1 value, got length " + length);
    }
    return new ObservationNormalizer(RunningMeanStd.of(length), Settings.checkClip(clip), false);
  }

  /** {@return the number of values of an observation} */
  public int length() {
    return std.length;
  }

  /** {@return the largest absolute normalised value} */
  public double clip() {
    return clip;
  }

  /** {@return whether the statistics are frozen: {@link #update} and {@link #readState} then throw} */
  public boolean isFrozen() {
    return frozen;
  }

  /** {@return a copy of the statistics} */
  public RunningMeanStd statistics() {
    return stats.copy();
  }

  /**
   * A frozen copy: it normalises as this normaliser does now, and never changes.
   *
   * @return this if it is frozen, else a new frozen normaliser with a copy of the statistics
   */
  public ObservationNormalizer frozen() {
    return frozen ? this : new ObservationNormalizer(stats.copy(), clip, true);
  }

  /**
   * Adds a batch of observations to the statistics (one lockstep step of all copies, say).
   *
   * @param observations the observations; the first {@code n} are used, each of {@link #length()} finite
   *     values; not kept
   * @param n how many, at least 1 and at most {@code observations.length}
   * @throws IllegalStateException if this normaliser is frozen
   * @throws IllegalArgumentException as {@link RunningMeanStd#update(float[][], int)}; the statistics are
   *     then unchanged
   */
  public void update(float[][] observations, int n) {
    requireNotFrozen("update the normaliser it was frozen from");
    stats.update(observations, n);
    refresh();
  }

  /**
   * Normalises one observation into a new array.
   *
   * @param observation {@link #length()} values; not changed
   * @return a new array, {@code clip((x − mean) / sqrt(var + ε), −clip, clip)} of every value, rounded to
   *     float32
   * @throws IllegalArgumentException if the observation has another length
   */
  public float[] normalize(float[] observation) {
    float[] out = new float[requireLength(observation)];
    normalize(observation, out);
    return out;
  }

  /**
   * Normalises one observation in place, as {@link #normalize(float[])} would.
   *
   * @param observation {@link #length()} values, replaced by their normalised values
   * @throws IllegalArgumentException if the observation has another length
   */
  public void normalizeInPlace(float[] observation) {
    requireLength(observation);
    normalize(observation, observation);
  }

  private void normalize(float[] in, float[] out) {
    for (int i = 0; i < std.length; i++) {
      double z = (in[i] - stats.mean(i)) / std[i];
      out[i] = (float) Math.max(-clip, Math.min(clip, z));
    }
  }

  private int requireLength(float[] observation) {
    if (observation.length != std.length) {
      throw new IllegalArgumentException("the observation has " + observation.length + " values; this normaliser"
          + " normalises observations of " + std.length);
    }
    return std.length;
  }

  private void refresh() {
    for (int i = 0; i < std.length; i++) {
      std[i] = Math.sqrt(stats.variance(i) + EPSILON);
    }
  }

  private void requireNotFrozen(String instead) {
    if (frozen) {
      throw new IllegalStateException("this observation normaliser is frozen: its statistics never change; " + instead);
    }
  }

  /**
   * Writes the state under {@code prefix}: the statistics (as {@link RunningMeanStd#writeState}) and
   * {@code prefix + "clip"} (float64).
   *
   * @param checkpoint where to write
   * @param prefix the prefix of the entries' names, such as {@code "obs."}
   */
  public void writeState(CheckpointFile checkpoint, String prefix) {
    stats.writeState(checkpoint, prefix);
    checkpoint.putDouble(prefix + "clip", clip);
  }

  /**
   * Reads what {@link #writeState} wrote. The checkpoint is untrusted: every value is checked before any is
   * used.
   *
   * @param checkpoint where to read
   * @param prefix the prefix given to {@link #writeState}
   * @throws IllegalStateException if this normaliser is frozen (read into the normaliser it was frozen from,
   *     or a new one, and freeze that)
   * @throws CheckpointException if the stored clip is not this normaliser's (naming both), or as {@link
   *     RunningMeanStd#readState}; the normaliser is then unchanged
   */
  public void readState(CheckpointFile checkpoint, String prefix) {
    requireNotFrozen("read the state into a new one (ObservationNormalizer.of) and freeze that");
    Settings.requireSame(checkpoint, prefix + "clip", "clip", clip, this);
    stats.readState(checkpoint, prefix);
    refresh();
  }

  @Override
  public String toString() {
    return "ObservationNormalizer[length=" + std.length + ", clip=" + clip + (frozen ? ", frozen" : "") + "]";
  }
}
