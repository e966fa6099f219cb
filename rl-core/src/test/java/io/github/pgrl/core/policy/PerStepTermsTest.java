package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.ActionDistribution;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Objective;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The per-step log μ and entropies of a trainable policy add up to the objective it differentiates. */
class PerStepTermsTest {

  @Test
  void theObjectiveIsTheWeightedSumOfThePerStepLogProbabilitiesAndEntropies() {
    for (Head head : Head.values()) {
      SplittableRandom rng = new SplittableRandom(3);
      MlpPolicy p = MlpPolicy.builder(5, 2).hidden(7).head(head).build(rng);
      Exploration ex = new Exploration(0.1, 0.3);
      RecordedSteps<float[], Integer> steps = p.newSteps();
      Integer previous = null;
      for (int t = 0; t < 40; t++) {
        float[] x = new float[5];
        for (int i = 0; i < 5; i++) {
          x[i] = (float) rng.nextGaussian();
        }
        Integer action = ex.choose(p.observe(x, steps), previous, rng);
        steps.complete(action, previous);
        previous = t % 9 == 8 ? null : action; // episodes of nine steps
      }
      double[] w = rng.doubles(40, -2, 2).toArray();
      double beta = 0.05;
      double scale = 1.0 / 40;
      double[] logMu = p.logProbabilities(steps, ex);
      double[] h = p.entropies(steps);
      double expected = 0;
      double meanH = 0;
      for (int t = 0; t < 40; t++) {
        expected += w[t] * logMu[t] + beta * h[t];
        meanH += h[t] / 40;
      }
      expected *= scale;
      var evaluation = p.evaluate(steps, new Objective(w, beta, ex, scale));
      assertEquals(expected, evaluation.objective(), 1e-9 * Math.abs(expected), head.toString());
      assertEquals(meanH, evaluation.meanEntropy(), 1e-9, head.toString());
    }
  }

  @Test
  void explorationNeedsACategoricalDistribution() {
    ActionDistribution<Double> continuous = new ActionDistribution<>() {
      @Override public Double sample(RandomGenerator rng) { return rng.nextDouble(); }
      @Override public double logProbability(Double action) { return 0.0; }
      @Override public double entropy() { return 0.0; }
      @Override public Double mode() { return 0.5; }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Exploration.epsilon(0.1).logProbability(continuous, 0.3, null));
    assertTrue(e.getMessage().contains("Categorical"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Exploration.epsilon(0.1).choose(continuous, null, new SplittableRandom(1)));
    // repeating the previous action would put an atom into a density: refused too
    assertThrows(IllegalArgumentException.class, () -> Exploration.sticky(0.2).logProbability(continuous, 0.3, 0.3));
    assertThrows(IllegalArgumentException.class, () -> Exploration.sticky(0.2).choose(continuous, 0.3, new SplittableRandom(1)));
    assertEquals(0.0, Exploration.NONE.logProbability(continuous, 0.3, 0.3), 0.0, "without exploration, log π");
    assertEquals(0.0, Exploration.NONE.choose(continuous, null, () -> 0L), 0.0, "without exploration, the sample");
  }
}
