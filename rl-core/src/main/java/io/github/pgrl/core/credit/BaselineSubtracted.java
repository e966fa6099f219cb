package io.github.pgrl.core.credit;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.Descriptions;
import io.github.pgrl.core.Trajectory;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Subtracts a {@link Baseline} from the weights of another assigner: {@code w_t = G_t − b(s_t)}.
 *
 * <p>With the value estimates as baseline and discounted returns as weights this is the advantage
 * estimate of REINFORCE with baseline (Williams, 1992, section 5; Sutton &amp; Barto, 13.4).
 *
 * <p>Its {@link #describe() description}, which checkpoints store, names the inner assigner's
 * description and the baseline, as {@link Descriptions#of} describes it: {@code
 * BaselineSubtracted(DiscountedReturn(gamma=0.99), baseline=com.example.Main$$Lambda)}. A lambda baseline
 * (the bundled {@link Baseline#constant} and {@link Baseline#valueEstimates()} are lambdas of {@link
 * Baseline}) is described by the class that wrote it, so two lambda baselines of one class look alike:
 * tell them apart with {@link CreditAssigner#named}.
 *
 * @since 0.1.0
 */
public final class BaselineSubtracted implements CreditAssigner {

  private final CreditAssigner inner;
  private final Baseline baseline;

  private BaselineSubtracted(CreditAssigner inner, Baseline baseline) {
    this.inner = inner;
    this.baseline = baseline;
  }

  /**
   * Subtracts {@code baseline} from the weights of {@code inner}.
   *
   * @param inner the assigner whose weights are reduced
   * @param baseline the baseline
   * @return the decorator
   * @throws NullPointerException if an argument is {@code null}
   */
  public static BaselineSubtracted of(CreditAssigner inner, Baseline baseline) {
    return new BaselineSubtracted(Objects.requireNonNull(inner, "inner"), Objects.requireNonNull(baseline, "baseline"));
  }

  @Override
  public double[] assign(Trajectory<?> trajectory) {
    double[] w = inner.assign(trajectory);
    double[] b = baseline.values(trajectory);
    if (b.length != w.length) {
      throw new IllegalArgumentException(
          "the baseline gave " + b.length + " values for a trajectory of " + w.length + " steps");
    }
    for (int t = 0; t < w.length; t++) {
      if (!Double.isFinite(b[t])) {
        throw new IllegalArgumentException("the baseline at step " + t + " is " + b[t] + "; it must be finite");
      }
      w[t] -= b[t];
    }
    return w;
  }

  @Override
  public boolean isAdvantage() {
    return true;
  }

  /** {@inheritDoc} */
  @Override
  public OptionalDouble discount() {
    return inner.discount();
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code BaselineSubtracted(inner, baseline=b)}, with the inner assigner's description and the
   *     baseline as {@link Descriptions#of} describes it
   */
  @Override
  public String describe() {
    return "BaselineSubtracted(" + inner.describe() + ", baseline=" + Descriptions.of(baseline) + ")";
  }

  @Override
  public String toString() {
    return "BaselineSubtracted(" + inner + ", baseline=" + Descriptions.of(baseline) + ")";
  }
}
