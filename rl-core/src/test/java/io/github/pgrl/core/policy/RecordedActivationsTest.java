package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import io.github.pgrl.core.Exploration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link MlpPolicy#observe} stages steps in a batch and keeps their activations; the gradient reuses them
 * only while the parameters are those they were computed with, and is then bit-identical to recomputing.
 */
class RecordedActivationsTest {

  private static final int INPUTS = 300;

  private static MlpPolicy policy(SplittableRandom rng, boolean bernoulli, Activation activation) {
    return MlpPolicy.builder(INPUTS, bernoulli ? 2 : 3).hidden(24, 8).activation(activation)
        .head(bernoulli ? Head.BERNOULLI : Head.SOFTMAX).bias(!bernoulli).build(rng);
  }

  private static float[][] observations(SplittableRandom rng, int rows, int nonZeros) {
    float[][] xs = new float[rows][INPUTS];
    for (float[] x : xs) {
      for (int k = 0; k < nonZeros; k++) {
        x[rng.nextInt(INPUTS)] = (float) rng.nextDouble(-1, 1);
      }
    }
    return xs;
  }

  /** Plays the observations through observe/completeStep, and the same steps through add. */
  private static Batch[] recordBoth(MlpPolicy p, float[][] xs, SplittableRandom rng) {
    Batch observed = new Batch(INPUTS);
    Batch added = new Batch(INPUTS);
    double[] probs = new double[p.actions()];
    int prev = -1;
    for (float[] x : xs) {
      PolicyCalls.observe(p, x, observed, probs);
      assertArrayEquals(p.probabilities(x), probs, "observe gives the probabilities of probabilities()");
      int a = Exploration.sample(probs, rng);
      observed.completeStep(a, prev);
      added.add(x, a, prev);
      prev = a;
    }
    return new Batch[] {observed, added};
  }

  private static double[] weights(SplittableRandom rng, int n) {
    double[] w = new double[n];
    for (int t = 0; t < n; t++) {
      w[t] = rng.nextDouble(-1, 1);
    }
    return w;
  }

  @Property(tries = 20, seed = "20261128")
  void gradientFromRecordedActivationsIsBitIdentical(
      @ForAll @IntRange(min = 0, max = 30) int nonZeros, @ForAll long seed, @ForAll boolean bernoulli,
      @ForAll boolean relu) {
    SplittableRandom rng = new SplittableRandom(seed);
    MlpPolicy p = policy(rng, bernoulli, relu ? Activation.RELU : Activation.TANH);
    float[][] xs = observations(rng, 40, nonZeros);
    xs[0][INPUTS - 1] = -0f;   // a negative zero is a zero
    xs[1][INPUTS - 2] = 0.5f;  // in the tail after the last block of eight
    Batch[] b = recordBoth(p, xs, rng);
    assertTrue(b[0].hasActivations(p.net().version(), p.net().activationCount()));
    assertFalse(b[1].hasActivations(p.net().version(), p.net().activationCount()), "add() records no activations");
    double[] w = weights(rng, 40);
    Exploration ex = new Exploration(0.1, 0.2);
    GradientStats recorded = PolicyCalls.gradient(p, b[0], w, ex, 0.01, Reduction.SUM);
    float[] gRecorded = p.gradient();
    GradientStats recomputed = PolicyCalls.gradient(p, b[1], w, ex, 0.01, Reduction.SUM);
    assertEquals(recomputed, recorded);
    assertArrayEquals(p.gradient(), gRecorded);
    for (int t = 0; t < 40; t++) {
      assertArrayEquals(xs[t], b[0].observation(t), 0f, "the batch gives back the observation");
      assertArrayEquals(b[1].observation(t), b[0].observation(t));
      assertEquals(b[1].action(t), b[0].action(t));
      assertEquals(b[1].previousAction(t), b[0].previousAction(t));
    }
  }

  @Test
  void theActivationCacheGrowsGeometricallyNotStepByStep() {
    SplittableRandom rng = new SplittableRandom(4);
    MlpPolicy p = policy(rng, true, Activation.RELU);
    float[] x = observations(rng, 1, 5)[0];
    Batch b = new Batch(INPUTS);
    double[] probs = new double[2];
    java.util.Set<Object> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int t = 0; t < 5000; t++) {
      PolicyCalls.observe(p, x, b, probs);
      b.completeStep(0, -1);
      arrays.add(b.activations());
    }
    assertTrue(b.hasActivations(p.net().version(), p.net().activationCount()));
    // 256 rows first, then doubling: 256, 512, …, 8192 rows is 6 arrays (a copy per step would be 5,000)
    assertTrue(arrays.size() <= 6, arrays.size() + " arrays for 5,000 steps");
  }

  @Test
  void activationsAreNotReusedAfterTheParametersChange() {
    SplittableRandom rng = new SplittableRandom(5);
    MlpPolicy p = policy(rng, true, Activation.RELU);
    Batch[] b = recordBoth(p, observations(rng, 30, 12), rng);
    double[] w = weights(rng, 30);
    PolicyCalls.gradient(p, b[0], w, Exploration.NONE, 0.0, Reduction.SUM);
    PolicyCalls.ascend(p, Optimizer.of(OptimizerConfig.Adam.of(0.05), p.parameterCount()));
    assertFalse(b[0].hasActivations(p.net().version(), p.net().activationCount()));
    GradientStats afterStep = PolicyCalls.gradient(p, b[0], w, Exploration.NONE, 0.0, Reduction.SUM);
    float[] g = p.gradient();
    GradientStats recomputed = PolicyCalls.gradient(p, b[1], w, Exploration.NONE, 0.0, Reduction.SUM);
    assertEquals(recomputed, afterStep, "the stale activations were ignored");
    assertArrayEquals(p.gradient(), g);
  }

  @Test
  void aCopyRecordsActivationsTheOriginalCanReuseUntilEitherChanges() {
    SplittableRandom rng = new SplittableRandom(6);
    MlpPolicy p = policy(rng, false, Activation.RELU);
    MlpPolicy worker = p.copy();
    Batch episode = recordBoth(worker, observations(rng, 10, 5), rng)[0];
    Batch all = new Batch(INPUTS);
    all.append(episode);
    all.append(episode);
    assertEquals(20, all.size());
    assertTrue(all.hasActivations(p.net().version(), p.net().activationCount()), "appending keeps them");
    worker.setParameters(worker.parameters());
    assertFalse(episode.hasActivations(worker.net().version(), worker.net().activationCount()),
        "setParameters starts a new version, even with equal values");
    worker.copyParametersFrom(p);
    assertTrue(episode.hasActivations(worker.net().version(), worker.net().activationCount()));
  }

  @Test
  void mixingAddAndObserveDropsTheRecordedActivations() {
    SplittableRandom rng = new SplittableRandom(7);
    MlpPolicy p = policy(rng, true, Activation.TANH);
    float[][] xs = observations(rng, 3, 4);
    Batch b = new Batch(INPUTS);
    double[] probs = new double[2];
    PolicyCalls.observe(p, xs[0], b, probs);
    b.completeStep(0, -1);
    b.add(xs[1], 1, 0);
    PolicyCalls.observe(p, xs[2], b, probs);
    b.completeStep(1, 1);
    assertEquals(3, b.size());
    assertFalse(b.hasActivations(p.net().version(), p.net().activationCount()));
    b.clear();
    PolicyCalls.observe(p, xs[2], b, probs);
    b.completeStep(1, -1);
    assertTrue(b.hasActivations(p.net().version(), p.net().activationCount()), "clear() starts afresh");
  }

  @Test
  void aStagedObservationIsReplacedByTheNextOneAndNeedsCompleting() {
    SplittableRandom rng = new SplittableRandom(8);
    MlpPolicy p = policy(rng, true, Activation.RELU);
    float[][] xs = observations(rng, 2, 6);
    Batch b = new Batch(INPUTS);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.completeStep(0, -1));
    assertTrue(e.getMessage().contains("no observation is staged"), e.getMessage());
    double[] probs = new double[2];
    PolicyCalls.observe(p, xs[0], b, probs);
    PolicyCalls.observe(p, xs[1], b, probs);
    b.completeStep(1, -1);
    assertEquals(1, b.size());
    assertArrayEquals(xs[1], b.observation(0));
    assertThrows(IllegalStateException.class, () -> b.completeStep(0, 1), "a staged step completes once");
  }

  @Test
  void observeRejectsNonFiniteValuesAndWrongLengths() {
    SplittableRandom rng = new SplittableRandom(9);
    MlpPolicy p = policy(rng, true, Activation.RELU);
    Batch b = new Batch(INPUTS);
    float[] x = new float[INPUTS];
    x[17] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyCalls.observe(p, x, b, new double[2]));
    assertTrue(e.getMessage().contains("NaN at index 17"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PolicyCalls.observe(p, new float[5], b, new double[2]));
    assertThrows(IllegalArgumentException.class, () -> PolicyCalls.observe(p, new float[INPUTS], new Batch(4), new double[2]));
    assertThrows(IllegalStateException.class, () -> b.completeStep(0, -1), "nothing was staged");
    assertEquals(0, b.size());
  }
}
