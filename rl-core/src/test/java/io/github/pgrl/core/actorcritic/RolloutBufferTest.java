package io.github.pgrl.core.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.credit.Gae;
import org.junit.jupiter.api.Test;

class RolloutBufferTest {

  private static final Gae GAE = Gae.of(0.99, 0.95);

  /** One copy of three steps, rewards [1, 1, 1], values [0.5, 0.4, 0.3]; the episode ends as given. */
  private static RolloutBuffer<Integer> threeSteps(boolean terminated, boolean truncated) {
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    for (int t = 0; t < 3; t++) {
      steps.add(new float[] {t}, 0, t == 0 ? null : 0);
    }
    RolloutBuffer<Integer> b = new RolloutBuffer<>(1, 3, steps);
    System.arraycopy(new double[] {1, 1, 1}, 0, b.rewards, 0, 3);
    System.arraycopy(new double[] {0.5, 0.4, 0.3}, 0, b.values, 0, 3);
    b.terminated[2] = terminated;
    b.truncated[2] = truncated;
    return b;
  }

  @Test
  void aTerminatedEpisodeContinuesFromZero() {
    RolloutBuffer<Integer> b = threeSteps(true, false);
    b.lastValues[0] = 5.0; // the next episode's first value: not this one's
    b.computeAdvantages(GAE);
    assertArrayEquals(new double[] {2.358807, 1.55535, 0.7}, b.advantages, 1e-6);
    assertArrayEquals(new double[] {2.858807, 1.95535, 1.0}, b.returns, 1e-6);
  }

  @Test
  void aTruncatedEpisodeContinuesFromTheValueOfItsFinalObservation() {
    RolloutBuffer<Integer> b = threeSteps(false, true);
    b.truncationValues[2] = 0.2;
    b.lastValues[0] = 5.0;
    b.computeAdvantages(GAE);
    // treated as a termination, these would be [2.358807, 1.55535, 0.7]
    assertArrayEquals(new double[] {2.533946, 1.741569, 0.898}, b.advantages, 1e-6);
  }

  @Test
  void anEpisodeThatGoesOnContinuesFromTheValueOfTheNextObservation() {
    RolloutBuffer<Integer> b = threeSteps(false, false);
    b.lastValues[0] = 0.2;
    b.computeAdvantages(GAE);
    assertArrayEquals(new double[] {2.533946, 1.741569, 0.898}, b.advantages, 1e-6);
  }

  /*
   * Two copies, interleaved k = t·2 + i. Copy 0 is the terminated episode above. Copy 1: rewards [1, 0, 2],
   * values [0.5, 1, 1]; its episode terminates at t = 0, then a new one runs on, with V(next) = 0:
   *   t0: A = 1 − 0.5 = 0.5
   *   t2: δ = 2 + 0.99·0 − 1 = 1,             A = 1
   *   t1: δ = 0 + 0.99·1 − 1 = −0.01,         A = −0.01 + 0.99·0.95·1 = 0.9305
   */
  @Test
  void eachCopyIsCutIntoItsOwnEpisodes() {
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    for (int k = 0; k < 6; k++) {
      steps.add(new float[] {k}, 1, null);
    }
    RolloutBuffer<Integer> b = new RolloutBuffer<>(2, 3, steps);
    System.arraycopy(new double[] {1, 1, 1, 0, 1, 2}, 0, b.rewards, 0, 6);
    System.arraycopy(new double[] {0.5, 0.5, 0.4, 1, 0.3, 1}, 0, b.values, 0, 6);
    b.terminated[4] = true; // copy 0, t = 2
    b.terminated[1] = true; // copy 1, t = 0
    b.lastValues[0] = 7;
    b.lastValues[1] = 0;
    b.computeAdvantages(GAE);
    assertArrayEquals(new double[] {2.358807, 0.5, 1.55535, 0.9305, 0.7, 1.0}, b.advantages, 1e-6);
  }

  @Test
  void explainedVarianceIsOneForPerfectValuesAndZeroForAConstantMean() {
    RolloutBuffer<Integer> b = threeSteps(true, false);
    b.computeAdvantages(GAE);
    double[] returns = b.returns.clone();
    System.arraycopy(returns, 0, b.values, 0, 3);
    b.returns = returns;
    assertEquals(1.0, b.explainedVariance(), 1e-12);
    double mean = (returns[0] + returns[1] + returns[2]) / 3;
    java.util.Arrays.fill(b.values, mean);
    assertEquals(0.0, b.explainedVariance(), 1e-12);
  }
}
