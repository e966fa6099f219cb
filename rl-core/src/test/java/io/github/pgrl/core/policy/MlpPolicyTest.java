package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import io.github.pgrl.core.Exploration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpPolicyTest {

  @Test
  void theClassicPongNetworkHas1280200Parameters() {
    MlpPolicy p = MlpPolicy.builder(6400, 2).hidden(200).activation(Activation.RELU).head(Head.BERNOULLI).bias(false)
        .build(new SplittableRandom(1));
    assertEquals(1_280_200, p.parameterCount());
  }

  @Test
  void initialWeightsAreGaussianOverTheSquareRootOfTheFanIn() {
    MlpPolicy p = MlpPolicy.builder(400, 2).hidden(100).head(Head.BERNOULLI).bias(false).build(new SplittableRandom(2));
    float[] w = p.parameters();
    double ss = 0;
    for (int i = 0; i < 400 * 100; i++) {
      ss += w[i] * w[i];
    }
    assertEquals(1.0 / 400, ss / (400 * 100), 0.05 / 400);
  }

  @Test
  void theSameGeneratorGivesTheSameWeights() {
    float[] a = MlpPolicy.builder(5, 3).build(new SplittableRandom(9)).parameters();
    float[] b = MlpPolicy.builder(5, 3).build(new SplittableRandom(9)).parameters();
    assertArrayEquals(a, b);
  }

  @Test
  void probabilitiesAreADistributionAndTheBatchedForwardAgreesWithTheSingleOne() {
    for (Head head : Head.values()) {
      MlpPolicy p = MlpPolicy.builder(3, 2).hidden(4).head(head).build(new SplittableRandom(3));
      float[] obs = {0.2f, -0.7f, 1.1f};
      double[] probs = p.probabilities(obs);
      assertEquals(1.0, probs[0] + probs[1], 1e-12);
      Batch b = new Batch(3);
      b.add(obs, 1, -1);
      double logP = PolicyCalls.objective(p, b, new double[] {1.0}, Exploration.NONE, 0.0, Reduction.SUM).objective();
      assertEquals(Math.log(probs[1]), logP, 1e-6, head.toString());
    }
  }

  @Test
  void greedyPicksTheMostProbableAction() {
    MlpPolicy p = MlpPolicy.builder(2, 3).hidden(4).build(new SplittableRandom(4));
    float[] obs = {1f, -1f};
    double[] probs = p.probabilities(obs);
    int best = 0;
    for (int a = 1; a < 3; a++) {
      if (probs[a] > probs[best]) {
        best = a;
      }
    }
    assertEquals(best, p.greedyAction(obs));
    assertEquals(best, p.greedy().act(obs, new SplittableRandom(0)));
  }

  @Test
  void clippingBoundsTheGradientNorm() {
    MlpPolicy p = MlpPolicy.builder(2, 2).hidden(3).build(new SplittableRandom(5));
    Batch b = new Batch(2);
    b.add(new float[] {1f, 2f}, 1, -1);
    PolicyCalls.gradient(p, b, new double[] {100.0}, Exploration.NONE, 0.0, Reduction.SUM);
    double before = p.clipGradient(0.5);
    assertTrue(before > 0.5);
    assertEquals(0.5, p.gradientNorm(), 1e-5);
  }

  @Test
  void badArgumentsSayWhatIsAllowed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MlpPolicy.builder(0, 2)).getMessage().contains("at least 1 input"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MlpPolicy.builder(3, 1)).getMessage().contains("at least 2 actions"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> MlpPolicy.builder(3, 3).head(Head.BERNOULLI).build(new SplittableRandom(1))).getMessage().contains("exactly 2 actions"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MlpPolicy.builder(3, 2).hidden(4, 0)).getMessage().contains("at least 1 unit"));
    MlpPolicy p = MlpPolicy.builder(3, 2).build(new SplittableRandom(1));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.probabilities(new float[4])).getMessage().contains("expects 3 inputs"));
    Batch b = new Batch(3);
    b.add(new float[3], 1, -1);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PolicyCalls.gradient(p, b, new double[] {Double.NaN}, Exploration.NONE, 0, Reduction.MEAN)).getMessage().contains("finite"));
    Batch bad = new Batch(3);
    bad.add(new float[3], 5, -1);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PolicyCalls.gradient(p, bad, new double[] {1}, Exploration.NONE, 0, Reduction.MEAN)).getMessage().contains("outside 0..1"));
  }

  @Test
  void anArchitectureTooLargeForAnArrayIsRefusedWithItsParameterCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MlpPolicy.builder(100_000, 2).hidden(100_000).build(new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("[100000, 100000, 2] with biases would have 10000300002 parameters")
        && e.getMessage().contains("more than the 2147483639 an array can hold"), e.getMessage());
    int max = Integer.MAX_VALUE;
    e = assertThrows(IllegalArgumentException.class,
        () -> MlpPolicy.builder(max, 2).hidden(max, max, max, max).build(new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("would have " + Long.MAX_VALUE + " parameters"), "saturated: " + e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ValueFunction.of(100_000, new int[] {100_000},
        Activation.TANH, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("would have 10000200001 parameters"), e.getMessage());
  }

  @Test
  void buildingWithGivenParametersChecksTheirCountFirst() {
    MlpPolicy.Builder b = MlpPolicy.builder(3, 2).hidden(4);
    float[] theta = b.build(new SplittableRandom(1)).parameters();
    assertArrayEquals(theta, b.build(theta).parameters());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.build(java.util.Arrays.copyOf(theta, theta.length - 1)));
    assertTrue(e.getMessage().contains("has 26 parameters, not 25"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MlpPolicy.builder(3, 2).hidden(300_000_000).build(theta));
    assertTrue(e.getMessage().contains("has 1800000002 parameters, not 26"), e.getMessage());
  }

  @Test
  void nonFiniteParametersAreRefusedNamingTheFirstAndChangeNothing() {
    MlpPolicy p = MlpPolicy.builder(3, 2).hidden(4).build(new SplittableRandom(1));
    float[] before = p.parameters();
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      float[] theta = before.clone();
      theta[7] = bad;
      theta[9] = Float.NaN;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.setParameters(theta));
      assertTrue(e.getMessage().contains("must be finite, but value 7 (of 26) is " + bad), e.getMessage());
      assertArrayEquals(before, p.parameters());
    }
    ValueFunction v = ValueFunction.of(3, new int[] {4}, Activation.TANH, new SplittableRandom(1));
    float[] theta = v.parameters();
    theta[0] = Float.NaN;
    assertThrows(IllegalArgumentException.class, () -> v.setParameters(theta));
  }

  @Test
  void moreThanAHundredHiddenLayersAreRefused() {
    int[] hundred = new int[100];
    java.util.Arrays.fill(hundred, 1);
    assertEquals(100, MlpPolicy.builder(1, 2).hidden(hundred).build(new SplittableRandom(1)).hidden().length);
    int[] more = java.util.Arrays.copyOf(hundred, 101);
    more[100] = 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpPolicy.builder(1, 2).hidden(more));
    assertTrue(e.getMessage().contains("at most 100 hidden layers, got 101"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ValueFunction.of(1, more, Activation.TANH, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("at most 100 hidden layers, got 101"), e.getMessage());
  }

  @Test
  void actingOnAnObservationThatGivesNoDistributionIsRefused() {
    MlpPolicy p = MlpPolicy.builder(2, 3).hidden(4).activation(Activation.RELU).build(new SplittableRandom(1));
    for (float[] obs : new float[][] {{Float.NaN, 0f}, {3e38f, -3e38f}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.act(obs, new SplittableRandom(1)));
      assertTrue(e.getMessage().contains("no probability distribution for this observation")
          && e.getMessage().contains("is NaN"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> p.greedyAction(obs));
    }
  }

  @Test
  void theDistributionOfAnObservationThatGivesNoDistributionIsRefused() {
    for (ComputePath path : new ComputePath[] {ComputePath.SPARSE_JAVA, ComputePath.DENSE_ND4J}) {
      MlpPolicy p = MlpPolicy.builder(2, 3).hidden(4).activation(Activation.RELU).build(new SplittableRandom(1));
      p.computePath(path);
      for (float[] obs : new float[][] {{Float.NaN, 0f}, {3e38f, -3e38f}}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.distribution(obs), path.name());
        assertTrue(e.getMessage().contains("no probability distribution for this observation"), e.getMessage());
      }
    }
  }
}
