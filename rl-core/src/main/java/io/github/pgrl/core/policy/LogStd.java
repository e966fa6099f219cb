package io.github.pgrl.core.policy;

/**
 * Where a {@link GaussianPolicy} takes the logarithm of its standard deviations from.
 *
 * <p>Either way the value used is clamped to {@code [}{@value GaussianPolicy#MIN_LOG_STD}{@code ,
 * }{@value GaussianPolicy#MAX_LOG_STD}{@code ]}. Outside that range a {@link #PARAMETER} value's
 * derivative is the one at the limit when it points back into the range, else 0, and a {@link #HEAD}
 * output's derivative is 0 (see {@link GaussianPolicy}).
 *
 * @since 0.1.0
 */
public enum LogStd {
  /**
   * A learned vector, one value per action coordinate, the same for every state (the default, as in
   * Stable-Baselines3's PPO and A2C): the last parameters of the policy.
   */
  PARAMETER,
  /**
   * A second output head of the network: the network has two outputs per action coordinate, the means
   * and then the log standard deviations, so that the spread depends on the state (as in SAC).
   */
  HEAD
}
