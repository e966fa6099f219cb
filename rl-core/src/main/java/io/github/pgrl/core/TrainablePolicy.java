package io.github.pgrl.core;

import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * A policy that the policy gradient can train: for an observation it gives the distribution π(·|s) the
 * action is drawn from, and for recorded steps it computes the gradient of the policy-gradient objective
 * into a gradient it owns.
 *
 * <p>The objective of a batch of steps, with a weight {@code w_t} per step (a return or an advantage),
 * an entropy coefficient β and a scale {@code k} ({@link Objective}), is
 *
 * <pre>  J = k·(Σ_t w_t·log μ(a_t|s_t) + β·Σ_t H(π(·|s_t)))</pre>
 *
 * where μ is the distribution that actually chose the action: π mixed with the {@link Exploration} (μ = π
 * without one). Raising J raises the log-probability of actions in proportion to their weight (Williams,
 * 1992) while the entropy term keeps the policy from collapsing early.
 *
 * <p><b>Parameters.</b> The parameters are one flat {@code float} vector, which the policy exposes as
 * blocks ({@link #parameterBlocks()}): arrays whose concatenation, in order, is the vector. A simple policy
 * has one block; the MLP has one per weight row, which is how its passes run fast. The gradient has the
 * same blocks ({@link #gradientBlocks()}). Optimizers ({@code io.github.pgrl.core.policy.Optimizer}) step
 * the blocks in place and then call {@link #parametersChanged()}; everything else here (copies, clipping,
 * the norm, checkpoints) has a default built on the blocks.
 *
 * <p><b>Threads.</b> A policy is used by one thread at a time. Rollout threads act through {@link
 * #sharer()}s, which read the same parameters with buffers of their own; the parameters do not change
 * while they act. {@link #computeGradient} may run parts of its work on the executor it is given, but
 * its results must not depend on it (the same bits with or without one, whatever its threads): that is
 * what makes a run's results independent of the number of rollout threads.
 *
 * <p><b>Implementing.</b> Five methods are abstract: {@link #distribution}, {@link #computeGradient},
 * {@link #parameterBlocks}, {@link #gradientBlocks} and {@link #sharer}. The README shows a linear softmax
 * policy in about sixty lines; {@code TrainablePolicyContract} in rl-core's test-jar checks any
 * implementation (finite-difference gradients of log μ and of the entropy, thread independence, a
 * checkpoint round trip). Override {@link #newSteps()} and {@link #observe} to keep what the gradient
 * would otherwise recompute, and {@link #observeAll} to compute the copies of a lockstep step in one batch.
 *
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning", Machine Learning 8, 229–256, 1992.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public interface TrainablePolicy<O, A> extends Policy<O, A> {

  /**
   * The distribution π(·|s) for one observation.
   *
   * @param observation an observation of the environment's space
   * @return the distribution; it may be a view valid until this policy's next call
   * @throws IllegalArgumentException if the observation does not fit (a wrong length, a NaN value)
   */
  ActionDistribution<A> distribution(O observation);

  /**
   * Samples an action from π(·|s).
   *
   * @throws IllegalArgumentException as {@link #distribution}, or if π(·|s) is not a distribution
   */
  @Override
  default A act(O observation, RandomGenerator rng) {
    return distribution(observation).sample(rng);
  }

  /**
   * An empty record of steps for {@link #computeGradient}; by default {@link RecordedSteps#inMemory()}.
   *
   * @return a new record
   */
  default RecordedSteps<O, A> newSteps() {
    return RecordedSteps.inMemory();
  }

  /**
   * Stages an observation in {@code steps} as its next step and gives π(·|s) for it, with one forward
   * pass: a rollout calls this on every step, draws the action, and then {@link RecordedSteps#complete
   * completes} the step. By default it calls {@link #distribution}, then stages the observation.
   *
   * @param observation the observation to act on
   * @param steps a record made by {@link #newSteps()} of this policy or of the policy it shares
   * @return the distribution, as {@link #distribution}
   * @throws IllegalArgumentException as {@link #distribution}
   */
  default ActionDistribution<A> observe(O observation, RecordedSteps<O, A> steps) {
    ActionDistribution<A> d = distribution(observation); // first: a refused observation is not staged
    steps.stage(observation);
    return d;
  }

  /**
   * Records one lockstep step of several copies of an environment: for each copy in order, stages its
   * observation (and its mask) in {@code steps}, lets {@code chooser} turn π(·|s) into the action played,
   * and {@link RecordedSteps#complete completes} the step with that action and the copy's previous action.
   * A rollout of copies in lockstep calls this once per step instead of {@link #observe} once per copy.
   *
   * <p>By default it does exactly that with one {@link #observe} per copy ({@link
   * MaskablePolicy#observe(Object, boolean[], RecordedSteps)} for a copy with a mask). A policy whose
   * passes are cheaper in batches may compute the copies' forward passes as one batch first (the
   * convolutional policy does); the distributions then equal those of {@link #observe} up to float
   * rounding, and the steps are recorded, chosen and completed in the same order.
   *
   * <p>If the chooser or a check throws, the exception propagates: the record then holds the steps of the
   * copies completed before it (and possibly a staged one), and should be discarded.
   *
   * @param observations one observation per copy
   * @param validActions one mask per copy (an entry may be {@code null}: no mask), or {@code null} for none;
   *     masks need a {@link MaskablePolicy}
   * @param previousActions per copy, the action played before in its episode, or {@code null} on an
   *     episode's first step
   * @param steps a record made by {@link #newSteps()} of this policy or of the policy it shares
   * @param chooser gives the action of each copy from its distribution
   * @return the actions the chooser gave, in copy order
   * @throws IllegalArgumentException if the lists differ in length (naming them), there are masks and this
   *     is not a {@link MaskablePolicy}, or as {@link #observe}
   * @since 0.1.0
   */
  @SuppressWarnings("unchecked")
  default List<A> observeAll(List<O> observations, List<boolean[]> validActions, List<A> previousActions,
      RecordedSteps<O, A> steps, Chooser<A> chooser) {
    int n = observations.size();
    if (previousActions.size() != n || (validActions != null && validActions.size() != n)) {
      throw new IllegalArgumentException("need one previous action" + (validActions != null ? " and one mask" : "")
          + " per observation: " + n + " observations, " + previousActions.size() + " previous actions"
          + (validActions != null ? ", " + validActions.size() + " masks" : ""));
    }
    if (validActions != null && !(this instanceof MaskablePolicy)) {
      throw new IllegalArgumentException("action masks need a MaskablePolicy, and " + this + " is not one: pass"
          + " null for the masks, or use a policy that applies them, such as MlpPolicy");
    }
    List<A> actions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean[] valid = validActions != null ? validActions.get(i) : null;
      ActionDistribution<A> d = valid == null ? observe(observations.get(i), steps)
          : (ActionDistribution<A>) ((MaskablePolicy<O>) this).observe(observations.get(i), valid,
              (RecordedSteps<O, Integer>) steps);
      A a = chooser.choose(i, d);
      steps.complete(a, previousActions.get(i));
      actions.add(a);
    }
    return actions;
  }

  /**
   * Turns the distribution of one copy of a lockstep step into the action it plays (see {@link
   * #observeAll}): a rollout's exploration with the copy's generator, and its checks.
   *
   * @param <A> the action type
   * @since 0.1.0
   */
  @FunctionalInterface
  interface Chooser<A> {
    /**
     * The action copy {@code copy} plays.
     *
     * @param copy the copy, from 0 up, in order
     * @param distribution its π(·|s); valid only during this call
     * @return the action
     */
    A choose(int copy, ActionDistribution<A> distribution);
  }

  /**
   * Sets this policy's gradient ({@link #gradientBlocks()}) to the gradient of the objective {@code J} of
   * the recorded steps with respect to the parameters, and gives J.
   *
   * @param steps the steps, made by {@link #newSteps()} (of this policy or a sharer)
   * @param objective the weights, the entropy coefficient, the exploration and the scale
   * @param executor where parts of the work may run, or {@code null} to run all on the calling thread;
   *     the results must not depend on it
   * @return J and the mean entropy
   * @throws IllegalArgumentException if the objective has another number of weights than there are
   *     steps, or an action is outside the action space
   */
  Evaluation computeGradient(RecordedSteps<O, A> steps, Objective objective, Executor executor);

  /**
   * Sets this policy's gradient to that of an objective whose steps' terms depend on their log μ under the
   * current parameters, {@code J = scale·(Σ_t f_t(log μ(a_t|s_t)) + β·Σ_t H(π(·|s_t)))}, and gives the log μ
   * it saw: the gradient is {@code scale·(Σ_t f'_t(log μ_t)·∇log μ_t + β·Σ_t ∇H_t)}, so {@code derivative}
   * gives {@code f'_t} at each step's log μ. PPO's clipped surrogate is one: its derivative is {@code r_t·A_t}
   * where the ratio is not clipped, else 0.
   *
   * <p>By default two passes: {@link #logProbabilities}, then {@link #computeGradient(RecordedSteps,
   * Objective, Executor)} with the derivatives as weights. A policy may compute it in one forward pass (the
   * MLP does), with the same result up to rounding.
   *
   * @param steps the steps, made by {@link #newSteps()}
   * @param derivative {@code f'_t} of step {@code t} at a log μ; called once per step, from any thread
   * @param entropyCoefficient β, finite and at least 0
   * @param exploration what mixed π into μ
   * @param scale the factor on the sum, positive and finite
   * @param executor where parts of the work may run, or {@code null}; the results must not depend on it
   * @param logMu receives log μ(a_t|s_t) of every step; as many values as steps
   * @return {@code Σ_t f'_t·log μ_t} and β's term, scaled as in {@link #computeGradient(RecordedSteps,
   *     Objective, Executor)}, and the mean entropy
   * @throws IllegalArgumentException as {@link #computeGradient(RecordedSteps, Objective, Executor)}, or if a
   *     derivative is not finite or {@code logMu} has another length than the steps
   */
  default Evaluation computeGradient(RecordedSteps<O, A> steps, LogMuDerivative derivative, double entropyCoefficient,
      Exploration exploration, double scale, Executor executor, double[] logMu) {
    if (logMu.length != steps.size()) {
      throw new IllegalArgumentException("need room for one log μ per step: " + steps.size() + " steps, " + logMu.length);
    }
    double[] lp = logProbabilities(steps, exploration);
    double[] weights = new double[lp.length];
    for (int t = 0; t < lp.length; t++) {
      logMu[t] = lp[t];
      weights[t] = derivative.at(t, lp[t]);
    }
    return computeGradient(steps, new Objective(weights, entropyCoefficient, exploration, scale), executor);
  }

  /**
   * The derivative of one step's term of an objective with respect to that step's log μ (see {@link
   * #computeGradient(RecordedSteps, LogMuDerivative, double, Exploration, double, Executor, double[])}).
   */
  @FunctionalInterface
  interface LogMuDerivative {
    /**
     * The derivative at step {@code t}.
     *
     * @param t the step
     * @param logMu log μ(a_t|s_t) under the current parameters
     * @return the derivative, finite
     */
    double at(int t, double logMu);
  }

  /**
   * log μ(a_t|s_t) of every recorded step: the log-probability of the action played under the
   * distribution that chose it, π mixed with the exploration. By default from {@link #distribution} of
   * each step's observation, one pass per step; for a step recorded with a mask ({@link
   * RecordedSteps#validActions(int)}) of a {@link MaskablePolicy}, from its masked distribution.
   *
   * @param steps the steps
   * @param exploration what mixed π into μ
   * @return one value per step
   * @throws IllegalArgumentException as {@link Exploration#logProbability}
   */
  default double[] logProbabilities(RecordedSteps<O, A> steps, Exploration exploration) {
    double[] out = new double[steps.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = exploration.logProbability(recordedDistribution(steps, t), steps.action(t), steps.previousAction(t));
    }
    return out;
  }

  /**
   * H(π(·|s_t)) of every recorded step, in nats. By default from {@link #distribution} of each step's
   * observation (masked as in {@link #logProbabilities}), one pass per step.
   *
   * @param steps the steps
   * @return one value per step
   */
  default double[] entropies(RecordedSteps<O, A> steps) {
    double[] out = new double[steps.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = recordedDistribution(steps, t).entropy();
    }
    return out;
  }

  /** π(·|s_t) of a recorded step: masked where the step has a mask and this policy applies masks. */
  @SuppressWarnings("unchecked")
  private ActionDistribution<A> recordedDistribution(RecordedSteps<O, A> steps, int t) {
    boolean[] valid = steps.validActions(t);
    if (valid != null && this instanceof MaskablePolicy<?> maskable) {
      return (ActionDistribution<A>) ((MaskablePolicy<O>) maskable).distribution(steps.observation(t), valid);
    }
    return distribution(steps.observation(t));
  }

  /**
   * The parameters as blocks whose concatenation is the flat parameter vector; the arrays themselves, not
   * copies. Write to them only through an optimizer or {@link #setParameters}, which call {@link
   * #parametersChanged()}.
   *
   * @return the blocks, the same arrays on every call
   */
  float[][] parameterBlocks();

  /**
   * The gradient of the last {@link #computeGradient}, in blocks of the lengths of {@link
   * #parameterBlocks()}; the arrays themselves, which {@link #clipGradient} scales in place.
   *
   * @return the gradient's blocks
   */
  float[][] gradientBlocks();

  /**
   * Tells the policy that its parameter blocks were written, so that it drops what it derived from them
   * (a cached copy, recorded activations). Does nothing by default.
   */
  default void parametersChanged() {}

  /**
   * A policy for another thread that reads this policy's parameters in place, with buffers of its own:
   * it acts with the current parameters, and making one copies no parameters. A change of the
   * parameters (an optimizer's step, {@link #setParameters}) is seen by every sharer; a sharer itself
   * only acts and records steps, and never changes them.
   *
   * @return the sharer
   */
  TrainablePolicy<O, A> sharer();

  /**
   * The number of parameters.
   *
   * @return the length of the flat parameter vector
   */
  default int parameterCount() {
    return ParameterVector.length(parameterBlocks());
  }

  /**
   * The parameters in their flat order.
   *
   * @return a copy
   */
  default float[] parameters() {
    return ParameterVector.flatten(parameterBlocks());
  }

  /**
   * Replaces the parameters.
   *
   * @param values as many values as {@link #parameterCount()}, in the order of {@link #parameters()}, all
   *     finite
   * @throws IllegalArgumentException if the count differs or a value is NaN or infinite (naming the first);
   *     the parameters are then unchanged
   */
  default void setParameters(float[] values) {
    ParameterVector.requireFinite(values, parameterCount());
    ParameterVector.scatter(values, parameterBlocks());
    parametersChanged();
  }

  /**
   * The gradient of the last {@link #computeGradient}, in the flat order.
   *
   * @return a copy
   */
  default float[] gradient() {
    return ParameterVector.flatten(gradientBlocks());
  }

  /**
   * The gradient's L2 norm, summed in a fixed order (the same bits on any thread).
   *
   * @return the norm
   */
  default double gradientNorm() {
    return ParameterVector.norm(gradientBlocks());
  }

  /**
   * Scales the gradient down so that its L2 norm is at most {@code maxNorm}.
   *
   * @param maxNorm the largest norm, positive
   * @return the norm before clipping
   * @throws IllegalArgumentException if {@code maxNorm} is not positive
   */
  default double clipGradient(double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("the maximum gradient norm must be positive, got " + maxNorm);
    }
    double norm = gradientNorm();
    if (norm > maxNorm) {
      ParameterVector.scale(gradientBlocks(), (float) (maxNorm / norm));
    }
    return norm;
  }

  /**
   * Writes the policy's learned state into a checkpoint, under names starting with {@code prefix}: by
   * default the parameters, as {@code prefix + "parameters"}.
   *
   * @param checkpoint the checkpoint being written
   * @param prefix the names' prefix, such as {@code "policy."}
   */
  default void writeState(CheckpointFile checkpoint, String prefix) {
    checkpoint.putFloats(prefix + "parameters", parameters());
  }

  /**
   * Reads what {@link #writeState} wrote. The checkpoint is untrusted: every value is checked first.
   *
   * @param checkpoint the checkpoint
   * @param prefix the prefix given to {@link #writeState}
   * @throws io.github.pgrl.core.checkpoint.CheckpointException if an entry is missing or of another type
   * @throws IllegalArgumentException if the stored parameters do not fit this policy or are not finite; the
   *     parameters are then unchanged
   */
  default void readState(CheckpointFile checkpoint, String prefix) {
    setParameters(checkpoint.floats(prefix + "parameters"));
  }

  /**
   * What {@link #computeGradient} differentiates: {@code J = scale·(Σ_t w_t·log μ(a_t|s_t) + β·Σ_t
   * H(π(·|s_t)))}.
   *
   * @param weights one weight {@code w_t} per step, finite; not copied
   * @param entropyCoefficient β, finite and at least 0
   * @param exploration what mixed π into μ ({@link Exploration#NONE} for μ = π)
   * @param scale the factor on the sum, positive and finite: {@code 1/n} for the mean over {@code n} steps
   */
  record Objective(double[] weights, double entropyCoefficient, Exploration exploration, double scale) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a weight is not finite (naming the first), β is negative or not
     *     finite, or the scale is not positive and finite
     */
    public Objective {
      Objects.requireNonNull(weights, "weights");
      Objects.requireNonNull(exploration, "exploration");
      for (int t = 0; t < weights.length; t++) {
        if (!Double.isFinite(weights[t])) {
          throw new IllegalArgumentException("the weight of step " + t + " is " + weights[t] + "; weights must be finite");
        }
      }
      if (!(entropyCoefficient >= 0.0) || Double.isInfinite(entropyCoefficient)) {
        throw new IllegalArgumentException("the entropy coefficient must be finite and at least 0, got " + entropyCoefficient);
      }
      if (!(scale > 0.0) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("the scale must be positive and finite, got " + scale);
      }
    }

    /**
     * The objective of the mean over the steps: scale {@code 1/n} ({@code 1} for no steps).
     *
     * @param weights one weight per step
     * @param entropyCoefficient β
     * @param exploration the exploration
     * @return the objective
     * @throws IllegalArgumentException as the constructor
     */
    public static Objective mean(double[] weights, double entropyCoefficient, Exploration exploration) {
      return new Objective(weights, entropyCoefficient, exploration, weights.length > 0 ? 1.0 / weights.length : 1.0);
    }

    /**
     * Refuses a batch of another size than the weights.
     *
     * @param steps the number of steps
     * @throws IllegalArgumentException if it differs from the number of weights
     */
    public void requireSteps(int steps) {
      if (weights.length != steps) {
        throw new IllegalArgumentException("need one weight per step: " + steps + " steps, " + weights.length + " weights");
      }
    }
  }

  /**
   * What {@link #computeGradient} found.
   *
   * @param objective J, scale included
   * @param meanEntropy the mean of H(π(·|s_t)) over the steps, 0 without steps
   * @param steps the number of steps
   */
  record Evaluation(double objective, double meanEntropy, int steps) {}
}
