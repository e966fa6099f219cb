package io.github.pgrl.core.policy;

import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.SharedValuePolicy;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.ValueTargets;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.ConvNet;
import io.github.pgrl.core.space.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * A stochastic policy over {@code Discrete(n)} actions for image observations: convolutional layers with
 * ReLU, dense ReLU layers, and a softmax head, computed in batches on ND4J (float32) and trainable by the
 * policy gradient.
 *
 * <p>An observation is an image of shape {@code [channels, height, width]} flattened channel by channel,
 * row by row: what {@code FrameStack} gives for stacked frames (its {@code Box} has shape {@code [k, H,
 * W]}). A small net for two stacked 80×80 Pong frames:
 *
 * <pre>{@code
 * ConvPolicy policy = ConvPolicy.builder(2, 80, 80, 2) // channels, height, width, actions
 *     .conv(16, 8, 4)  // 16 filters 8×8, stride 4: 19×19×16
 *     .conv(32, 4, 2)  // 32 filters 4×4, stride 2: 8×8×32
 *     .hidden(256)
 *     .build(new SplittableRandom(1)); // the generator of the initial weights
 * }</pre>
 *
 * <p>Convolutions are "valid" (no padding): a layer of kernel {@code k} and stride {@code s} on an input
 * of height {@code h} gives {@code (h − k)/s + 1} rows, rounded down, so rows and columns that no whole
 * window reaches are not seen. Weights are drawn from {@code N(0, 1)/sqrt(fan-in)} with the caller's
 * generator (the output layer optionally scaled down); biases start at 0. The parameters are one block per
 * weight matrix and one per bias vector, in layer order: a conv layer's weights {@code [C·k·k, filters]}
 * (row {@code (c·k + y)·k + x}), its biases, then each dense layer's weights {@code [in, out]} (a conv
 * output flattened as {@code (y, x, channel)}) and biases.
 *
 * <p>{@link #computeGradient} evaluates {@code J = k·(Σ_t w_t·log μ(a_t|s_t) + β·Σ_t H(π(·|s_t)))} as {@link
 * MlpPolicy} does, μ being the mixture with the {@link Exploration} that chose the action, with one
 * batched forward and backward pass over the steps in chunks that bound the memory (an im2col matrix of
 * at most 32 MB). It runs on the calling thread (ND4J's own threads, set by the application, do the matrix
 * products), so its results do not depend on the executor. Steps are recorded sparsely (binary frames
 * are mostly zeros) in the same record as the MLP's.
 *
 * <p>Built with {@link Builder#valueOutput(boolean) valueOutput(true)}, the output layer has one more
 * linear unit, V(s), beside the logits: the shared actor-critic network of CleanRL's Atari PPO ({@link
 * SharedValuePolicy}), whose convolutions and dense layers serve both.
 *
 * <p>When to use it rather than the sparse {@link MlpPolicy} (docs/BENCHMARKS.md, "The convolutional
 * policy"): on Pong's difference frames, with a few dozen non-zero pixels, the MLP's sparse Java path
 * computed forward + backward for 16 to 175 times more samples per second (batches of 32 and 128, two runs
 * on a loaded machine).
 * The convolutional policy is for dense or large images, where a dense first layer would need a weight
 * per pixel and unit; it shares its weights across positions, and computes best in batches.
 *
 * <p>Reference: V. Mnih et al., "Human-level control through deep reinforcement learning", Nature 518,
 * 529–533, 2015 (the convolutional architecture); R. J. Williams, "Simple statistical gradient-following
 * algorithms for connectionist reinforcement learning", Machine Learning 8, 229–256, 1992 (the gradient).
 *
 * <p>Not thread-safe: use one instance per thread ({@link #sharer()} for threads that only act).
 *
 * @since 0.1.0
 */
public final class ConvPolicy implements SharedValuePolicy<float[], Integer> {

  private final ConvNet net;
  private final Layer[] conv;
  private final int[] hidden;
  private final int[] shape;
  private final int actions;
  private final PolicyHead head;
  private final double[] probs;
  /** The index of the value output among the network's outputs, or −1 without one. */
  private final int valueIndex;

  private ConvPolicy(ConvNet net, Layer[] conv, int[] hidden, int[] shape, int actions, boolean valueOutput) {
    this.net = net;
    this.conv = conv;
    this.hidden = hidden;
    this.shape = shape;
    this.actions = actions;
    this.head = new PolicyHead(Head.SOFTMAX, actions);
    this.probs = new double[actions];
    this.valueIndex = valueOutput ? actions : -1;
  }

  /**
   * Starts building a policy for images of shape {@code [channels, height, width]}.
   *
   * @param channels the image's channels (stacked frames), at least 1
   * @param height the image's height, at least 1
   * @param width the image's width, at least 1
   * @param actions the number of actions, at least 2
   * @return a builder without layers: add at least one {@link Builder#conv}
   * @throws IllegalArgumentException if a size is below 1 or there are fewer than 2 actions
   */
  public static Builder builder(int channels, int height, int width, int actions) {
    return new Builder(new int[] {channels, height, width}, actions);
  }

  /**
   * Starts building a policy for an environment's observations: a {@link Box} of shape {@code [channels,
   * height, width]}, or {@code [height, width]} for one channel.
   *
   * @param observationSpace the observation space
   * @param actions the number of actions, at least 2
   * @return a builder without layers
   * @throws IllegalArgumentException if the space is not a {@link Box} of rank 2 or 3, or there are fewer
   *     than 2 actions
   */
  public static Builder builder(Space<float[]> observationSpace, int actions) {
    return new Builder(imageShape(observationSpace), actions);
  }

  private static int[] imageShape(Space<float[]> space) {
    if (space instanceof Box box) {
      int[] s = box.shape();
      if (s.length == 3) {
        return s;
      }
      if (s.length == 2) {
        return new int[] {1, s[0], s[1]};
      }
    }
    throw new IllegalArgumentException("a convolutional policy needs an image: a Box of shape [channels, height,"
        + " width] or [height, width], got " + space);
  }

  /**
   * Refuses an observation space whose images are not this policy's.
   *
   * @param observationSpace an environment's observation space
   * @throws IllegalArgumentException if it is not a {@link Box} of shape {@link #inputShape()} (or {@code
   *     [height, width]} for one channel), naming both shapes
   */
  public void requireFits(Space<float[]> observationSpace) {
    int[] actual;
    try {
      actual = imageShape(observationSpace);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the policy expects images of shape " + Arrays.toString(shape)
          + " [channels, height, width]; " + e.getMessage(), e);
    }
    if (!Arrays.equals(actual, shape)) {
      throw new IllegalArgumentException("the policy expects images of shape " + Arrays.toString(shape)
          + " [channels, height, width], the observation space " + observationSpace + " has shape "
          + Arrays.toString(((Box) observationSpace).shape()));
    }
  }

  /**
   * The image shape the policy takes.
   *
   * @return {@code [channels, height, width]}, a copy
   */
  public int[] inputShape() {
    return shape.clone();
  }

  /**
   * The length of an observation.
   *
   * @return channels × height × width
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
   * The sizes of the dense hidden layers.
   *
   * @return a copy
   */
  public int[] hidden() {
    return hidden.clone();
  }

  /**
   * The policy's {@link #computeGradient}, forward only: J and the mean entropy of the steps.
   *
   * @param steps the steps
   * @param objective the objective
   * @return J and the mean entropy
   * @throws IllegalArgumentException as {@link #computeGradient}
   */
  public Evaluation evaluate(RecordedSteps<float[], Integer> steps, Objective objective) {
    return run(steps, objective, false);
  }

  /**
   * π(·|s) for one observation.
   *
   * @param observation an image of {@link #inputShape()}, flattened, finite
   * @return a view of this policy's buffer, valid until its next call
   * @throws IllegalArgumentException if the observation's length is not that of {@link #inputShape()} (naming
   *     both), or it holds a NaN or infinite value
   */
  @Override
  public Categorical distribution(float[] observation) {
    requireImage(observation);
    head.toProbabilities(net.forwardOne(observation), 0, probs);
    return Categorical.view(probs).requireValid();
  }

  private void requireImage(float[] observation) {
    if (observation.length != net.inputs()) {
      throw new IllegalArgumentException("the policy expects images of shape " + Arrays.toString(shape)
          + " [channels, height, width], " + net.inputs() + " values, got an observation of " + observation.length
          + " values");
    }
    for (int i = 0; i < observation.length; i++) {
      if (!Float.isFinite(observation[i])) {
        throw new IllegalArgumentException(
            "the observation has " + observation[i] + " at index " + i + "; observations must be finite");
      }
    }
  }

  /**
   * Records one lockstep step of several copies, as {@link TrainablePolicy#observeAll} does, with one
   * batched forward pass for all the observations (im2col and one product per layer for the batch) before
   * the steps are staged, chosen and completed in copy order. The distributions equal those of {@link
   * #observe} up to float rounding. On two stacked 80×80 Pong frames the batch took 0.49 to 0.65 of the
   * CPU time of one pass per copy, for 8 and 16 copies (docs/BENCHMARKS.md, "Acting on copies in
   * lockstep").
   *
   * @throws IllegalArgumentException as {@link TrainablePolicy#observeAll}: also if any observation does
   *     not fit (before any step is recorded), or there are masks (this is not a {@code MaskablePolicy})
   */
  @Override
  public List<Integer> observeAll(List<float[]> observations, List<boolean[]> validActions,
      List<Integer> previousActions, RecordedSteps<float[], Integer> steps, Chooser<Integer> chooser) {
    if (validActions != null || previousActions.size() != observations.size()) {
      return SharedValuePolicy.super.observeAll(observations, validActions, previousActions, steps, chooser); // refuses
    }
    for (float[] observation : observations) {
      requireImage(observation);
    }
    float[] logits = net.forward(observations);
    List<Integer> chosen = new ArrayList<>(observations.size());
    for (int i = 0; i < observations.size(); i++) {
      head.toProbabilities(logits, i * net.outputs(), probs); // a row holds the logits, then V(s) if there is one
      Categorical d = Categorical.view(probs).requireValid();
      steps.stage(observations.get(i));
      Integer a = chooser.choose(i, d);
      steps.complete(a, previousActions.get(i));
      chosen.add(a);
    }
    return chosen;
  }

  /**
   * An empty record that keeps observations sparsely.
   *
   * @return a new record for observations of {@link #inputs()} values
   */
  @Override
  public RecordedSteps<float[], Integer> newSteps() {
    return new Batch(inputs());
  }

  /**
   * Sets the gradient to that of the objective of the recorded steps (see {@link TrainablePolicy}), with one
   * batched pass in chunks on the calling thread; the executor is not used.
   *
   * @throws IllegalArgumentException if the number of weights differs from the number of steps, an action
   *     is out of range, a step carries an action mask, or the record holds observations of another length
   */
  @Override
  public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, Objective objective, Executor executor) {
    return run(steps, objective, true);
  }

  private Evaluation run(RecordedSteps<float[], Integer> steps, Objective objective, boolean withGradient) {
    return run(steps, objective, withGradient, null, null, 0.0, null);
  }

  /** The objective's pass; with {@code targets} also the value output's part of the combined objective. */
  private Evaluation run(RecordedSteps<float[], Integer> steps, Objective objective, boolean withGradient,
      Batch checked, ValueTargets targets, double valueCoefficient, double[] values) {
    Batch batch = checked != null ? checked : Batch.of(steps, inputs());
    if (batch.maskLength() != 0) {
      throw new IllegalArgumentException("the steps carry action masks, which a ConvPolicy does not apply (it is not a"
          + " MaskablePolicy): record them without masks, or use a policy that takes them, such as MlpPolicy");
    }
    head.requireSteps(batch, objective);
    int n = batch.size();
    PolicyHead.Terms terms = head.terms(batch, objective.weights(), objective.exploration(),
        objective.entropyCoefficient(), objective.scale());
    // a value output is always written (0 without targets): the engine reuses its derivative buffer
    net.run(batch, withGradient, valueIndex < 0 ? terms : new ValueOutput(valueIndex, targets, valueCoefficient,
        objective.scale(), values != null ? values : new double[n]).after(terms));
    return new Evaluation(terms.objective * objective.scale(), n > 0 ? terms.entropy / n : 0.0, n);
  }

  /**
   * Whether the network has a value output V(s) beside the logits.
   *
   * @return {@code true} if built with {@link Builder#valueOutput(boolean) valueOutput(true)}
   */
  @Override
  public boolean hasValueOutput() {
    return valueIndex >= 0;
  }

  /**
   * V(s) for one observation, the value output.
   *
   * @throws IllegalArgumentException as {@link #distribution}
   * @throws IllegalStateException if the network has no value output
   */
  @Override
  public double value(float[] observation) {
    ValueOutput.requirePresent(valueIndex, this);
    requireImage(observation);
    return net.forwardOne(observation)[valueIndex];
  }

  /**
   * V(s_t) of every recorded step, in one batched forward pass.
   *
   * @throws IllegalArgumentException if the record holds observations of another length
   * @throws IllegalStateException if the network has no value output
   */
  @Override
  public double[] values(RecordedSteps<float[], Integer> steps) {
    ValueOutput.requirePresent(valueIndex, this);
    Batch batch = Batch.observationsOf(steps, inputs());
    double[] v = new double[batch.size()];
    net.run(batch, false, new ValueOutput(valueIndex, null, 0, 0, v).after(null));
    return v;
  }

  /**
   * The combined gradient of policy and value output (see {@link SharedValuePolicy}): log μ of every step
   * from a forward pass, then one forward and backward pass with each step's weight {@code derivative} at its
   * log μ and the value output's derivative {@code 2·valueCoefficient·scale·}{@link ValueTargets#ascent}.
   *
   * @throws IllegalArgumentException also if a step carries an action mask
   * @throws IllegalStateException if the network has no value output
   */
  @Override
  public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, LogMuDerivative derivative,
      double entropyCoefficient, Exploration exploration, double scale, Executor executor, double[] logMu,
      ValueTargets targets, double valueCoefficient, double[] values) {
    ValueOutput.requirePresent(valueIndex, this);
    int n = steps.size();
    ValueOutput.requireArguments(n, targets, valueCoefficient, values);
    if (logMu.length != n) {
      throw new IllegalArgumentException("need room for one log μ per step: " + n + " steps, " + logMu.length);
    }
    Batch batch = Batch.of(steps, inputs());
    double[] lp = logProbabilities(steps, exploration);
    double[] weights = new double[n];
    for (int t = 0; t < n; t++) {
      logMu[t] = lp[t];
      weights[t] = derivative.at(t, lp[t]);
    }
    return run(steps, new Objective(weights, entropyCoefficient, exploration, scale), true, batch, targets,
        valueCoefficient, values);
  }



  @Override
  public float[][] parameterBlocks() {
    return net.parameterBlocks();
  }

  @Override
  public float[][] gradientBlocks() {
    return net.gradientBlocks();
  }

  @Override
  public void parametersChanged() {
    net.parametersChanged();
  }

  /**
   * A policy for another thread that uses this policy's parameters in place, with buffers of its own.
   *
   * @return the sharer
   */
  @Override
  public ConvPolicy sharer() {
    return new ConvPolicy(net.sharing(), conv, hidden, shape, actions, hasValueOutput());
  }

  /**
   * Writes the parameters ({@code prefix + "parameters"}) and the architecture: {@code prefix +} {@code
   * "input"}, {@code "conv"}, {@code "hidden"}, {@code "head"} and, for a network with a value output, {@code
   * "valueOutput"}.
   */
  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    SharedValuePolicy.super.writeState(checkpoint, prefix);
    Architecture.write(checkpoint, prefix, architecture(), "valueOutput", "false");
  }

  /**
   * Reads what {@link #writeState} wrote, first comparing the stored architecture with this policy's.
   *
   * @throws CheckpointException if the stored architecture differs (naming both) or an entry is missing
   * @throws IllegalArgumentException if the parameters do not fit or are not finite
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    Architecture.requireSame(checkpoint, prefix, architecture(), Set.of("valueOutput"), this);
    SharedValuePolicy.super.readState(checkpoint, prefix);
  }

  private String[][] architecture() {
    return new String[][] {{"input", Arrays.toString(shape)}, {"conv", Arrays.toString(conv)},
        {"hidden", Arrays.toString(hidden)}, {"head", "CONVOLUTIONAL_SOFTMAX"},
        {"valueOutput", Boolean.toString(hasValueOutput())}};
  }

  @Override
  public String toString() {
    return "ConvPolicy(" + Arrays.toString(shape) + " -> conv " + Arrays.toString(conv) + " -> "
        + Arrays.toString(hidden) + " RELU -> SOFTMAX over " + actions + " actions"
        + (hasValueOutput() ? ", value output" : "") + ")";
  }

  /** One conv layer: filters, square kernel, stride. */
  private record Layer(int filters, int kernel, int stride) {
    @Override
    public String toString() {
      return filters + "x" + kernel + "x" + kernel + "/" + stride;
    }
  }

  /** Builds a {@link ConvPolicy}. */
  public static final class Builder {
    private final int[] shape;
    private final int actions;
    private final List<Layer> conv = new ArrayList<>();
    private int[] hidden = {};
    private double outputScale = 1.0;
    private boolean valueOutput = false;

    private Builder(int[] shape, int actions) {
      for (int s : shape) {
        if (s < 1) {
          throw new IllegalArgumentException(
              "an image needs at least 1 channel, row and column, got the shape " + Arrays.toString(shape));
        }
      }
      if (actions < 2) {
        throw new IllegalArgumentException("a policy needs at least 2 actions, got " + actions);
      }
      this.shape = shape.clone();
      this.actions = actions;
    }

    /**
     * Adds a conv layer with ReLU after the previous one.
     *
     * @param filters the output channels, at least 1
     * @param kernel the square kernel's side, at least 1
     * @param stride the step between windows, at least 1
     * @return this builder
     * @throws IllegalArgumentException if a value is below 1
     */
    public Builder conv(int filters, int kernel, int stride) {
      if (filters < 1 || kernel < 1 || stride < 1) {
        throw new IllegalArgumentException("a conv layer needs at least 1 filter, a kernel of at least 1 and a"
            + " stride of at least 1, got " + filters + " filters, kernel " + kernel + ", stride " + stride);
      }
      conv.add(new Layer(filters, kernel, stride));
      return this;
    }

    /**
     * The dense ReLU layers between the last conv layer and the head (none by default).
     *
     * @param sizes at most 100 layers, each at least 1
     * @return this builder
     * @throws IllegalArgumentException if a size is below 1 or there are more than 100 layers
     */
    public Builder hidden(int... sizes) {
      if (sizes.length > 100) {
        throw new IllegalArgumentException("at most 100 hidden layers, got " + sizes.length);
      }
      for (int s : sizes) {
        if (s < 1) {
          throw new IllegalArgumentException("hidden layers need at least 1 unit, got " + Arrays.toString(sizes));
        }
      }
      this.hidden = sizes.clone();
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
     * Whether the output layer has one more linear unit, V(s), beside the logits: a shared actor-critic
     * network ({@link SharedValuePolicy}). Its initial weights are not scaled by {@link #outputScale}.
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
     * @param rng the generator of the initial weights
     * @return the policy
     * @throws IllegalArgumentException if there is no conv layer, a kernel is larger than its layer's input
     *     (naming the layer, its kernel and its input's shape), or the network would have more parameters
     *     than an array can hold
     */
    public ConvPolicy build(RandomGenerator rng) {
      Objects.requireNonNull(rng, "rng");
      if (conv.isEmpty()) {
        throw new IllegalArgumentException("a convolutional policy needs at least one conv layer: call conv(filters,"
            + " kernel, stride)");
      }
      int layers = conv.size();
      int[] filters = new int[layers];
      int[] kernels = new int[layers];
      int[] strides = new int[layers];
      for (int l = 0; l < layers; l++) {
        filters[l] = conv.get(l).filters();
        kernels[l] = conv.get(l).kernel();
        strides[l] = conv.get(l).stride();
      }
      ConvNet net = new ConvNet(shape[0], shape[1], shape[2], filters, kernels, strides, hidden,
          actions + (valueOutput ? 1 : 0));
      net.initialise(rng, outputScale, actions);
      return new ConvPolicy(net, conv.toArray(new Layer[0]), hidden.clone(), shape.clone(), actions, valueOutput);
    }
  }
}
