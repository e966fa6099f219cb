package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import io.github.pgrl.core.Exploration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large batches are computed in parts (how many: {@code EngineTest}): the result does not depend on
 * whether an executor runs them, and equals the sum of the parts' gradients.
 */
class GradientPartsTest {

  private static final int INPUTS = 300;
  private static ExecutorService threads;

  @BeforeAll
  static void startThreads() {
    threads = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopThreads() {
    threads.shutdownNow();
  }

  private static Batch batch(SplittableRandom rng, MlpPolicy p, int rows, boolean observe) {
    Batch b = new Batch(INPUTS);
    double[] probs = new double[p.actions()];
    int prev = -1;
    for (int t = 0; t < rows; t++) {
      float[] x = new float[INPUTS];
      for (int k = 0; k < 8; k++) {
        x[rng.nextInt(INPUTS)] = rng.nextBoolean() ? 1f : -1f;
      }
      int a = rng.nextInt(p.actions());
      if (observe) {
        PolicyCalls.observe(p, x, b, probs);
        b.completeStep(a, prev);
      } else {
        b.add(x, a, prev);
      }
      prev = a;
    }
    return b;
  }

  private static double[] weights(SplittableRandom rng, int n) {
    double[] w = new double[n];
    for (int t = 0; t < n; t++) {
      w[t] = rng.nextGaussian();
    }
    return w;
  }

  @Test
  void theGradientIsBitIdenticalWithAndWithoutAnExecutor() {
    for (int rows : new int[] {1000, 3000, 5000, 9000}) {
      for (boolean observe : new boolean[] {false, true}) {
        SplittableRandom rng = new SplittableRandom(rows);
        MlpPolicy p = MlpPolicy.builder(INPUTS, 3).hidden(16).activation(Activation.RELU).build(rng);
        Batch b = batch(rng, p, rows, observe);
        double[] w = weights(rng, rows);
        Exploration ex = new Exploration(0.05, 0.1);
        GradientStats alone = PolicyCalls.gradient(p, b, w, ex, 0.01, Reduction.MEAN);
        float[] gAlone = p.gradient();
        GradientStats parallel = PolicyCalls.gradient(p, b, w, ex, 0.01, Reduction.MEAN, threads);
        assertEquals(alone, parallel, rows + " rows");
        assertArrayEquals(gAlone, p.gradient(), rows + " rows");
        assertEquals(alone.objective(), PolicyCalls.objective(p, b, w, ex, 0.01, Reduction.MEAN).objective(), 0.0);
      }
    }
  }

  @Test
  void partsOtherThanTheFirstRunOnTheExecutor() {
    SplittableRandom rng = new SplittableRandom(2);
    MlpPolicy p = MlpPolicy.builder(INPUTS, 2).hidden(16).head(Head.BERNOULLI).build(rng);
    java.util.concurrent.atomic.AtomicInteger handed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.Executor counting = task -> {
      handed.incrementAndGet();
      threads.execute(task);
    };
    Batch b = batch(rng, p, 9000, true);
    PolicyCalls.gradient(p, b, weights(rng, 9000), Exploration.NONE, 0.0, Reduction.SUM, counting);
    assertEquals(6, handed.get(), "4 parts and 4 pieces of their sum: the caller computes one of each, the executor three");
    PolicyCalls.gradient(p, batch(rng, p, 1000, true), weights(rng, 1000), Exploration.NONE, 0.0, Reduction.SUM, counting);
    assertEquals(6, handed.get(), "a small batch is one part, on the caller");
  }

  @Test
  void aGradientCarriesNothingOverFromThePreviousOne() {
    for (int rows : new int[] {500, 3000, 9000}) {
      SplittableRandom rng = new SplittableRandom(rows + 7);
      MlpPolicy used = MlpPolicy.builder(INPUTS, 2).hidden(32).activation(Activation.RELU).head(Head.BERNOULLI).bias(false)
          .build(new SplittableRandom(9));
      MlpPolicy fresh = MlpPolicy.builder(INPUTS, 2).hidden(32).activation(Activation.RELU).head(Head.BERNOULLI).bias(false)
          .build(new SplittableRandom(9));
      Batch first = batch(rng, used, rows, true);
      PolicyCalls.gradient(used, first, weights(rng, rows), Exploration.NONE, 0.0, Reduction.SUM, threads);
      Batch second = batch(rng, used, rows / 3, true); // fewer rows and parts: other pixels, other lanes
      double[] w = weights(rng, rows / 3);
      GradientStats a = PolicyCalls.gradient(used, second, w, Exploration.NONE, 0.01, Reduction.SUM, threads);
      GradientStats b = PolicyCalls.gradient(fresh, second, w, Exploration.NONE, 0.01, Reduction.SUM, threads);
      assertEquals(b, a, rows + " rows first");
      assertArrayEquals(fresh.gradient(), used.gradient(), rows + " rows first");
    }
  }

  @Test
  void aGradientInPartsIsTheSumOfThePartsGradients() {
    SplittableRandom rng = new SplittableRandom(4);
    MlpPolicy p = MlpPolicy.builder(INPUTS, 2).hidden(16).head(Head.BERNOULLI).build(rng);
    int rows = 4096;
    Batch all = batch(rng, p, rows, true);
    double[] w = weights(rng, rows);
    GradientStats whole = PolicyCalls.gradient(p, all, w, Exploration.NONE, 0.02, Reduction.SUM, threads);
    float[] g = p.gradient();
    double objective = 0;
    double[] sum = new double[g.length];
    for (int half = 0; half < 2; half++) {
      Batch part = new Batch(INPUTS);
      double[] wPart = new double[rows / 2];
      for (int t = 0; t < rows / 2; t++) {
        int row = half * rows / 2 + t;
        part.add(all.observation(row), all.actionAt(row), all.previousAt(row));
        wPart[t] = w[row];
      }
      objective += PolicyCalls.gradient(p, part, wPart, Exploration.NONE, 0.02, Reduction.SUM).objective();
      float[] gPart = p.gradient();
      for (int i = 0; i < g.length; i++) {
        sum[i] += gPart[i];
      }
    }
    assertEquals(objective, whole.objective(), 1e-9 * Math.abs(objective));
    for (int i = 0; i < g.length; i++) {
      assertEquals(sum[i], g[i], 1e-6 + 1e-6 * Math.abs(sum[i]), "gradient " + i);
    }
  }
}
