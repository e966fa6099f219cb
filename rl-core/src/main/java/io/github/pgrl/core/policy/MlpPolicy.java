package io.github.pgrl.core.policy;

import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.MaskablePolicy;
import io.github.pgrl.core.Policy;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.SharedValuePolicy;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.ValueTargets;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.Engine;
import io.github.pgrl.core.internal.Mlp;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * A stochastic policy over {@code Discrete(n)} actions: a multilayer perceptron on ND4J whose output is a
 * softmax (categorical) or sigmoid (Bernoulli) distribution, trainable by the policy gradient.
 *
 * <p>The classic pong-from-pixels network, 1,280,200 parameters:
 *
 * <pre>{@code
 * MlpPolicy classic = MlpPolicy.builder(6400, 2)
 *     .hidden(200)
 *     .activation(Activation.RELU)
 *     .head(Head.BERNOULLI)
 *     .bias(false)
 *     .build(new SplittableRandom(1)); // the generator of the initial weights
 * }</pre>
 *
 * <p>Weights are drawn from {@code N(0, 1)/sqrt(fan-in)} with the caller's generator (the output layer
 * optionally scaled down, so that the first policy is close to uniform); biases start at 0.
 *
 * <p>{@link #act} samples the policy's own distribution. As a {@link TrainablePolicy}, {@link
 * #computeGradient} evaluates the policy-gradient objective of recorded steps, {@code J = k·(Σ_t
 * w_t·log μ(a_t|s_t) + β·Σ_t H(π(·|s_t)))}, where μ is the distribution that actually chose the action
 * (see {@link Exploration}), and writes its gradient into an internal buffer; {@link #clipGradient} and
 * an {@link Optimizer} then update the parameters. Gradients are computed by hand-written
 * backpropagation, on the path {@link #computePath} chooses (the one performance option).
 *
 * <p>With a softmax head it is a {@link MaskablePolicy}: π over the valid actions of an environment with
 * {@link io.github.pgrl.core.ActionMasks}, its record keeping each step's mask. A Bernoulli head refuses masks.
 *
 * <p>Built with {@link Builder#valueOutput(boolean) valueOutput(true)}, the output layer has one more
 * linear unit, V(s), beside the logits: a shared actor-critic network ({@link SharedValuePolicy}) whose
 * hidden layers serve both, trained by A2C and PPO with one combined gradient. The head reads the other
 * outputs exactly as without it.
 *
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning", Machine Learning 8, 229–256, 1992.
 *
 * <p>Not thread-safe: use one instance per thread ({@link #copy()}, or {@link #sharer()} for threads that
 * only act).
 *
 * @since 0.1.0
 */
public final class MlpPolicy implements MaskablePolicy<float[]>, SharedValuePolicy<float[], Integer> {

  private final Mlp net;
  /** The network's passes, on the route {@link #computePath} chose. */
  private final Engine engine;
  private final Head head;
  /** The head's arithmetic: probabilities and the objective's terms. */
  private final PolicyHead policyHead;
  private final int actions;
  private final double[] probs;
  /** The index of the value output among the network's outputs, or −1 without one. */
  private final int valueIndex;

  private MlpPolicy(Mlp net, Head head, int actions, boolean valueOutput, Engine.Route route) {
    this.net = net;
    this.engine = new Engine(net, route);
    this.head = head;
    this.policyHead = new PolicyHead(head, actions);
    this.actions = actions;
    this.probs = new double[actions];
    this.valueIndex = valueOutput ? logitCount(head, actions) : -1;
  }

  /** The outputs the head reads: one for a Bernoulli head, one per action for a softmax. */
  private static int logitCount(Head head, int actions) {
    return head == Head.BERNOULLI ? 1 : actions;
  }

  /**
   * Starts building a policy.
   *
   * @param inputs the length of an observation, at least 1
   * @param actions the number of actions, at least 2
   * @return a builder with one hidden layer of 64 tanh units, a softmax head and biases
   * @throws IllegalArgumentException if {@code inputs < 1} or {@code actions < 2}
   */
  public static Builder builder(int inputs, int actions) {
    return new Builder(inputs, actions);
  }

  /**
   * The length of an observation.
   *
   * @return the number of inputs
   */
  public int inputs() {
    return net.inputs();
  }

  /**
   * The number of actions.
   *
   * @return n of {@code Discrete(n)}
   */
  public int actions() {
    return actions;
  }

  /**
   * The output distribution.
   *
   * @return the head
   */
  public Head head() {
    return head;
  }

  /**
   * The sizes of the hidden layers.
   *
   * @return a copy
   */
  public int[] hidden() {
    return net.hidden();
  }

  /**
   * The hidden activation.
   *
   * @return the activation
   */
  public Activation activation() {
    return Activation.of(net.relu());
  }

  /**
   * Whether the layers have biases.
   *
   * @return {@code true} if they do
   */
  public boolean hasBias() {
    return net.bias();
  }

  /**
   * Whether the network has a value output V(s) beside the head's outputs.
   *
   * @return {@code true} if built with {@link Builder#valueOutput(boolean) valueOutput(true)}
   */
  @Override
  public boolean hasValueOutput() {
    return valueIndex >= 0;
  }

  /**
   * The number of trainable parameters.
   *
   * @return the parameter count
   */
  @Override
  public int parameterCount() {
    return net.parameterCount();
  }

  /**
   * The parameters in their flat order (W_0, b_0, W_1, b_1, …, row-major).
   *
   * @return a copy
   */
  @Override
  public float[] parameters() {
    return net.parameters();
  }

  /**
   * Replaces the parameters.
   *
   * @param values as many values as {@link #parameterCount()}, in the order of {@link #parameters()}, all
   *     finite
   * @throws IllegalArgumentException if the count differs or a value is NaN or infinite (naming the first);
   *     the parameters are then unchanged
   */
  @Override
  public void setParameters(float[] values) {
    net.setParameters(values);
  }

  /**
   * Writes the parameters ({@code prefix + "parameters"}) and the architecture: {@code prefix +}
   * {@code "hidden"}, {@code "activation"}, {@code "head"}, {@code "bias"} and, for a network with a value
   * output, {@code "valueOutput"} (one without writes what it wrote before value outputs existed).
   */
  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    MaskablePolicy.super.writeState(checkpoint, prefix);
    Architecture.write(checkpoint, prefix, architecture(), "valueOutput", "false");
  }

  /** The architecture's checkpoint entries: name and value. */
  private String[][] architecture() {
    return new String[][] {{"hidden", Arrays.toString(hidden())}, {"activation", activation().name()},
        {"head", head.name()}, {"bias", Boolean.toString(hasBias())},
        {"valueOutput", Boolean.toString(hasValueOutput())}};
  }

  /**
   * Reads what {@link #writeState} wrote, first comparing the stored architecture, where there is one
   * (checkpoints of 3edb90a and before have none; those written before value outputs existed have no {@code
   * valueOutput} entry, and their parameter count tells), with this policy's.
   *
   * @throws CheckpointException if the stored architecture differs, naming both, or an entry is missing
   * @throws IllegalArgumentException as {@link #setParameters}
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    Architecture.requireSame(checkpoint, prefix, architecture(),
        Set.of("hidden", "activation", "head", "bias", "valueOutput"), this);
    MaskablePolicy.super.readState(checkpoint, prefix);
  }

  @Override
  public float[][] parameterBlocks() {
    return net.parameterBlocks();
  }

  /** The gradient's blocks; a gradient the ND4J path computed is first copied into them. */
  @Override
  public float[][] gradientBlocks() {
    return net.gradientBlocks();
  }

  @Override
  public void parametersChanged() {
    net.parametersChanged();
  }

  /**
   * An independent policy with the same architecture and parameters, for use on another thread.
   *
   * @return the copy; later changes to either do not affect the other
   */
  public MlpPolicy copy() {
    return new MlpPolicy(net.copy(), head, actions, hasValueOutput(), engine.route());
  }

  /**
   * A policy for another thread that uses this policy's parameters in place instead of copying them: it
   * always acts with the current parameters, and making or refreshing it copies nothing (the Pong network
   * has 1.28 million parameters). It has its own buffers, so it and this policy may compute on different
   * threads at the same time, as long as nothing changes the parameters meanwhile; a change through
   * either ({@link #setParameters}, an optimizer step) is a change of both. {@code Reinforce} gives one
   * to each rollout thread.
   *
   * @return a policy sharing this one's parameters, with its compute path
   * @since 0.1.0
   */
  @Override
  public MlpPolicy sharer() {
    return new MlpPolicy(net.sharing(), head, actions, hasValueOutput(), engine.route());
  }

  /**
   * Copies the parameters of another policy of the same architecture into this one.
   *
   * @param other the policy to copy from
   * @throws IllegalArgumentException if the parameter counts differ
   */
  public void copyParametersFrom(MlpPolicy other) {
    net.setParametersFrom(other.net);
  }

  /**
   * The action probabilities π(·|s) for one observation.
   *
   * @param observation {@link #inputs()} values
   * @param out receives {@link #actions()} probabilities
   * @throws IllegalArgumentException if a length is wrong
   */
  public void probabilities(float[] observation, double[] out) {
    if (out.length != actions) {
      throw new IllegalArgumentException("need room for " + actions + " probabilities, got " + out.length);
    }
    policyHead.toProbabilities(engine.forwardOne(observation), 0, out);
  }

  /** The network, for tests in this package. */
  Mlp net() {
    return net;
  }

  /**
   * An empty record of steps that keeps observations sparsely and, when {@link #observe} fills it, the
   * activations of each step's forward pass.
   *
   * @return a new record for observations of {@link #inputs()} values
   */
  @Override
  public RecordedSteps<float[], Integer> newSteps() {
    return new Batch(inputs());
  }

  /**
   * π(·|s) for one observation, which is staged in {@code steps} as its next step.
   *
   * <p>With a record of {@link #newSteps()}, this reads the observation once, rejects non-finite values,
   * and keeps the activations of the forward pass, so that a later {@link #computeGradient} with the same
   * parameters skips recomputing them (one of the three passes a step would otherwise cost; 1.24 × faster
   * on Pong difference frames, see docs/BENCHMARKS.md). The kept activations are used only while this
   * policy's parameters, or a {@link #copy()}'s, are unchanged; the results are identical either way. A
   * record keeps at most 2<sup>25</sup> activation values, beyond which the gradient recomputes them.
   *
   * @param observation {@link #inputs()} finite values; not kept
   * @param steps the record to stage the step in
   * @return π(·|s), a view valid until this policy's next call
   * @throws IllegalArgumentException if a length is wrong or the observation has a NaN or infinite value
   * @since 0.1.0
   */
  @Override
  public Categorical observe(float[] observation, RecordedSteps<float[], Integer> steps) {
    if (!(steps instanceof Batch batch)) {
      return (Categorical) MaskablePolicy.super.observe(observation, steps); // distribution() is one
    }
    return observe(observation, batch, null);
  }

  private Categorical observe(float[] observation, Batch batch, boolean[] validActions) {
    if (batch.inputs() != inputs()) {
      throw new IllegalArgumentException(
          "the record holds observations of " + batch.inputs() + " values, the policy expects " + inputs());
    }
    float[] logits = engine.observe(observation, batch); // stages the observation, then the mask unless null
    if (validActions != null) {
      batch.stageMask(validActions);
    }
    policyHead.toProbabilities(logits, 0, probs, validActions);
    return Categorical.view(probs);
  }

  /**
   * As {@link #observe(float[], RecordedSteps)}, with the masked π(·|s); the record keeps the mask.
   *
   * @throws IllegalArgumentException also for a Bernoulli head, or a mask without {@link #actions()}
   *     entries or a {@code true}
   */
  @Override
  public Categorical observe(float[] observation, boolean[] validActions, RecordedSteps<float[], Integer> steps) {
    if (!(steps instanceof Batch batch)) {
      return MaskablePolicy.super.observe(observation, validActions, steps);
    }
    policyHead.requireMask(validActions); // first: a refused mask stages nothing
    return observe(observation, batch, validActions);
  }

  /**
   * The masked π(·|s): the softmax over the valid actions.
   *
   * @throws IllegalArgumentException also for a Bernoulli head, or a mask without {@link #actions()}
   *     entries or a {@code true}
   */
  @Override
  public Categorical distribution(float[] observation, boolean[] validActions) {
    policyHead.requireMask(validActions);
    return policyHead.checked(engine.forwardOne(observation), probs, validActions);
  }

  /**
   * π(·|s) for one observation.
   *
   * @param observation {@link #inputs()} values
   * @return a view of this policy's buffer, valid until its next call
   * @throws IllegalArgumentException if the observation's length is wrong, or π(·|s) is not a distribution
   *     (a NaN value in the observation, or values so large that the network overflows)
   */
  @Override
  public Categorical distribution(float[] observation) {
    return policyHead.checked(engine.forwardOne(observation), probs, null);
  }

  /**
   * The action probabilities π(·|s) for one observation.
   *
   * @param observation {@link #inputs()} values
   * @return a new array of {@link #actions()} probabilities
   * @throws IllegalArgumentException if the observation's length is wrong
   */
  public double[] probabilities(float[] observation) {
    double[] out = new double[actions];
    probabilities(observation, out);
    return out;
  }

  /**
   * Samples an action from π(·|s).
   *
   * @throws IllegalArgumentException if the observation's length is wrong, or π(·|s) is not a distribution
   *     (a NaN value in the observation, or values so large that the network overflows)
   */
  @Override
  public Integer act(float[] observation, RandomGenerator rng) {
    return distribution(observation).sample(rng);
  }

  /**
   * The most probable action (ties go to the lowest index).
   *
   * @param observation {@link #inputs()} values
   * @return the greedy action
   * @throws IllegalArgumentException as {@link #act}
   */
  public int greedyAction(float[] observation) {
    return distribution(observation).mode();
  }

  /**
   * This policy acting greedily, for evaluation.
   *
   * @return a view that always plays {@link #greedyAction(float[])}
   */
  public Policy<float[], Integer> greedy() {
    return (observation, rng) -> greedyAction(observation);
  }

  /**
   * Sets the gradient to that of the objective of the recorded steps (see {@link TrainablePolicy}).
   *
   * <p>On the Java compute path a batch of {@code n} steps is split into 1, 2 or 4 parts of consecutive
   * steps (the most that leave each part at least 1,024 steps), each accumulated separately and then
   * summed in order; parts other than the first run on the executor, if given. The split depends only
   * on {@code n}, so the results are bit-identical with or without an executor and whatever its threads.
   *
   * @throws IllegalArgumentException if the number of weights differs from the number of steps, an action
   *     is out of range, the record holds observations of another length, or a masked step's action is
   *     invalid under its mask or the objective explores
   */
  @Override
  public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, Objective objective, Executor executor) {
    return policyHead.evaluate(engine, Batch.of(steps, inputs()), objective, executor, true);
  }

  /** In one pass: each step's weight is computed from its log μ as its logits are. */
  @Override
  public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, LogMuDerivative derivative,
      double entropyCoefficient, Exploration exploration, double scale, Executor executor, double[] logMu) {
    return policyHead.evaluate(engine, Batch.of(steps, inputs()), derivative, entropyCoefficient, exploration, scale,
        executor, logMu);
  }

  /**
   * log μ(a_t|s_t) of every recorded step, from one batched forward pass per step on the compute path
   * (masked where a step has a mask), rather than the default's one distribution per step.
   */
  @Override
  public double[] logProbabilities(RecordedSteps<float[], Integer> steps, Exploration exploration) {
    return policyHead.perStep(engine, Batch.of(steps, inputs()), exploration)[0];
  }

  /** H(π(·|s_t)) of every recorded step, batched as {@link #logProbabilities}. */
  @Override
  public double[] entropies(RecordedSteps<float[], Integer> steps) {
    return policyHead.perStep(engine, Batch.of(steps, inputs()), Exploration.NONE)[1];
  }

  /**
   * The objective of the recorded steps, without computing its gradient (to check gradients).
   *
   * @param steps the steps
   * @param objective the objective
   * @return J and the mean entropy
   * @throws IllegalArgumentException as {@link #computeGradient}
   */
  public Evaluation evaluate(RecordedSteps<float[], Integer> steps, Objective objective) {
    return policyHead.evaluate(engine, Batch.of(steps, inputs()), objective, null, false);
  }

  /**
   * V(s) for one observation, the value output.
   *
   * @throws IllegalArgumentException if the observation's length is wrong
   * @throws IllegalStateException if the network has no value output
   */
  @Override
  public double value(float[] observation) {
    ValueOutput.requirePresent(valueIndex, this);
    return engine.forwardOne(observation)[valueIndex];
  }

  /**
   * V(s_t) of every recorded step, from one batched forward pass (the activations {@link #observe} recorded,
   * while the parameters are unchanged).
   *
   * @throws IllegalArgumentException if the record holds observations of another length
   * @throws IllegalStateException if the network has no value output
   */
  @Override
  public double[] values(RecordedSteps<float[], Integer> steps) {
    ValueOutput.requirePresent(valueIndex, this);
    Batch batch = Batch.observationsOf(steps, inputs());
    double[] v = new double[batch.size()];
    ValueOutput read = new ValueOutput(valueIndex, null, 0, 0, v);
    engine.run(batch, false, false, null, k -> read.after(null));
    return v;
  }

  /**
   * The combined gradient of policy and value output in one backward pass (see {@link SharedValuePolicy}):
   * each step's derivative with respect to the logits as {@link #computeGradient(RecordedSteps,
   * LogMuDerivative, double, Exploration, double, Executor, double[])} writes it, and with respect to V(s_t)
   * {@code 2·valueCoefficient·scale·}{@link ValueTargets#ascent}; computed in parts as that method is, so
   * the results do not depend on the executor.
   *
   * @throws IllegalStateException if the network has no value output
   */
  @Override
  public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, LogMuDerivative derivative,
      double entropyCoefficient, Exploration exploration, double scale, Executor executor, double[] logMu,
      ValueTargets targets, double valueCoefficient, double[] values) {
    ValueOutput.requirePresent(valueIndex, this);
    ValueOutput.requireArguments(steps.size(), targets, valueCoefficient, values);
    return policyHead.evaluate(engine, Batch.of(steps, inputs()), derivative, entropyCoefficient, exploration, scale,
        executor, logMu, new ValueOutput(valueIndex, targets, valueCoefficient, scale, values));
  }

  /**
   * Chooses how the passes are computed (default {@link ComputePath#AUTO}): the one performance option.
   *
   * @param path the compute path
   * @throws NullPointerException if {@code path} is {@code null}
   */
  public void computePath(ComputePath path) {
    engine.route(Objects.requireNonNull(path, "path").route());
  }

  /**
   * Whether every parameter is finite.
   *
   * @return {@code false} if a parameter is NaN or infinite
   */
  public boolean parametersFinite() {
    return net.parametersFinite();
  }

  @Override
  public String toString() {
    return "MlpPolicy(" + inputs() + " -> " + Arrays.toString(hidden()) + " " + activation() + " -> " + head
        + " over " + actions + " actions" + (net.bias() ? "" : ", no biases") + (hasValueOutput() ? ", value output" : "")
        + ")";
  }

  /** Builds a {@link MlpPolicy}. */
  public static final class Builder {
    private final int inputs;
    private final int actions;
    private int[] hidden = {64};
    private Activation activation = Activation.TANH;
    private Head head = Head.SOFTMAX;
    private boolean bias = true;
    private double outputScale = 1.0;
    private boolean valueOutput = false;

    private Builder(int inputs, int actions) {
      if (inputs < 1) {
        throw new IllegalArgumentException("a policy needs at least 1 input, got " + inputs);
      }
      if (actions < 2) {
        throw new IllegalArgumentException("a policy needs at least 2 actions, got " + actions);
      }
      this.inputs = inputs;
      this.actions = actions;
    }

    /**
     * The hidden layer sizes (none for a linear policy).
     *
     * @param sizes at most 100 layers, each at least 1
     * @return this builder
     * @throws IllegalArgumentException if a size is below 1 or there are more than 100 layers
     */
    public Builder hidden(int... sizes) {
      this.hidden = Mlp.checkHidden(sizes);
      return this;
    }

    /**
     * The hidden activation.
     *
     * @param activation the activation
     * @return this builder
     */
    public Builder activation(Activation activation) {
      this.activation = Objects.requireNonNull(activation, "activation");
      return this;
    }

    /**
     * The output distribution.
     *
     * @param head the head; {@link Head#BERNOULLI} needs exactly two actions
     * @return this builder
     */
    public Builder head(Head head) {
      this.head = Objects.requireNonNull(head, "head");
      return this;
    }

    /**
     * Whether the layers have biases.
     *
     * @param bias {@code false} for the classic pong-from-pixels network
     * @return this builder
     */
    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    /**
     * A factor on the output layer's initial weights; below 1 starts the policy closer to uniform.
     *
     * @param scale positive and finite (default 1)
     * @return this builder
     * @throws IllegalArgumentException if the scale is not positive and finite
     */
    public Builder outputScale(double scale) {
      if (!(scale > 0) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("the output scale must be positive and finite, got " + scale);
      }
      this.outputScale = scale;
      return this;
    }

    /**
     * Whether the output layer has one more linear unit, V(s), beside the head's outputs: a shared
     * actor-critic network ({@link SharedValuePolicy}). Its initial weights are not scaled by {@link
     * #outputScale}.
     *
     * @param valueOutput {@code true} for the value output (default {@code false})
     * @return this builder
     */
    public Builder valueOutput(boolean valueOutput) {
      this.valueOutput = valueOutput;
      return this;
    }

    /**
     * Builds the policy with weights drawn from {@code rng}.
     *
     * @param rng the generator for the initial weights
     * @return the policy
     * @throws IllegalArgumentException if the head does not fit the number of actions, or the network would
     *     have more parameters than an array can hold ({@code Integer.MAX_VALUE − 8})
     */
    public MlpPolicy build(RandomGenerator rng) {
      Mlp net = new Mlp(sizes(), activation.relu(), bias);
      net.initialise(rng, outputScale, logitCount(head, actions));
      return new MlpPolicy(net, head, actions, valueOutput, Engine.Route.AUTO);
    }

    /**
     * Builds the policy with the given parameters (for a stored policy: the output scale is not used). The
     * parameter count of the architecture is compared with {@code parameters.length} before anything is
     * allocated, so a wrong architecture costs no memory.
     *
     * @param parameters the parameters in the order of {@link MlpPolicy#parameters()}, all finite
     * @return the policy
     * @throws IllegalArgumentException if the head does not fit the number of actions, the architecture has
     *     another number of parameters, or a parameter is NaN or infinite
     * @since 0.1.0
     */
    public MlpPolicy build(float[] parameters) {
      int[] sizes = sizes();
      long count = Mlp.parameterCount(sizes, bias);
      if (count != parameters.length) {
        throw new IllegalArgumentException("a policy with " + inputs + " inputs, the hidden layers " + Arrays.toString(hidden)
            + ", " + actions + " actions, a " + head + " head" + (valueOutput ? ", a value output" : "") + " and"
            + (bias ? "" : " no") + " biases has " + count
            + " parameters, not " + parameters.length);
      }
      Mlp net = new Mlp(sizes, activation.relu(), bias);
      net.setParameters(parameters);
      return new MlpPolicy(net, head, actions, valueOutput, Engine.Route.AUTO);
    }

    /** The layer sizes, inputs to outputs. */
    private int[] sizes() {
      if (head == Head.BERNOULLI && actions != 2) {
        throw new IllegalArgumentException("a Bernoulli head needs exactly 2 actions, got " + actions);
      }
      return Mlp.layerSizes(inputs, hidden, logitCount(head, actions) + (valueOutput ? 1 : 0));
    }
  }
}
