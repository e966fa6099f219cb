package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Evaluation;
import io.github.pgrl.core.ValueTargets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The combined gradient of a {@link ConvPolicy} with a value output against central differences of the
 * combined objective computed in double by {@link ConvPolicyGradientTest}'s reference (whose network, given
 * one more output, computes the logits and V), for the reasons that test gives: float32 differences of a
 * convolutional ReLU network cross kinks, a step of 10⁻⁶ in double does not.
 */
class ConvValueOutputGradientTest {

  private static final int ACTIONS = 3;
  private static final double BETA = 0.05;
  private static final double VALUE_COEFFICIENT = 0.7;

  @Test
  void theCombinedGradientIsTheGradientOfTheCombinedObjective() {
    // the reference's network with the value output as one more output
    ConvPolicyGradientTest.Config withValue = new ConvPolicyGradientTest.Config("2x6x6, conv 3x3/1, dense 4",
        new int[] {2, 6, 6}, new int[][] {{3, 3, 1}}, new int[] {4}, ACTIONS + 1);
    ConvPolicy policy = ConvPolicy.builder(2, 6, 6, ACTIONS).conv(3, 3, 1).hidden(4).valueOutput(true)
        .build(new SplittableRandom(21));
    SplittableRandom rng = new SplittableRandom(6);
    int n = 12;
    float[][] xs = new float[n][];
    int[] actions = new int[n];
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    for (int t = 0; t < n; t++) {
      xs[t] = new float[72];
      for (int i = 0; i < 72; i++) {
        xs[t][i] = rng.nextInt(3) == 0 ? 0f : (float) rng.nextDouble(-1, 1);
      }
      actions[t] = rng.nextInt(ACTIONS);
      steps.add(xs[t], actions[t], null);
    }
    double[] weights = rng.doubles(n, -2, 2).toArray();
    double[] v0 = policy.values(steps);
    double[] targets = new double[n];
    double[] oldValues = new double[n];
    double[] shifts = {0.3, -0.3, 0.05, -0.05};
    for (int t = 0; t < n; t++) {
      targets[t] = v0[t] + (t % 2 == 0 ? 1 : -1) * (0.5 + 0.1 * t);
      oldValues[t] = v0[t] - shifts[t % shifts.length];
    }
    for (double clip : new double[] {0.0, 0.15}) {
      ValueTargets value = new ValueTargets(targets, oldValues, clip);
      double[] logMu = new double[n];
      double[] values = new double[n];
      Evaluation ev = policy.computeGradient(steps, (t, lm) -> weights[t], BETA, Exploration.NONE, 1.0 / n, null, logMu,
          value, VALUE_COEFFICIENT, values);
      float[] analytic = policy.gradient();
      assertArrayEquals(v0, values, 1e-6, "the values the pass saw");
      float[] theta = policy.parameters();
      double[] params = new double[theta.length];
      for (int i = 0; i < theta.length; i++) {
        params[i] = theta[i];
      }
      double[] j = objective(withValue, params, xs, actions, weights, value);
      assertEquals(j[0], ev.objective(), 1e-5 * Math.abs(j[0]) + 1e-6, "the policy part against the reference");
      double h = 1e-6;
      double[] numeric = new double[theta.length];
      double largest = 0;
      for (int i = 0; i < theta.length; i++) {
        double keep = params[i];
        params[i] = keep + h;
        double up = objective(withValue, params, xs, actions, weights, value)[1];
        params[i] = keep - h;
        double down = objective(withValue, params, xs, actions, weights, value)[1];
        params[i] = keep;
        numeric[i] = (up - down) / (2 * h);
        largest = Math.max(largest, Math.abs(numeric[i]));
      }
      assertTrue(largest > 1e-3, "the objective depends on the parameters");
      for (int i = 0; i < theta.length; i++) {
        assertEquals(numeric[i], analytic[i], 1e-4 * largest + 1e-3 * Math.abs(numeric[i]),
            "value clip " + clip + ": dJ/dθ_" + i + " of " + theta.length);
      }
    }
  }

  /**
   * In double: the policy part {@code mean_t (w_t·log π(a_t|s_t) + β·H_t)} and the combined objective, that
   * minus {@code c·mean_t loss_t}.
   */
  private static double[] objective(ConvPolicyGradientTest.Config config, double[] params, float[][] xs, int[] actions,
      double[] weights, ValueTargets value) {
    ConvPolicyGradientTest.Reference net = new ConvPolicyGradientTest.Reference(config, params);
    int n = xs.length;
    double policy = 0;
    double loss = 0;
    for (int t = 0; t < n; t++) {
      double[] z = net.logits(xs[t]);
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < ACTIONS; a++) {
        max = Math.max(max, z[a]);
      }
      double sum = 0;
      for (int a = 0; a < ACTIONS; a++) {
        sum += Math.exp(z[a] - max);
      }
      double entropy = 0;
      for (int a = 0; a < ACTIONS; a++) {
        double logP = z[a] - max - Math.log(sum);
        entropy -= Math.exp(logP) * logP;
      }
      policy += weights[t] * (z[actions[t]] - max - Math.log(sum)) + BETA * entropy;
      loss += value.loss(t, z[ACTIONS]);
    }
    return new double[] {policy / n, policy / n - VALUE_COEFFICIENT * loss / n};
  }
}
