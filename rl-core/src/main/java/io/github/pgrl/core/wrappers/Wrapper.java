package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.Objects;

/**
 * An environment that forwards everything to the environment it wraps; subclasses override what they
 * change.
 *
 * <p>Use it for wrappers that keep the observation and action types (time limits, reward changes). For
 * wrappers that change a type, see {@link ObservationWrapper} and {@link ActionWrapper}.
 *
 * <p>It keeps the actions, so it forwards the wrapped environment's {@link ActionMasks}, when it has them
 * ({@link #hasActionMasks()}).
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public abstract class Wrapper<O, A> implements Environment<O, A>, ActionMasks, Restorable {

  /** The wrapped environment. */
  protected final Environment<O, A> env;

  /**
   * Wraps an environment.
   *
   * @param env the environment to wrap
   * @throws NullPointerException if {@code env} is {@code null}
   */
  protected Wrapper(Environment<O, A> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /**
   * The environment directly inside this wrapper.
   *
   * @return the wrapped environment
   */
  public Environment<O, A> inner() {
    return env;
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }

  @Override
  public O reset(long seed) {
    return env.reset(seed);
  }

  @Override
  public O reset() {
    return env.reset();
  }

  @Override
  public Step<O> step(A action) {
    return env.step(action);
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

  @Override
  public String toString() {
    return getClass().getSimpleName() + "<" + env + ">";
  }
}
