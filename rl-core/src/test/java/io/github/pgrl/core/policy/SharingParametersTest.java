package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import io.github.pgrl.core.Exploration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link MlpPolicy#sharer()}: a reader acts with the owner's current parameters without copies,
 * computes on its own buffers (so both may run at once), and its recorded activations serve the owner's
 * gradient.
 */
class SharingParametersTest {

  private static final int INPUTS = 500;

  private static MlpPolicy policy(long seed) {
    return MlpPolicy.builder(INPUTS, 2).hidden(32).activation(Activation.RELU).head(Head.BERNOULLI).bias(false)
        .build(new SplittableRandom(seed));
  }

  private static float[][] observations(SplittableRandom rng, int rows) {
    float[][] xs = new float[rows][INPUTS];
    for (float[] x : xs) {
      for (int k = 0; k < 20; k++) {
        x[rng.nextInt(INPUTS)] = rng.nextBoolean() ? 1f : -1f;
      }
    }
    return xs;
  }

  @Test
  void aReaderSeesEveryChangeOfTheOwnersParametersAndTheOwnerSeesItsChanges() {
    MlpPolicy owner = policy(1);
    MlpPolicy reader = owner.sharer();
    float[] x = observations(new SplittableRandom(2), 1)[0];
    assertArrayEquals(owner.probabilities(x), reader.probabilities(x));

    float[] other = policy(3).parameters();
    owner.setParameters(other);
    assertArrayEquals(other, reader.parameters());
    assertArrayEquals(policy(3).probabilities(x), reader.probabilities(x), "the reader acts with the new parameters");

    float[] back = policy(1).parameters();
    reader.setParameters(back);
    assertArrayEquals(back, owner.parameters(), "a change through the reader is a change of both");
  }

  @Test
  void ownerAndReadersComputeAtTheSameTimeWithTheResultsOfOneThread() throws Exception {
    MlpPolicy owner = policy(4);
    float[][] xs = observations(new SplittableRandom(5), 400);
    double[][] alone = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      alone[i] = owner.probabilities(xs[i]);
    }
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<double[][]>> results = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        MlpPolicy p = r == 0 ? owner : owner.sharer();
        results.add(threads.submit(() -> {
          double[][] out = new double[xs.length][];
          for (int rep = 0; rep < 20; rep++) {
            for (int i = 0; i < xs.length; i++) {
              out[i] = p.probabilities(xs[i]);
            }
          }
          return out;
        }));
      }
      for (Future<double[][]> f : results) {
        double[][] got = f.get();
        for (int i = 0; i < xs.length; i++) {
          assertArrayEquals(alone[i], got[i], "observation " + i);
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void stepsObservedByAReaderGiveTheOwnerTheGradientOfRecomputedSteps() {
    MlpPolicy owner = policy(6);
    MlpPolicy reader = owner.sharer();
    SplittableRandom rng = new SplittableRandom(7);
    float[][] xs = observations(rng, 50);
    Batch observed = new Batch(INPUTS);
    Batch added = new Batch(INPUTS);
    double[] probs = new double[2];
    for (float[] x : xs) {
      PolicyCalls.observe(reader, x, observed, probs);
      int a = Exploration.sample(probs, rng);
      observed.completeStep(a, -1);
      added.add(x, a, -1);
    }
    assertTrue(observed.hasActivations(owner.net().version(), owner.net().activationCount()),
        "the reader records activations under the owner's parameter version");
    double[] w = new double[xs.length];
    for (int t = 0; t < w.length; t++) {
      w[t] = rng.nextDouble(-1, 1);
    }
    GradientStats fromReader = PolicyCalls.gradient(owner, observed, w, Exploration.NONE, 0.01, Reduction.SUM);
    float[] g = owner.gradient();
    GradientStats recomputed = PolicyCalls.gradient(owner, added, w, Exploration.NONE, 0.01, Reduction.SUM);
    assertEquals(recomputed, fromReader);
    assertArrayEquals(owner.gradient(), g);
  }
}
