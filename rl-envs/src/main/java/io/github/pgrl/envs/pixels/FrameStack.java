package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.wrappers.ObservationWrapper;
import java.util.Objects;

/**
 * Observes the last {@code k} observations of the wrapped environment, concatenated oldest first, so that
 * a memoryless policy can see motion.
 *
 * <p>The wrapped environment's observation space must be a {@link Box} of {@code n} elements; the stacked
 * observation has {@code k·n} elements, the oldest observation in elements {@code [0, n)} and the current
 * one in {@code [(k − 1)·n, k·n)}, in a {@link Box} of shape {@code [k, ...inner shape]} whose bounds repeat
 * the inner bounds.
 *
 * <p><b>Episode start.</b> The first observation of an episode (from {@code reset}) fills all {@code k}
 * slots: older frames that do not exist yet are copies of the first one (as Gymnasium's {@code
 * FrameStackObservation} with {@code padding_type="reset"}), so every stacked observation lies in the inner
 * space, and a difference between slots is zero until the episode has moved. Every reset forgets the
 * previous episode. The wrapper copies what it stores, so it works with wrapped environments that reuse
 * their observation array.
 *
 * <p><b>Buffers.</b> By default every observation is a new array, safe to keep. With {@code reuseOutput}
 * the wrapper returns one internal array each time, overwritten by the next step or reset; a caller that
 * keeps observations must then copy them. History is a ring buffer either way, so a step copies {@code k·n}
 * floats and allocates nothing else. Not thread-safe.
 *
 * <p>It is {@link io.github.pgrl.core.Restorable} when the wrapped environment is; its own state is the
 * ring of the last {@code k} observations ({@code history}, in the ring's order), the slot of the newest
 * ({@code newest}) and whether an observation was seen yet ({@code started}).
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public final class FrameStack<A> extends ObservationWrapper<float[], float[], A> {

  private final int k;
  private final int n;
  private final Box space;
  /** The last k observations; slot {@code (newest + 1) % k} holds the oldest. */
  private final float[] history;
  private final float[] buffer;
  private int newest;
  private boolean first = true;

  private FrameStack(Environment<float[], A> env, Box inner, int k, boolean reuseOutput) {
    super(env);
    this.k = k;
    this.n = inner.size();
    float[] low = inner.low();
    float[] high = inner.high();
    float[] sLow = new float[k * n];
    float[] sHigh = new float[k * n];
    for (int s = 0; s < k; s++) {
      System.arraycopy(low, 0, sLow, s * n, n);
      System.arraycopy(high, 0, sHigh, s * n, n);
    }
    int[] innerShape = inner.shape();
    int[] shape = new int[innerShape.length + 1];
    shape[0] = k;
    System.arraycopy(innerShape, 0, shape, 1, innerShape.length);
    this.space = Box.of(sLow, sHigh, shape);
    this.history = new float[k * n];
    this.buffer = reuseOutput ? new float[k * n] : null;
  }

  /**
   * Stacks the last {@code k} observations; every observation is a new array.
   *
   * @param env an environment whose observation space is a {@link Box}
   * @param k how many observations to stack, at least 1
   * @param <A> the action type
   * @return the wrapped environment
   * @throws IllegalArgumentException if {@code k < 1}, the observation space is not a {@link Box}, or the
   *     stack would have more than {@code Integer.MAX_VALUE} elements
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public static <A> FrameStack<A> of(Environment<float[], A> env, int k) {
    return of(env, k, false);
  }

  /**
   * Stacks the last {@code k} observations, choosing whether observations share one array.
   *
   * @param env an environment whose observation space is a {@link Box}
   * @param k how many observations to stack, at least 1
   * @param reuseOutput {@code true} to return one reused array (copy what you keep), {@code false} for a new
   *     array per observation
   * @param <A> the action type
   * @return the wrapped environment
   * @throws IllegalArgumentException if {@code k < 1}, the observation space is not a {@link Box}, or the
   *     stack would have more than {@code Integer.MAX_VALUE} elements
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public static <A> FrameStack<A> of(Environment<float[], A> env, int k, boolean reuseOutput) {
    Objects.requireNonNull(env, "env");
    if (k < 1) {
      throw new IllegalArgumentException("a FrameStack needs at least 1 frame, got k = " + k);
    }
    Space<float[]> s = env.observationSpace();
    if (!(s instanceof Box box)) {
      throw new IllegalArgumentException(
          "FrameStack needs an environment whose observation space is a Box, got " + s + " of " + env);
    }
    if ((long) k * box.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a stack of " + k + " observations of " + box.size() + " elements is too large");
    }
    return new FrameStack<>(env, box, k, reuseOutput);
  }

  /**
   * The number of observations stacked.
   *
   * @return {@code k}
   */
  public int depth() {
    return k;
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
    if (current == null || current.length != n) {
      throw new IllegalStateException("the wrapped environment " + env + " returned an observation of "
          + (current == null ? "null" : current.length + " elements") + ", its space " + env.observationSpace()
          + " has " + n);
    }
    if (first) {
      for (int s = 0; s < k; s++) {
        System.arraycopy(current, 0, history, s * n, n);
      }
      newest = k - 1;
      first = false;
    } else {
      newest = (newest + 1) % k;
      System.arraycopy(current, 0, history, newest * n, n);
    }
    float[] out = buffer != null ? buffer : new float[k * n];
    // oldest first: slots newest+1 .. k-1, then 0 .. newest
    int oldest = (newest + 1) % k;
    int tail = (k - oldest) * n;
    System.arraycopy(history, oldest * n, out, 0, tail);
    System.arraycopy(history, 0, out, tail, oldest * n);
    return out;
  }

  /** {@return {@code true}: the ring of observations is written} */
  @Override
  protected boolean restoresOwnState() {
    return true;
  }

  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    super.writeState(checkpoint, prefix);
    checkpoint.putLong(prefix + "started", first ? 0 : 1);
    checkpoint.putLong(prefix + "newest", newest);
    checkpoint.putFloats(prefix + "history", history);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.pgrl.core.checkpoint.CheckpointException also if {@code newest} is outside {@code
   *     0..k−1}, or {@code history} has another length than {@code k} observations or values outside the
   *     wrapped environment's observation space (once started)
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    StateReader in = new StateReader(checkpoint, prefix);
    boolean started = in.flag("started");
    int newest = (int) in.count("newest", 0, k - 1);
    float[] history = in.floats("history", k * n);
    String outside = started ? space.violation(history) : null;
    if (outside != null) {
      throw in.invalid("history", "holds observations outside the space " + env.observationSpace() + ": " + outside);
    }
    super.readState(checkpoint, prefix);
    this.first = !started;
    this.newest = newest;
    System.arraycopy(history, 0, this.history, 0, history.length);
  }

  @Override
  public String toString() {
    return "FrameStack(" + env + ", k = " + k + ")";
  }
}
