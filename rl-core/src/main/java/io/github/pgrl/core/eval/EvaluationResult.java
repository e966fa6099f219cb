package io.github.pgrl.core.eval;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The outcome of a {@link PolicyEvaluation}: the return and length of every episode, with their summary
 * statistics.
 *
 * <p>The statistics are computed from the returns: the {@link #mean()}, the sample {@link
 * #standardDeviation()} (with {@code n − 1} in the denominator) and the Student-t {@link
 * #confidenceInterval() confidence interval of the mean}. Immutable.
 *
 * @param returns the undiscounted return (sum of rewards) of every episode, in order; at least one, all
 *     finite; stored as an unmodifiable copy
 * @param lengths the number of steps of every episode, in order, as many as returns; each at least 1;
 *     stored as an unmodifiable copy
 * @param cutAtStepLimit how many episodes the evaluation's step limit cut before the environment ended
 *     them, between 0 and the number of episodes
 * @since 0.1.0
 */
public record EvaluationResult(List<Double> returns, List<Integer> lengths, int cutAtStepLimit) {

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if there is no return, a return is not finite, the numbers of returns
   *     and lengths differ, a length is below 1, or {@code cutAtStepLimit} is outside {@code [0, episodes]}
   * @throws NullPointerException if a list or an element is {@code null}
   */
  public EvaluationResult {
    returns = List.copyOf(Objects.requireNonNull(returns, "returns"));
    lengths = List.copyOf(Objects.requireNonNull(lengths, "lengths"));
    if (returns.isEmpty()) {
      throw new IllegalArgumentException("an evaluation needs at least one episode, got no returns");
    }
    if (lengths.size() != returns.size()) {
      throw new IllegalArgumentException("every episode needs a return and a length, got " + returns.size()
          + " returns and " + lengths.size() + " lengths");
    }
    for (int e = 0; e < returns.size(); e++) {
      if (!Double.isFinite(returns.get(e))) {
        throw new IllegalArgumentException("returns must be finite, episode " + e + " has " + returns.get(e));
      }
      if (lengths.get(e) < 1) {
        throw new IllegalArgumentException("an episode lasts at least 1 step, episode " + e + " has " + lengths.get(e));
      }
    }
    if (cutAtStepLimit < 0 || cutAtStepLimit > returns.size()) {
      throw new IllegalArgumentException("cutAtStepLimit must be between 0 and the " + returns.size()
          + " episodes, got " + cutAtStepLimit);
    }
  }

  /**
   * The number of episodes played.
   *
   * @return {@code returns().size()}, at least 1
   */
  public int episodes() {
    return returns.size();
  }

  /**
   * The mean return.
   *
   * @return the arithmetic mean of {@link #returns()}
   */
  public double mean() {
    double sum = 0;
    for (double r : returns) {
      sum += r;
    }
    return sum / returns.size();
  }

  /**
   * The sample standard deviation of the returns, {@code sqrt(Σ(r − mean)² / (n − 1))}.
   *
   * @return the standard deviation; 0 for a single episode (one return says nothing about the spread, see
   *     {@link #confidenceInterval()})
   */
  public double standardDeviation() {
    int n = returns.size();
    if (n == 1) {
      return 0.0;
    }
    double mean = mean();
    double squares = 0;
    for (double r : returns) {
      squares += (r - mean) * (r - mean);
    }
    return Math.sqrt(squares / (n - 1));
  }

  /**
   * The 95% confidence interval of the mean return, {@code confidenceInterval(0.95)}.
   *
   * @return the interval
   */
  public Interval confidenceInterval() {
    return confidenceInterval(0.95);
  }

  /**
   * The Student-t confidence interval of the mean return: {@code mean ± t · s / √n}, where {@code s} is the
   * {@link #standardDeviation()} and {@code t} the {@code (1 + level) / 2} quantile of Student's t
   * distribution with {@code n − 1} degrees of freedom. It assumes independent episodes whose returns are
   * roughly normal, or many episodes.
   *
   * @param level the confidence level, strictly between 0 and 1 (0.95 for 95%)
   * @return the interval; {@code (−∞, +∞)} for a single episode, whose spread is unknown
   * @throws IllegalArgumentException if {@code level} is not strictly between 0 and 1
   */
  public Interval confidenceInterval(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("the confidence level must be strictly between 0 and 1, got " + level);
    }
    int n = returns.size();
    double mean = mean();
    if (n == 1) {
      return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
    // No generator: the distribution gives quantiles here and is never sampled.
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + level) / 2);
    double half = t * standardDeviation() / Math.sqrt(n);
    return new Interval(mean - half, mean + half);
  }

  /**
   * The mean number of steps of an episode.
   *
   * @return the arithmetic mean of {@link #lengths()}
   */
  public double meanLength() {
    long sum = 0;
    for (int length : lengths) {
      sum += length;
    }
    return (double) sum / lengths.size();
  }

  /**
   * A summary: episodes, mean return with its 95% interval, standard deviation and mean length.
   *
   * @return for example {@code "4 episodes: mean return 3.0 (95% CI 1.700… to 4.299…), standard deviation
   *     0.816…, mean length 2.75"}, the numbers as {@link Double#toString(double)} writes them
   */
  @Override
  public String toString() {
    Interval ci = confidenceInterval();
    return episodes() + (episodes() == 1 ? " episode" : " episodes") + ": mean return " + mean() + " (95% CI "
        + ci.lower() + " to " + ci.upper() + "), standard deviation " + standardDeviation() + ", mean length "
        + meanLength() + (cutAtStepLimit == 0 ? "" : ", " + cutAtStepLimit + " cut at the step limit");
  }

  /**
   * A closed interval of the real line, possibly unbounded.
   *
   * @param lower the lower end; not NaN, may be {@code −∞}
   * @param upper the upper end; not NaN, at least {@code lower}, may be {@code +∞}
   */
  public record Interval(double lower, double upper) {

    /**
     * Validates the ends.
     *
     * @throws IllegalArgumentException if an end is NaN or {@code lower > upper}
     */
    public Interval {
      if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
        throw new IllegalArgumentException("an interval needs lower <= upper and no NaN end, got [" + lower + ", "
            + upper + "]");
      }
    }

    /**
     * Half the width: the {@code ±} of {@code mean ± halfWidth} for a confidence interval.
     *
     * @return {@code (upper − lower) / 2}, infinite for an unbounded interval
     */
    public double halfWidth() {
      return (upper - lower) / 2;
    }

    /**
     * Whether a value lies in the interval, ends included.
     *
     * @param value the value
     * @return {@code lower <= value && value <= upper}
     */
    public boolean contains(double value) {
      return lower <= value && value <= upper;
    }
  }
}
