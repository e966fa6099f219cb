package io.github.pgrl.core;

import java.util.random.RandomGenerator;

/**
 * Chooses an action for an observation, drawing any randomness from a generator that the caller passes.
 *
 * <p>A policy that keeps state within an episode (for instance one that repeats its previous action) resets
 * it in {@link #reset()}, which callers invoke at the start of every episode. Passing the generator
 * explicitly is what makes a run repeatable: the same generator state and the same observations give the
 * same actions.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
@FunctionalInterface
public interface Policy<O, A> {

  /**
   * Chooses the action to play.
   *
   * @param observation the current observation
   * @param rng the only source of randomness the policy may use
   * @return an action of the environment's action space
   */
  A act(O observation, RandomGenerator rng);

  /** Forgets any per-episode state; called at the start of every episode. Does nothing by default. */
  default void reset() {}
}
