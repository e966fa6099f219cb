package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.wrappers.ObservationWrapper;
import java.util.Arrays;
import java.util.Objects;

/**
 * Observes the change between consecutive observations: the current observation minus the previous one,
 * element by element, and all zeros for the first observation of an episode (the one {@code reset}
 * returns). This is the input of the classic pong-from-pixels network, which sees motion rather than
 * position.
 *
 * <p>The wrapped environment's observation space must be a {@link Box}; the difference lies in the box of
 * the same shape with bounds {@code [low − high, high − low]} (for a {@code [0, 1]} image: {@code [−1,
 * 1]}). Every reset forgets the previous episode. The wrapper keeps its own copy of the previous
 * observation, so it works with wrapped environments that reuse their observation array.
 *
 * <p><b>Sparsity.</b> When the wrapped environment is {@link SparseObservations} (as {@code
 * PongEnvironment.Binary} is), the difference is computed only where the previous or the current
 * observation may be non-zero, and this wrapper reports those indices in turn, so that a policy reads a few
 * dozen values per step instead of scanning thousands; the observations are exactly those of the full
 * computation. Otherwise {@link #nonZeroIndices} answers −1, except right after a reset (all zeros).
 *
 * <p><b>Buffers.</b> By default every observation is a new array, safe to keep. With {@code reuseOutput}
 * the wrapper returns one internal array each time, overwritten by the next step or reset, and a step
 * allocates nothing; a caller that keeps observations must then copy them. Not thread-safe.
 *
 * <p>It is {@link io.github.pgrl.core.Restorable} when the wrapped environment is; its own state is the
 * previous observation ({@code previous}), whether one was seen yet ({@code started}), and the indices
 * behind {@link #nonZeroIndices}: where the latest difference may be non-zero ({@code changedCount}, {@code
 * changed}) and, over a sparse environment, where the previous observation may be ({@code
 * innerPreviousCount}, {@code innerPrevious}). With {@code reuseOutput}, {@code readState} clears the
 * returned array.
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public final class FrameDifference<A> extends ObservationWrapper<float[], float[], A>
    implements SparseObservations {

  private final Box space;
  private final int size;
  private final float[] previous;
  private final float[] buffer;
  private boolean first = true;

  /** The wrapped environment, if it says where its observations are non-zero. */
  private final SparseObservations inner;
  /** Where the previous and the current wrapped observation may be non-zero; −1 if unknown. */
  private int[] innerPrevious;
  private int innerPreviousCount = -1;
  private int[] innerCurrent;
  /** Where the latest difference may be non-zero; −1 if unknown. */
  private final int[] changed;
  private int changedCount = -1;

  private FrameDifference(Environment<float[], A> env, Box inner, boolean reuseOutput) {
    super(env);
    this.size = inner.size();
    float[] low = inner.low();
    float[] high = inner.high();
    float[] dLow = new float[size];
    float[] dHigh = new float[size];
    for (int i = 0; i < size; i++) {
      float width = high[i] - low[i];
      // a degenerate infinite bound ([inf, inf]) has no finite width; leave that element unbounded
      dHigh[i] = Float.isNaN(width) ? Float.POSITIVE_INFINITY : width;
      dLow[i] = -dHigh[i];
    }
    this.space = Box.of(dLow, dHigh, inner.shape());
    this.previous = new float[size];
    this.buffer = reuseOutput ? new float[size] : null;
    this.inner = env instanceof SparseObservations sparse ? sparse : null;
    this.innerPrevious = inner != null ? new int[size] : null;
    this.innerCurrent = inner != null ? new int[size] : null;
    this.changed = inner != null ? new int[size] : null;
  }

  /**
   * Wraps an environment; every observation is a new array.
   *
   * @param env an environment whose observation space is a {@link Box}
   * @param <A> the action type
   * @return the wrapped environment
   * @throws IllegalArgumentException if the observation space is not a {@link Box}
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public static <A> FrameDifference<A> of(Environment<float[], A> env) {
    return of(env, false);
  }

  /**
   * Wraps an environment, choosing whether observations share one array.
   *
   * @param env an environment whose observation space is a {@link Box}
   * @param reuseOutput {@code true} to return one reused array (no allocation per step; copy what you keep),
   *     {@code false} for a new array per observation
   * @param <A> the action type
   * @return the wrapped environment
   * @throws IllegalArgumentException if the observation space is not a {@link Box}
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public static <A> FrameDifference<A> of(Environment<float[], A> env, boolean reuseOutput) {
    Objects.requireNonNull(env, "env");
    Space<float[]> s = env.observationSpace();
    if (!(s instanceof Box box)) {
      throw new IllegalArgumentException(
          "FrameDifference needs an environment whose observation space is a Box, got " + s + " of " + env);
    }
    return new FrameDifference<>(env, box, reuseOutput);
  }

  @Override
  public Space<float[]> observationSpace() {
    return space;
  }

  @Override
  protected void onReset() {
    first = true;
  }

  @Override
  protected float[] observation(float[] current) {
    if (current == null || current.length != size) {
      throw new IllegalStateException("the wrapped environment " + env + " returned an observation of "
          + (current == null ? "null" : current.length + " elements") + ", its space " + env.observationSpace()
          + " has " + size);
    }
    float[] out = buffer != null ? buffer : new float[size];
    int innerCount = inner != null ? inner.nonZeroIndices(innerCurrent) : -1;
    if (first) {
      Arrays.fill(out, 0f);
      System.arraycopy(current, 0, previous, 0, size);
      first = false;
      changedCount = 0;
    } else if (innerCount >= 0 && innerPreviousCount >= 0) {
      differenceWhereNonZero(current, out, innerCount);
    } else {
      for (int i = 0; i < size; i++) {
        out[i] = current[i] - previous[i];
      }
      System.arraycopy(current, 0, previous, 0, size);
      changedCount = -1;
    }
    if (inner != null) {
      int[] swap = innerPrevious;
      innerPrevious = innerCurrent;
      innerCurrent = swap;
      innerPreviousCount = innerCount;
    }
    return out;
  }

  /**
   * The difference where the previous or the current observation may be non-zero, the only places it can
   * be non-zero: outside them both observations are zero, and so are {@link #previous} and the difference.
   */
  private void differenceWhereNonZero(float[] current, float[] out, int innerCount) {
    if (buffer != null) {
      // clear the reused array where the last difference may have been non-zero
      if (changedCount >= 0) {
        for (int k = 0; k < changedCount; k++) {
          out[changed[k]] = 0f;
        }
      } else {
        Arrays.fill(out, 0f);
      }
    }
    // merge the two increasing index lists
    int[] a = innerPrevious;
    int[] b = innerCurrent;
    int na = innerPreviousCount;
    int ia = 0;
    int ib = 0;
    int n = 0;
    while (ia < na || ib < innerCount) {
      int i;
      if (ib == innerCount || (ia < na && a[ia] < b[ib])) {
        i = a[ia++];
      } else if (ia == na || b[ib] < a[ia]) {
        i = b[ib++];
      } else {
        i = a[ia++];
        ib++;
      }
      out[i] = current[i] - previous[i];
      previous[i] = current[i];
      changed[n++] = i;
    }
    changedCount = n;
  }

  /**
   * Writes where the latest difference may be non-zero: where the wrapped environment said the previous or
   * the current observation may be. Known only when the wrapped environment is {@link SparseObservations}
   * and could tell for both; after a reset the difference is all zeros (none).
   *
   * @param out receives the indices, increasing; at least as long as an observation
   * @return how many, or −1 if unknown
   * @throws IllegalArgumentException if {@code out} is shorter than an observation
   */
  @Override
  public int nonZeroIndices(int[] out) {
    if (out.length < size) {
      throw new IllegalArgumentException("need room for " + size + " indices, got " + out.length);
    }
    if (changedCount < 0) {
      return -1;
    }
    if (changedCount > 0) {
      System.arraycopy(changed, 0, out, 0, changedCount);
    }
    return changedCount;
  }

  /** {@return {@code true}: the previous observation and the index lists are written} */
  @Override
  protected boolean restoresOwnState() {
    return true;
  }

  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    super.writeState(checkpoint, prefix);
    checkpoint.putLong(prefix + "started", first ? 0 : 1);
    checkpoint.putFloats(prefix + "previous", previous);
    writeIndices(checkpoint, prefix + "changed", changed, changedCount);
    if (inner != null) {
      writeIndices(checkpoint, prefix + "innerPrevious", innerPrevious, innerPreviousCount);
    }
  }

  private static void writeIndices(CheckpointFile checkpoint, String name, int[] indices, int count) {
    checkpoint.putLong(name + "Count", count);
    double[] d = new double[Math.max(count, 0)];
    for (int k = 0; k < d.length; k++) {
      d[k] = indices[k];
    }
    checkpoint.putDoubles(name, d);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.pgrl.core.checkpoint.CheckpointException also if {@code previous} has another length
   *     than an observation or values outside the wrapped environment's space (once started), or an index
   *     list has a count outside {@code −1..n}, another length than its count, or indices that are not
   *     strictly increasing in {@code [0, n)}, or {@code innerPrevious} misses a non-zero value of {@code
   *     previous}
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    StateReader in = new StateReader(checkpoint, prefix);
    boolean started = in.flag("started");
    float[] previous = in.floats("previous", size);
    String outside = started ? ((Box) env.observationSpace()).violation(previous) : null;
    if (outside != null) {
      throw in.invalid("previous", "is not in the space " + env.observationSpace() + ": " + outside);
    }
    // without a sparse environment to ask, the difference is known only to be all zeros (after a reset)
    int[] changed = readIndices(in, "changed", inner != null ? size : 0);
    int[] innerPrevious = inner != null ? readIndices(in, "innerPrevious", size) : null;
    if (innerPrevious != null) {
      for (int i = 0, k = 0; i < size; i++) {
        while (k < innerPrevious.length && innerPrevious[k] < i) {
          k++;
        }
        if (previous[i] != 0f && (k == innerPrevious.length || innerPrevious[k] != i)) {
          throw in.invalid("innerPrevious", "does not list the index " + i + ", where 'previous' is " + previous[i]
              + "; it lists every non-zero value of the previous observation");
        }
      }
    }
    super.readState(checkpoint, prefix);
    this.first = !started;
    System.arraycopy(previous, 0, this.previous, 0, size);
    this.changedCount = copyIndices(changed, this.changed);
    if (inner != null) {
      this.innerPreviousCount = copyIndices(innerPrevious, this.innerPrevious);
    }
    if (buffer != null) {
      // a reused output is zero outside the latest difference's indices, which are now the restored ones
      Arrays.fill(buffer, 0f);
    }
  }

  /**
   * Strictly increasing indices in {@code [0, size)} under {@code name}, at most {@code max} of them, or
   * {@code null} for a count of −1.
   */
  private int[] readIndices(StateReader in, String name, int max) {
    int count = (int) in.count(name + "Count", -1, max);
    double[] d = in.doubles(name, Math.max(count, 0));
    if (count < 0) {
      return null;
    }
    int[] out = new int[count];
    for (int k = 0; k < count; k++) {
      out[k] = (int) d[k];
      if (out[k] != d[k] || out[k] < 0 || out[k] >= size || (k > 0 && out[k] <= out[k - 1])) {
        throw in.invalid(name, "holds " + d[k] + " at position " + k + "; the indices must be strictly increasing"
            + " whole numbers in [0, " + size + ")");
      }
    }
    return out;
  }

  /** Copies indices into {@code to}; returns their count, −1 for {@code null}. */
  private static int copyIndices(int[] from, int[] to) {
    if (from == null) {
      return -1;
    }
    System.arraycopy(from, 0, to, 0, from.length);
    return from.length;
  }

  @Override
  public String toString() {
    return "FrameDifference(" + env + ")";
  }
}
