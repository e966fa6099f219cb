package io.github.pgrl.core.policy;

import io.github.pgrl.core.DiagonalGaussian;
import io.github.pgrl.core.Policy;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.internal.Engine;
import io.github.pgrl.core.internal.Mlp;
import io.github.pgrl.core.space.Box;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * A stochastic policy over continuous actions in a {@link Box}: a multilayer perceptron gives the mean of
 * a {@link DiagonalGaussian} per state, with log standard deviations learned as a vector or as a second
 * head ({@link LogStd}), optionally squashed by tanh into the box; trainable by the policy gradient.
 *
 * <pre>{@code
 * GaussianPolicy policy = GaussianPolicy.builder(3, Box.of(-2f, 2f, 1)) // Pendulum-v1
 *     .hidden(64, 64)
 *     .build(new SplittableRandom(1)); // the generator of the initial weights
 * }</pre>
 *
 * <p><b>Bounds.</b> Without squashing (the default) the sample is unbounded: the environment receives it
 * as it is and clips it to its space (the bundled {@code Box} environments do, as Gymnasium's, per the
 * {@code Environment} contract), while the gradient uses the sample itself, as Stable-Baselines3 does.
 * With {@link Builder#squash squash(true)} every action lies in the box and log μ carries the tanh's
 * log-determinant (see {@link DiagonalGaussian}); the bounds must then be finite.
 *
 * <p><b>Standard deviations.</b> The log standard deviation used is clamped to {@code
 * [}{@value #MIN_LOG_STD}{@code , }{@value #MAX_LOG_STD}{@code ]} (SAC's and Stable-Baselines3's range):
 * {@code e^−20} keeps the density finite in double, {@code e^2 ≈ 7.4} is wider than any useful
 * exploration of a normalised action. Where a learned {@link LogStd#PARAMETER} value lies outside the
 * range, {@link #computeGradient} gives its derivative at the nearer limit when that derivative points
 * back into the range, and 0 when it points further out. This is not the derivative of the clamped
 * objective, which is 0 there, but without it a value that an optimiser's momentum carried past a limit
 * would never move again. A {@link LogStd#HEAD}'s output outside the range has the derivative 0, as with
 * a clamp anywhere: the output depends on the state and the shared weights, so its gradient stays exactly
 * that of the objective.
 *
 * <p><b>Objective.</b> {@link #computeGradient} differentiates {@code J = k·(Σ_t w_t·log π(a_t|s_t) + β·Σ_t
 * H_t)}, where {@code a_t} is the recorded action (the sample, not the clipped action) and {@code H_t} the
 * closed-form entropy of the Gaussian before any squashing ({@link DiagonalGaussian#entropy()}; the
 * squashed distribution has none, and its gradient would need samples). Only {@link
 * io.github.pgrl.core.Exploration#NONE} applies: uniform or sticky exploration needs a finite set of
 * actions. The derivative by the means and a {@link LogStd#HEAD} is backpropagated through the network by
 * the engine; that by a {@link LogStd#PARAMETER} vector is summed directly, per part of the batch, then
 * over the parts in order, so the results do not depend on the executor.
 *
 * <p><b>Parameters.</b> The network's ({@code W_0, b_0, W_1, b_1, …}, row-major, in blocks as {@link
 * MlpPolicy}'s), then, with {@link LogStd#PARAMETER}, the log standard deviations (one block).
 *
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning", Machine Learning 8, 229–256, 1992, which treats Gaussian units.
 *
 * <p>Not thread-safe: use one instance per thread ({@link #sharer()} for threads that only act).
 *
 * @since 0.1.0
 */
public final class GaussianPolicy implements TrainablePolicy<float[], float[]> {

  /** The smallest log standard deviation used; smaller values are raised to it. */
  public static final double MIN_LOG_STD = -20.0;
  /** The largest log standard deviation used; larger values are lowered to it. */
  public static final double MAX_LOG_STD = 2.0;

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);

  private final Mlp net;
  private final Engine engine;
  private final LogStd logStdKind;
  private final boolean squash;
  private final Box actionSpace;
  /** The box's bounds, read once. */
  private final float[] low;
  private final float[] high;
  private final int dimensions;
  /** The learned log standard deviations ({@link LogStd#PARAMETER}), shared with sharers; else empty. */
  private final float[] logStd;
  private final float[] logStdGradient;
  /** The parameter blocks: the network's, then {@link #logStd} if it is a parameter. */
  private final float[][] blocks;

  private GaussianPolicy(Mlp net, LogStd logStdKind, boolean squash, Box actionSpace, float[] logStd,
      Engine.Route route) {
    this.net = net;
    this.engine = new Engine(net, route);
    this.logStdKind = logStdKind;
    this.squash = squash;
    this.actionSpace = actionSpace;
    this.low = actionSpace.low();
    this.high = actionSpace.high();
    this.dimensions = actionSpace.size();
    this.logStd = logStd;
    this.logStdGradient = new float[logStd.length];
    this.blocks = withLogStd(net.parameterBlocks(), logStd);
  }

  private float[][] withLogStd(float[][] netBlocks, float[] extra) {
    if (logStdKind == LogStd.HEAD) {
      return netBlocks;
    }
    float[][] all = Arrays.copyOf(netBlocks, netBlocks.length + 1);
    all[netBlocks.length] = extra;
    return all;
  }

  /**
   * Starts building a policy.
   *
   * @param inputs the length of an observation, at least 1
   * @param actionSpace the actions: a box of any shape, whose {@link Box#size()} values are the Gaussian's
   *     coordinates
   * @return a builder with two hidden layers of 64 tanh units, biases, a learned log-std vector starting
   *     at 0, and no squashing
   * @throws IllegalArgumentException if {@code inputs < 1}
   */
  public static Builder builder(int inputs, Box actionSpace) {
    return new Builder(inputs, actionSpace);
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
   * The action space the policy was built for.
   *
   * @return the box
   */
  public Box actionSpace() {
    return actionSpace;
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
   * Where the log standard deviations come from.
   *
   * @return the kind
   */
  public LogStd logStd() {
    return logStdKind;
  }

  /**
   * Whether actions are squashed by tanh into the box.
   *
   * @return {@code true} if they are
   */
  public boolean isSquashed() {
    return squash;
  }

  @Override
  public float[][] parameterBlocks() {
    return blocks;
  }

  /** The gradient's blocks: the network's (copied from ND4J first if that path computed it), then the log std's. */
  @Override
  public float[][] gradientBlocks() {
    return withLogStd(net.gradientBlocks(), logStdGradient);
  }

  @Override
  public void parametersChanged() {
    net.parametersChanged();
  }

  /**
   * A policy for another thread that uses this policy's parameters in place (the network's and the log std
   * vector), with buffers of its own; see {@link MlpPolicy#sharer()}.
   *
   * @return a policy sharing this one's parameters, with its compute path
   */
  @Override
  public GaussianPolicy sharer() {
    return new GaussianPolicy(net.sharing(), logStdKind, squash, actionSpace, logStd, engine.route());
  }

  /**
   * Chooses how the network's passes are computed (default {@link ComputePath#AUTO}): the one performance
   * option.
   *
   * @param path the compute path
   * @throws NullPointerException if {@code path} is {@code null}
   */
  public void computePath(ComputePath path) {
    engine.route(Objects.requireNonNull(path, "path").route());
  }

  /**
   * An empty record that keeps observations as the engine reads them and, when {@link #observe} fills it,
   * the activations of each step's forward pass.
   *
   * @return a new record for observations of {@link #inputs()} values and actions of the box's size
   */
  @Override
  public RecordedSteps<float[], float[]> newSteps() {
    return new GaussianSteps(inputs(), dimensions);
  }

  /**
   * π(·|s) for one observation, which is staged in {@code steps} as its next step (keeping the forward
   * pass's activations in a record of {@link #newSteps()}, as {@link MlpPolicy#observe} does).
   *
   * <p>A refused observation is not staged, as {@link TrainablePolicy#observe}'s default promises: one of
   * the wrong length or with a value that is not finite is refused before anything is staged; one whose
   * means overflow is only found by the forward pass, which stages it, and is then dropped, together with
   * any step staged before it and not completed.
   *
   * @throws IllegalArgumentException if the observation's length is wrong, it has a value that is not
   *     finite, the record is for observations of another length, or the network gives a mean that is
   *     not finite
   */
  @Override
  public DiagonalGaussian observe(float[] observation, RecordedSteps<float[], float[]> steps) {
    if (!(steps instanceof GaussianSteps record)) {
      return (DiagonalGaussian) TrainablePolicy.super.observe(observation, steps);
    }
    requireFits(record);
    requireObservation(observation);
    float[] output = engine.observe(observation, record.batch);
    try {
      return toDistribution(output, 0);
    } catch (IllegalArgumentException e) {
      record.batch.unstage();
      throw e;
    }
  }

  /**
   * π(·|s) for one observation.
   *
   * @param observation {@link #inputs()} finite values
   * @return the distribution
   * @throws IllegalArgumentException if the observation's length is wrong, it has a value that is not
   *     finite, or the network gives a mean that is not finite (values so large that it overflows)
   */
  @Override
  public DiagonalGaussian distribution(float[] observation) {
    requireObservation(observation);
    return toDistribution(engine.forwardOne(observation), 0);
  }

  private void requireObservation(float[] observation) {
    if (observation.length != inputs()) {
      throw new IllegalArgumentException("the policy expects observations of " + inputs() + " values, got "
          + observation.length);
    }
    for (int i = 0; i < observation.length; i++) {
      if (!Float.isFinite(observation[i])) {
        throw new IllegalArgumentException("the observation has " + observation[i] + " at index " + i
            + "; observations must be finite");
      }
    }
  }

  /** The distribution of the network's outputs at {@code offset}. */
  private DiagonalGaussian toDistribution(float[] output, int offset) {
    double[] mean = new double[dimensions];
    double[] std = new double[dimensions];
    for (int i = 0; i < dimensions; i++) {
      mean[i] = output[offset + i];
      std[i] = Math.exp(clamp(rawLogStd(output, offset, i)));
    }
    try {
      return squash ? DiagonalGaussian.squashed(mean, std, low, high) : DiagonalGaussian.of(mean, std);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the policy gives no Gaussian for this observation (are its values not huge?): "
          + e.getMessage(), e);
    }
  }

  /** The log std of coordinate {@code i} before clamping: the head's output or the learned value. */
  private double rawLogStd(float[] output, int offset, int i) {
    return logStdKind == LogStd.HEAD ? output[offset + dimensions + i] : logStd[i];
  }

  private static double clamp(double logStd) {
    return Math.max(MIN_LOG_STD, Math.min(MAX_LOG_STD, logStd));
  }

  /**
   * The derivative by a raw {@link LogStd#PARAMETER} value: {@code atLimit}, the derivative of the
   * objective with the log std at {@code clamp(raw)}, inside the range or where it points back into it;
   * else 0.
   *
   * <p>The true derivative of the clamped objective is 0 outside the range, so a learned value that left
   * it (Adam's momentum carries a value on after its gradient stops) would be frozen there for good. Not
   * clamping the vector instead would let an entropy bonus grow σ without bound and lose the finite
   * density the lower limit keeps; passing only the inward part keeps the value used in the range and
   * lets the objective pull the raw value back. A head keeps the true derivative (see the class comment).
   */
  private static double inward(double raw, double atLimit) {
    if (raw > MAX_LOG_STD) {
      return Math.min(atLimit, 0.0);
    }
    if (raw < MIN_LOG_STD) {
      return Math.max(atLimit, 0.0);
    }
    return atLimit;
  }

  /**
   * This policy acting deterministically, for evaluation.
   *
   * @return a view that always plays the distribution's {@link DiagonalGaussian#mode() mode}: the mean,
   *     squashed if the policy squashes
   */
  public Policy<float[], float[]> greedy() {
    return (observation, rng) -> distribution(observation).mode();
  }

  /**
   * Sets the gradient to that of the objective of the recorded steps (see the class comment and {@link
   * TrainablePolicy}). Large batches are computed in parts as {@link MlpPolicy#computeGradient}'s, with
   * the same results with or without an executor.
   *
   * @throws IllegalArgumentException if the number of weights differs from the number of steps, the
   *     exploration is not {@link io.github.pgrl.core.Exploration#NONE}, an action has another number of
   *     values or a value that is not finite, or (squashed) lies outside the box, or the record holds
   *     observations of another length
   */
  @Override
  public Evaluation computeGradient(RecordedSteps<float[], float[]> steps, Objective objective, Executor executor) {
    Objects.requireNonNull(objective, "objective");
    if (!objective.exploration().isNone()) {
      throw new IllegalArgumentException("a Gaussian policy takes no exploration (got " + objective.exploration()
          + "): uniform and sticky exploration need a finite set of actions; use Exploration.NONE");
    }
    GaussianSteps record = recordOf(steps);
    int n = record.size();
    objective.requireSteps(n);
    requireActions(record);
    Terms[] parts = new Terms[Engine.MAX_PARTS];
    int count = engine.run(record.batch, true, true, executor,
        k -> parts[k] = new Terms(record, objective.weights(), objective.entropyCoefficient(), objective.scale()));
    double sum = 0.0;
    double entropy = 0.0;
    double[] dLogStd = new double[logStdGradient.length];
    for (int k = 0; k < count; k++) {
      sum += parts[k].objective;
      entropy += parts[k].entropy;
      for (int i = 0; i < dLogStd.length; i++) {
        dLogStd[i] += parts[k].dLogStd[i];
      }
    }
    for (int i = 0; i < dLogStd.length; i++) {
      logStdGradient[i] = (float) dLogStd[i];
    }
    return new Evaluation(sum * objective.scale(), n > 0 ? entropy / n : 0.0, n);
  }

  /** The steps as this policy's record: the record itself, or a copy of another kind. */
  private GaussianSteps recordOf(RecordedSteps<float[], float[]> steps) {
    if (steps instanceof GaussianSteps record) {
      requireFits(record);
      return record;
    }
    GaussianSteps copy = (GaussianSteps) newSteps();
    copy.append(steps);
    return copy;
  }

  private void requireFits(GaussianSteps record) {
    if (record.batch.inputs() != inputs() || record.dimensions() != dimensions) {
      throw new IllegalArgumentException("the record holds observations of " + record.batch.inputs() + " values and"
          + " actions of " + record.dimensions() + ", the policy expects " + inputs() + " and " + dimensions);
    }
  }

  private void requireActions(GaussianSteps record) {
    for (int t = 0; t < record.size(); t++) {
      for (int i = 0; i < dimensions; i++) {
        float a = record.actionAt(t, i);
        if (!Float.isFinite(a) || squash && !(a >= low[i] && a <= high[i])) {
          throw new IllegalArgumentException("coordinate " + i + " of the action of step " + t + " is " + a
              + (squash ? ", outside [" + low[i] + ", " + high[i] + "], the box the squashed policy acts in"
                  : "; actions must be finite"));
        }
      }
    }
  }

  /**
   * The terms of the steps of one part of a batch: accumulates {@code Σ_t w_t·log π(a_t|s_t) + β·Σ_t H_t}
   * (unscaled) and the entropy, writes the derivative of the scaled objective by the means (and a log-std
   * head) into the network's output derivative, and sums that by a log-std vector.
   */
  private final class Terms implements Engine.OutputLoss {
    private final GaussianSteps record;
    private final double[] weights;
    private final double beta;
    private final double scale;
    final double[] dLogStd = new double[logStd.length];
    double objective;
    double entropy;

    Terms(GaussianSteps record, double[] weights, double beta, double scale) {
      this.record = record;
      this.weights = weights;
      this.beta = beta;
      this.scale = scale;
    }

    @Override
    public void row(int t, float[] output, int offset, float[] dOut, int dOff) {
      double w = weights[t];
      for (int i = 0; i < dimensions; i++) {
        double mean = output[offset + i];
        double raw = rawLogStd(output, offset, i);
        double logSigma = clamp(raw);
        double sigma = Math.exp(logSigma);
        double a = record.actionAt(t, i);
        double x = squash ? DiagonalGaussian.unsquash(a, low[i], high[i]) : a;
        double z = (x - mean) / sigma;
        double logPi = -0.5 * z * z - logSigma - HALF_LOG_TWO_PI;
        if (squash) {
          logPi -= Math.log(0.5 * ((double) high[i] - low[i])) + DiagonalGaussian.logOneMinusTanhSquared(x);
        }
        double h = 0.5 + HALF_LOG_TWO_PI + logSigma;
        objective += w * logPi + beta * h;
        entropy += h;
        if (dOut == null) {
          continue;
        }
        dOut[dOff + i] = (float) (scale * w * z / sigma);
        double atLimit = scale * (w * (z * z - 1.0) + beta);
        double byLogStd = logStdKind == LogStd.PARAMETER ? inward(raw, atLimit)
            : raw >= MIN_LOG_STD && raw <= MAX_LOG_STD ? atLimit : 0.0;
        if (logStdKind == LogStd.HEAD) {
          dOut[dOff + dimensions + i] = (float) byLogStd;
        } else {
          dLogStd[i] += byLogStd;
        }
      }
    }
  }

  /**
   * Writes the parameters ({@code prefix + "parameters"}) and the architecture: {@code prefix +} {@code
   * "head"} ({@code GAUSSIAN}, which an {@link MlpPolicy} refuses), {@code "hidden"}, {@code "activation"},
   * {@code "bias"}, {@code "logStd"}, {@code "squash"}, {@code "low"} and {@code "high"}.
   */
  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    TrainablePolicy.super.writeState(checkpoint, prefix);
    Architecture.write(checkpoint, prefix, architecture());
  }

  /**
   * Reads what {@link #writeState} wrote, first comparing the stored architecture with this policy's.
   *
   * @throws CheckpointException if an architecture entry is missing or differs (naming both), or the
   *     parameters are missing
   * @throws IllegalArgumentException if the stored parameters do not fit or are not finite; the parameters
   *     are then unchanged
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    Architecture.requireSame(checkpoint, prefix, architecture(), Set.of(), this);
    TrainablePolicy.super.readState(checkpoint, prefix);
  }

  /** The architecture's names and values, as a checkpoint stores them; the head first. */
  private String[][] architecture() {
    return new String[][] {{"head", "GAUSSIAN"}, {"hidden", Arrays.toString(hidden())},
        {"activation", activation().name()}, {"bias", Boolean.toString(hasBias())}, {"logStd", logStdKind.name()},
        {"squash", Boolean.toString(squash)}, {"low", Arrays.toString(low)},
        {"high", Arrays.toString(high)}};
  }

  @Override
  public String toString() {
    return "GaussianPolicy(" + inputs() + " -> " + Arrays.toString(hidden()) + " " + activation() + " -> "
        + dimensions + (dimensions == 1 ? " mean" : " means") + ", log std " + logStdKind
        + (squash ? ", squashed into " : ", unbounded, clipped by the environment to ") + actionSpace
        + (net.bias() ? "" : ", no biases") + ")";
  }

  /** Builds a {@link GaussianPolicy}. */
  public static final class Builder {
    private final int inputs;
    private final Box actionSpace;
    private int[] hidden = {64, 64};
    private Activation activation = Activation.TANH;
    private boolean bias = true;
    private LogStd logStd = LogStd.PARAMETER;
    private double initialLogStd = 0.0;
    private boolean squash;
    private double outputScale = 1.0;

    private Builder(int inputs, Box actionSpace) {
      if (inputs < 1) {
        throw new IllegalArgumentException("a policy needs at least 1 input, got " + inputs);
      }
      this.inputs = inputs;
      this.actionSpace = Objects.requireNonNull(actionSpace, "actionSpace");
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
     * @param activation the activation (default tanh)
     * @return this builder
     */
    public Builder activation(Activation activation) {
      this.activation = Objects.requireNonNull(activation, "activation");
      return this;
    }

    /**
     * Whether the layers have biases.
     *
     * @param bias default {@code true}
     * @return this builder
     */
    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    /**
     * Where the log standard deviations come from.
     *
     * @param kind default {@link LogStd#PARAMETER}
     * @return this builder
     */
    public Builder logStd(LogStd kind) {
      this.logStd = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * The initial log standard deviation: the value of every coordinate of a {@link LogStd#PARAMETER}
     * vector, or the bias of a {@link LogStd#HEAD}'s outputs.
     *
     * @param value in {@code [}{@value GaussianPolicy#MIN_LOG_STD}{@code , }{@value
     *     GaussianPolicy#MAX_LOG_STD}{@code ]}; default 0 (σ = 1, as Stable-Baselines3)
     * @return this builder
     * @throws IllegalArgumentException if the value is outside that range or NaN
     */
    public Builder initialLogStd(double value) {
      if (!(value >= MIN_LOG_STD && value <= MAX_LOG_STD)) {
        throw new IllegalArgumentException("the initial log std must lie in [" + MIN_LOG_STD + ", " + MAX_LOG_STD
            + "], got " + value);
      }
      this.initialLogStd = value;
      return this;
    }

    /**
     * Whether actions are squashed by tanh into the action space (see {@link DiagonalGaussian}).
     *
     * @param squash default {@code false}: unbounded samples, clipped by the environment
     * @return this builder
     */
    public Builder squash(boolean squash) {
      this.squash = squash;
      return this;
    }

    /**
     * A factor on the output layer's initial weights; below 1 starts the means (and a log-std head) closer
     * to their biases.
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
     * Builds the policy with weights drawn from {@code rng} as {@link MlpPolicy}'s are.
     *
     * @param rng the generator for the initial weights
     * @return the policy
     * @throws IllegalArgumentException if squashing is on and a bound of the action space is not finite ("a
     *     Gaussian bound that is not finite"), a {@link LogStd#HEAD} without biases is given an initial log
     *     std other than 0, or the network would have more parameters than an array can hold
     */
    public GaussianPolicy build(RandomGenerator rng) {
      int dims = actionSpace.size();
      if (squash) {
        DiagonalGaussian.requireBounds(actionSpace.low(), actionSpace.high(), dims);
      }
      if (logStd == LogStd.HEAD && !bias && initialLogStd != 0.0) {
        throw new IllegalArgumentException("a log-std head without biases starts near 0 and cannot start at "
            + initialLogStd + ": use biases or LogStd.PARAMETER");
      }
      int outputs = logStd == LogStd.HEAD ? 2 * dims : dims;
      int[] sizes = Mlp.layerSizes(inputs, hidden, outputs);
      Mlp net = new Mlp(sizes, activation.relu(), bias);
      net.initialise(rng, outputScale);
      float[] vector = new float[logStd == LogStd.PARAMETER ? dims : 0];
      Arrays.fill(vector, (float) initialLogStd);
      if (logStd == LogStd.HEAD && bias) {
        float[] values = net.parameters(); // the last layer's biases end the vector: the means', then the log stds'
        Arrays.fill(values, values.length - dims, values.length, (float) initialLogStd);
        net.setParameters(values);
      }
      return new GaussianPolicy(net, logStd, squash, actionSpace, vector, Engine.Route.AUTO);
    }
  }
}
