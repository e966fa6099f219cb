package io.github.pgrl.core.policy;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.MaskablePolicy;
import io.github.pgrl.core.TrainablePolicy.Evaluation;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.Engine;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a {@link Head} makes of the network's outputs (the logits): the action probabilities, log π(a|s)
 * computed stably, the entropy, and the policy-gradient terms of recorded steps with their derivative
 * with respect to the logits ({@link Terms}), which the engine backpropagates. The softmax arithmetic
 * works on a slice of the logits ({@link #softmax}, {@link #logSoftmax}, {@link #entropy}, {@link
 * #softmaxDerivative}), so that {@link MultiDiscretePolicy} computes each component's softmax with it.
 *
 * <p>A softmax head also takes a mask of the valid actions ({@link MaskablePolicy}): every sum runs over
 * the valid actions only, an invalid one has probability 0 and a derivative of 0. Without a mask the
 * arithmetic is exactly that of before masks existed, to the bit.
 */
final class PolicyHead {

  private final Head head;
  private final int actions;

  PolicyHead(Head head, int actions) {
    this.head = head;
    this.actions = actions;
  }

  /**
   * Refuses a mask this head cannot apply: a Bernoulli head has no masks; a softmax head needs one flag
   * per action and a valid action.
   */
  void requireMask(boolean[] validActions) {
    if (head == Head.BERNOULLI) {
      throw new IllegalArgumentException("a Bernoulli head does not mask actions: build the policy with"
          + " Head.SOFTMAX to use action masks");
    }
    ActionMasks.requireValid(validActions, actions);
  }

  /**
   * Writes the masked π(·|s) for the logits at {@code offset} into {@code out}: the softmax over the valid
   * actions, 0 for the others; unmasked when {@code valid} is {@code null}.
   */
  void toProbabilities(float[] logits, int offset, double[] out, boolean[] valid) {
    if (valid == null) {
      toProbabilities(logits, offset, out);
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < actions; j++) {
      if (valid[j]) {
        max = Math.max(max, logits[offset + j]);
      }
    }
    double sum = 0.0;
    for (int j = 0; j < actions; j++) {
      out[j] = valid[j] ? Math.exp(logits[offset + j] - max) : 0.0;
      sum += out[j];
    }
    for (int j = 0; j < actions; j++) {
      out[j] /= sum;
    }
  }

  /**
   * π(·|s) for one step's logits, masked unless {@code valid} is {@code null}, as a view of {@code out}.
   *
   * @throws IllegalArgumentException if it is not a distribution (the network overflowed, or its input
   *     was not finite)
   */
  Categorical checked(float[] logits, double[] out, boolean[] valid) {
    toProbabilities(logits, 0, out, valid);
    try {
      return Categorical.view(out).requireValid();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the policy gives no probability distribution for this observation (are its"
          + " values finite and not huge?): " + e.getMessage(), e);
    }
  }

  /** Writes π(·|s) for the logits at {@code offset} into {@code out}. */
  void toProbabilities(float[] logits, int offset, double[] out) {
    if (head == Head.BERNOULLI) {
      double p1 = sigmoid(logits[offset]);
      out[0] = 1.0 - p1;
      out[1] = p1;
      return;
    }
    softmax(logits, offset, actions, out, 0);
  }

  /**
   * Writes the softmax of the {@code n} logits at {@code offset} into {@code out} at {@code outOffset}
   * (shifted by their maximum, so that no exponential overflows).
   */
  static void softmax(float[] logits, int offset, int n, double[] out, int outOffset) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, logits[offset + j]);
    }
    double sum = 0.0;
    for (int j = 0; j < n; j++) {
      out[outOffset + j] = Math.exp(logits[offset + j] - max);
      sum += out[outOffset + j];
    }
    for (int j = 0; j < n; j++) {
      out[outOffset + j] /= sum;
    }
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
  }

  /** log π(a|s) of a valid action under the mask, computed stably. */
  private double logProbability(float[] logits, int offset, int a, boolean[] valid) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < actions; j++) {
      if (valid[j]) {
        max = Math.max(max, logits[offset + j]);
      }
    }
    double sum = 0.0;
    for (int j = 0; j < actions; j++) {
      if (valid[j]) {
        sum += Math.exp(logits[offset + j] - max);
      }
    }
    return logits[offset + a] - max - Math.log(sum);
  }

  /** log π(a|s) from the logits, computed stably. */
  private double logProbability(float[] logits, int offset, int a) {
    if (head == Head.BERNOULLI) {
      double z = logits[offset];
      return a == 1 ? -softplus(-z) : -softplus(z);
    }
    return logSoftmax(logits, offset, actions, a);
  }

  /** The log of the softmax of the {@code n} logits at {@code offset}, at choice {@code a}, computed stably. */
  static double logSoftmax(float[] logits, int offset, int n, int a) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, logits[offset + j]);
    }
    double sum = 0.0;
    for (int j = 0; j < n; j++) {
      sum += Math.exp(logits[offset + j] - max);
    }
    return logits[offset + a] - max - Math.log(sum);
  }

  private static double softplus(double x) {
    return x > 30 ? x : Math.log1p(Math.exp(x));
  }

  /** The entropy, in nats, of the {@code n} probabilities at {@code offset}. */
  static double entropy(double[] p, int offset, int n) {
    double h = 0.0;
    for (int j = offset; j < offset + n; j++) {
      double q = p[j];
      if (q > 0) {
        h -= q * Math.log(q);
      }
    }
    return h;
  }

  /**
   * Writes the derivative of {@code wc·log π(a) + bs·H(π)} with respect to the {@code n} logits of a softmax
   * whose probabilities are at {@code p[offset …]} and entropy is {@code h}: {@code wc·([j = a] − π_j) −
   * bs·π_j·(log π_j + h)}, into {@code dOut} at {@code dOffset}. A masked softmax's invalid entries, whose
   * π_j is 0, get 0.
   */
  static void softmaxDerivative(double[] p, int offset, int n, int a, double wc, double bs, double h, float[] dOut,
      int dOffset) {
    for (int j = 0; j < n; j++) {
      double q = p[offset + j];
      double oneHot = j == a ? 1.0 : 0.0;
      double logP = q > 0 ? Math.log(q) : 0.0;
      dOut[dOffset + j] = (float) (wc * (oneHot - q) - bs * q * (logP + h));
    }
  }

  /**
   * Checks recorded steps against an objective and this head: one weight per step, every action in range,
   * and every masked step's mask, action and exploration (see {@link MaskablePolicy}).
   *
   * @throws IllegalArgumentException naming the first step that does not fit
   */
  void requireSteps(Batch batch, Objective objective) {
    Objects.requireNonNull(objective, "objective");
    Exploration exploration = objective.exploration();
    int n = batch.size();
    objective.requireSteps(n);
    if (batch.maskLength() != 0 && batch.maskLength() != actions) {
      throw new IllegalArgumentException("the steps' masks have " + batch.maskLength() + " entries, the policy has "
          + actions + " actions");
    }
    boolean[] mask = null;
    for (int t = 0; t < n; t++) {
      if (batch.actionAt(t) < 0 || batch.actionAt(t) >= actions) {
        throw new IllegalArgumentException(
            "the action of step " + t + " is " + batch.actionAt(t) + ", outside 0.." + (actions - 1));
      }
      if (batch.maskedAt(t)) {
        mask = mask != null ? mask : new boolean[actions];
        batch.maskInto(t, mask);
        requireMask(mask);
        MaskablePolicy.requirePlayable(mask, batch.actionAt(t), t, exploration);
      }
    }
  }

  /**
   * The objective of the recorded steps, and its gradient on the network when {@code withGradient}: the
   * actions are checked, then the engine runs the passes with one {@link Terms} per part, whose sums are
   * added in order.
   *
   * @throws IllegalArgumentException if the number of weights differs from the number of steps, an action
   *     is out of range, or a masked step's action is invalid or goes with exploration
   */
  Evaluation evaluate(Engine engine, Batch batch, Objective objective, Executor executor, boolean withGradient) {
    requireSteps(batch, objective);
    Exploration exploration = objective.exploration();
    int n = batch.size();
    Terms[] parts = new Terms[Engine.MAX_PARTS];
    int count = engine.run(batch, true, withGradient, executor, k -> parts[k] = new Terms(batch, objective.weights(),
        exploration, objective.entropyCoefficient(), objective.scale()));
    double sum = 0.0;
    double entropy = 0.0;
    for (int k = 0; k < count; k++) {
      sum += parts[k].objective;
      entropy += parts[k].entropy;
    }
    return new Evaluation(sum * objective.scale(), n > 0 ? entropy / n : 0.0, n);
  }

  /**
   * The gradient of {@code scale·(Σ_t f_t(log μ_t) + β·Σ_t H_t)} in one pass: each step's weight is {@code
   * derivative} at its log μ, computed as the step's logits are (see {@link
   * io.github.pgrl.core.TrainablePolicy#computeGradient(io.github.pgrl.core.RecordedSteps,
   * io.github.pgrl.core.TrainablePolicy.LogMuDerivative, double, Exploration, double, Executor, double[])}).
   */
  Evaluation evaluate(Engine engine, Batch batch, io.github.pgrl.core.TrainablePolicy.LogMuDerivative derivative,
      double beta, Exploration exploration, double scale, Executor executor, double[] logMuOut) {
    return evaluate(engine, batch, derivative, beta, exploration, scale, executor, logMuOut, null);
  }

  /**
   * As {@link #evaluate(Engine, Batch, io.github.pgrl.core.TrainablePolicy.LogMuDerivative, double,
   * Exploration, double, Executor, double[])}, and with {@code value} also the value output's part of the
   * combined objective, in the same backward pass.
   */
  Evaluation evaluate(Engine engine, Batch batch, io.github.pgrl.core.TrainablePolicy.LogMuDerivative derivative,
      double beta, Exploration exploration, double scale, Executor executor, double[] logMuOut, ValueOutput value) {
    int n = batch.size();
    if (logMuOut.length != n) {
      throw new IllegalArgumentException("need room for one log μ per step: " + n + " steps, " + logMuOut.length);
    }
    Objective shape = new Objective(new double[n], beta, exploration, scale);
    requireSteps(batch, shape);
    Terms[] parts = new Terms[Engine.MAX_PARTS];
    double[] entropies = new double[n];
    int count = engine.run(batch, true, true, executor, k -> {
      Terms terms = new Terms(batch, null, exploration, beta, scale);
      terms.derivative = derivative;
      terms.logMu = logMuOut; // each part writes its own steps
      terms.entropies = entropies;
      parts[k] = terms;
      return value == null ? terms : value.after(terms);
    });
    double sum = 0.0;
    double entropy = 0.0;
    for (int k = 0; k < count; k++) {
      sum += parts[k].objective;
      entropy += parts[k].entropy;
    }
    return new Evaluation(sum * scale, n > 0 ? entropy / n : 0.0, n);
  }

  /**
   * log μ(a_t|s_t) and H(π(·|s_t)) of every step of a batch, from forward passes only (masked where a step
   * has a mask), in one part.
   *
   * @return {@code [logMu, entropy]}, one value per step each
   * @throws IllegalArgumentException as {@link #requireSteps}
   */
  double[][] perStep(Engine engine, Batch batch, Exploration exploration) {
    int n = batch.size();
    requireSteps(batch, Objective.mean(new double[n], 0.0, exploration));
    Terms terms = new Terms(batch, new double[n], exploration, 0.0, 1.0);
    terms.logMu = new double[n];
    terms.entropies = new double[n];
    engine.run(batch, false, false, null, k -> terms);
    return new double[][] {terms.logMu, terms.entropies};
  }

  /**
   * The terms of the steps of one part of a batch.
   *
   * @param batch the steps, for their actions
   * @param weights one weight per step of the batch
   * @param exploration what mixed π into μ
   * @param beta the entropy coefficient
   * @param scale the factor on the objective, applied to the derivatives
   */
  Terms terms(Batch batch, double[] weights, Exploration exploration, double beta, double scale) {
    return new Terms(batch, weights, exploration, beta, scale);
  }

  /**
   * Accumulates the objective {@code Σ_t w_t·log μ(a_t|s_t) + β·Σ_t H(π(·|s_t))} of the steps it is given
   * (unscaled) and their entropy, and writes the derivative of the scaled objective with respect to each
   * step's logits. One per part of a batch.
   */
  final class Terms implements Engine.OutputLoss {
    private final Batch batch;
    private final double[] weights;
    private final Exploration exploration;
    private final double beta;
    private final double scale;
    private final double[] p = new double[actions];
    /** The mask of the current step, when it has one. */
    private final boolean[] mask = new boolean[actions];
    double objective;
    double entropy;
    /** Where each step's log μ and entropy are collected ({@link #perStep}); {@code null} otherwise. */
    double[] logMu;
    double[] entropies;
    /** The weight of a step as a function of its log μ, instead of {@link #weights}; {@code null} otherwise. */
    io.github.pgrl.core.TrainablePolicy.LogMuDerivative derivative;
    /** The step {@link #add} is computing. */
    private int step;

    Terms(Batch batch, double[] weights, Exploration exploration, double beta, double scale) {
      this.batch = batch;
      this.weights = weights;
      this.exploration = exploration;
      this.beta = beta;
      this.scale = scale;
    }

    @Override
    public void row(int t, float[] logits, int offset, float[] dOut, int dOff) {
      boolean[] valid = null;
      if (batch.maskedAt(t)) {
        batch.maskInto(t, mask);
        valid = mask;
      }
      step = t;
      add(logits, offset, batch.actionAt(t), batch.previousAt(t), weights != null ? weights[t] : 0.0, valid, dOut, dOff);
      if (logMu != null) {
        logMu[t] = lastLogMu;
        entropies[t] = lastEntropy;
      }
    }

    /** The log μ and entropy of the step {@link #add} saw last. */
    private double lastLogMu;
    private double lastEntropy;

    /**
     * One step's terms; with a mask, π is the masked softmax, whose invalid entries are 0, so the
     * derivatives below are 0 there without a branch. A masked step goes with no exploration (μ = π).
     */
    private void add(
        float[] logits, int offset, int a, int prev, double weight, boolean[] valid, float[] dOut, int dOff) {
      toProbabilities(logits, offset, p, valid);
      double logPi = valid == null ? logProbability(logits, offset, a) : logProbability(logits, offset, a, valid);
      double pi = Math.exp(logPi);
      boolean mixed = !exploration.isNone() && !(prev < 0 && exploration.epsilon() == 0.0);
      double logMu = mixed ? Math.log(exploration.probability(pi, actions, a, prev)) : logPi;
      double c = mixed ? exploration.gradientFactor(pi, actions, a, prev) : 1.0;
      double h = entropy(p, 0, actions);
      lastLogMu = logMu;
      lastEntropy = h;
      if (derivative != null) {
        weight = derivative.at(step, logMu);
        if (!Double.isFinite(weight)) {
          throw new IllegalArgumentException("the derivative at step " + step + " is " + weight + "; it must be finite");
        }
      }
      objective += weight * logMu + beta * h;
      entropy += h;
      if (dOut == null) {
        return;
      }
      double wc = weight * c * scale;
      double bs = beta * scale;
      if (head == Head.BERNOULLI) {
        double y = a == 1 ? 1.0 : 0.0;
        double p1 = p[1];
        dOut[dOff] = (float) (wc * (y - p1) - bs * p1 * (1.0 - p1) * logits[offset]);
      } else {
        softmaxDerivative(p, 0, actions, a, wc, bs, h, dOut, dOff);
      }
    }
  }
}
