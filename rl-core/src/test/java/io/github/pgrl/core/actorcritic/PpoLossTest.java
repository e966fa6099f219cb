package io.github.pgrl.core.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PpoLossTest {

  /*
   * ε = 0.2, old log μ = 0 everywhere, so r_t = exp(log μ_t):
   *   t0: r = e^0.1  = 1.105171, A =  1: inside [0.8, 1.2]            → term  1.105171, w =  1.105171
   *   t1: r = e^0.3  = 1.349859, A =  1: clipped 1.2 is the smaller    → term  1.2,      w =  0
   *   t2: r = e^-0.3 = 0.740818, A =  1: unclipped 0.740818 < 0.8      → term  0.740818, w =  0.740818
   *   t3: r = e^-0.3 = 0.740818, A = -1: clipped -0.8 is the smaller   → term -0.8,      w =  0
   *   t4: r = e^0.05 = 1.051271, A = -2: inside                        → term -2.102542, w = -2.102542
   * L = (1.105171 + 1.2 + 0.740818 - 0.8 - 2.102542) / 5 = 0.0286894
   * KL = mean((r - 1) - log r) = (0.005171 + 0.049859 + 0.040818 + 0.040818 + 0.001271) / 5 = 0.0275875
   * clip fraction: |r - 1| > 0.2 at t1, t2, t3 → 3/5
   */
  @Test
  void clippedSurrogateMatchesValuesComputedByHand() {
    PpoLoss loss = PpoLoss.of(new double[] {0.1, 0.3, -0.3, -0.3, 0.05}, new double[5],
        new double[] {1, 1, 1, -1, -2}, 0.2);
    assertEquals(0.0286894, loss.surrogate, 1e-6);
    assertArrayEquals(new double[] {1.105171, 0, 0.740818, 0, -2.102542}, loss.weights, 1e-6);
    assertEquals(0.0275875, loss.approxKl, 1e-6);
    assertEquals(0.6, loss.clipFraction, 1e-12);
  }

  @Test
  void atTheOldParametersTheSurrogateIsTheMeanAdvantageAndNothingIsClipped() {
    double[] lp = {-0.7, -1.2, -0.1};
    PpoLoss loss = PpoLoss.of(lp, lp.clone(), new double[] {2, -1, 0.5}, 0.1);
    assertEquals((2 - 1 + 0.5) / 3, loss.surrogate, 1e-12);
    assertArrayEquals(new double[] {2, -1, 0.5}, loss.weights, 0);
    assertEquals(0, loss.approxKl, 0);
    assertEquals(0, loss.clipFraction, 0);
  }

  @Test
  void a2cWeighsEveryStepByItsAdvantage() {
    double[] adv = {0.5, -2};
    assertArrayEquals(adv, A2cLoss.weights(adv), 0);
    // objective mean(w·log μ) + β·H = -0.3 with β = 0.1 and H = 1: the policy loss leaves out the entropy
    assertEquals(0.4, A2cLoss.policyLoss(-0.3, 1.0, 0.1), 1e-12);
  }
}
