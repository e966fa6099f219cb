package io.github.pgrl.core.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.SharedValuePolicy;
import io.github.pgrl.core.ValueTargets;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.ComputePath;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The combined gradient of a shared actor-critic network, against central differences of the objective it
 * ascends: PPO's clipped surrogate plus the entropy bonus minus {@code c_v·mean_t loss_t} of the value
 * output, plain and clipped, over the MLP's configurations and both compute paths (the convolutional policy's
 * is {@code ConvValueOutputGradientTest}, against a reference in double).
 */
class SharedNetworkGradientTest {

  private static final int INPUTS = 3;
  private static final double CLIP = 0.2;
  private static final double BETA = 0.03;
  private static final double VALUE_COEFFICIENT = 0.7;

  private static MlpPolicy on(ComputePath path, MlpPolicy policy) {
    policy.computePath(path);
    return policy;
  }

  static Stream<Arguments> networks() {
    SplittableRandom init = new SplittableRandom(13);
    return Stream.of(
        Arguments.of("softmax, one hidden layer", MlpPolicy.builder(INPUTS, 3).hidden(5).valueOutput(true).build(init),
            INPUTS, Exploration.NONE),
        Arguments.of("softmax, on ND4J", on(ComputePath.DENSE_ND4J, MlpPolicy.builder(INPUTS, 3).hidden(5)
            .valueOutput(true).build(init)), INPUTS, Exploration.NONE),
        Arguments.of("two hidden ReLU layers, ε-greedy", MlpPolicy.builder(INPUTS, 4).hidden(6, 5)
            .activation(Activation.RELU).valueOutput(true).build(init), INPUTS, Exploration.epsilon(0.1)),
        Arguments.of("no biases, sticky", MlpPolicy.builder(INPUTS, 3).hidden(5).bias(false).valueOutput(true)
            .build(init), INPUTS, Exploration.sticky(0.25)),
        Arguments.of("Bernoulli head", MlpPolicy.builder(INPUTS, 2).hidden(5).head(Head.BERNOULLI).valueOutput(true)
            .build(init), INPUTS, Exploration.NONE),
        Arguments.of("linear", MlpPolicy.builder(INPUTS, 3).hidden().valueOutput(true).build(init), INPUTS,
            Exploration.NONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void theCombinedGradientIsTheGradientOfTheCombinedObjective(String name, SharedValuePolicy<float[], Integer> policy,
      int inputs, Exploration exploration) {
    SplittableRandom rng = new SplittableRandom(5);
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    Integer prev = null;
    int n = 16;
    for (int t = 0; t < n; t++) {
      float[] obs = new float[inputs];
      for (int i = 0; i < inputs; i++) {
        obs[i] = (float) rng.nextDouble(-1, 1);
      }
      Integer a = exploration.choose(policy.distribution(obs), prev, rng);
      steps.add(obs, a, prev);
      prev = t % 5 == 4 ? null : a;
    }
    double[] adv = rng.doubles(n, -2, 2).toArray();
    double[] shifts = {0.5, -0.5, 0.1, -0.1, 0.0, 0.35, -0.4, 0.05};
    double[] current = policy.logProbabilities(steps, exploration);
    double[] old = new double[n];
    for (int t = 0; t < n; t++) {
      old[t] = current[t] - shifts[t % shifts.length];
    }
    double[] v0 = policy.values(steps);
    // targets a distance from the values; old values such that, clipped, some steps move past ε either way,
    // each at least 0.02 from the clip's kink, which a step of 1e-3 in one parameter does not cross
    double[] targets = new double[n];
    double[] oldValues = new double[n];
    double[] valueShifts = {0.3, -0.3, 0.05, -0.05, 0.25, -0.12};
    for (int t = 0; t < n; t++) {
      targets[t] = v0[t] + (t % 2 == 0 ? 1 : -1) * (0.5 + 0.1 * t);
      oldValues[t] = v0[t] - valueShifts[t % valueShifts.length];
    }
    for (double valueClip : new double[] {0.0, 0.15}) {
      ValueTargets value = new ValueTargets(targets, oldValues, valueClip);
      ToDoubleFunction<SharedValuePolicy<float[], Integer>> objective = p -> {
        double[] h = p.entropies(steps);
        double mean = 0;
        for (double x : h) {
          mean += x / n;
        }
        return PpoLoss.of(p.logProbabilities(steps, exploration), old, adv, CLIP).surrogate + BETA * mean
            - VALUE_COEFFICIENT * value.meanLoss(p.values(steps));
      };
      double[] seenLogMu = new double[n];
      double[] seenValues = new double[n];
      policy.computeGradient(steps, (t, lm) -> PpoLoss.weight(lm - old[t], adv[t], CLIP), BETA, exploration, 1.0 / n,
          null, seenLogMu, value, VALUE_COEFFICIENT, seenValues);
      float[] analytic = policy.gradient();
      assertArrayEquals(v0, seenValues, 1e-6, name + ": the values the pass saw");
      assertArrayEquals(current, seenLogMu, 1e-6, name + ": the log μ the pass saw");
      if (valueClip > 0) {
        int clipped = 0;
        for (int t = 0; t < n; t++) {
          clipped += value.ascent(t, v0[t]) == 0 ? 1 : 0;
        }
        assertTrue(clipped > 0 && clipped < n, name + ": some value steps clipped, " + clipped);
      }
      float[] theta = policy.parameters();
      double eps = 1e-3;
      for (int i = 0; i < theta.length; i++) {
        float saved = theta[i];
        theta[i] = (float) (saved + eps);
        policy.setParameters(theta);
        double up = objective.applyAsDouble(policy);
        theta[i] = (float) (saved - eps);
        policy.setParameters(theta);
        double down = objective.applyAsDouble(policy);
        theta[i] = saved;
        policy.setParameters(theta);
        double numeric = (up - down) / (2 * eps);
        assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric),
            name + ", value clip " + valueClip + ": parameter " + i + " of " + theta.length);
      }
    }
  }
}
