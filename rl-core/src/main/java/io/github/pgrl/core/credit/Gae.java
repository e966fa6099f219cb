package io.github.pgrl.core.credit;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.Trajectory;
import java.util.OptionalDouble;

/**
 * Generalised advantage estimation: {@code A_t = Σ_k (γλ)^k δ_{t+k}} with the temporal-difference errors
 * {@code δ_t = r_t + γ·V(s_{t+1}) − V(s_t)}.
 *
 * <p>It needs the trajectory's value estimates ({@link Trajectory#values()}). Beyond the last step, {@code
 * V} is 0 if the trajectory terminated and its bootstrap value if it was truncated or is a segment of an
 * episode that goes on. {@code λ = 0} gives the one-step TD error, {@code λ = 1} the discounted return
 * minus the value (as {@link BaselineSubtracted} with the value estimates).
 *
 * <p>For rewards {@code [1, 1, 1]}, values {@code [0.5, 0.4, 0.3]}, {@code γ = 0.99} and {@code λ = 0.95}
 * the advantages are {@code [2.358807, 1.55535, 0.7]} when terminated and {@code [2.533946, 1.741569,
 * 0.898]} when truncated with bootstrap value 0.2.
 *
 * <p>Reference: J. Schulman, P. Moritz, S. Levine, M. Jordan, P. Abbeel, "High-dimensional continuous
 * control using generalized advantage estimation", ICLR 2016.
 *
 * @since 0.1.0
 */
public final class Gae implements CreditAssigner {

  private final double gamma;
  private final double lambda;

  private Gae(double gamma, double lambda) {
    this.gamma = gamma;
    this.lambda = lambda;
  }

  /**
   * GAE with discount {@code gamma} and trace parameter {@code lambda}.
   *
   * @param gamma the discount factor in {@code [0, 1]}
   * @param lambda the trace parameter in {@code [0, 1]}
   * @return the assigner
   * @throws IllegalArgumentException if a parameter is outside {@code [0, 1]} or NaN
   */
  public static Gae of(double gamma, double lambda) {
    return new Gae(Discounting.checkUnit("gamma", gamma), Discounting.checkUnit("lambda", lambda));
  }

  /**
   * The advantages.
   *
   * @throws IllegalArgumentException if the trajectory has no value estimates
   */
  @Override
  public double[] assign(Trajectory<?> trajectory) {
    requireValues(trajectory);
    int n = trajectory.length();
    double[] adv = new double[n];
    double nextValue = trajectory.valueAfterEnd();
    double running = 0.0;
    for (int t = n - 1; t >= 0; t--) {
      double v = trajectory.value(t);
      double delta = trajectory.reward(t) + gamma * nextValue - v;
      running = delta + gamma * lambda * running;
      adv[t] = running;
      nextValue = v;
    }
    return adv;
  }

  /**
   * The λ-returns {@code A_t + V(s_t)}: the regression targets of a value function trained alongside.
   *
   * @param trajectory a trajectory with value estimates
   * @return one target per step
   * @throws IllegalArgumentException if the trajectory has no value estimates
   */
  public double[] lambdaReturns(Trajectory<?> trajectory) {
    double[] r = assign(trajectory);
    for (int t = 0; t < r.length; t++) {
      r[t] += trajectory.value(t);
    }
    return r;
  }

  private static void requireValues(Trajectory<?> trajectory) {
    if (!trajectory.hasValues()) {
      throw new IllegalArgumentException(
          "GAE needs value estimates; attach them with Trajectory.withValues (or use DiscountedReturn)");
    }
  }

  @Override
  public boolean isAdvantage() {
    return true;
  }

  /** {@inheritDoc} */
  @Override
  public OptionalDouble discount() {
    return OptionalDouble.of(gamma);
  }

  @Override
  public String toString() {
    return "Gae(gamma=" + gamma + ", lambda=" + lambda + ")";
  }
}
