package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.Objects;

/**
 * An environment that transforms every observation of the environment it wraps (crop, downsample,
 * difference of frames, …).
 *
 * <p>Subclasses implement {@link #observationSpace()} and {@link #observation(Object)}; {@link
 * #onReset()} lets a stateful transform (frame difference, frame stack) forget the previous episode. A
 * transform may return the same buffer on every call to avoid allocation, if it documents so.
 *
 * <p>It keeps the actions, so it forwards the wrapped environment's {@link ActionMasks}, when it has them
 * ({@link #hasActionMasks()}).
 *
 * @param <I> the observation type of the wrapped environment
 * @param <O> the observation type this wrapper produces
 * @param <A> the action type
 * @since 0.1.0
 */
public abstract class ObservationWrapper<I, O, A> implements Environment<O, A>, ActionMasks, Restorable {

  /** The wrapped environment. */
  protected final Environment<I, A> env;

  /**
   * Wraps an environment.
   *
   * @param env the environment to wrap
   * @throws NullPointerException if {@code env} is {@code null}
   */
  protected ObservationWrapper(Environment<I, A> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /**
   * Transforms one observation of the wrapped environment.
   *
   * @param observation the wrapped environment's observation
   * @return the observation the agent sees
   */
  protected abstract O observation(I observation);

  /** Called before the first observation of every episode is transformed. Does nothing by default. */
  protected void onReset() {}

  /**
   * The environment directly inside this wrapper.
   *
   * @return the wrapped environment
   */
  public Environment<I, A> inner() {
    return env;
  }

  @Override
  public abstract Space<O> observationSpace();

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }

  @Override
  public O reset(long seed) {
    I first = env.reset(seed);
    onReset();
    return observation(first);
  }

  @Override
  public O reset() {
    I first = env.reset();
    onReset();
    return observation(first);
  }

  @Override
  public Step<O> step(A action) {
    Step<I> s = env.step(action);
    return new Step<>(observation(s.observation()), s.reward(), s.terminated(), s.truncated(), s.info());
  }

  /**
   * The wrapped environment's mask, when it has one: this wrapper keeps the actions.
   *
   * @throws UnsupportedOperationException if the wrapped environment has no masks ({@link #hasActionMasks()})
   */
  @Override
  public boolean[] validActions() {
    ActionMasks masks = ActionMasks.of(env);
    if (masks == null) {
      throw new UnsupportedOperationException(env + " has no action masks");
    }
    return masks.validActions();
  }

  /** Whether the wrapped environment has masks ({@link ActionMasks#of}). */
  @Override
  public boolean hasActionMasks() {
    return ActionMasks.of(env) != null;
  }

  /**
   * Whether {@link #writeState} and {@link #readState} cover all the state this wrapper keeps between calls,
   * so that it can restore when the environment it wraps can ({@link #canRestore()}).
   *
   * <p>{@code false} here: a subclass may keep state this class does not know of (a counter, the previous
   * observation), and a snapshot without it would be silently wrong, so a subclass says so itself. It
   * returns {@code true} if it keeps no state of its own between calls, or if it also overrides {@code
   * writeState} and {@code readState} to write and read that state (calling this class's methods for the
   * wrapped environment). The library's own wrappers do.
   *
   * @return whether this wrapper's own state is written; {@code false} unless a subclass overrides it
   */
  protected boolean restoresOwnState() {
    return false;
  }

  /**
   * Whether this wrapper and every environment inside it can restore: its class {@link #restoresOwnState()}
   * and the wrapped environment is {@link Restorable}.
   */
  @Override
  public boolean canRestore() {
    return WrappedState.canRestore(restoresOwnState(), env);
  }

  /**
   * Writes the wrapped environment's state under {@code prefix + "inner."}; a subclass with state of its own
   * writes it too.
   *
   * @throws UnsupportedOperationException if {@link #canRestore()} is {@code false}, naming the class that
   *     cannot
   */
  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    WrappedState.inner(this, restoresOwnState(), env).writeState(checkpoint, prefix + WrappedState.INNER);
  }

  /**
   * Reads the wrapped environment's state from under {@code prefix + "inner."}; a subclass with state of its
   * own checks its entries first, calls this, and then sets its state, so that a refused checkpoint changes
   * nothing.
   *
   * @throws UnsupportedOperationException if {@link #canRestore()} is {@code false}, naming the class that
   *     cannot
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    WrappedState.inner(this, restoresOwnState(), env).readState(checkpoint, prefix + WrappedState.INNER);
  }

  @Override
  public void close() {
    env.close();
  }
}
