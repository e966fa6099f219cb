package io.github.pgrl.core.policy;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.Engine;

/**
 * What a {@link Head} makes of the network's outputs (the logits): the action probabilities, log π(a|s)
 * computed stably, the entropy, and the policy-gradient terms of recorded steps with their derivative
 * with respect to the logits ({@link Terms}), which the engine backpropagates. The softmax arithmetic
 * works on a slice of the logits ({@link #softmax}, {@link #logSoftmax}, {@link #entropy}, {@link
 * #softmaxDerivative}), so that {@link MultiDiscretePolicy} computes each component's softmax with it.
 */
final class PolicyHead {

  private final Head head;
  private final int actions;

  PolicyHead(Head head, int actions) {
    this.head = head;
    this.actions = actions;
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
   * bs·π_j·(log π_j + h)}, into {@code dOut} at {@code dOffset}.
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
    double objective;
    double entropy;

    Terms(Batch batch, double[] weights, Exploration exploration, double beta, double scale) {
      this.batch = batch;
      this.weights = weights;
      this.exploration = exploration;
      this.beta = beta;
      this.scale = scale;
    }

    @Override
    public void row(int t, float[] logits, int offset, float[] dOut, int dOff) {
      add(logits, offset, batch.actionAt(t), batch.previousAt(t), weights[t], dOut, dOff);
    }

    private void add(float[] logits, int offset, int a, int prev, double weight, float[] dOut, int dOff) {
      toProbabilities(logits, offset, p);
      double logPi = logProbability(logits, offset, a);
      double pi = Math.exp(logPi);
      boolean mixed = !exploration.isNone() && !(prev < 0 && exploration.epsilon() == 0.0);
      double logMu = mixed ? Math.log(exploration.probability(pi, actions, a, prev)) : logPi;
      double c = mixed ? exploration.gradientFactor(pi, actions, a, prev) : 1.0;
      double h = entropy(p, 0, actions);
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
