package io.github.pgrl.core.credit;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Standardises the weights of another assigner to mean 0 and (population) standard deviation 1, per
 * episode or per batch.
 *
 * <p>Standardising keeps the size of the gradient steady whatever the scale of the rewards, and centring
 * acts as a crude baseline: roughly half of the actions are encouraged and half discouraged. The classic
 * pong-from-pixels program standardises per episode; per batch ({@link #perBatch}) uses the statistics of
 * all steps of all trajectories passed to {@link #assignBatch} together, which is less noisy. For a
 * single trajectory, {@link #assign} standardises within it in both modes.
 *
 * <p>When the standard deviation is below {@value #MIN_STD} (all weights equal) the weights are only
 * centred, to zero, instead of being divided by almost nothing.
 *
 * @since 0.1.0
 */
public final class Standardized implements CreditAssigner {

  /** Standard deviations below this count as zero. */
  public static final double MIN_STD = 1e-8;

  private final CreditAssigner inner;
  private final boolean perBatch;

  private Standardized(CreditAssigner inner, boolean perBatch) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.perBatch = perBatch;
  }

  /**
   * Standardises within each trajectory.
   *
   * @param inner the assigner whose weights are standardised
   * @return the decorator
   * @throws NullPointerException if {@code inner} is {@code null}
   */
  public static Standardized perEpisode(CreditAssigner inner) {
    return new Standardized(inner, false);
  }

  /**
   * Standardises over all steps of a batch.
   *
   * @param inner the assigner whose weights are standardised
   * @return the decorator
   * @throws NullPointerException if {@code inner} is {@code null}
   */
  public static Standardized perBatch(CreditAssigner inner) {
    return new Standardized(inner, true);
  }

  @Override
  public double[] assign(Trajectory<?> trajectory) {
    double[] w = inner.assign(trajectory);
    standardize(List.of(w));
    return w;
  }

  @Override
  public List<double[]> assignBatch(List<? extends Trajectory<?>> batch) {
    List<double[]> out = new ArrayList<>(inner.assignBatch(batch));
    if (perBatch) {
      standardize(out);
    } else {
      for (double[] w : out) {
        standardize(List.of(w));
      }
    }
    return out;
  }

  /**
   * Standardises weights in place to mean 0 and population standard deviation 1 (only centred when the
   * standard deviation is below {@value #MIN_STD}).
   *
   * @param weights the weights
   */
  public static void inPlace(double[] weights) {
    standardize(List.of(weights));
  }

  /** Standardises the arrays in place, with the statistics of all their elements together. */
  private static void standardize(List<double[]> arrays) {
    long n = 0;
    double mean = 0.0;
    double m2 = 0.0;
    for (double[] w : arrays) {
      for (double x : w) {
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
      }
    }
    if (n == 0) {
      return;
    }
    double std = Math.sqrt(m2 / n);
    double scale = std < MIN_STD ? 1.0 : 1.0 / std;
    for (double[] w : arrays) {
      for (int i = 0; i < w.length; i++) {
        w[i] = (w[i] - mean) * scale;
      }
    }
  }

  @Override
  public boolean isAdvantage() {
    return inner.isAdvantage();
  }

  /** {@inheritDoc} */
  @Override
  public OptionalDouble discount() {
    return inner.discount();
  }

  /** {@inheritDoc} */
  @Override
  public String describe() {
    return "Standardized(" + inner.describe() + (perBatch ? ", per batch)" : ", per episode)");
  }

  @Override
  public String toString() {
    return "Standardized(" + inner + (perBatch ? ", per batch)" : ", per episode)");
  }
}
