package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link DiagonalGaussian}: its log-density against Commons Math's normal distribution, its entropy, the
 * squashed density (which integrates to 1 and obeys the change of variables), its samples, and the
 * arguments it refuses.
 */
class DiagonalGaussianTest {

  private static final double[] MEAN = {0.3, -1.2, 2.0};
  private static final double[] STD = {0.5, 1.0, 2.5};

  @Test
  void theLogDensityIsTheSumOfTheCoordinatesNormalLogDensities() {
    DiagonalGaussian d = DiagonalGaussian.of(MEAN, STD);
    SplittableRandom rng = new SplittableRandom(3);
    for (int k = 0; k < 100; k++) {
      float[] a = new float[3];
      double expected = 0.0;
      for (int i = 0; i < 3; i++) {
        a[i] = (float) rng.nextDouble(-6, 6);
        expected += new NormalDistribution(null, MEAN[i], STD[i]).logDensity(a[i]);
      }
      assertEquals(expected, d.logProbability(a), 1e-12 * Math.abs(expected) + 1e-12, "log N at " + k);
    }
  }

  @Test
  void theEntropyIsTheClosedFormAndTheMeanOfMinusTheLogDensity() {
    // one coordinate of σ = 1: ½·log(2πe) = 1.4189385332046727
    assertEquals(1.4189385332046727, DiagonalGaussian.of(new double[] {5.0}, new double[] {1.0}).entropy(), 1e-15);
    DiagonalGaussian d = DiagonalGaussian.of(MEAN, STD);
    double closed = 0.0;
    for (double s : STD) {
      closed += 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
    }
    assertEquals(closed, d.entropy(), 1e-12);
    SplittableRandom rng = new SplittableRandom(5);
    SummaryStatistics minusLog = new SummaryStatistics();
    for (int k = 0; k < 200_000; k++) {
      minusLog.addValue(-d.logProbability(d.sample(rng)));
    }
    assertEquals(d.entropy(), minusLog.getMean(), 4 * minusLog.getStandardDeviation() / Math.sqrt(minusLog.getN()),
        "a Monte Carlo estimate of the entropy, seed 5");
  }

  @Test
  void samplesHaveTheMeansAndStandardDeviations() {
    DiagonalGaussian d = DiagonalGaussian.of(MEAN, STD);
    SplittableRandom rng = new SplittableRandom(7);
    SummaryStatistics[] stats = {new SummaryStatistics(), new SummaryStatistics(), new SummaryStatistics()};
    int n = 100_000;
    for (int k = 0; k < n; k++) {
      float[] a = d.sample(rng);
      for (int i = 0; i < 3; i++) {
        stats[i].addValue(a[i]);
      }
    }
    for (int i = 0; i < 3; i++) {
      // four standard errors of the mean; the deviation's standard error is about σ/sqrt(2n)
      assertEquals(MEAN[i], stats[i].getMean(), 4 * STD[i] / Math.sqrt(n), "the mean of coordinate " + i);
      assertEquals(STD[i], stats[i].getStandardDeviation(), 4 * STD[i] / Math.sqrt(2.0 * n), "the std of coordinate " + i);
    }
    assertArrayEquals(new float[] {0.3f, -1.2f, 2.0f}, d.mode(), "the mode is the mean");
  }

  @Test
  void theSquashedDensityIntegratesToOneOverTheBox() {
    for (double[] ms : new double[][] {{0.0, 1.0}, {0.8, 0.6}, {-1.5, 1.3}}) {
      DiagonalGaussian d = DiagonalGaussian.squashed(new double[] {ms[0]}, new double[] {ms[1]}, new float[] {-2f},
          new float[] {3f});
      // the midpoint rule in u = tanh⁻¹(y), where the density is smooth: ∫ μ(a(u))·a'(u) du over [−7, 7]
      int steps = 200_000;
      double h = 14.0 / steps;
      double integral = 0.0;
      for (int k = 0; k < steps; k++) {
        double u = -7.0 + (k + 0.5) * h;
        double a = -2.0 + (Math.tanh(u) + 1.0) * 2.5;
        double da = 2.5 * (1.0 - Math.tanh(u) * Math.tanh(u));
        integral += Math.exp(d.logProbability(new float[] {(float) a})) * da * h;
      }
      assertEquals(1.0, integral, 2e-3, "∫ μ(a) da for mean " + ms[0] + ", std " + ms[1]);
    }
  }

  @Test
  void theSquashedLogDensityIsTheGaussianOfTheUnsquashedValueLessTheLogJacobian() {
    float[] low = {-2f, 0f};
    float[] high = {2f, 0.5f};
    DiagonalGaussian d = DiagonalGaussian.squashed(new double[] {0.4, -0.7}, new double[] {0.8, 1.5}, low, high);
    NormalDistribution[] normal = {new NormalDistribution(null, 0.4, 0.8), new NormalDistribution(null, -0.7, 1.5)};
    SplittableRandom rng = new SplittableRandom(9);
    for (int k = 0; k < 50; k++) {
      float[] a = d.sample(rng);
      double expected = 0.0;
      for (int i = 0; i < 2; i++) {
        assertTrue(a[i] >= low[i] && a[i] <= high[i], "a squashed sample lies in the box: " + a[i]);
        double y = 2.0 * (a[i] - low[i]) / (high[i] - low[i]) - 1.0;
        double u = 0.5 * Math.log((1 + y) / (1 - y));
        double dadu = 0.5 * (high[i] - low[i]) * (1 - Math.tanh(u) * Math.tanh(u)); // naive: fine away from the edges
        expected += normal[i].logDensity(u) - Math.log(dadu);
      }
      assertEquals(expected, d.logProbability(a), 1e-6 * Math.abs(expected) + 1e-6, "log μ at sample " + k);
    }
    float[] mode = d.mode();
    assertEquals((float) (-2.0 + (Math.tanh(0.4) + 1.0) * 2.0), mode[0], 1e-6f, "the squashed mean");
    assertEquals((float) ((Math.tanh(-0.7) + 1.0) * 0.25), mode[1], 1e-6f, "the squashed mean");
    assertEquals(DiagonalGaussian.of(new double[] {0.4, -0.7}, new double[] {0.8, 1.5}).entropy(), d.entropy(),
        "a squashed Gaussian reports the entropy before squashing");
  }

  @Test
  void theLogJacobianIsFiniteFarOutAndAgreesWithTheNaiveFormulaNearZero() {
    for (double u : new double[] {0.0, 0.3, -1.0, 2.5, -4.0}) {
      double naive = Math.log(1 - Math.tanh(u) * Math.tanh(u));
      assertEquals(naive, DiagonalGaussian.logOneMinusTanhSquared(u), 1e-12, "u = " + u);
    }
    // the naive form gives −∞ once tanh rounds to 1; the stable one ≈ 2·log 2 − 2|u|
    assertEquals(2 * Math.log(2) - 100.0, DiagonalGaussian.logOneMinusTanhSquared(50.0), 1e-9);
    assertEquals(2 * Math.log(2) - 100.0, DiagonalGaussian.logOneMinusTanhSquared(-50.0), 1e-9);
  }

  @Test
  void actionsAtTheBoundsOfASquashedGaussianHaveAFiniteLogDensity() {
    DiagonalGaussian d = DiagonalGaussian.squashed(new double[] {0.0}, new double[] {2.0}, new float[] {-2f},
        new float[] {2f});
    for (float a : new float[] {-2f, 2f, Math.nextDown(2f)}) {
      assertTrue(Double.isFinite(d.logProbability(new float[] {a})), "log μ at " + a);
    }
    // far out, tanh(u) rounds to the bound: the sample stays in the box
    DiagonalGaussian wide = DiagonalGaussian.squashed(new double[] {30.0}, new double[] {1.0}, new float[] {-2f},
        new float[] {2f});
    assertEquals(2f, wide.sample(new SplittableRandom(1))[0]);
  }

  @Test
  void factoriesRefuseBadParametersNamingTheCoordinate() {
    assertMentions(() -> DiagonalGaussian.of(new double[0], new double[0]), "at least one coordinate");
    assertMentions(() -> DiagonalGaussian.of(new double[] {0, 1}, new double[] {1}), "2 means, 1 standard deviations");
    assertMentions(() -> DiagonalGaussian.of(new double[] {0, Double.NaN}, new double[] {1, 1}),
        "the mean of coordinate 1 is NaN", "finite");
    assertMentions(() -> DiagonalGaussian.of(new double[] {Double.POSITIVE_INFINITY}, new double[] {1}),
        "coordinate 0 is Infinity");
    for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertMentions(() -> DiagonalGaussian.of(new double[] {0, 0}, new double[] {1, bad}),
          "standard deviation of coordinate 1 is " + bad, "positive and finite");
    }
    double[] m = {0.0};
    double[] s = {1.0};
    assertMentions(() -> DiagonalGaussian.squashed(m, s, new float[] {Float.NEGATIVE_INFINITY}, new float[] {1f}),
        "a Gaussian bound that is not finite", "[-Infinity, 1.0]");
    assertMentions(() -> DiagonalGaussian.squashed(m, s, new float[] {-1f}, new float[] {Float.POSITIVE_INFINITY}),
        "a Gaussian bound that is not finite");
    assertMentions(() -> DiagonalGaussian.squashed(m, s, new float[] {1f}, new float[] {1f}), "low < high");
    assertMentions(() -> DiagonalGaussian.squashed(m, s, new float[] {0f, 0f}, new float[] {1f, 1f}),
        "1 coordinates, 2 lower and 2 upper bounds");
  }

  @Test
  void logProbabilityRefusesAnActionOfAnotherLengthNotFiniteOrOutsideTheBox() {
    DiagonalGaussian plain = DiagonalGaussian.of(new double[] {0, 0}, new double[] {1, 1});
    assertMentions(() -> plain.logProbability(new float[] {1f}), "1 values", "2 coordinates");
    assertMentions(() -> plain.logProbability(new float[] {1f, Float.NaN}), "coordinate 1", "NaN", "finite");
    assertTrue(Double.isFinite(plain.logProbability(new float[] {1e6f, -1e6f})), "a plain Gaussian is unbounded");
    DiagonalGaussian squashed = DiagonalGaussian.squashed(new double[] {0}, new double[] {1}, new float[] {-1f},
        new float[] {1f});
    assertMentions(() -> squashed.logProbability(new float[] {1.5f}), "1.5", "outside [-1.0, 1.0]");
  }

  private static void assertMentions(Executable call, String... parts) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    for (String part : parts) {
      assertTrue(message.contains(part), "expected \"" + part + "\" in: " + message);
    }
  }
}
