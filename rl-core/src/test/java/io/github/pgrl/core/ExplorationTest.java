package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class ExplorationTest {

  @Property(tries = 200)
  void mixtureProbabilitiesSumToOne(
      @ForAll @DoubleRange(min = 0, max = 1) double epsilon,
      @ForAll @DoubleRange(min = 0, max = 0.99) double stickiness,
      @ForAll @IntRange(min = 2, max = 6) int n,
      @ForAll @IntRange(min = -1, max = 5) int previous,
      @ForAll long seed) {
    Exploration ex = new Exploration(epsilon, stickiness);
    double[] pi = randomDistribution(n, new SplittableRandom(seed));
    int prev = Math.min(previous, n - 1);
    double total = 0;
    for (int a = 0; a < n; a++) {
      double mu = ex.probability(pi[a], n, a, prev);
      assertTrue(mu >= 0);
      total += mu;
    }
    assertEquals(1.0, total, 1e-12);
  }

  @Test
  void chosenActionsFollowTheMixtureDistribution() {
    Exploration ex = new Exploration(0.2, 0.3);
    double[] pi = {0.7, 0.2, 0.1};
    int previous = 2;
    SplittableRandom rng = new SplittableRandom(12345);
    int draws = 60_000;
    long[] counts = new long[3];
    for (int i = 0; i < draws; i++) {
      counts[ex.choose(pi, previous, rng)]++;
    }
    double[] expected = new double[3];
    for (int a = 0; a < 3; a++) {
      expected[a] = ex.probability(pi[a], 3, a, previous) * draws;
    }
    double p = new ChiSquareTest().chiSquareTest(expected, counts);
    assertTrue(p > 0.001, "chi-square p-value " + p);
  }

  @Test
  void withoutExplorationTheGradientFactorIsOne() {
    assertEquals(1.0, Exploration.NONE.gradientFactor(0.3, 2, 1, 0), 0);
    assertEquals(1.0, Exploration.sticky(0.5).gradientFactor(0.3, 2, 1, -1), 1e-15);
  }

  @Test
  void aStickinessOfOneOrAnEpsilonAboveOneIsRejected() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Exploration.sticky(1.0)).getMessage().contains("[0, 1)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Exploration.epsilon(1.5)).getMessage().contains("[0, 1]"));
    assertThrows(IllegalArgumentException.class, () -> Exploration.epsilon(Double.NaN));
  }

  private static double[] randomDistribution(int n, SplittableRandom rng) {
    double[] p = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      p[i] = rng.nextDouble() + 1e-3;
      s += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= s;
    }
    return p;
  }

  @Test
  void sampleAndChooseRefuseWhatIsNotADistributionNamingTheValueAndItsIndex() {
    Exploration sticky = new Exploration(0.1, 0.5);
    Object[][] cases = {
      {new double[] {0.5, Double.NaN, 0.5}, "the probability of action 1 is NaN"},
      {new double[] {0.6, -0.1, 0.5}, "the probability of action 1 is -0.1"},
      {new double[] {1.5, 0.0}, "the probability of action 0 is 1.5"},
      {new double[] {0.0, Double.POSITIVE_INFINITY}, "the probability of action 1 is Infinity"},
      {new double[] {0.5, 0.4}, "the probabilities of the 2 actions sum to 0.9"},
      {new double[] {0.5, 0.6}, "sum to 1.1"},
      {new double[0], "no probabilities"},
    };
    for (Object[] c : cases) {
      double[] p = (double[]) c[0];
      String expected = (String) c[1];
      for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
          () -> Exploration.sample(p, new SplittableRandom(1)),
          () -> Exploration.NONE.choose(p, -1, new SplittableRandom(1)),
          () -> sticky.choose(p, 0, new SplittableRandom(1)))) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
      }
    }
  }

  @Property(tries = 200)
  void distributionsWithinFloatRoundingAreAcceptedAndSampledAsBefore(
      @ForAll @IntRange(min = 1, max = 18) int n, @ForAll long seed) {
    // normalised in float32, as a caller's softmax might be: the sum is 1 only within float rounding
    SplittableRandom rng = new SplittableRandom(seed);
    float[] w = new float[n];
    float total = 0f;
    for (int i = 0; i < n; i++) {
      w[i] = (float) rng.nextDouble();
      total += w[i];
    }
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = w[i] / total;
    }
    double u = new SplittableRandom(seed).nextDouble();
    int expected = n - 1;
    double cumulative = 0.0;
    for (int i = 0; i < n - 1; i++) {
      cumulative += p[i];
      if (u < cumulative) {
        expected = i;
        break;
      }
    }
    assertEquals(expected, Exploration.sample(p, new SplittableRandom(seed)));
  }
}
