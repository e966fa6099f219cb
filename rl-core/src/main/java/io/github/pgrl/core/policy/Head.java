package io.github.pgrl.core.policy;

/**
 * How the last layer of a {@link MlpPolicy} turns into action probabilities.
 *
 * @since 0.1.0
 */
public enum Head {
  /** One logit per action, probabilities by softmax: a categorical distribution over {@code Discrete(n)}. */
  SOFTMAX,
  /**
   * One logit, {@code P(action 1) = sigmoid(logit)}: a Bernoulli distribution over two actions, as in the
   * classic pong-from-pixels network (where action 1 is UP). Needs exactly two actions.
   */
  BERNOULLI
}
