package io.github.pgrl.core.credit;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.Trajectory;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Weights every step of a trajectory by the same number: its discounted return from the first step,
 * {@code Σ_t γ^t r_t} (plus {@code γ^T} times the value after the end when it did not terminate).
 *
 * <p>This is REINFORCE as first written (Williams, 1992). It is unbiased but noisier than {@link
 * DiscountedReturn}, which does not credit an action with rewards that came before it.
 *
 * @since 0.1.0
 */
public final class EpisodeReturn implements CreditAssigner {

  private final double gamma;

  private EpisodeReturn(double gamma) {
    this.gamma = gamma;
  }

  /**
   * The whole-episode return with discount factor {@code gamma}.
   *
   * @param gamma the discount factor in {@code [0, 1]}
   * @return the assigner
   * @throws IllegalArgumentException if {@code gamma} is outside {@code [0, 1]} or NaN
   */
  public static EpisodeReturn of(double gamma) {
    return new EpisodeReturn(Discounting.checkUnit("gamma", gamma));
  }

  @Override
  public double[] assign(Trajectory<?> trajectory) {
    int n = trajectory.length();
    double total = trajectory.valueAfterEnd();
    for (int t = n - 1; t >= 0; t--) {
      total = trajectory.reward(t) + gamma * total;
    }
    double[] w = new double[n];
    Arrays.fill(w, total);
    return w;
  }

  /** {@inheritDoc} */
  @Override
  public OptionalDouble discount() {
    return OptionalDouble.of(gamma);
  }

  @Override
  public String toString() {
    return "EpisodeReturn(gamma=" + gamma + ")";
  }
}
