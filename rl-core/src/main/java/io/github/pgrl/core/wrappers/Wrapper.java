package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
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
public abstract class Wrapper<O, A> implements Environment<O, A>, ActionMasks {

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

  @Override
  public void close() {
    env.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "<" + env + ">";
  }
}
