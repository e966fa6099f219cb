package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.Objects;

/**
 * Observes a {@link Discrete} observation as a one-hot vector: the state {@code i} of {@code Discrete(n)}
 * becomes the {@code float[n]} that is 1 at index {@code i} and 0 elsewhere, the input a policy network
 * needs for a grid world or any environment with numbered states.
 *
 * <pre>{@code
 * Environment<float[], Integer> env = OneHot.of(new MyGridWorld()); // Discrete(16) states → float[16]
 * }</pre>
 *
 * <p>The observation space is the {@link Box} of {@code n} values in {@code [0, 1]}. Every observation is a
 * new array, safe to keep. An observation of the wrapped environment outside its {@code Discrete(n)} space
 * (a broken environment) throws {@link IllegalStateException} naming the environment and the value.
 *
 * <p><b>Sparsity.</b> The wrapper is {@link SparseObservations}: {@link #nonZeroIndices(int[])} gives the
 * one index that is 1, so that the trainer reads one value per step instead of scanning {@code n}.
 *
 * <p>It is {@link io.github.pgrl.core.Restorable} when the wrapped environment is; its own state is the
 * index that is 1 in the latest observation ({@code hot}, −1 before the first).
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public final class OneHot<A> extends ObservationWrapper<Integer, float[], A> implements SparseObservations {

  /** The most states a one-hot vector encodes: a float per state in every observation. */
  public static final int MAX_STATES = 1 << 20;

  private final Discrete states;
  private final int n;
  private final Box space;
  /** The index that is 1 in the latest observation; −1 before the first one. */
  private int hot = -1;

  private OneHot(Environment<Integer, A> env, Discrete states) {
    super(env);
    this.states = states;
    this.n = states.n();
    this.space = Box.of(0f, 1f, n);
  }

  /**
   * Wraps an environment with {@link Discrete} observations.
   *
   * @param env an environment whose observation space is a {@link Discrete} of at most {@link #MAX_STATES}
   *     states
   * @param <A> the action type
   * @return the wrapped environment, whose observations are {@code float[n]} one-hot vectors
   * @throws IllegalArgumentException if the observation space is not a {@link Discrete}, or has more than
   *     {@link #MAX_STATES} states
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public static <A> OneHot<A> of(Environment<Integer, A> env) {
    Objects.requireNonNull(env, "env");
    Space<Integer> s = env.observationSpace();
    if (!(s instanceof Discrete discrete)) {
      throw new IllegalArgumentException(
          "OneHot needs an environment whose observation space is Discrete, got " + s + " of " + env);
    }
    if (discrete.n() > MAX_STATES) {
      throw new IllegalArgumentException("OneHot encodes at most " + MAX_STATES + " states (a float per state in every"
          + " observation), got " + discrete + " of " + env);
    }
    return new OneHot<>(env, discrete);
  }

  @Override
  public Box observationSpace() {
    return space;
  }

  /**
   * Encodes one state.
   *
   * @param state a state of the wrapped environment's {@code Discrete(n)} space
   * @return a new {@code float[n]}, 1 at index {@code state} and 0 elsewhere
   * @throws IllegalStateException if {@code state} is {@code null} or outside {@code 0..n-1}
   */
  @Override
  protected float[] observation(Integer state) {
    hot = -1;
    if (state == null || state < 0 || state >= n) {
      throw new IllegalStateException("the observation " + state + " of " + env + " is not in its observation space "
          + states + "; OneHot encodes the states 0 to " + (n - 1));
    }
    float[] x = new float[n];
    x[state] = 1f;
    hot = state;
    return x;
  }

  /**
   * Writes the index that is 1 in the latest observation.
   *
   * @param out receives the index at position 0; at least {@code n} long
   * @return 1, or −1 before the first observation (or after one that was refused)
   * @throws IllegalArgumentException if {@code out} is shorter than {@code n}
   */
  @Override
  public int nonZeroIndices(int[] out) {
    if (out.length < n) {
      throw new IllegalArgumentException("need room for " + n + " indices, got " + out.length);
    }
    if (hot < 0) {
      return -1;
    }
    out[0] = hot;
    return 1;
  }

  /** {@return {@code true}: the index of the latest observation is written} */
  @Override
  protected boolean restoresOwnState() {
    return true;
  }

  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    super.writeState(checkpoint, prefix);
    checkpoint.putLong(prefix + "hot", hot);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.pgrl.core.checkpoint.CheckpointException also if {@code hot} is outside {@code −1..n−1}
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    int hot = (int) new StateReader(checkpoint, prefix).count("hot", -1, n - 1);
    super.readState(checkpoint, prefix);
    this.hot = hot;
  }

  @Override
  public String toString() {
    return "OneHot<" + env + ">";
  }
}
