package io.github.pgrl.core;

import java.util.random.RandomGenerator;

/**
 * A distribution over the actions {@code 0 … n−1} of a {@code Discrete(n)} space, given by its
 * probabilities.
 *
 * <p>{@link #of} copies and checks the probabilities; {@link #view} wraps a policy's buffer without either,
 * for the one distribution per step of a rollout, and is checked when it is sampled. Sampling draws one
 * {@code nextDouble()} and walks the cumulative sums, so a generator in a given state always gives the same
 * action.
 *
 * @since 0.1.0
 */
public final class Categorical implements ActionDistribution<Integer> {

  /** How far from 1 the probabilities may sum. */
  static final double SUM_TOLERANCE = 1e-5;

  private final double[] p;

  private Categorical(double[] p) {
    this.p = p;
  }

  /**
   * A categorical distribution with a copy of the given probabilities.
   *
   * @param probabilities at least one, each in {@code [0, 1]}, summing to 1 within {@code 1e-5}
   * @return the distribution
   * @throws IllegalArgumentException if the probabilities are not a distribution; the message names the
   *     first bad one or the sum
   */
  public static Categorical of(double... probabilities) {
    double[] copy = probabilities.clone();
    requireDistribution(copy);
    return new Categorical(copy);
  }

  /**
   * A categorical distribution over the given array, which is neither copied nor checked: it reads the
   * array's current values, and {@link #sample} checks them.
   *
   * @param probabilities the probabilities, owned by the caller
   * @return a view of the array
   */
  public static Categorical view(double[] probabilities) {
    return new Categorical(probabilities);
  }

  /**
   * Checks that the probabilities are a distribution (a {@link #view} is not checked when made).
   *
   * @return this distribution
   * @throws IllegalArgumentException if they are not: the message names the first bad value or the sum
   */
  public Categorical requireValid() {
    requireDistribution(p);
    return this;
  }

  /**
   * The number of actions.
   *
   * @return n
   */
  public int size() {
    return p.length;
  }

  /**
   * The probability of one action.
   *
   * @param action in {@code [0, size())}
   * @return π(a|s)
   * @throws IndexOutOfBoundsException if the action is out of range
   */
  public double probability(int action) {
    return p[action];
  }

  /**
   * The probabilities, as an array the caller must not change (a view's own array).
   *
   * @return the probabilities
   */
  double[] probabilities() {
    return p;
  }

  /**
   * Copies the probabilities.
   *
   * @return a new array
   */
  public double[] toArray() {
    return p.clone();
  }

  /** @throws IllegalArgumentException if the probabilities are not a distribution */
  @Override
  public Integer sample(RandomGenerator rng) {
    requireDistribution(p);
    return draw(p, rng);
  }

  /** @throws IllegalArgumentException if the action is outside {@code [0, size())} */
  @Override
  public double logProbability(Integer action) {
    if (action < 0 || action >= p.length) {
      throw new IllegalArgumentException("the action " + action + " is outside 0.." + (p.length - 1));
    }
    return Math.log(p[action]);
  }

  @Override
  public double entropy() {
    double h = 0.0;
    for (double q : p) {
      if (q > 0) {
        h -= q * Math.log(q);
      }
    }
    return h;
  }

  /** The most probable action; ties go to the lowest index. */
  @Override
  public Integer mode() {
    int best = 0;
    for (int a = 1; a < p.length; a++) {
      if (p[a] > p[best]) {
        best = a;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "Categorical" + java.util.Arrays.toString(p);
  }

  /** Refuses probabilities that are not a distribution, naming the first bad value or the sum. */
  static void requireDistribution(double[] probabilities) {
    if (probabilities.length == 0) {
      throw new IllegalArgumentException("no probabilities: an action needs at least one");
    }
    double sum = 0.0;
    for (int i = 0; i < probabilities.length; i++) {
      double q = probabilities[i];
      if (!(q >= 0.0 && q <= 1.0 + SUM_TOLERANCE)) {
        throw new IllegalArgumentException("the probability of action " + i + " is " + q
            + "; probabilities must be finite, at least 0 and sum to 1");
      }
      sum += q;
    }
    if (!(Math.abs(sum - 1.0) <= SUM_TOLERANCE)) {
      throw new IllegalArgumentException("the probabilities of the " + probabilities.length + " actions sum to " + sum
          + "; they must sum to 1 (within " + SUM_TOLERANCE + ")");
    }
  }

  /**
   * One draw by inverse cumulative sums. When rounding leaves {@code u} above the sum of all but the last
   * probability, the draw is the last action of positive probability, never one of probability 0 (a
   * masked action, say).
   */
  static int draw(double[] probabilities, RandomGenerator rng) {
    double u = rng.nextDouble();
    double cumulative = 0.0;
    for (int i = 0; i < probabilities.length - 1; i++) {
      cumulative += probabilities[i];
      if (u < cumulative) {
        return i;
      }
    }
    int last = probabilities.length - 1;
    while (last > 0 && probabilities[last] == 0.0) {
      last--;
    }
    return last;
  }
}
