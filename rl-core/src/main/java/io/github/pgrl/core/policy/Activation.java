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
  TANH;

  /** Whether the engine's network runs this as ReLU (else tanh). */
  boolean relu() {
    return switch (this) {
      case RELU -> true;
      case TANH -> false;
    };
  }

  /** The activation of an engine network. */
  static Activation of(boolean relu) {
    return relu ? RELU : TANH;
  }
}
