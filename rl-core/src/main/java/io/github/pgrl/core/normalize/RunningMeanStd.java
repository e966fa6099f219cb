package io.github.pgrl.core.normalize;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.Arrays;

/**
 * The running mean and variance of a stream of vectors, per dimension, updated a batch at a time with the
 * parallel combination of Chan, Golub and LeVeque.
 *
 * <p>It starts as Stable-Baselines3's {@code RunningMeanStd}: mean 0, variance 1 and count {@value
 * #INITIAL_COUNT}, a pseudo-batch that keeps the first normalisation finite. A batch of {@code n} rows with
 * mean {@code m_B} and population variance {@code v_B} (computed in double precision, two passes) is then
 * combined as
 *
 * <pre>{@code
 * δ = m_B − mean,  N = count + n
 * mean  ← mean + δ·n / N
 * var   ← (var·count + v_B·n + δ²·count·n / N) / N
 * count ← n + count
 * }</pre>
 *
 * <p>with SB3's order of operations, so that mean, variance and count equal those of every value seen so far
 * together with the pseudo-batch, up to rounding, whatever the batches were. Results depend only on the
 * values and the order of the updates. SB3 computes a batch's moments in the array's type (float32 for
 * observations); this class always computes them in double, so the two agree to float32 precision.
 *
 * <p>Not thread-safe. The state goes into a checkpoint with {@link #writeState} and comes back with {@link
 * #readState}, which checks it as untrusted input.
 *
 * <p>Reference: T. F. Chan, G. H. Golub, R. J. LeVeque, "Updating formulae and a pairwise algorithm for
 * computing sample variances", Technical Report STAN-CS-79-773, Stanford University, 1979.
 *
 * @since 0.1.0
 */
public final class RunningMeanStd {

  /** The count of the initial pseudo-batch (mean 0, variance 1), as in Stable-Baselines3. */
  public static final double INITIAL_COUNT = 1e-4;

  private final double[] mean;
  private final double[] var;
  private double count;
  /** The latest batch's moments, before they are combined. */
  private final double[] batchMean;
  private final double[] batchVar;

  private RunningMeanStd(int dimensions) {
    mean = new double[dimensions];
    var = new double[dimensions];
    Arrays.fill(var, 1.0);
    count = INITIAL_COUNT;
    batchMean = new double[dimensions];
    batchVar = new double[dimensions];
  }

  /**
   * New statistics of vectors of {@code dimensions} values: mean 0, variance 1, count {@value
   * #INITIAL_COUNT}.
   *
   * @param dimensions the number of values per row, at least 1
   * @return the statistics
   * @throws IllegalArgumentException if {@code dimensions < 1}
   */
  public static RunningMeanStd of(int dimensions) {
    if (dimensions < 1) {
      throw new IllegalArgumentException("running statistics need at least 1 dimension, got " + dimensions);
    }
    return new RunningMeanStd(dimensions);
  }

  /** {@return an independent copy of these statistics} */
  public RunningMeanStd copy() {
    RunningMeanStd c = new RunningMeanStd(mean.length);
    c.set(mean, var, count);
    return c;
  }

  /** {@return the number of values per row} */
  public int dimensions() {
    return mean.length;
  }

  /** {@return the number of rows seen, plus {@value #INITIAL_COUNT}} */
  public double count() {
    return count;
  }

  /** {@return the mean of every dimension, a copy} */
  public double[] mean() {
    return mean.clone();
  }

  /** {@return the population variance of every dimension, a copy} */
  public double[] variance() {
    return var.clone();
  }

  double mean(int i) {
    return mean[i];
  }

  double variance(int i) {
    return var[i];
  }

  /**
   * Adds a batch of rows.
   *
   * @param rows the rows; the first {@code n} are used, each with {@link #dimensions()} finite values; not
   *     kept
   * @param n how many rows, at least 1 and at most {@code rows.length}
   * @throws IllegalArgumentException if {@code n} is out of range, a row is {@code null}, of another length
   *     or holds a value that is not finite, or the statistics would overflow a double; the statistics
   *     are then unchanged
   */
  public void update(float[][] rows, int n) {
    if (n < 1 || n > rows.length) {
      throw new IllegalArgumentException("update with 1 to " + rows.length + " rows (rows.length), got n = " + n);
    }
    int d = mean.length;
    for (int r = 0; r < n; r++) {
      if (rows[r] == null || rows[r].length != d) {
        throw new IllegalArgumentException("row " + r + " has " + (rows[r] == null ? "no values (null)"
            : rows[r].length + " values") + "; these statistics have " + d + " dimensions");
      }
    }
    for (int i = 0; i < d; i++) {
      double sum = 0.0;
      for (int r = 0; r < n; r++) {
        float x = rows[r][i];
        if (!Float.isFinite(x)) {
          throw new IllegalArgumentException("row " + r + " holds " + x + " at index " + i + "; values must be finite");
        }
        sum += x;
      }
      double m = sum / n;
      double squares = 0.0;
      for (int r = 0; r < n; r++) {
        double dev = rows[r][i] - m;
        squares += dev * dev;
      }
      batchMean[i] = m;
      batchVar[i] = squares / n;
    }
    combine(n);
  }

  /**
   * Adds a batch of scalars, one per row, to statistics of one dimension.
   *
   * @param values the rows' values, at least one, all finite; not kept
   * @throws IllegalArgumentException if these statistics have more than one dimension, {@code values} is
   *     empty or holds a value that is not finite, or the statistics would overflow a double; the statistics
   *     are then unchanged
   */
  public void update(double[] values) {
    if (mean.length != 1) {
      throw new IllegalArgumentException("update(double[]) adds one scalar per row to statistics of 1 dimension;"
          + " these have " + mean.length + ": use update(float[][], int)");
    }
    int n = values.length;
    if (n < 1) {
      throw new IllegalArgumentException("update with at least 1 value, got none");
    }
    double sum = 0.0;
    for (int r = 0; r < n; r++) {
      if (!Double.isFinite(values[r])) {
        throw new IllegalArgumentException("value " + r + " is " + values[r] + "; values must be finite");
      }
      sum += values[r];
    }
    double m = sum / n;
    double squares = 0.0;
    for (int r = 0; r < n; r++) {
      double dev = values[r] - m;
      squares += dev * dev;
    }
    batchMean[0] = m;
    batchVar[0] = squares / n;
    combine(n);
  }

  /**
   * Combines the batch's moments with the running ones (the new values first go into the batch's arrays),
   * or throws and changes nothing.
   */
  private void combine(int n) {
    double total = count + n;
    for (int i = 0; i < mean.length; i++) {
      double delta = batchMean[i] - mean[i];
      double m2 = var[i] * count + batchVar[i] * n + delta * delta * count * n / total;
      batchMean[i] = mean[i] + delta * n / total;
      batchVar[i] = m2 / total;
      if (!Double.isFinite(batchMean[i]) || !Double.isFinite(batchVar[i])) {
        throw new IllegalArgumentException("the mean or variance at index " + i + " overflows a double ("
            + batchMean[i] + ", " + batchVar[i] + "): the values are too large to normalise");
      }
    }
    set(batchMean, batchVar, n + count);
  }

  /**
   * Writes the state under {@code prefix}: {@code prefix + "mean"} and {@code prefix + "var"} (float64
   * arrays) and {@code prefix + "count"} (float64).
   *
   * @param checkpoint where to write
   * @param prefix the prefix of the entries' names, such as {@code "obs."}
   */
  public void writeState(CheckpointFile checkpoint, String prefix) {
    checkpoint.putDoubles(prefix + "mean", mean);
    checkpoint.putDoubles(prefix + "var", var);
    checkpoint.putDouble(prefix + "count", count);
  }

  /**
   * Reads what {@link #writeState} wrote. The checkpoint is untrusted: every value is checked before any is
   * used.
   *
   * @param checkpoint where to read
   * @param prefix the prefix given to {@link #writeState}
   * @throws CheckpointException if an entry is missing or of another type, an array's length is not {@link
   *     #dimensions()}, a mean is not finite, a variance is not finite or negative, or the count is not finite
   *     and positive; the statistics are then unchanged
   */
  public void readState(CheckpointFile checkpoint, String prefix) {
    double[] m = checkpoint.doubles(prefix + "mean");
    double[] v = checkpoint.doubles(prefix + "var");
    double c = checkpoint.getDouble(prefix + "count");
    requireLength(prefix + "mean", m);
    requireLength(prefix + "var", v);
    for (int i = 0; i < m.length; i++) {
      if (!Double.isFinite(m[i])) {
        throw new CheckpointException("the checkpoint entry '" + prefix + "mean' holds " + m[i] + " at index " + i
            + "; a mean must be finite");
      }
      if (!(v[i] >= 0.0) || v[i] == Double.POSITIVE_INFINITY) {
        throw new CheckpointException("the checkpoint entry '" + prefix + "var' holds " + v[i] + " at index " + i
            + "; a variance must be finite and at least 0");
      }
    }
    if (!(c > 0.0) || c == Double.POSITIVE_INFINITY) {
      throw new CheckpointException("the checkpoint entry '" + prefix + "count' is " + c
          + "; a count must be finite and positive");
    }
    set(m, v, c);
  }

  private void requireLength(String name, double[] values) {
    if (values.length != mean.length) {
      throw new CheckpointException("the checkpoint entry '" + name + "' has " + values.length + " values; these"
          + " statistics have " + mean.length + " dimensions");
    }
  }

  /** Takes the state of {@code other}, of the same dimensions. */
  void setTo(RunningMeanStd other) {
    set(other.mean, other.var, other.count);
  }

  private void set(double[] m, double[] v, double c) {
    System.arraycopy(m, 0, mean, 0, mean.length);
    System.arraycopy(v, 0, var, 0, var.length);
    count = c;
  }

  @Override
  public String toString() {
    return "RunningMeanStd[dimensions=" + mean.length + ", count=" + count + "]";
  }
}
