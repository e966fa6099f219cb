package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ValueFunctionTest {

  private static Batch batch(SplittableRandom rng, int n, int inputs) {
    Batch b = new Batch(inputs);
    for (int t = 0; t < n; t++) {
      float[] x = new float[inputs];
      for (int i = 0; i < inputs; i++) {
        x[i] = (float) rng.nextDouble(-1, 1);
      }
      b.add(x, 0, -1);
    }
    return b;
  }

  /** The negative half mean squared error, computed from the predictions alone. */
  private static double objective(ValueFunction v, Batch b, double[] y) {
    double[] p = v.values(b);
    double s = 0;
    for (int t = 0; t < p.length; t++) {
      s += (p[t] - y[t]) * (p[t] - y[t]);
    }
    return -0.5 * s / p.length;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void regressionGradientMatchesCentralDifferences(Activation activation) {
    SplittableRandom rng = new SplittableRandom(11);
    ValueFunction v = ValueFunction.of(4, new int[] {5, 3}, activation, rng);
    Batch b = batch(rng, 9, 4);
    double[] y = new double[9];
    for (int t = 0; t < y.length; t++) {
      y[t] = rng.nextDouble(-2, 2);
    }
    v.computeGradient(b, y);
    float[] analytic = v.gradient();
    float[] theta = v.parameters();
    double eps = 1e-3;
    for (int i = 0; i < theta.length; i++) {
      float saved = theta[i];
      theta[i] = (float) (saved + eps);
      v.setParameters(theta);
      double up = objective(v, b, y);
      theta[i] = (float) (saved - eps);
      v.setParameters(theta);
      double down = objective(v, b, y);
      theta[i] = saved;
      v.setParameters(theta);
      double numeric = (up - down) / (2 * eps);
      assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric), "parameter " + i);
    }
  }

  @Test
  void trainingReducesTheErrorOnAFixedTarget() {
    SplittableRandom rng = new SplittableRandom(5);
    ValueFunction v = ValueFunction.of(3, new int[] {16}, Activation.TANH, rng);
    Batch b = batch(rng, 64, 3);
    double[] y = new double[64];
    for (int t = 0; t < 64; t++) {
      float[] x = b.observation(t);
      y[t] = 2 * x[0] - x[1] + 0.5;
    }
    Optimizer opt = Optimizer.of(OptimizerConfig.Adam.of(0.01), v.parameterCount());
    double first = v.computeGradient(b, y);
    v.ascend(opt);
    double last = first;
    for (int k = 0; k < 300; k++) {
      last = v.computeGradient(b, y);
      v.ascend(opt);
    }
    assertTrue(last < first / 20, "error from " + first + " to " + last);
  }

  @Test
  void mismatchedTargetsAreRejected() {
    ValueFunction v = ValueFunction.of(2, new int[] {2}, Activation.RELU, new SplittableRandom(1));
    Batch b = batch(new SplittableRandom(2), 3, 2);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> v.computeGradient(b, new double[2])).getMessage().contains("one target per step"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> v.computeGradient(b, new double[] {0, Double.NaN, 0})).getMessage().contains("finite"));
  }
}
