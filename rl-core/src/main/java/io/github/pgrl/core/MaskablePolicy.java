package io.github.pgrl.core;

/**
 * A {@link TrainablePolicy} over the actions of a {@code Discrete(n)} space that can exclude invalid
 * actions: given a mask of the valid ones ({@link ActionMasks}), π is the softmax over the valid actions
 * only, as {@code MaskableCategorical} of SB3-contrib's MaskablePPO has it. Invalid actions get probability
 * 0 (their logits are taken to be −∞), so they are never drawn; log π, the entropy and the gradient are
 * those of the masked distribution.
 *
 * <p>For logits {@code z} and the valid set {@code V}: {@code π(a) = exp(z_a) / Σ_{j∈V} exp(z_j)} for
 * {@code a ∈ V} and 0 otherwise; {@code H = −Σ_{j∈V} π(j)·log π(j)}; and {@code ∂ log π(a)/∂z_j = [j = a] −
 * π(j)} on valid entries, 0 on invalid ones. A played action is always valid, so log π(a) is never −∞.
 *
 * <p>A rollout records each step's mask in the policy's record ({@link #observe(Object, boolean[],
 * RecordedSteps)}, kept by {@link RecordedSteps#validActions(int)}), and {@link #computeGradient}, {@link
 * #logProbabilities} and {@link #entropies} use it for the steps that have one; steps without a mask use
 * the unmasked π. Masks go with {@link Exploration#NONE} only: the played action is π's sample, so μ = π.
 *
 * @param <O> the observation type
 * @since 0.1.0
 */
public interface MaskablePolicy<O> extends TrainablePolicy<O, Integer> {

  /**
   * π(·|s) restricted to the valid actions.
   *
   * @param observation an observation of the environment's space
   * @param validActions {@code n} flags, at least one {@code true}; not kept
   * @return the masked distribution: probability 0 for every invalid action; it may be a view valid until
   *     this policy's next call
   * @throws IllegalArgumentException if the observation does not fit, or the mask has another length than
   *     the number of actions or no valid action ({@link ActionMasks#requireValid})
   */
  Categorical distribution(O observation, boolean[] validActions);

  /**
   * A sharer for another thread ({@link TrainablePolicy#sharer()}) that applies masks too.
   *
   * @return the sharer
   */
  @Override
  MaskablePolicy<O> sharer();

  /**
   * Stages an observation and its mask in {@code steps} as the next step, and gives the masked π(·|s), as
   * {@link #observe(Object, RecordedSteps)} does without a mask. By default it calls {@link
   * #distribution(Object, boolean[])}, then {@link RecordedSteps#stage} and {@link
   * RecordedSteps#stageMask}.
   *
   * @param observation the observation to act on
   * @param validActions the mask of the valid actions; copied by the record
   * @param steps a record made by {@link #newSteps()} of this policy or of the policy it shares
   * @return the masked distribution
   * @throws IllegalArgumentException as {@link #distribution(Object, boolean[])}
   */
  default Categorical observe(O observation, boolean[] validActions, RecordedSteps<O, Integer> steps) {
    Categorical d = distribution(observation, validActions); // first: a refused step is not staged
    steps.stage(observation);
    steps.stageMask(validActions);
    return d;
  }

  /**
   * π(·|s_t) of a recorded step: masked when the step has a mask.
   *
   * @param steps the steps
   * @param t the step
   * @return the distribution, possibly a view valid until this policy's next call
   */
  default Categorical distribution(RecordedSteps<O, Integer> steps, int t) {
    boolean[] mask = steps.validActions(t);
    O observation = steps.observation(t);
    return mask == null ? (Categorical) distribution(observation) : distribution(observation, mask);
  }

  /**
   * log μ of every recorded step, under the masked π for steps with a mask.
   *
   * @throws IllegalArgumentException also if a step has a mask and the exploration is not {@link
   *     Exploration#NONE}, or a step's action is invalid under its mask
   */
  @Override
  default double[] logProbabilities(RecordedSteps<O, Integer> steps, Exploration exploration) {
    double[] out = new double[steps.size()];
    for (int t = 0; t < out.length; t++) {
      boolean[] mask = steps.validActions(t);
      if (mask != null) {
        requirePlayable(mask, steps.action(t), t, exploration);
      }
      out[t] = exploration.logProbability(distribution(steps, t), steps.action(t), steps.previousAction(t));
    }
    return out;
  }

  /** H of every recorded step, of the masked π for steps with a mask. */
  @Override
  default double[] entropies(RecordedSteps<O, Integer> steps) {
    double[] out = new double[steps.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = distribution(steps, t).entropy();
    }
    return out;
  }

  /**
   * Refuses a masked step that no masked policy could have played: an action the mask marks invalid, or
   * exploration (which would play invalid actions).
   *
   * @param validActions the step's mask
   * @param action the action played
   * @param t the step, for the message
   * @param exploration the objective's exploration
   * @throws IllegalArgumentException if the action is outside the mask's range or invalid, or the
   *     exploration is not {@link Exploration#NONE}
   */
  static void requirePlayable(boolean[] validActions, int action, int t, Exploration exploration) {
    if (!exploration.isNone()) {
      throw new IllegalArgumentException("step " + t + " has an action mask, and masks go with Exploration.NONE"
          + " only, got " + exploration);
    }
    if (action < 0 || action >= validActions.length || !validActions[action]) {
      throw new IllegalArgumentException("the action of step " + t + " is " + action + ", which its mask "
          + java.util.Arrays.toString(validActions) + " marks invalid; a masked policy plays valid actions only");
    }
  }
}
