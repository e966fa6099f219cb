package io.github.pgrl.core.policy;

/**
 * The optimizer that turns gradients into parameter updates, and its hyperparameters.
 *
 * <p>The updates are those of ND4J's updaters ({@code org.nd4j.linalg.learning}), computed by {@link
 * Optimizer} on the networks' Java parameters (equal within float rounding, tested). pgrl always
 * <em>ascends</em> an objective (the policy-gradient objective, or the negative loss of a value
 * function), so a step adds the update to the parameters.
 *
 * @since 0.1.0
 */
public sealed interface OptimizerConfig {

  /**
   * The learning rate.
   *
   * @return the step size, positive
   */
  double learningRate();

  /**
   * Adam (Kingma &amp; Ba, 2015).
   *
   * @param learningRate the step size, positive and finite
   * @param beta1 the decay of the first moment, in {@code [0, 1)}
   * @param beta2 the decay of the second moment, in {@code [0, 1)}
   * @param epsilon added to the denominator, positive
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon) implements OptimizerConfig {
    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException if one is outside its range
     */
    public Adam {
      checkRate(learningRate);
      checkDecay("beta1", beta1);
      checkDecay("beta2", beta2);
      checkEpsilon(epsilon);
    }

    /**
     * Adam with the usual β1 = 0.9, β2 = 0.999, ε = 1e-8.
     *
     * @param learningRate the step size, positive and finite
     * @return the configuration
     * @throws IllegalArgumentException if the learning rate is not positive and finite
     */
    public static Adam of(double learningRate) {
      return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }
  }

  /**
   * Plain stochastic gradient ascent: {@code θ += lr·g}.
   *
   * @param learningRate the step size, positive and finite
   */
  record Sgd(double learningRate) implements OptimizerConfig {
    /**
     * Validates the learning rate.
     *
     * @throws IllegalArgumentException if it is not positive and finite
     */
    public Sgd {
      checkRate(learningRate);
    }
  }

  /**
   * RMSProp as in the classic pong-from-pixels program: {@code cache = d·cache + (1 − d)·g²}, {@code θ +=
   * lr·g / (sqrt(cache) + ε)}, starting from an empty cache.
   *
   * @param learningRate the step size, positive and finite (the classic program uses 1e-4)
   * @param decay the decay d of the cache, in {@code [0, 1)} (0.99)
   * @param epsilon added to the denominator, positive (1e-5)
   */
  record RmsProp(double learningRate, double decay, double epsilon) implements OptimizerConfig {
    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException if one is outside its range
     */
    public RmsProp {
      checkRate(learningRate);
      checkDecay("decay", decay);
      checkEpsilon(epsilon);
    }

    /**
     * RMSProp with the classic program's decay 0.99 and ε 1e-5.
     *
     * @param learningRate the step size, positive and finite
     * @return the configuration
     * @throws IllegalArgumentException if the learning rate is not positive and finite
     */
    public static RmsProp classic(double learningRate) {
      return new RmsProp(learningRate, 0.99, 1e-5);
    }
  }

  private static void checkRate(double lr) {
    if (!(lr > 0.0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("the learning rate must be positive and finite, got " + lr);
    }
  }

  private static void checkDecay(String name, double d) {
    if (!(d >= 0.0 && d < 1.0)) {
      throw new IllegalArgumentException(name + " must lie in [0, 1), got " + d);
    }
  }

  private static void checkEpsilon(double e) {
    if (!(e > 0.0) || Double.isInfinite(e)) {
      throw new IllegalArgumentException("epsilon must be positive and finite, got " + e);
    }
  }
}
