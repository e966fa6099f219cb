package io.github.pgrl.core.credit;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.Trajectory;
import java.util.OptionalDouble;

/**
 * Weights each step by the discounted return that followed it: {@code G_t = r_t + γ·G_{t+1}}.
 *
 * <p>Beyond the last step the sum continues from {@link Trajectory#valueAfterEnd()}: 0 for a terminated
 * trajectory, its bootstrap value for a truncated one or a segment.
 *
 * <p>With {@link #restartingAtNonZeroReward()} the running sum is reset to 0 before every step whose
 * reward is non-zero, so that each non-zero reward is credited only to the steps since the previous one.
 * This is the rule of the classic pong-from-pixels program, where every point (±1) ends a rally that is
 * independent of the next. For {@code r = [0, 0, 1, 0, −1]} and {@code γ = 0.99} it gives {@code [0.9801,
 * 0.99, 1.0, −0.99, −1.0]}, where the plain return gives {@code [0.019504, 0.019701, 0.0199, −0.99,
 * −1.0]}.
 *
 * <p>With a shaped reward the shaping bonuses are non-zero too, and restarting at them would cut a point's
 * credit off at the last bonus before it. {@link #restartingAtRewardsOfMagnitude(double)} restarts only at
 * rewards at least as large as a point: for Pong with a hit bonus of 0.5, {@code
 * restartingAtRewardsOfMagnitude(1.0)} credits each point to the whole rally, bonuses included.
 *
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning", Machine Learning 8, 1992.
 *
 * @since 0.1.0
 */
public final class DiscountedReturn implements CreditAssigner {

  private final double gamma;
  private final boolean restart;
  /** With {@code restart}: the least |reward| that restarts the sum (0: any non-zero reward). */
  private final double restartAt;

  private DiscountedReturn(double gamma, boolean restart, double restartAt) {
    this.gamma = gamma;
    this.restart = restart;
    this.restartAt = restartAt;
  }

  /**
   * The discounted return with discount factor {@code gamma}.
   *
   * @param gamma the discount factor in {@code [0, 1]}
   * @return the assigner
   * @throws IllegalArgumentException if {@code gamma} is outside {@code [0, 1]} or NaN
   */
  public static DiscountedReturn of(double gamma) {
    return new DiscountedReturn(Discounting.checkUnit("gamma", gamma), false, 0.0);
  }

  /**
   * The undiscounted reward-to-go {@code Σ_{k≥t} r_k}, that is {@code of(1.0)}.
   *
   * @return the assigner
   */
  public static DiscountedReturn rewardToGo() {
    return of(1.0);
  }

  /**
   * The same discounting, restarting the running sum at every non-zero reward.
   *
   * @return a new assigner
   */
  public DiscountedReturn restartingAtNonZeroReward() {
    return new DiscountedReturn(gamma, true, 0.0);
  }

  /**
   * The same discounting, restarting the running sum at every reward whose magnitude is at least {@code
   * atLeast}: at the points of a game, not at the smaller shaping bonuses between them.
   *
   * @param atLeast the least |reward| that restarts the sum, positive and finite
   * @return a new assigner
   * @throws IllegalArgumentException if {@code atLeast} is not positive and finite
   */
  public DiscountedReturn restartingAtRewardsOfMagnitude(double atLeast) {
    if (!(atLeast > 0) || Double.isInfinite(atLeast)) {
      throw new IllegalArgumentException(
          "the magnitude at which returns restart must be positive and finite, got " + atLeast);
    }
    return new DiscountedReturn(gamma, true, atLeast);
  }

  /**
   * The discount factor.
   *
   * @return γ
   */
  public double gamma() {
    return gamma;
  }

  /**
   * Whether the running sum restarts at non-zero rewards (or at those of a least magnitude).
   *
   * @return {@code true} for the pong-from-pixels rule
   */
  public boolean restarts() {
    return restart;
  }

  @Override
  public double[] assign(Trajectory<?> trajectory) {
    int n = trajectory.length();
    double[] g = new double[n];
    double running = trajectory.valueAfterEnd();
    for (int t = n - 1; t >= 0; t--) {
      double r = trajectory.reward(t);
      if (restart && r != 0.0 && Math.abs(r) >= restartAt) {
        running = 0.0;
      }
      running = r + gamma * running;
      g[t] = running;
    }
    return g;
  }

  /** {@inheritDoc} */
  @Override
  public OptionalDouble discount() {
    return OptionalDouble.of(gamma);
  }

  @Override
  public String toString() {
    String rule = !restart ? "" : restartAt == 0.0 ? ", restarting at non-zero rewards"
        : ", restarting at rewards of magnitude >= " + restartAt;
    return "DiscountedReturn(gamma=" + gamma + rule + ")";
  }
}
