package io.github.pgrl.core.internal;

import io.github.pgrl.core.ActionDistribution;
import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.MaskablePolicy;
import io.github.pgrl.core.MultiCategorical;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.Arrays;

/**
 * The checks every trainer makes before it starts: that the observations are a {@link Box}, and that the
 * policy takes the environment's observations and plays actions of its space (with masks where it has
 * them). Shared by REINFORCE and the actor-critic trainers, so that both refuse the same mistakes with
 * the same messages.
 */
public final class Fits {

  private Fits() {}

  /**
   * The hidden layer sizes of a trainer's configuration, checked and copied.
   *
   * @param name the field, for the message
   * @throws IllegalArgumentException if a layer has fewer than 1 unit
   */
  public static int[] layers(String name, int[] sizes) {
    java.util.Objects.requireNonNull(sizes, name);
    for (int s : sizes) {
      if (s < 1) {
        throw new IllegalArgumentException("every layer in " + name + " needs at least 1 unit, got " + Arrays.toString(sizes));
      }
    }
    return sizes.clone();
  }

  /**
   * The length of the environment's observations, which a trainer needs from a {@link Box} space.
   *
   * @throws IllegalArgumentException naming the space if it is another kind
   */
  public static int observationSize(String trainer, Space<?> observationSpace, Object env) {
    if (!(observationSpace instanceof Box box)) {
      throw new IllegalArgumentException(
          trainer + " needs a Box observation space, got " + observationSpace + " from " + env);
    }
    return box.size();
  }

  /**
   * The number of actions of a {@link Discrete} action space, which the configuration's MLP needs.
   *
   * @throws IllegalArgumentException naming the space if it is another kind
   */
  public static int actionCount(Space<?> actionSpace, Object env) {
    if (!(actionSpace instanceof Discrete discrete)) {
      throw new IllegalArgumentException("the MlpPolicy built from the configuration needs a Discrete action space, got "
          + actionSpace + " from " + env + "; for other action spaces pass a policy that takes them, such as"
          + " GaussianPolicy for a Box or MultiDiscretePolicy for a MultiDiscrete");
    }
    return discrete.n();
  }

  /**
   * Refuses a policy that does not fit the environment: one that refuses an observation of its length
   * (all zeros), whose {@link Categorical} has another number of actions than a {@link Discrete} space or
   * whose {@link MultiCategorical} another {@code nvec} than a {@link MultiDiscrete} space,
   * whose most probable action does not have the shape of a {@link Box} action space or lies outside
   * another kind of space, or that is not a {@link Categorical} while the configuration explores.
   *
   * @param policy the policy
   * @param observationSpace the environment's observation space
   * @param space the environment's action space
   * @param masked whether the environment has {@link ActionMasks}
   * @param env the environment, for messages
   * @param inputs the observation length
   * @param exploration the trainer's exploration
   * @param <A> the action type
   * @throws IllegalArgumentException saying what does not fit
   */
  public static <A> void requireFits(TrainablePolicy<float[], A> policy, Space<?> observationSpace,
      Space<A> space, boolean masked, Object env, int inputs, Exploration exploration) {
    requireMaskable(policy, space, masked, env, inputs, exploration);
    ActionDistribution<A> d;
    try {
      d = policy.distribution(new float[inputs]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the policy " + policy + " does not take the observations of " + env
          + ", which have " + inputs + " values: " + e.getMessage(), e);
    }
    if (d instanceof Categorical c) {
      if (space instanceof Discrete discrete && c.size() != discrete.n()) {
        throw new IllegalArgumentException("the policy " + policy + " chooses among " + c.size() + " actions; the"
            + " environment " + env + " has " + discrete.n());
      }
    } else if (!exploration.isNone()) {
      throw new IllegalArgumentException("the configuration explores (" + exploration + "), which needs a"
          + " policy with a Categorical distribution; " + policy + " gives a " + d.getClass().getSimpleName()
          + ": use Exploration.NONE");
    }
    if (d instanceof MultiCategorical m && space instanceof MultiDiscrete multi
        && !Arrays.equals(m.nvec(), multi.nvec())) {
      throw new IllegalArgumentException("the policy " + policy + " chooses among nvec = " + Arrays.toString(m.nvec())
          + "; the environment " + env + " has the action space " + multi);
    }
    A mode = d.mode();
    boolean fits = space instanceof Box box && mode instanceof float[] f ? f.length == box.size() : space.contains(mode);
    if (!fits) {
      throw new IllegalArgumentException("the policy " + policy + " chooses actions such as " + space.describe(mode)
          + ", which do not fit the action space " + space + " of " + env);
    }
  }

  /**
   * Refuses, for an environment with {@link ActionMasks}, an action space other than {@link Discrete}, a
   * policy that is not a {@link MaskablePolicy} or refuses a mask of all actions (a Bernoulli head), and
   * exploration (which would play invalid actions).
   */
  @SuppressWarnings("unchecked")
  private static void requireMaskable(TrainablePolicy<float[], ?> policy, Space<?> space, boolean masked, Object env,
      int inputs, Exploration exploration) {
    if (!masked) {
      return;
    }
    if (!(space instanceof Discrete discrete)) {
      throw new IllegalArgumentException("the environment " + env + " has action masks but the action space "
          + space + "; masks are for Discrete action spaces");
    }
    if (!(policy instanceof MaskablePolicy)) {
      throw new IllegalArgumentException("the environment " + env + " has action masks (ActionMasks), but the policy "
          + policy + " is not a MaskablePolicy and would play invalid actions: train a MaskablePolicy such as"
          + " MlpPolicy with a softmax head, or remove the masks");
    }
    if (!exploration.isNone()) {
      throw new IllegalArgumentException("the environment " + env + " has action masks, and masks go with"
          + " Exploration.NONE only (exploration would play invalid actions); the configuration explores with "
          + exploration);
    }
    boolean[] all = new boolean[discrete.n()];
    Arrays.fill(all, true);
    MaskablePolicy<float[]> maskable = (MaskablePolicy<float[]>) policy;
    try {
      maskable.distribution(new float[inputs], all);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the environment " + env + " has action masks, which the policy " + policy
          + " refuses: " + e.getMessage(), e);
    }
    // the policy's record must keep the masks, or the gradient would be the unmasked one: try it on a new one
    RecordedSteps<float[], Integer> probe = maskable.newSteps();
    probe.stage(new float[inputs]);
    try {
      probe.stageMask(all);
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException("the environment " + env + " has action masks, but the record of the policy "
          + policy + " (newSteps()) keeps none: " + e.getMessage(), e);
    }
  }
}
