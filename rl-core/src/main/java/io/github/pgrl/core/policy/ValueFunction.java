package io.github.pgrl.core.policy;

import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.ValueTargets;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.Engine;
import io.github.pgrl.core.internal.Mlp;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A learned estimate V(s) of the return from a state: a multilayer perceptron on ND4J with one linear
 * output, trained by regression on observed returns. Used as the baseline of REINFORCE and by GAE.
 *
 * <p>{@link #computeGradient} sets the internal gradient to that of the objective {@code −½·mean_t (V(s_t)
 * − y_t)²} (the negative mean squared error), so that {@link #ascend} with any {@link Optimizer} reduces
 * the error. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class ValueFunction {

  private final Mlp net;
  /** The network's passes, on the route {@link #computePath} chose. */
  private final Engine engine;

  private ValueFunction(Mlp net) {
    this.net = net;
    this.engine = new Engine(net, Engine.Route.AUTO);
  }

  /**
   * A value function with the given hidden layers and weights drawn from {@code rng}.
   *
   * @param inputs the observation length, at least 1
   * @param hidden the hidden layer sizes: at most 100 layers, each at least 1
   * @param activation the hidden activation
   * @param rng the generator for the initial weights
   * @return the value function, with biases
   * @throws IllegalArgumentException if a size is below 1, there are more than 100 hidden layers, or the
   *     network would have more parameters than an array can hold ({@code Integer.MAX_VALUE − 8})
   */
  public static ValueFunction of(int inputs, int[] hidden, Activation activation, RandomGenerator rng) {
    if (inputs < 1) {
      throw new IllegalArgumentException("a value function needs at least 1 input, got " + inputs);
    }
    Mlp.checkHidden(hidden);
    int[] sizes = Mlp.layerSizes(inputs, hidden, 1);
    Mlp net = new Mlp(sizes, activation.relu(), true);
    net.initialise(rng, 1.0);
    return new ValueFunction(net);
  }

  /**
   * The observation length.
   *
   * @return the number of inputs
   */
  public int inputs() {
    return net.inputs();
  }

  /**
   * The number of trainable parameters.
   *
   * @return the parameter count
   */
  public int parameterCount() {
    return net.parameterCount();
  }

  /**
   * The parameters.
   *
   * @return a copy, in flat order
   */
  public float[] parameters() {
    return net.parameters();
  }

  /**
   * Replaces the parameters.
   *
   * @param values as many as {@link #parameterCount()}, all finite
   * @throws IllegalArgumentException if the count differs or a value is NaN or infinite (naming the first);
   *     the parameters are then unchanged
   */
  public void setParameters(float[] values) {
    net.setParameters(values);
  }

  /**
   * V(s) for one observation.
   *
   * @param observation {@link #inputs()} values
   * @return the estimate
   * @throws IllegalArgumentException if the length is wrong
   */
  public double value(float[] observation) {
    return engine.forwardOne(observation)[0];
  }

  /**
   * V(s) for every step of a batch.
   *
   * @param steps the steps (any record with {@code float[]} observations)
   * @return one estimate per step
   * @throws IllegalArgumentException if the observation length differs
   */
  public double[] values(RecordedSteps<float[], ?> steps) {
    return run(Batch.observationsOf(steps, inputs()), null);
  }

  /**
   * Sets the internal gradient to that of {@code −½·mean (V − y)²} over the batch.
   *
   * @param steps the steps (any record with {@code float[]} observations)
   * @param targets one regression target per step, finite
   * @return the mean squared error before the update
   * @throws IllegalArgumentException if the sizes disagree or a target is not finite
   */
  public double computeGradient(RecordedSteps<float[], ?> steps, double[] targets) {
    return regress(Batch.observationsOf(steps, inputs()), ValueTargets.of(targets));
  }

  /**
   * Sets the internal gradient to that of PPO's clipped value objective {@code −½·mean_t max((V_t − y_t)²,
   * (V'_t − y_t)²)} with {@code V'_t = v_t + clip(V_t − v_t, −ε, ε)}, where {@code v_t} are the values
   * predicted when the batch was collected: a step whose prediction moved more than ε from {@code v_t} in
   * the direction that would not reduce its error contributes no gradient (Schulman et al. 2017, as
   * implemented in OpenAI's baselines).
   *
   * @param steps the steps (any record with {@code float[]} observations)
   * @param targets one regression target per step, finite
   * @param oldValues the values predicted at collection, one per step, finite
   * @param clipRange ε, positive and finite
   * @return {@code mean_t max((V_t − y_t)², (V'_t − y_t)²)} before the update
   * @throws IllegalArgumentException if the sizes disagree, a value is not finite or ε is not positive
   */
  public double computeClippedGradient(RecordedSteps<float[], ?> steps, double[] targets, double[] oldValues,
      double clipRange) {
    if (!(clipRange > 0) || Double.isInfinite(clipRange)) {
      throw new IllegalArgumentException("the value clip range must be positive and finite, got " + clipRange);
    }
    return regress(Batch.observationsOf(steps, inputs()), new ValueTargets(targets, oldValues, clipRange));
  }

  /** Sets the gradient of {@code −½·mean_t loss_t} ({@link ValueTargets}); the mean loss before the update. */
  private double regress(Batch batch, ValueTargets value) {
    int n = batch.size();
    value.requireSteps(n);
    double[] v = run(batch, (t, prediction) -> value.ascent(t, prediction) / n);
    return value.meanLoss(v);
  }

  /** The derivative of the objective with respect to step {@code t}'s value, given that value. */
  private interface ValueGradient {
    double of(int t, double value);
  }

  /**
   * Predicts every step; with a gradient function, also sets the gradient. The gradient is computed in one
   * part (one lane, summed step by step in order), whatever the batch size.
   */
  private double[] run(Batch batch, ValueGradient gradient) {
    requireInputs(batch);
    int n = batch.size();
    double[] v = new double[n];
    engine.run(batch, false, gradient != null, null, k -> (t, output, offset, dOutput, dOffset) -> {
      v[t] = output[offset];
      if (dOutput != null) {
        dOutput[dOffset] = (float) gradient.of(t, v[t]);
      }
    });
    return v;
  }

  /**
   * Chooses how the passes are computed (default {@link ComputePath#AUTO}): the one performance option.
   *
   * @param path the compute path
   * @throws NullPointerException if {@code path} is {@code null}
   */
  public void computePath(ComputePath path) {
    engine.route(java.util.Objects.requireNonNull(path, "path").route());
  }

  /**
   * Moves the parameters along the current gradient (reducing the error).
   *
   * @param optimizer an optimizer made for {@link #parameterCount()} parameters
   * @throws IllegalArgumentException if the optimizer is for another number of parameters
   * @throws IllegalStateException if the step would make a parameter or an optimizer value NaN or
   *     infinite; the parameters and the optimizer are then unchanged
   */
  public void ascend(Optimizer optimizer) {
    if (optimizer.parameterCount() != net.parameterCount()) {
      throw new IllegalArgumentException(
          "this optimizer is for " + optimizer.parameterCount() + " parameters, the network has " + net.parameterCount());
    }
    if (!optimizer.ascend(net.parameterBlocks(), net.gradientBlocks(), null)) {
      throw new IllegalStateException("the optimizer step (" + optimizer.config() + ") would make a value-function"
          + " parameter or an optimizer value NaN or infinite; nothing was changed. Lower the learning rate");
    }
    net.parametersChanged();
  }

  /**
   * Scales the current gradient down so that its L2 norm (summed in a fixed order) is at most {@code
   * maxNorm}, as {@link io.github.pgrl.core.TrainablePolicy#clipGradient} does for a policy.
   *
   * @param maxNorm the largest norm, positive; infinity leaves the gradient as it is
   * @return the norm before clipping
   * @throws IllegalArgumentException if {@code maxNorm} is not positive
   */
  public double clipGradient(double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("the maximum gradient norm must be positive, got " + maxNorm);
    }
    float[][] blocks = net.gradientBlocks();
    double sum = 0.0;
    for (float[] b : blocks) {
      for (float g : b) {
        sum += (double) g * g;
      }
    }
    double norm = Math.sqrt(sum);
    if (norm > maxNorm) {
      float f = (float) (maxNorm / norm);
      for (float[] b : blocks) {
        for (int j = 0; j < b.length; j++) {
          b[j] *= f;
        }
      }
    }
    return norm;
  }

  /**
   * The first half of {@link #ascend}: computes the step and keeps it in the optimizer, changing nothing.
   *
   * @param optimizer an optimizer made for {@link #parameterCount()} parameters
   * @return whether the step would leave every parameter and optimizer value finite
   * @throws IllegalArgumentException if the optimizer is for another number of parameters
   */
  public boolean prepareStep(Optimizer optimizer) {
    requireOptimizer(optimizer);
    return optimizer.prepare(net.parameterBlocks(), net.gradientBlocks(), null);
  }

  /**
   * The second half of {@link #ascend}: applies the step {@link #prepareStep} computed.
   *
   * @param optimizer the optimizer prepared
   * @throws IllegalStateException if no finite step of this network was prepared since the last one applied
   */
  public void applyStep(Optimizer optimizer) {
    optimizer.applyPrepared(net.parameterBlocks(), null);
    net.parametersChanged();
  }

  private void requireOptimizer(Optimizer optimizer) {
    if (optimizer.parameterCount() != net.parameterCount()) {
      throw new IllegalArgumentException(
          "this optimizer is for " + optimizer.parameterCount() + " parameters, the network has " + net.parameterCount());
    }
  }

  /**
   * Whether every parameter is finite.
   *
   * @return {@code false} if a parameter is NaN or infinite
   */
  public boolean parametersFinite() {
    return net.parametersFinite();
  }

  /**
   * The current gradient.
   *
   * @return a copy
   */
  public float[] gradient() {
    return net.gradient();
  }

  private void requireInputs(Batch batch) {
    if (batch.inputs() != inputs()) {
      throw new IllegalArgumentException(
          "the batch has observations of " + batch.inputs() + " values, the value function expects " + inputs());
    }
  }

  @Override
  public String toString() {
    return "ValueFunction(" + Arrays.toString(net.sizes()) + ", " + Activation.of(net.relu()) + ")";
  }
}
