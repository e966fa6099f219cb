package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgrl.core.RecordedSteps;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueClippingTest {

  @Test
  void theClippedValueGradientIsTheGradientOfTheClippedObjective() {
    SplittableRandom rng = new SplittableRandom(4);
    ValueFunction v = ValueFunction.of(3, new int[] {5}, Activation.TANH, rng);
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    int n = 12;
    for (int t = 0; t < n; t++) {
      steps.add(new float[] {(float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-1, 1)},
          0, null);
    }
    double clip = 0.1;
    double[] now = v.values(steps);
    double[] targets = new double[n];
    double[] old = new double[n];
    // old values 0.3 away on either side (clipped or not, by the side of the target), or 0.05 (inside)
    double[] shifts = {0.3, -0.3, 0.05, -0.05};
    for (int t = 0; t < n; t++) {
      old[t] = now[t] - shifts[t % 4];
      targets[t] = now[t] + (t % 3 - 1) * 0.7;
    }
    v.computeClippedGradient(steps, targets, old, clip);
    float[] analytic = v.gradient();
    float[] theta = v.parameters();
    double eps = 1e-3;
    for (int i = 0; i < theta.length; i++) {
      float saved = theta[i];
      theta[i] = (float) (saved + eps);
      v.setParameters(theta);
      double up = -0.5 * loss(v.values(steps), targets, old, clip);
      theta[i] = (float) (saved - eps);
      v.setParameters(theta);
      double down = -0.5 * loss(v.values(steps), targets, old, clip);
      theta[i] = saved;
      v.setParameters(theta);
      double numeric = (up - down) / (2 * eps);
      assertEquals(numeric, analytic[i], 1e-3 + 2e-2 * Math.abs(numeric), "parameter " + i);
    }
  }

  /** mean_t max((V − y)², (v_old + clip(V − v_old, ±ε) − y)²), written out. */
  private static double loss(double[] v, double[] y, double[] old, double clip) {
    double sum = 0;
    for (int t = 0; t < v.length; t++) {
      double c = old[t] + Math.max(-clip, Math.min(clip, v[t] - old[t]));
      sum += Math.max((v[t] - y[t]) * (v[t] - y[t]), (c - y[t]) * (c - y[t]));
    }
    return sum / v.length;
  }

  @Test
  void aClipRangeThatIsNotPositiveIsRefused() {
    ValueFunction v = ValueFunction.of(1, new int[] {2}, Activation.TANH, new SplittableRandom(1));
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    steps.add(new float[] {0}, 0, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> v.computeClippedGradient(steps, new double[] {1}, new double[] {0}, 0));
    assertEquals("the value clip range must be positive and finite, got 0.0", e.getMessage());
  }
}
