package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import io.github.pgrl.core.Exploration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The sparse Java path and the dense ND4J path give the same objective and gradient within float rounding. */
class ComputePathsTest {

  private static Batch sparseBatch(SplittableRandom rng, int inputs, int rows, int nonZeros, int actions) {
    Batch b = new Batch(inputs);
    int prev = -1;
    for (int t = 0; t < rows; t++) {
      float[] x = new float[inputs];
      for (int k = 0; k < nonZeros; k++) {
        x[rng.nextInt(inputs)] = rng.nextBoolean() ? 1f : -1f;
      }
      int a = rng.nextInt(actions);
      b.add(x, a, prev);
      prev = a;
    }
    return b;
  }

  @Property(tries = 12, seed = "20261128")
  void policyGradientsAgreeOnBothPaths(
      @ForAll @IntRange(min = 1, max = 40) int nonZeros, @ForAll long seed, @ForAll boolean bernoulli) {
    SplittableRandom rng = new SplittableRandom(seed);
    int actions = bernoulli ? 2 : 3;
    MlpPolicy p = MlpPolicy.builder(400, actions).hidden(32).activation(Activation.RELU)
        .head(bernoulli ? Head.BERNOULLI : Head.SOFTMAX).bias(!bernoulli).build(rng);
    Batch b = sparseBatch(rng, 400, 50, nonZeros, actions);
    double[] w = new double[50];
    for (int t = 0; t < w.length; t++) {
      w[t] = rng.nextDouble(-1, 1);
    }
    Exploration ex = new Exploration(0.1, 0.2);
    p.computePath(ComputePath.SPARSE_JAVA);
    GradientStats java = PolicyCalls.gradient(p, b, w, ex, 0.01, Reduction.SUM);
    float[] gJava = p.gradient();
    p.computePath(ComputePath.DENSE_ND4J);
    GradientStats nd4j = PolicyCalls.gradient(p, b, w, ex, 0.01, Reduction.SUM);
    float[] gNd4j = p.gradient();
    assertEquals(nd4j.objective(), java.objective(), 1e-4 * Math.max(1, Math.abs(nd4j.objective())));
    assertEquals(nd4j.meanEntropy(), java.meanEntropy(), 1e-5);
    for (int i = 0; i < gJava.length; i++) {
      assertEquals(gNd4j[i], gJava[i], 1e-4f + 1e-3f * Math.abs(gNd4j[i]), "gradient " + i);
    }
  }

  @Test
  void valueFunctionsAgreeOnBothPaths() {
    SplittableRandom rng = new SplittableRandom(3);
    ValueFunction v = ValueFunction.of(300, new int[] {16, 8}, Activation.TANH, rng);
    Batch b = sparseBatch(rng, 300, 40, 12, 2);
    double[] y = new double[40];
    for (int t = 0; t < y.length; t++) {
      y[t] = rng.nextDouble(-3, 3);
    }
    v.computePath(ComputePath.SPARSE_JAVA);
    double[] predJava = v.values(b);
    double mseJava = v.computeGradient(b, y);
    float[] gJava = v.gradient();
    v.computePath(ComputePath.DENSE_ND4J);
    double[] predNd4j = v.values(b);
    double mseNd4j = v.computeGradient(b, y);
    float[] gNd4j = v.gradient();
    assertArrayEquals(predNd4j, predJava, 1e-5);
    assertEquals(mseNd4j, mseJava, 1e-5);
    for (int i = 0; i < gJava.length; i++) {
      assertEquals(gNd4j[i], gJava[i], 1e-5f + 1e-3f * Math.abs(gNd4j[i]), "gradient " + i);
    }
  }

  @Test
  void singleObservationProbabilitiesMatchTheBatchedNd4jForward() {
    SplittableRandom rng = new SplittableRandom(4);
    MlpPolicy p = MlpPolicy.builder(64, 3).hidden(16, 8).build(rng);
    Batch b = sparseBatch(rng, 64, 1, 10, 3);
    float[] x = b.observation(0);
    double[] probs = p.probabilities(x);
    p.computePath(ComputePath.DENSE_ND4J);
    for (int a = 0; a < 3; a++) {
      Batch one = new Batch(64);
      one.add(x, a, -1);
      double logP = PolicyCalls.objective(p, one, new double[] {1}, Exploration.NONE, 0, Reduction.SUM).objective();
      assertEquals(Math.log(probs[a]), logP, 1e-5);
    }
  }

  @Test
  void theDenseNd4jForwardOfOneObservationEqualsTheJavaForward() {
    SplittableRandom rng = new SplittableRandom(6);
    for (Activation act : Activation.values()) {
      MlpPolicy p = MlpPolicy.builder(200, 3).hidden(24).activation(act).build(rng);
      float[] x = sparseBatch(rng, 200, 1, 15, 3).observation(0);
      double[] java = p.probabilities(x);
      p.computePath(ComputePath.DENSE_ND4J);
      assertArrayEquals(java, p.probabilities(x), 1e-6);
    }
  }

  @Test
  void theBatchStoresObservationsSparselyAndGivesThemBackExactly() {
    Batch b = new Batch(6);
    b.add(new float[] {0, 0, 1.5f, 0, -2, 0}, 1, -1);
    b.add(new float[] {0, 0, 0, 0, 0, 0}, 0, 1);
    b.add(new float[] {3, 1, 1, 1, 1, 1}, 1, 0);
    assertEquals(2 + 0 + 6, b.nonZeros());
    assertArrayEquals(new float[] {0, 0, 1.5f, 0, -2, 0}, b.observation(0));
    assertArrayEquals(new float[6], b.observation(1));
    assertArrayEquals(new float[] {3, 1, 1, 1, 1, 1}, b.observation(2));
    assertEquals(1, b.previousAction(1));
    b.clear();
    assertEquals(0, b.nonZeros());
  }
}
