package io.github.pgrl.core.policy;

/**
 * The non-linearity of the hidden layers of a {@link MlpPolicy} or {@link ValueFunction}.
 *
 * @since 0.1.0
 */
public enum Activation {
  /** {@code max(0, x)}; the classic pong-from-pixels network's choice. */
  RELU,
  /** {@code tanh(x)}; smooth, a common choice for small control tasks. */
  TANH
}
