package io.github.pgrl.core.reinforce;

/**
 * The baseline that {@link Reinforce} subtracts from the credit weights (unless the {@link
 * io.github.pgrl.core.CreditAssigner} already produces advantages, as {@link io.github.pgrl.core.credit.Gae}
 * does).
 *
 * @since 0.1.0
 */
public enum BaselineKind {
  /** No baseline: the weights are the credit assigner's output. */
  NONE,
  /**
   * An exponential moving average of the mean weight of earlier batches ({@link
   * ReinforceConfig#baselineDecay()}); 0 for the first batch.
   */
  RUNNING_MEAN,
  /**
   * A learned value function V(s), trained by regression on the discounted returns (with the config's γ,
   * bootstrapped from V at truncations); the trajectories carry its estimates, so {@link
   * io.github.pgrl.core.credit.Gae} can use them.
   */
  VALUE_FUNCTION
}
