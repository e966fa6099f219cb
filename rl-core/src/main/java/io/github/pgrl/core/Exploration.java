package io.github.pgrl.core;

import java.util.random.RandomGenerator;

/**
 * How the played action may differ from the network's choice, and the probability of the action under
 * the resulting mixture.
 *
 * <p>With probability {@code stickiness} (ρ) the previous action is repeated ("sticky" exploration, our
 * original idea, and what the Arcade Learning Environment does with sticky actions); otherwise, with
 * probability {@code epsilon} (ε) a uniformly random action is played; otherwise the action is drawn from
 * the policy π. The action is thus drawn from
 *
 * <pre>  μ(a|s) = (1 − ρ')·[(1 − ε)·π(a|s) + ε/n] + ρ'·[a = previous action]</pre>
 *
 * where {@code ρ' = ρ} when there is a previous action in the episode and 0 on its first step. The policy
 * gradient must use the log-probability of the distribution that actually chose the action, so a {@link
 * TrainablePolicy} differentiates {@code log μ}, not {@code log π}: {@code ∇ log μ(a|s) = c·∇ log π(a|s)} with
 * {@code c = (1 − ρ')(1 − ε)·π(a|s) / μ(a|s)}, which is 1 without exploration and shrinks for actions that
 * were mostly chosen by the exploration.
 *
 * @param epsilon the probability ε of a uniformly random action, in {@code [0, 1]}
 * @param stickiness the probability ρ of repeating the previous action, in {@code [0, 1)}
 * @since 0.1.0
 */
public record Exploration(double epsilon, double stickiness) {

  /** No exploration: the action is drawn from the policy. */
  public static final Exploration NONE = new Exploration(0.0, 0.0);

  /**
   * Validates the probabilities.
   *
   * @throws IllegalArgumentException if {@code epsilon} is outside {@code [0, 1]} or {@code stickiness}
   *     outside {@code [0, 1)} (a stickiness of 1 would never let the policy act)
   */
  public Exploration {
    if (!(epsilon >= 0.0 && epsilon <= 1.0)) {
      throw new IllegalArgumentException("the exploration rate epsilon must lie in [0, 1], got " + epsilon);
    }
    if (!(stickiness >= 0.0 && stickiness < 1.0)) {
      throw new IllegalArgumentException("the stickiness must lie in [0, 1), got " + stickiness);
    }
  }

  /**
   * Uniform exploration only.
   *
   * @param epsilon the probability of a uniformly random action, in {@code [0, 1]}
   * @return the exploration
   * @throws IllegalArgumentException if {@code epsilon} is outside {@code [0, 1]}
   */
  public static Exploration epsilon(double epsilon) {
    return new Exploration(epsilon, 0.0);
  }

  /**
   * Sticky exploration only.
   *
   * @param stickiness the probability of repeating the previous action, in {@code [0, 1)}
   * @return the exploration
   * @throws IllegalArgumentException if {@code stickiness} is outside {@code [0, 1)}
   */
  public static Exploration sticky(double stickiness) {
    return new Exploration(0.0, stickiness);
  }

  /**
   * Whether the played action is always the policy's sample.
   *
   * @return {@code true} if both probabilities are 0
   */
  public boolean isNone() {
    return epsilon == 0.0 && stickiness == 0.0;
  }

  /**
   * Chooses the action to play.
   *
   * @param probabilities π(·|s): at least one, each finite and non-negative, summing to 1 within 1e-5
   * @param previous the previous action of the episode, or −1 on its first step
   * @param rng the source of randomness
   * @return the action
   * @throws IllegalArgumentException if {@code probabilities} is not such a distribution, naming the first
   *     bad value and its index, or the sum
   */
  public int choose(double[] probabilities, int previous, RandomGenerator rng) {
    Categorical.requireDistribution(probabilities);
    if (previous >= 0 && stickiness > 0.0 && rng.nextDouble() < stickiness) {
      return previous;
    }
    if (epsilon > 0.0 && rng.nextDouble() < epsilon) {
      return rng.nextInt(probabilities.length);
    }
    return Categorical.draw(probabilities, rng);
  }

  /**
   * Chooses the action to play from a policy's distribution, as {@link #choose(double[], int,
   * RandomGenerator)} does for a {@link Categorical} one (with the same draws from {@code rng}).
   *
   * <p>Exploration needs a {@link Categorical}: uniform exploration a finite set of actions, and sticky
   * exploration a probability, not a density, for the repeated action. Another distribution is sampled
   * only without exploration ({@link #NONE}).
   *
   * @param <A> the action type
   * @param distribution π(·|s)
   * @param previous the previous action of the episode, or {@code null} on its first step
   * @param rng the source of randomness
   * @return the action
   * @throws IllegalArgumentException if the distribution is not one (see {@link #choose(double[], int,
   *     RandomGenerator)}), or this is not {@link #NONE} and it is not a {@link Categorical}
   */
  @SuppressWarnings("unchecked")
  public <A> A choose(ActionDistribution<A> distribution, A previous, RandomGenerator rng) {
    if (distribution instanceof Categorical c) {
      int prev = previous == null ? -1 : (Integer) previous;
      return (A) Integer.valueOf(choose(c.probabilities(), prev, rng));
    }
    requireNoneFor(distribution);
    return distribution.sample(rng);
  }

  /**
   * log μ(a|s) of an action played from a policy's distribution π(·|s) through this exploration.
   *
   * @param <A> the action type
   * @param distribution π(·|s)
   * @param action the action played
   * @param previous the action before it in the episode, or {@code null} on its first step
   * @return log μ(a|s); log π(a|s) without exploration
   * @throws IllegalArgumentException if the action is outside the distribution's support, or this is not
   *     {@link #NONE} and the distribution is not a {@link Categorical}
   */
  public <A> double logProbability(ActionDistribution<A> distribution, A action, A previous) {
    double logPi = distribution.logProbability(action);
    if (isNone()) {
      return logPi;
    }
    double pi = Math.exp(logPi);
    if (distribution instanceof Categorical c) {
      return Math.log(probability(pi, c.size(), (Integer) action, previous == null ? -1 : (Integer) previous));
    }
    requireNoneFor(distribution);
    return logPi;
  }

  /**
   * Refuses exploration for a distribution that is not a {@link Categorical}: uniform exploration needs a
   * finite set of actions, and repeating the previous action puts an atom into a density, whose log μ
   * this class does not define.
   */
  private void requireNoneFor(ActionDistribution<?> distribution) {
    if (!isNone()) {
      throw new IllegalArgumentException("exploration (epsilon " + epsilon + ", stickiness " + stickiness + ") needs a"
          + " finite set of actions, a Categorical distribution; got " + distribution.getClass().getName()
          + ": use Exploration.NONE");
    }
  }

  /**
   * Draws an index from a probability vector by inversion.
   *
   * @param probabilities at least one, each finite and non-negative, summing to 1 within 1e-5
   * @param rng the source of randomness
   * @return the index
   * @throws IllegalArgumentException if {@code probabilities} is not such a distribution, naming the first
   *     bad value and its index, or the sum
   */
  public static int sample(double[] probabilities, RandomGenerator rng) {
    Categorical.requireDistribution(probabilities);
    return Categorical.draw(probabilities, rng);
  }

  /**
   * The probability μ(a|s) that the mixture plays {@code action}.
   *
   * @param policyProbability π(a|s)
   * @param actions the number of actions n
   * @param action the action
   * @param previous the previous action, or −1 on the first step of an episode
   * @return μ(a|s)
   */
  public double probability(double policyProbability, int actions, int action, int previous) {
    double rho = previous >= 0 ? stickiness : 0.0;
    double base = (1.0 - epsilon) * policyProbability + epsilon / actions;
    return (1.0 - rho) * base + (action == previous ? rho : 0.0);
  }

  /**
   * The factor {@code c} in {@code ∇ log μ(a|s) = c·∇ log π(a|s)}.
   *
   * @param policyProbability π(a|s)
   * @param actions the number of actions n
   * @param action the action
   * @param previous the previous action, or −1 on the first step of an episode
   * @return {@code (1 − ρ')(1 − ε)·π(a|s) / μ(a|s)}
   */
  public double gradientFactor(double policyProbability, int actions, int action, int previous) {
    double rho = previous >= 0 ? stickiness : 0.0;
    double mu = probability(policyProbability, actions, action, previous);
    return mu > 0.0 ? (1.0 - rho) * (1.0 - epsilon) * policyProbability / mu : 0.0;
  }
}
