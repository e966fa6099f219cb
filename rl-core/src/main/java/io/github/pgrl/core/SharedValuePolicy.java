package io.github.pgrl.core;

import java.util.concurrent.Executor;

/**
 * A trainable policy whose network also estimates the value V(s) of a state, from the trunk it computes
 * π(·|s) with: the shared actor-critic network of A2C and PPO (Mnih et al. 2016; Schulman et al. 2017), as
 * CleanRL's Atari PPO and Stable-Baselines3's CNN policies build it. A trainer asks it for V(s) instead of
 * a value function of its own, and trains both parts with one combined gradient, one optimizer and one
 * clipped gradient norm.
 *
 * <p>The combined objective of a batch, the quantity the gradient ascends, is the policy part of {@link
 * #computeGradient(RecordedSteps, LogMuDerivative, double, Exploration, double, Executor, double[])} minus
 * {@code c·scale·Σ_t loss_t}, where {@code loss_t} is {@link ValueTargets#loss} of step {@code t}'s
 * predicted value and {@code c} the value coefficient: with {@code scale = 1/n} it is {@code −(L_policy −
 * β·H + c·L_value)} with {@code L_value} the mean squared error, Stable-Baselines3's loss with {@code c} its
 * {@code vf_coef}.
 *
 * <p>An implementation may have no value output (the MLP without one): {@link #hasValueOutput()} tells,
 * and the methods of this interface then throw {@link IllegalStateException}. Results must not depend on
 * the executor, as for {@link TrainablePolicy#computeGradient}.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public interface SharedValuePolicy<O, A> extends TrainablePolicy<O, A> {

  /**
   * Whether the network has the value output; without it the methods below throw.
   *
   * @return {@code true} if V(s) can be asked for
   */
  boolean hasValueOutput();

  /**
   * V(s) for one observation.
   *
   * @param observation an observation of the environment's space
   * @return the estimate
   * @throws IllegalArgumentException if the observation does not fit
   * @throws IllegalStateException if the network has no value output
   */
  double value(O observation);

  /**
   * V(s_t) of every recorded step, in one batched pass.
   *
   * @param steps the steps, made by {@link #newSteps()}
   * @return one estimate per step
   * @throws IllegalArgumentException if the steps do not fit
   * @throws IllegalStateException if the network has no value output
   */
  double[] values(RecordedSteps<O, A> steps);

  /**
   * Sets the gradient to that of the combined objective in one backward pass: the policy part exactly as
   * {@link #computeGradient(RecordedSteps, LogMuDerivative, double, Exploration, double, Executor, double[])}
   * (whose arguments these are), minus {@code valueCoefficient·scale·Σ_t loss_t} of the predicted values.
   *
   * @param steps the steps, made by {@link #newSteps()}
   * @param derivative {@code f'_t} of step {@code t} at a log μ; called once per step, from any thread
   * @param entropyCoefficient β, finite and at least 0
   * @param exploration what mixed π into μ
   * @param scale the factor on the sums, positive and finite ({@code 1/n} for means)
   * @param executor where parts of the work may run, or {@code null}; the results must not depend on it
   * @param logMu receives log μ(a_t|s_t) of every step; as many values as steps
   * @param targets the value targets of the steps (and the clip of the value objective)
   * @param valueCoefficient c, positive and finite
   * @param values receives V(s_t) of every step as the pass computed it; as many values as steps
   * @return the policy part as {@code computeGradient} gives it (the value part is {@link
   *     ValueTargets#meanLoss} of {@code values})
   * @throws IllegalArgumentException as {@code computeGradient}, or if {@code targets} or {@code values}
   *     have another length than the steps or the coefficient is not positive and finite
   * @throws IllegalStateException if the network has no value output
   */
  TrainablePolicy.Evaluation computeGradient(RecordedSteps<O, A> steps, LogMuDerivative derivative,
      double entropyCoefficient, Exploration exploration, double scale, Executor executor, double[] logMu,
      ValueTargets targets, double valueCoefficient, double[] values);
}
