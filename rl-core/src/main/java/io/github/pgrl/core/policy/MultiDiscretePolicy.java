package io.github.pgrl.core.policy;

import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.MultiCategorical;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.Engine;
import io.github.pgrl.core.internal.Mlp;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * A stochastic policy over {@code MultiDiscrete(nvec)} actions: a multilayer perceptron on ND4J with
 * {@code Σ_i nvec[i]} outputs, one softmax per component, whose distribution is a {@link MultiCategorical}
 * (the components independent given the observation), trainable by the policy gradient.
 *
 * <pre>{@code
 * MultiDiscretePolicy policy = MultiDiscretePolicy.builder(4, MultiDiscrete.of(3, 2, 2))
 *     .hidden(32)
 *     .activation(Activation.TANH)
 *     .build(new SplittableRandom(1)); // the generator of the initial weights
 * }</pre>
 *
 * <p>Weights are drawn from {@code N(0, 1)/sqrt(fan-in)} with the caller's generator; biases start at 0.
 * The outputs of component {@code i} are the {@code nvec[i]} after those of the components before it.
 *
 * <p>{@link #computeGradient} sets the gradient of {@code J = k·(Σ_t w_t·log π(a_t|s_t) + β·Σ_t
 * H(π(·|s_t)))}, where {@code log π(a|s) = Σ_i log π_i(a_i|s)} and {@code H = Σ_i H(π_i)}, by hand-written
 * backpropagation on the path {@link #computePath} chooses. Exploration does not apply to several
 * choices at once: the objective's {@link Exploration} must be {@link Exploration#NONE}. Its record of
 * steps is {@link RecordedSteps#inMemory()}, so the gradient computes each step's forward pass again.
 *
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning", Machine Learning 8, 229–256, 1992.
 *
 * <p>Not thread-safe: use one instance per thread ({@link #sharer()} for threads that only act).
 *
 * @since 0.1.0
 */
public final class MultiDiscretePolicy implements TrainablePolicy<float[], int[]> {

  private final Mlp net;
  /** The network's passes, on the route {@link #computePath} chose. */
  private final Engine engine;
  private final MultiDiscrete space;
  /** Where each component's outputs start; the last entry is the number of outputs. */
  private final int[] offsets;
  /** π_i(·|s) of the last observation, one array per component. */
  private final double[][] probs;
  /** π(·|s) of the last observation: views of {@link #probs}. */
  private final MultiCategorical distribution;

  /** The checkpoint's {@code "head"} entry, which tells this policy's state from an {@link MlpPolicy}'s. */
  private static final String HEAD = "MULTI_CATEGORICAL";

  private MultiDiscretePolicy(Mlp net, MultiDiscrete space, Engine.Route route) {
    this.net = net;
    this.engine = new Engine(net, route);
    this.space = space;
    this.offsets = offsets(space);
    this.probs = new double[space.size()][];
    Categorical[] components = new Categorical[space.size()];
    for (int i = 0; i < components.length; i++) {
      probs[i] = new double[space.n(i)];
      components[i] = Categorical.view(probs[i]);
    }
    this.distribution = MultiCategorical.of(components);
  }

  /**
   * Starts building a policy.
   *
   * @param inputs the length of an observation, at least 1
   * @param space the action space
   * @return a builder with one hidden layer of 64 tanh units and biases
   * @throws IllegalArgumentException if {@code inputs < 1}, or the components have more choices in all
   *     (the network's outputs) than a network can have parameters ({@code Integer.MAX_VALUE − 8})
   * @throws NullPointerException if {@code space} is {@code null}
   */
  public static Builder builder(int inputs, MultiDiscrete space) {
    return new Builder(inputs, space);
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
   * The action space the policy chooses in.
   *
   * @return {@code MultiDiscrete(nvec)}
   */
  public MultiDiscrete actionSpace() {
    return space;
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
   * A policy for another thread that uses this policy's parameters in place, with buffers of its own (see
   * {@link TrainablePolicy#sharer()}).
   *
   * @return a policy sharing this one's parameters, with its compute path
   */
  @Override
  public MultiDiscretePolicy sharer() {
    return new MultiDiscretePolicy(net.sharing(), space, engine.route());
  }

  /**
   * π(·|s) for one observation.
   *
   * @param observation {@link #inputs()} values
   * @return a view of this policy's buffers, valid until its next call
   * @throws IllegalArgumentException if the observation's length is wrong, or a component of π(·|s) is not
   *     a distribution (a NaN value in the observation, or values so large that the network overflows)
   */
  @Override
  public MultiCategorical distribution(float[] observation) {
    float[] logits = engine.forwardOne(observation);
    for (int i = 0; i < space.size(); i++) {
      PolicyHead.softmax(logits, offsets[i], space.n(i), probs[i], 0);
      try {
        distribution.component(i).requireValid();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the policy gives no probability distribution for component " + i
            + " of this observation (are its values finite and not huge?): " + e.getMessage(), e);
      }
    }
    return distribution;
  }

  /**
   * Sets the gradient to that of the objective of the recorded steps (see {@link TrainablePolicy}).
   *
   * <p>As {@link MlpPolicy#computeGradient}, a batch is computed in 1, 2 or 4 parts by its size alone, so
   * the results are bit-identical with or without an executor.
   *
   * @throws IllegalArgumentException if the number of weights differs from the number of steps, an action
   *     is not in {@link #actionSpace()} (naming the step and why), the exploration is not {@link
   *     Exploration#NONE}, or the observations have another length
   */
  @Override
  public Evaluation computeGradient(RecordedSteps<float[], int[]> steps, Objective objective, Executor executor) {
    Objects.requireNonNull(objective, "objective");
    if (!objective.exploration().isNone()) {
      throw new IllegalArgumentException("exploration (" + objective.exploration() + ") needs a finite set of actions"
          + " and a Categorical distribution; a MultiDiscretePolicy takes Exploration.NONE");
    }
    int n = steps.size();
    objective.requireSteps(n);
    int[][] actions = new int[n][];
    for (int t = 0; t < n; t++) {
      actions[t] = steps.action(t);
      String violation = space.violation(actions[t]);
      if (violation != null) {
        throw new IllegalArgumentException("the action of step " + t + ", " + space.describe(actions[t])
            + ", is not in " + space + ": " + violation);
      }
    }
    Batch batch = Batch.observationsOf(steps, inputs());
    Terms[] parts = new Terms[Engine.MAX_PARTS];
    int count = engine.run(batch, true, true, executor, k -> parts[k] = new Terms(actions, objective));
    double sum = 0.0;
    double entropy = 0.0;
    for (int k = 0; k < count; k++) {
      sum += parts[k].objective;
      entropy += parts[k].entropy;
    }
    return new Evaluation(sum * objective.scale(), n > 0 ? entropy / n : 0.0, n);
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
   * Writes the parameters ({@code prefix + "parameters"}) and the architecture: {@code prefix +} {@code
   * "head"} ({@code MULTI_CATEGORICAL}, which an {@link MlpPolicy} refuses), {@code "nvec"}, {@code
   * "hidden"}, {@code "activation"} and {@code "bias"}.
   */
  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    TrainablePolicy.super.writeState(checkpoint, prefix);
    Architecture.write(checkpoint, prefix, architecture());
  }

  /**
   * Reads what {@link #writeState} wrote, first comparing the stored architecture with this policy's. The
   * {@code "head"} entry is compared where there is one (checkpoints of dbdf0a4 and before have none); the
   * others must be there.
   *
   * @throws CheckpointException if an entry other than the head is missing or the stored architecture
   *     differs, naming both
   * @throws IllegalArgumentException as {@link #setParameters}
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    Architecture.requireSame(checkpoint, prefix, architecture(), Set.of("head"), this);
    TrainablePolicy.super.readState(checkpoint, prefix);
  }

  /** The architecture as (name, value) pairs, as a checkpoint stores it; the head first. */
  private String[][] architecture() {
    return new String[][] {{"head", HEAD}, {"nvec", Arrays.toString(space.nvec())}, {"hidden", Arrays.toString(hidden())},
        {"activation", activation().name()}, {"bias", Boolean.toString(hasBias())}};
  }

  @Override
  public String toString() {
    return "MultiDiscretePolicy(" + inputs() + " -> " + Arrays.toString(hidden()) + " " + activation() + " -> "
        + space + (net.bias() ? "" : ", no biases") + ")";
  }

  private static int[] offsets(MultiDiscrete space) {
    int[] offsets = new int[space.size() + 1];
    for (int i = 0; i < space.size(); i++) {
      offsets[i + 1] = offsets[i] + space.n(i);
    }
    return offsets;
  }

  /**
   * Accumulates {@code Σ_t w_t·Σ_i log π_i(a_ti|s_t) + β·Σ_t Σ_i H(π_i(·|s_t))} of the steps it is given
   * (unscaled) and their entropy, and writes the derivative of the scaled objective with respect to each
   * step's logits, component by component. One per part of a batch.
   */
  private final class Terms implements Engine.OutputLoss {
    private final int[][] actions;
    private final double[] weights;
    private final double beta;
    private final double scale;
    private final double[] p = new double[offsets[space.size()]];
    double objective;
    double entropy;

    Terms(int[][] actions, Objective objective) {
      this.actions = actions;
      this.weights = objective.weights();
      this.beta = objective.entropyCoefficient();
      this.scale = objective.scale();
    }

    @Override
    public void row(int t, float[] logits, int offset, float[] dOut, int dOff) {
      int[] a = actions[t];
      double logPi = 0.0;
      double h = 0.0;
      for (int i = 0; i < a.length; i++) {
        int n = space.n(i);
        int o = offsets[i];
        PolicyHead.softmax(logits, offset + o, n, p, o);
        logPi += PolicyHead.logSoftmax(logits, offset + o, n, a[i]);
        double hi = PolicyHead.entropy(p, o, n);
        h += hi;
        if (dOut != null) {
          PolicyHead.softmaxDerivative(p, o, n, a[i], weights[t] * scale, beta * scale, hi, dOut, dOff + o);
        }
      }
      objective += weights[t] * logPi + beta * h;
      entropy += h;
    }
  }

  /** Builds a {@link MultiDiscretePolicy}. */
  public static final class Builder {
    private final int inputs;
    private final MultiDiscrete space;
    private int[] hidden = {64};
    private Activation activation = Activation.TANH;
    private boolean bias = true;

    private Builder(int inputs, MultiDiscrete space) {
      if (inputs < 1) {
        throw new IllegalArgumentException("a policy needs at least 1 input, got " + inputs);
      }
      this.inputs = inputs;
      this.space = Objects.requireNonNull(space, "space");
      // in a long: the int sum of large components wraps, to a negative size or a small one
      long outputs = 0;
      for (int n : space.nvec()) {
        outputs += n;
      }
      // each output has at least one weight, so more outputs than parameters can never be built
      if (outputs > Mlp.MAX_PARAMETERS) {
        throw new IllegalArgumentException("a MultiDiscretePolicy has one output per choice, and nvec = "
            + Arrays.toString(space.nvec()) + " sums to " + outputs + ", more than the " + Mlp.MAX_PARAMETERS
            + " parameters a network can have");
      }
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
     * Whether the layers have biases.
     *
     * @param bias whether they do (default {@code true})
     * @return this builder
     */
    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    /**
     * Builds the policy with weights drawn from {@code rng}.
     *
     * @param rng the generator for the initial weights
     * @return the policy
     * @throws IllegalArgumentException if the network would have more parameters than an array can hold
     *     ({@code Integer.MAX_VALUE − 8})
     */
    public MultiDiscretePolicy build(RandomGenerator rng) {
      int[] sizes = Mlp.layerSizes(inputs, hidden, offsets(space)[space.size()]);
      Mlp net = new Mlp(sizes, activation.relu(), bias);
      net.initialise(rng, 1.0);
      return new MultiDiscretePolicy(net, space, Engine.Route.AUTO);
    }
  }
}
