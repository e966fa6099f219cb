package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.Objects;

/**
 * An environment that translates the agent's actions into actions of the environment it wraps (for
 * instance two actions UP/DOWN onto a game's three).
 *
 * <p>Subclasses implement {@link #actionSpace()} and {@link #action(Object)}. An action outside this
 * wrapper's space is rejected here, before translation, with an {@link IllegalArgumentException} naming
 * the action and the space.
 *
 * <p>It does not forward {@link io.github.pgrl.core.ActionMasks}: the wrapped environment's masks are of
 * its own actions. A subclass that knows how its actions map implements {@code ActionMasks} itself.
 *
 * @param <O> the observation type
 * @param <I> the action type of the wrapped environment
 * @param <A> the action type this wrapper accepts
 * @since 0.1.0
 */
public abstract class ActionWrapper<O, I, A> implements Environment<O, A>, Restorable {

  /** The wrapped environment. */
  protected final Environment<O, I> env;

  /**
   * Wraps an environment.
   *
   * @param env the environment to wrap
   * @throws NullPointerException if {@code env} is {@code null}
   */
  protected ActionWrapper(Environment<O, I> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /**
   * Translates one action of this wrapper's space.
   *
   * @param action an element of {@link #actionSpace()}
   * @return the wrapped environment's action
   */
  protected abstract I action(A action);

  /**
   * The environment directly inside this wrapper.
   *
   * @return the wrapped environment
   */
  public Environment<O, I> inner() {
    return env;
  }

  @Override
  public abstract Space<A> actionSpace();

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
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
    Space<A> space = actionSpace();
    if (!space.contains(action)) {
      throw new IllegalArgumentException(
          "action " + space.describe(action) + " is not in the action space " + space);
    }
    return env.step(action(action));
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
