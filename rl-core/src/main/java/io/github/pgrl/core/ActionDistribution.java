package io.github.pgrl.core;

import java.util.random.RandomGenerator;

/**
 * A policy's distribution π(·|s) over the actions for one observation: it samples with the caller's
 * generator and gives the log-probability of an action and its own entropy.
 *
 * <p>A distribution returned by a {@link TrainablePolicy} may be a view of the policy's buffers, valid
 * until the policy's next call; copy what must outlive it.
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public interface ActionDistribution<A> {

  /**
   * Draws an action.
   *
   * @param rng the only source of randomness
   * @return an action
   * @throws IllegalArgumentException if this is not a distribution (a NaN or negative probability, say,
   *     from a network that overflowed)
   */
  A sample(RandomGenerator rng);

  /**
   * The log-probability (or log-density) of an action.
   *
   * @param action an action of the policy's action space
   * @return log π(a|s), {@code −∞} for an impossible action
   * @throws IllegalArgumentException if the action is outside the action space
   */
  double logProbability(A action);

  /**
   * The entropy H(π(·|s)) in nats.
   *
   * @return the entropy
   */
  double entropy();

  /**
   * The most probable action, for acting greedily.
   *
   * @return the mode
   */
  A mode();
}
