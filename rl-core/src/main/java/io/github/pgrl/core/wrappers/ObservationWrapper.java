package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
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
public abstract class ObservationWrapper<I, O, A> implements Environment<O, A>, ActionMasks {

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

  @Override
  public void close() {
    env.close();
  }
}
