package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import io.github.pgrl.core.Exploration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The parameters and the gradient are copied between Java and ND4J only when needed: whichever path runs
 * next sees the current values.
 */
class Nd4jCopiesTest {

  private static final int INPUTS = 120;

  private static Batch batch(SplittableRandom rng, int rows) {
    Batch b = new Batch(INPUTS);
    for (int t = 0; t < rows; t++) {
      float[] x = new float[INPUTS];
      for (int k = 0; k < 6; k++) {
        x[rng.nextInt(INPUTS)] = rng.nextBoolean() ? 1f : -1f;
      }
      b.add(x, rng.nextInt(3), -1);
    }
    return b;
  }

  private static double[] weights(SplittableRandom rng, int n) {
    double[] w = new double[n];
    for (int t = 0; t < n; t++) {
      w[t] = rng.nextDouble(-1, 1);
    }
    return w;
  }

  private static void assertClose(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5, "probability " + i);
    }
  }

  @Test
  void theNd4jPathActsWithParametersTheJavaOptimizerChanged() {
    SplittableRandom rng = new SplittableRandom(1);
    MlpPolicy p = MlpPolicy.builder(INPUTS, 3).hidden(20).activation(Activation.RELU).build(rng);
    MlpPolicy reader = p.sharer();
    float[] x = new float[INPUTS];
    x[3] = 1f;
    x[77] = -1f;
    p.computePath(ComputePath.DENSE_ND4J);
    double[] before = p.probabilities(x); // the ND4J copy is now current
    p.computePath(ComputePath.SPARSE_JAVA);
    Batch b = batch(rng, 50);
    PolicyCalls.gradient(p, b, weights(rng, 50), Exploration.NONE, 0.0, Reduction.MEAN);
    PolicyCalls.ascend(p, Optimizer.of(OptimizerConfig.Adam.of(0.1), p.parameterCount()));
    double[] javaAfter = p.probabilities(x);
    p.computePath(ComputePath.DENSE_ND4J);
    reader.computePath(ComputePath.DENSE_ND4J);
    assertClose(javaAfter, p.probabilities(x));
    assertClose(javaAfter, reader.probabilities(x));
    assertEquals(false, java.util.Arrays.equals(before, javaAfter), "the step changed the policy");
  }

  @Test
  void theValueFunctionsNd4jPathPredictsWithTheParametersItsOptimizerChanged() {
    SplittableRandom rng = new SplittableRandom(3);
    ValueFunction v = ValueFunction.of(INPUTS, new int[] {20}, Activation.RELU, rng);
    Batch b = batch(rng, 30);
    double[] y = weights(rng, 30);
    v.computePath(ComputePath.DENSE_ND4J);
    double[] before = v.values(b); // the ND4J copy is now current
    v.computePath(ComputePath.SPARSE_JAVA);
    v.computeGradient(b, y);
    v.ascend(Optimizer.of(OptimizerConfig.Adam.of(0.1), v.parameterCount()));
    double[] javaAfter = v.values(b);
    v.computePath(ComputePath.DENSE_ND4J);
    assertArrayEquals(javaAfter, v.values(b), 1e-5);
    assertEquals(false, java.util.Arrays.equals(before, javaAfter), "the step changed the value function");
  }

  @Test
  void gradientNormClippingAndTheStepUseTheGradientOfWhicheverPathComputedItLast() {
    SplittableRandom rng = new SplittableRandom(2);
    MlpPolicy javaFirst = MlpPolicy.builder(INPUTS, 3).hidden(20).build(new SplittableRandom(5));
    MlpPolicy nd4jLast = MlpPolicy.builder(INPUTS, 3).hidden(20).build(new SplittableRandom(5));
    Batch b = batch(rng, 40);
    double[] w = weights(rng, 40);
    Batch other = batch(rng, 40);
    double[] wOther = weights(rng, 40);
    javaFirst.computePath(ComputePath.SPARSE_JAVA);
    PolicyCalls.gradient(javaFirst, b, w, Exploration.NONE, 0.01, Reduction.SUM);
    nd4jLast.computePath(ComputePath.SPARSE_JAVA);
    PolicyCalls.gradient(nd4jLast, other, wOther, Exploration.NONE, 0.01, Reduction.SUM); // then replaced:
    nd4jLast.computePath(ComputePath.DENSE_ND4J);
    PolicyCalls.gradient(nd4jLast, b, w, Exploration.NONE, 0.01, Reduction.SUM);
    float[] g = javaFirst.gradient();
    assertArrayEquals(g, nd4jLast.gradient(), 1e-5f);
    assertEquals(javaFirst.gradientNorm(), nd4jLast.gradientNorm(), 1e-5 * javaFirst.gradientNorm());
    double half = javaFirst.gradientNorm() / 2;
    javaFirst.clipGradient(half);
    nd4jLast.clipGradient(half);
    assertEquals(half, javaFirst.gradientNorm(), 1e-5 * half);
    assertArrayEquals(javaFirst.gradient(), nd4jLast.gradient(), 1e-5f);
    PolicyCalls.ascend(javaFirst, Optimizer.of(new OptimizerConfig.Sgd(1.0), javaFirst.parameterCount()));
    PolicyCalls.ascend(nd4jLast, Optimizer.of(new OptimizerConfig.Sgd(1.0), nd4jLast.parameterCount()));
    assertArrayEquals(javaFirst.parameters(), nd4jLast.parameters(), 1e-5f);
  }
}
