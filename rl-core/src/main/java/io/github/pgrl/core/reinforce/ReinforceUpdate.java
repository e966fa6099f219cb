package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicy.Evaluation;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.Trajectory;
import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.credit.Standardized;
import io.github.pgrl.core.policy.Optimizer;
import io.github.pgrl.core.policy.ValueFunction;
import io.github.pgrl.core.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The learning half of REINFORCE, for one batch of played episodes, as it reads in CleanRL:
 *
 * <pre>
 *   w  = credit(trajectories)                  the return (or advantage) of every step
 *   w -= baseline                              none, a running mean, or V(s): unless w is an advantage
 *   w  = standardise(w)                        if configured
 *   g  = ∇ k·(Σ w·log μ(a|s) + β·Σ H(π(·|s)))  the policy's gradient (k = 1/n for the mean)
 *   g  = clip(g)                               to the configured norm
 *   θ  = optimizer step uphill along g
 *   V  = a few steps of V(s) towards the discounted returns
 * </pre>
 *
 * <p>Any {@link TrainablePolicy} can be trained; its steps are the record it made while the episodes were
 * played. A step that would make a value non-finite changes nothing: a refused value-function step undoes
 * this update's policy step too. Holds the learned state that a checkpoint stores with the counters.
 */
final class ReinforceUpdate<A> {

  final ReinforceConfig config;
  final TrainablePolicy<float[], A> policy;
  final Optimizer optimizer;
  final ValueFunction valueFunction;
  final Optimizer valueOptimizer;
  /** The running mean of the credit, the baseline of {@link BaselineKind#RUNNING_MEAN}. */
  double runningMean;
  private final DiscountedReturn valueTargets;
  /** Where the policy may compute parts of its gradient and step: the idle rollout threads, or null. */
  private final Executor threads;

  ReinforceUpdate(ReinforceConfig config, TrainablePolicy<float[], A> policy, int inputs, Executor threads) {
    this.config = config;
    this.policy = policy;
    this.optimizer = Optimizer.of(config.optimizer(), policy.parameterCount());
    if (config.baseline() == BaselineKind.VALUE_FUNCTION) {
      this.valueFunction = ValueFunction.of(
          inputs, config.valueHidden(), config.activation(), Seeds.generator(config.seed(), 1, Seeds.INITIALISATION));
      this.valueOptimizer = Optimizer.of(config.valueOptimizer(), valueFunction.parameterCount());
    } else {
      this.valueFunction = null;
      this.valueOptimizer = null;
    }
    this.valueTargets = DiscountedReturn.of(config.gamma());
    this.threads = threads;
  }

  /** What one update did, for its {@link UpdateStats}. */
  record Result(Evaluation objective, double gradientNorm, double valueLoss) {}

  /**
   * Learns from a batch of played episodes.
   *
   * @param steps emptied, then given the steps of every episode in order
   * @param update the update's number, for messages
   */
  Result learn(List<EpisodeCollector.Episode<A>> played, RecordedSteps<float[], A> steps, long update) {
    steps.clear();
    List<Trajectory<A>> trajectories = new ArrayList<>();
    List<float[]> lastObservations = new ArrayList<>();
    for (EpisodeCollector.Episode<A> ep : played) {
      steps.append(ep.steps());
      trajectories.add(ep.trajectory());
      lastObservations.add(ep.last());
    }
    double[] values = valueEstimates(steps, trajectories, lastObservations);
    double[] credit = concat(config.credit().assignBatch(trajectories), steps.size());
    double[] weights = baselineSubtracted(credit, values);
    if (config.standardizeAdvantages()) {
      Standardized.inPlace(weights);
    }
    Snapshot before = valueFunction != null ? new Snapshot(policy.parameters(), optimizer) : null;
    Evaluation objective = policy.computeGradient(steps,
        new Objective(weights, config.entropyCoefficient(), config.exploration(), config.reduction().scale(steps.size())),
        threads);
    double norm = policy.gradientNorm();
    if (!Double.isFinite(norm) || !Double.isFinite(objective.objective())) {
      throw new IllegalStateException("update " + update + " produced a non-finite objective (" + objective.objective()
          + ") or gradient norm (" + norm + "); the parameters were not changed");
    }
    if (Double.isFinite(config.maxGradientNorm())) {
      policy.clipGradient(config.maxGradientNorm());
    }
    try {
      optimizer.ascend(policy, threads);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("update " + update + " would make a policy parameter non-finite (the gradient"
          + " norm was " + norm + "); the parameters and the optimizer state are unchanged, as before the update."
          + " Lower the learning rate or clip the gradient (maxGradientNorm); Nd4jSetup.nanPanic(true) finds the"
          + " operation", e);
    }
    double valueLoss = valueStep(steps, trajectories, before, update);
    if (config.baseline() == BaselineKind.RUNNING_MEAN) {
      double batchMean = mean(credit);
      runningMean = update == 0 ? batchMean : config.baselineDecay() * runningMean + (1 - config.baselineDecay()) * batchMean;
    }
    return new Result(objective, norm, valueLoss);
  }

  /** V(s) of every step, and the trajectories given them (for GAE); {@code null} without a value function. */
  private double[] valueEstimates(
      RecordedSteps<float[], A> steps, List<Trajectory<A>> trajectories, List<float[]> last) {
    if (valueFunction == null) {
      return null;
    }
    double[] values = valueFunction.values(steps);
    int off = 0;
    for (int i = 0; i < trajectories.size(); i++) {
      Trajectory<A> t = trajectories.get(i);
      double bootstrap = t.terminated() ? 0.0 : valueFunction.value(last.get(i));
      trajectories.set(i, t.withValues(Arrays.copyOfRange(values, off, off + t.length()), bootstrap));
      off += t.length();
    }
    return values;
  }

  /** The credit less the baseline (none, the running mean, or V(s)), unless it is an advantage already. */
  private double[] baselineSubtracted(double[] credit, double[] values) {
    double[] weights = credit.clone();
    if (!config.credit().isAdvantage()) {
      if (config.baseline() == BaselineKind.RUNNING_MEAN) {
        for (int t = 0; t < weights.length; t++) {
          weights[t] -= runningMean;
        }
      } else if (values != null) {
        for (int t = 0; t < weights.length; t++) {
          weights[t] -= values[t];
        }
      }
    }
    return weights;
  }

  /**
   * {@code valueEpochs} steps of the value function towards the discounted returns; its first loss, or
   * NaN without one. A refused step restores the policy and its optimizer from {@code before}.
   */
  private double valueStep(RecordedSteps<float[], A> steps, List<Trajectory<A>> trajectories,
      Snapshot before, long update) {
    if (valueFunction == null) {
      return Double.NaN;
    }
    double[] targets = concat(valueTargets.assignBatch(trajectories), steps.size());
    Snapshot value = new Snapshot(valueFunction.parameters(), valueOptimizer);
    double valueLoss = Double.NaN;
    try {
      for (int k = 0; k < config.valueEpochs(); k++) {
        double l = valueFunction.computeGradient(steps, targets);
        if (k == 0) {
          valueLoss = l;
        }
        valueFunction.ascend(valueOptimizer);
      }
    } catch (IllegalStateException e) {
      valueFunction.setParameters(value.parameters);
      valueOptimizer.restore(value.optimizerState, value.optimizerSteps);
      policy.setParameters(before.parameters);
      optimizer.restore(before.optimizerState, before.optimizerSteps);
      throw new IllegalStateException("update " + update + " would make a value-function parameter non-finite; the"
          + " policy, the value function and their optimizers are unchanged, as before the update. Lower the value"
          + " function's learning rate", e);
    }
    return valueLoss;
  }

  /** Parameters and an optimizer's state, to undo a step. */
  private record Snapshot(float[] parameters, float[] optimizerState, long optimizerSteps) {
    Snapshot(float[] parameters, Optimizer optimizer) {
      this(parameters, optimizer.state(), optimizer.steps());
    }
  }

  private static double[] concat(List<double[]> parts, int size) {
    double[] all = new double[size];
    int off = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, all, off, p.length);
      off += p.length;
    }
    return all;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? 0 : s / x.length;
  }
}
