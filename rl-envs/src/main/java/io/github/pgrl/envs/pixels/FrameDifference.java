package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
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
 * <p><b>Buffers.</b> By default every observation is a new array, safe to keep. With {@code reuseOutput}
 * the wrapper returns one internal array each time, overwritten by the next step or reset, and a step
 * allocates nothing; a caller that keeps observations must then copy them. Not thread-safe.
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public final class FrameDifference<A> extends ObservationWrapper<float[], float[], A> {

  private final Box space;
  private final int size;
  private final float[] previous;
  private final float[] buffer;
  private boolean first = true;

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
    if (first) {
      Arrays.fill(out, 0f);
      first = false;
    } else {
      for (int i = 0; i < size; i++) {
        out[i] = current[i] - previous[i];
      }
    }
    System.arraycopy(current, 0, previous, 0, size);
    return out;
  }

  @Override
  public String toString() {
    return "FrameDifference(" + env + ")";
  }
}
