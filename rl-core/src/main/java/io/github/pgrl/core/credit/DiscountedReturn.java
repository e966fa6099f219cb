package io.github.pgrl.core.credit;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.Trajectory;

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
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning", Machine Learning 8, 1992.
 *
 * @since 0.1.0
 */
public final class DiscountedReturn implements CreditAssigner {

  private final double gamma;
  private final boolean restart;

  private DiscountedReturn(double gamma, boolean restart) {
    this.gamma = gamma;
    this.restart = restart;
  }

  /**
   * The discounted return with discount factor {@code gamma}.
   *
   * @param gamma the discount factor in {@code [0, 1]}
   * @return the assigner
   * @throws IllegalArgumentException if {@code gamma} is outside {@code [0, 1]} or NaN
   */
  public static DiscountedReturn of(double gamma) {
    return new DiscountedReturn(Discounting.checkUnit("gamma", gamma), false);
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
    return new DiscountedReturn(gamma, true);
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
   * Whether the running sum restarts at non-zero rewards.
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
      if (restart && r != 0.0) {
        running = 0.0;
      }
      running = r + gamma * running;
      g[t] = running;
    }
    return g;
  }

  @Override
  public String toString() {
    return "DiscountedReturn(gamma=" + gamma + (restart ? ", restarting at non-zero rewards" : "") + ")";
  }
}
