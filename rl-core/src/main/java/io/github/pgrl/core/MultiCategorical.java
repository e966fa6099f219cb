package io.github.pgrl.core;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A distribution over the actions of a {@code MultiDiscrete(nvec)} space: one independent {@link
 * Categorical} per component, so that an action {@code a = (a_0, …, a_{m−1})} has the product probability
 * {@code π(a|s) = Π_i π_i(a_i|s)}, as Stable-Baselines3's {@code MultiCategoricalDistribution}.
 *
 * <p>Hence {@code log π(a|s) = Σ_i log π_i(a_i|s)}, the entropy is {@code Σ_i H(π_i)}, and the mode is
 * the vector of the components' modes. Sampling draws the components in order, each as {@link
 * Categorical#sample} does. The components are kept, not copied: one made by {@link Categorical#of} is
 * immutable, and one made by {@link Categorical#view} reads its array's current values, as a policy's
 * distribution for one step of a rollout does.
 *
 * <p>Exploration other than {@link Exploration#NONE} does not apply to it (see {@link
 * Exploration#choose(ActionDistribution, Object, RandomGenerator)}).
 *
 * @since 0.1.0
 */
public final class MultiCategorical implements ActionDistribution<int[]> {

  private final Categorical[] components;

  private MultiCategorical(Categorical[] components) {
    this.components = components;
  }

  /**
   * The product of the given categorical distributions, component {@code i} the distribution of {@code
   * a_i}.
   *
   * @param components at least one, none {@code null}; the array is copied, the distributions are kept
   * @return the distribution
   * @throws IllegalArgumentException if there are no components
   * @throws NullPointerException if a component is {@code null}
   */
  public static MultiCategorical of(Categorical... components) {
    if (components.length == 0) {
      throw new IllegalArgumentException("a MultiCategorical distribution needs at least one component, got none");
    }
    Categorical[] copy = components.clone();
    for (int i = 0; i < copy.length; i++) {
      Objects.requireNonNull(copy[i], "component " + i);
    }
    return new MultiCategorical(copy);
  }

  /**
   * The number of components.
   *
   * @return {@code m}, the length of an action
   */
  public int size() {
    return components.length;
  }

  /**
   * One component's distribution.
   *
   * @param i in {@code [0, size())}
   * @return the distribution of {@code a_i}
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public Categorical component(int i) {
    return components[i];
  }

  /**
   * The number of choices of each component, the {@code nvec} of the space this distribution is over.
   *
   * @return a new array of the components' sizes
   */
  public int[] nvec() {
    int[] nvec = new int[components.length];
    for (int i = 0; i < nvec.length; i++) {
      nvec[i] = components[i].size();
    }
    return nvec;
  }

  /** @throws IllegalArgumentException if a component's probabilities are not a distribution, naming it */
  @Override
  public int[] sample(RandomGenerator rng) {
    int[] action = new int[components.length];
    for (int i = 0; i < action.length; i++) {
      try {
        action[i] = components[i].sample(rng);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("component " + i + ": " + e.getMessage(), e);
      }
    }
    return action;
  }

  /**
   * {@code Σ_i log π_i(a_i|s)}.
   *
   * @throws IllegalArgumentException if the action is {@code null}, has another number of components than
   *     this distribution, or a component outside {@code 0..nvec[i]-1}; the message says which and what is
   *     allowed
   */
  @Override
  public double logProbability(int[] action) {
    requireAction(action);
    double sum = 0.0;
    for (int i = 0; i < components.length; i++) {
      sum += Math.log(components[i].probability(action[i]));
    }
    return sum;
  }

  /** {@code Σ_i H(π_i)}, in nats. */
  @Override
  public double entropy() {
    double h = 0.0;
    for (Categorical c : components) {
      h += c.entropy();
    }
    return h;
  }

  /** Each component's most probable choice; ties go to the lowest index. */
  @Override
  public int[] mode() {
    int[] action = new int[components.length];
    for (int i = 0; i < action.length; i++) {
      action[i] = components[i].mode();
    }
    return action;
  }

  @Override
  public String toString() {
    return "MultiCategorical" + Arrays.toString(components);
  }

  private void requireAction(int[] action) {
    if (action == null) {
      throw new IllegalArgumentException("the action is null; this MultiCategorical needs " + expected());
    }
    if (action.length != components.length) {
      throw new IllegalArgumentException("the action " + Arrays.toString(action) + " has " + action.length
          + " components; this MultiCategorical needs " + expected());
    }
    for (int i = 0; i < action.length; i++) {
      if (action[i] < 0 || action[i] >= components[i].size()) {
        throw new IllegalArgumentException("component " + i + " of the action " + Arrays.toString(action) + " is "
            + action[i] + ", outside 0.." + (components[i].size() - 1));
      }
    }
  }

  /** What an action must be, for messages. */
  private String expected() {
    return components.length + " components, component i in 0..nvec[i]-1 with nvec = " + Arrays.toString(nvec());
  }
}
