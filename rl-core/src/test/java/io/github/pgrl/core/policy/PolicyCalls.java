package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.TrainablePolicy.Evaluation;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.reinforce.Reduction;
import java.util.concurrent.Executor;

/** The policy calls of this package's tests, in the terms the tests state them. */
final class PolicyCalls {

  private PolicyCalls() {}

  static Objective objectiveOf(Batch b, double[] w, Exploration ex, double beta, Reduction r) {
    return new Objective(w, beta, ex, r.scale(b.size()));
  }

  /** Sets the gradient; its objective, entropy and norm. */
  static GradientStats gradient(MlpPolicy p, Batch b, double[] w, Exploration ex, double beta, Reduction r) {
    return gradient(p, b, w, ex, beta, r, null);
  }

  static GradientStats gradient(
      MlpPolicy p, Batch b, double[] w, Exploration ex, double beta, Reduction r, Executor executor) {
    Evaluation v = p.computeGradient(b, objectiveOf(b, w, ex, beta, r), executor);
    return new GradientStats(v.objective(), v.meanEntropy(), v.steps(), p.gradientNorm());
  }

  /** The objective alone. */
  static GradientStats objective(MlpPolicy p, Batch b, double[] w, Exploration ex, double beta, Reduction r) {
    Evaluation v = p.evaluate(b, objectiveOf(b, w, ex, beta, r));
    return new GradientStats(v.objective(), v.meanEntropy(), v.steps(), Double.NaN);
  }

  /** Stages {@code x} in {@code b} and writes π(·|x) into {@code out}. */
  static void observe(MlpPolicy p, float[] x, Batch b, double[] out) {
    double[] q = p.observe(x, b).toArray();
    if (out.length != q.length) {
      throw new IllegalArgumentException("need room for " + q.length + " probabilities, got " + out.length);
    }
    System.arraycopy(q, 0, out, 0, q.length);
  }

  /** {@link #observe(MlpPolicy, float[], Batch, double[])} with the non-zero hint. */
  static void observe(MlpPolicy p, float[] x, int[] nonZero, int count, Batch b, double[] out) {
    b.hintNonZeros(nonZero, count);
    observe(p, x, b, out);
  }

  static void ascend(MlpPolicy p, Optimizer optimizer) {
    optimizer.ascend(p, null);
  }
}
