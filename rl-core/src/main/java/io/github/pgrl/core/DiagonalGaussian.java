package io.github.pgrl.core;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A normal distribution over {@code float[]} actions with independent coordinates, each of its own mean
 * and standard deviation, optionally squashed by tanh into a box {@code [low, high]}: the distribution of a
 * policy over continuous ({@code Box}) actions.
 *
 * <p><b>Plain</b> ({@link #of}): coordinate {@code i} of an action is {@code a_i = m_i + σ_i·ε_i} with
 * {@code ε_i ~ N(0, 1)}; it is unbounded. Its log-density is {@code Σ_i log N(a_i; m_i, σ_i)}, its entropy
 * the closed form {@code Σ_i ½·log(2πe·σ_i²)} and its {@link #mode()} the mean.
 *
 * <p><b>Squashed</b> ({@link #squashed}, as SAC and Stable-Baselines3 squash): a Gaussian sample {@code u}
 * is mapped into the box by {@code a_i = low_i + (tanh(u_i) + 1)/2·(high_i − low_i)}, so the log-density
 * of an action is that of {@code u = tanh⁻¹(y)}, {@code y_i = 2(a_i − low_i)/(high_i − low_i) − 1}, less the
 * log-determinant of the Jacobian: {@code log μ(a) = Σ_i [log N(u_i; m_i, σ_i) − log(s_i·(1 − tanh²u_i))]}
 * with {@code s_i = (high_i − low_i)/2}, where {@code log(1 − tanh²u) = 2·(log 2 − |u| − log(1 +
 * e^{−2|u|}))} is computed without cancellation. A float action resolves {@code y} near ±1 only to about
 * 10⁻⁷, so {@code y} is limited to {@code ±(1 − }{@value #SQUASH_LIMIT}{@code )} (|u| ≤ 7.25) when an
 * action is read back; sampling keeps the action inside {@code [low, high]}. A squashed distribution has
 * no closed-form entropy: {@link #entropy()} is that of the Gaussian before squashing (what the policy
 * gradient's entropy bonus raises), and {@link #mode()} is the squashed mean (the deterministic action of
 * SAC and Stable-Baselines3, not the maximum of the squashed density).
 *
 * <p>Immutable: the factories copy their arguments. Sampling draws one {@code nextGaussian()} per
 * coordinate, in order.
 *
 * <p>Reference: T. Haarnoja et al., "Soft Actor-Critic: Off-Policy Maximum Entropy Deep Reinforcement
 * Learning with a Stochastic Actor", ICML 2018, appendix C (the squashing and its log-likelihood).
 *
 * @since 0.1.0
 */
public final class DiagonalGaussian implements ActionDistribution<float[]> {

  /**
   * How close to ±1 the normalised action {@code y} may come when a squashed action is read back: closer
   * values are taken as {@code ±(1 − 10⁻⁶)}.
   */
  public static final double SQUASH_LIMIT = 1e-6;

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);
  private static final double LOG_2 = Math.log(2.0);

  private final double[] mean;
  private final double[] std;
  /** The box of a squashed distribution, or {@code null}. */
  private final float[] low;
  private final float[] high;

  private DiagonalGaussian(double[] mean, double[] std, float[] low, float[] high) {
    this.mean = mean;
    this.std = std;
    this.low = low;
    this.high = high;
  }

  /**
   * A plain (unbounded) diagonal Gaussian.
   *
   * @param mean the mean of each coordinate, at least one, all finite
   * @param std the standard deviation of each coordinate, as many as {@code mean}, all positive and finite
   * @return the distribution, with copies of the arrays
   * @throws IllegalArgumentException if the lengths differ or are 0, a mean is not finite, or a standard
   *     deviation is not positive and finite (naming the first such coordinate)
   */
  public static DiagonalGaussian of(double[] mean, double[] std) {
    double[] m = mean.clone();
    double[] s = std.clone();
    requireParameters(m, s);
    return new DiagonalGaussian(m, s, null, null);
  }

  /**
   * A diagonal Gaussian squashed by tanh into the box {@code [low, high]} (see the class comment).
   *
   * @param mean the mean of each coordinate before squashing, at least one, all finite
   * @param std the standard deviation of each coordinate before squashing, as many as {@code mean}, all
   *     positive and finite
   * @param low the lower bound of each coordinate, as many as {@code mean}, all finite
   * @param high the upper bound of each coordinate, as many as {@code mean}, all finite and above {@code low}
   * @return the distribution, with copies of the arrays
   * @throws IllegalArgumentException as {@link #of}, or if a bound's length differs, a bound is not finite
   *     ("a Gaussian bound that is not finite") or {@code high_i ≤ low_i}
   */
  public static DiagonalGaussian squashed(double[] mean, double[] std, float[] low, float[] high) {
    double[] m = mean.clone();
    double[] s = std.clone();
    requireParameters(m, s);
    float[] lo = low.clone();
    float[] hi = high.clone();
    requireBounds(lo, hi, m.length);
    return new DiagonalGaussian(m, s, lo, hi);
  }

  /**
   * Refuses bounds that squashing cannot map onto: another length, a bound that is not finite, or an empty
   * interval.
   *
   * @param low the lower bounds
   * @param high the upper bounds
   * @param dimensions the number of coordinates
   * @throws IllegalArgumentException naming the first bad bound
   */
  public static void requireBounds(float[] low, float[] high, int dimensions) {
    if (low.length != dimensions || high.length != dimensions) {
      throw new IllegalArgumentException("need one lower and one upper bound per coordinate: " + dimensions
          + " coordinates, " + low.length + " lower and " + high.length + " upper bounds");
    }
    for (int i = 0; i < dimensions; i++) {
      if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
        throw new IllegalArgumentException("coordinate " + i + " has the bounds [" + low[i] + ", " + high[i]
            + "], a Gaussian bound that is not finite: tanh squashing maps onto [low, high] and needs both"
            + " bounds finite (leave squashing off for an unbounded space)");
      }
      if (!(high[i] > low[i])) {
        throw new IllegalArgumentException("coordinate " + i + " has the bounds [" + low[i] + ", " + high[i]
            + "]; squashing needs low < high");
      }
    }
  }

  private static void requireParameters(double[] mean, double[] std) {
    if (mean.length == 0) {
      throw new IllegalArgumentException("a Gaussian needs at least one coordinate, got no means");
    }
    if (std.length != mean.length) {
      throw new IllegalArgumentException("need one standard deviation per mean: " + mean.length + " means, "
          + std.length + " standard deviations");
    }
    for (int i = 0; i < mean.length; i++) {
      if (!Double.isFinite(mean[i])) {
        throw new IllegalArgumentException("the mean of coordinate " + i + " is " + mean[i] + "; means must be finite");
      }
      if (!(std[i] > 0.0) || Double.isInfinite(std[i])) {
        throw new IllegalArgumentException("the standard deviation of coordinate " + i + " is " + std[i]
            + "; standard deviations must be positive and finite");
      }
    }
  }

  /**
   * The number of coordinates of an action.
   *
   * @return the dimension, at least 1
   */
  public int dimensions() {
    return mean.length;
  }

  /**
   * The means (before squashing, for a squashed distribution).
   *
   * @return a copy
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * The standard deviations (before squashing, for a squashed distribution).
   *
   * @return a copy
   */
  public double[] std() {
    return std.clone();
  }

  /**
   * Whether the Gaussian is squashed into a box.
   *
   * @return {@code true} for a distribution made by {@link #squashed}
   */
  public boolean isSquashed() {
    return low != null;
  }

  /**
   * Draws an action: one {@code nextGaussian()} per coordinate, in order; squashed into the box if this
   * distribution is squashed.
   */
  @Override
  public float[] sample(RandomGenerator rng) {
    float[] a = new float[mean.length];
    for (int i = 0; i < a.length; i++) {
      double u = mean[i] + std[i] * rng.nextGaussian();
      a[i] = low == null ? (float) u : squash(u, i);
    }
    return a;
  }

  /** The coordinate {@code i} of the box that {@code u} is squashed to; never outside the box. */
  private float squash(double u, int i) {
    float a = (float) (low[i] + (Math.tanh(u) + 1.0) * 0.5 * ((double) high[i] - low[i]));
    return Math.min(high[i], Math.max(low[i], a));
  }

  /**
   * The log-density of an action (see the class comment).
   *
   * @throws IllegalArgumentException if the action has another number of coordinates, a value that is not
   *     finite, or, squashed, a value outside the box
   */
  @Override
  public double logProbability(float[] action) {
    requireAction(action);
    double sum = 0.0;
    for (int i = 0; i < mean.length; i++) {
      if (low == null) {
        sum += logNormal(action[i], mean[i], std[i]);
      } else {
        double u = unsquash(action[i], low[i], high[i]);
        sum += logNormal(u, mean[i], std[i]) - Math.log(0.5 * ((double) high[i] - low[i])) - logOneMinusTanhSquared(u);
      }
    }
    return sum;
  }

  private void requireAction(float[] action) {
    if (action.length != mean.length) {
      throw new IllegalArgumentException("the action has " + action.length + " values, this Gaussian has "
          + mean.length + " coordinates");
    }
    for (int i = 0; i < action.length; i++) {
      if (!Float.isFinite(action[i])) {
        throw new IllegalArgumentException("coordinate " + i + " of the action is " + action[i] + "; actions must be finite");
      }
      if (low != null && !(action[i] >= low[i] && action[i] <= high[i])) {
        throw new IllegalArgumentException("coordinate " + i + " of the action is " + action[i] + ", outside ["
            + low[i] + ", " + high[i] + "], where this squashed Gaussian lies");
      }
    }
  }

  /** The sum of {@code ½·log(2πe·σ_i²)}: the entropy of the Gaussian, before any squashing. */
  @Override
  public double entropy() {
    double h = 0.0;
    for (double s : std) {
      h += 0.5 + HALF_LOG_TWO_PI + Math.log(s);
    }
    return h;
  }

  /** The mean; for a squashed distribution the squashed mean. */
  @Override
  public float[] mode() {
    float[] a = new float[mean.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = low == null ? (float) mean[i] : squash(mean[i], i);
    }
    return a;
  }

  /** {@code log N(x; m, σ)}. */
  static double logNormal(double x, double m, double s) {
    double z = (x - m) / s;
    return -0.5 * z * z - Math.log(s) - HALF_LOG_TWO_PI;
  }

  /**
   * The pre-squash value {@code u = tanh⁻¹(y)} of a coordinate {@code a} of the box {@code [low, high]},
   * with {@code y = 2(a − low)/(high − low) − 1} limited to {@code ±(1 − }{@value #SQUASH_LIMIT}{@code )}.
   *
   * @param a the action's coordinate, within {@code [low, high]}
   * @param low the lower bound, finite
   * @param high the upper bound, finite, above {@code low}
   * @return u
   */
  public static double unsquash(double a, double low, double high) {
    double y = 2.0 * (a - low) / (high - low) - 1.0;
    y = Math.max(-1.0 + SQUASH_LIMIT, Math.min(1.0 - SQUASH_LIMIT, y));
    return 0.5 * Math.log((1.0 + y) / (1.0 - y));
  }

  /**
   * {@code log(1 − tanh²u)}, computed as {@code 2·(log 2 − |u| − log(1 + e^{−2|u|}))} without cancellation.
   *
   * @param u the pre-squash value
   * @return the logarithm of the derivative of tanh at {@code u}
   */
  public static double logOneMinusTanhSquared(double u) {
    double x = Math.abs(u);
    return 2.0 * (LOG_2 - x - Math.log1p(Math.exp(-2.0 * x)));
  }

  @Override
  public String toString() {
    return "DiagonalGaussian(mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std)
        + (low == null ? "" : ", squashed into " + Arrays.toString(low) + " .. " + Arrays.toString(high)) + ")";
  }
}
