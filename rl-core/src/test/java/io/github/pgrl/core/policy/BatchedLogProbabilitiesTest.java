package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The MLP's batched log μ and entropies against one distribution per step (TrainablePolicy's definition). */
class BatchedLogProbabilitiesTest {

  @Test
  void batchedLogProbabilitiesAndEntropiesEqualThoseOfEachStepsDistribution() {
    SplittableRandom rng = new SplittableRandom(8);
    MlpPolicy policy = MlpPolicy.builder(3, 4).hidden(6, 5).build(rng);
    Exploration sticky = Exploration.sticky(0.3);
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    boolean[][] masks = new boolean[10][];
    Integer prev = null;
    for (int t = 0; t < 10; t++) {
      float[] obs = {(float) rng.nextDouble(-1, 1), 0f, (float) rng.nextDouble(-1, 1)};
      int a = rng.nextInt(4);
      steps.stage(obs);
      if (t % 3 == 0) { // a masked step, with its action valid
        masks[t] = new boolean[] {t % 2 == 0, true, false, true};
        masks[t][a] = true;
        steps.stageMask(masks[t]);
      }
      steps.complete(a, prev);
      prev = t % 3 == 2 ? null : a;
    }
    double[] batched = policy.logProbabilities(steps, Exploration.NONE);
    double[] entropies = policy.entropies(steps);
    for (int t = 0; t < 10; t++) {
      var d = masks[t] != null ? policy.distribution(steps.observation(t), masks[t]) : policy.distribution(steps.observation(t));
      assertEquals(d.logProbability(steps.action(t)), batched[t], 1e-6, "step " + t);
      assertEquals(d.entropy(), entropies[t], 1e-6, "step " + t);
    }
    // with exploration, on unmasked steps only (masks go with Exploration.NONE)
    RecordedSteps<float[], Integer> plain = policy.newSteps();
    for (int t = 0; t < 10; t++) {
      plain.add(steps.observation(t), steps.action(t), steps.previousAction(t));
    }
    double[] mixed = policy.logProbabilities(plain, sticky);
    for (int t = 0; t < 10; t++) {
      double expected = sticky.logProbability(policy.distribution(plain.observation(t)), plain.action(t),
          plain.previousAction(t));
      assertEquals(expected, mixed[t], 1e-6, "step " + t);
    }
  }
}
