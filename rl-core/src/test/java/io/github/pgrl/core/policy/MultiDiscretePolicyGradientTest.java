package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.MultiCategorical;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written backpropagation of {@link MultiDiscretePolicy} agrees with central finite differences
 * of {@code J = k·(Σ w·log π + β·Σ H)} computed from its {@link MultiCategorical} distributions, for every
 * activation, with and without biases, on both compute paths, for several action spaces, with non-uniform
 * weights and an entropy coefficient other than 0.
 */
class MultiDiscretePolicyGradientTest {

  static Stream<Arguments> configurations() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (int[] nvec : new int[][] {{3, 2, 4}, {5}, {2, 1, 3}}) {
      for (Activation act : Activation.values()) {
        for (boolean bias : new boolean[] {true, false}) {
          for (boolean javaPath : new boolean[] {true, false}) {
            b.add(Arguments.of(MultiDiscrete.of(nvec), act, bias, javaPath));
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} bias={2} java={3}")
  @MethodSource("configurations")
  void analyticGradientMatchesCentralDifferences(MultiDiscrete space, Activation activation, boolean bias, boolean javaPath) {
    SplittableRandom rng = new SplittableRandom(7);
    MultiDiscretePolicy policy =
        MultiDiscretePolicy.builder(5, space).hidden(6, 4).activation(activation).bias(bias).build(rng);
    policy.computePath(javaPath ? ComputePath.SPARSE_JAVA : ComputePath.DENSE_ND4J);
    RecordedSteps<float[], int[]> steps = policy.newSteps();
    int n = 12;
    double[] weights = new double[n];
    for (int t = 0; t < n; t++) {
      float[] obs = new float[5];
      for (int i = 0; i < 5; i++) {
        // some exact zeros, as in difference frames, exercise the sparse path
        obs[i] = rng.nextInt(4) == 0 ? 0f : (float) rng.nextDouble(-1, 1);
      }
      steps.add(obs, space.sample(rng), null);
      weights[t] = rng.nextDouble(-2, 2);
    }
    Objective objective = new Objective(weights, 0.05, Exploration.NONE, 1.0 / n);
    policy.computeGradient(steps, objective, null);
    float[] analytic = policy.gradient();
    float[] theta = policy.parameters();
    double eps = 1e-3;
    for (int i = 0; i < theta.length; i++) {
      float saved = theta[i];
      theta[i] = (float) (saved + eps);
      policy.setParameters(theta);
      double up = objectiveFromDistributions(policy, steps, objective);
      double h = theta[i];
      theta[i] = (float) (saved - eps);
      policy.setParameters(theta);
      double down = objectiveFromDistributions(policy, steps, objective);
      h -= theta[i];
      theta[i] = saved;
      policy.setParameters(theta);
      double numeric = (up - down) / h;
      double tolerance = 2e-3 * objective.scale() + 2e-2 * Math.abs(numeric);
      assertEquals(numeric, analytic[i], tolerance, "parameter " + i + " of " + theta.length);
    }
    assertTrue(theta.length > 50);
  }

  /** J from the distributions, in double, independently of the policy's own loss. */
  private static double objectiveFromDistributions(
      MultiDiscretePolicy policy, RecordedSteps<float[], int[]> steps, Objective objective) {
    double sum = 0.0;
    for (int t = 0; t < steps.size(); t++) {
      MultiCategorical d = policy.distribution(steps.observation(t));
      sum += objective.weights()[t] * d.logProbability(steps.action(t)) + objective.entropyCoefficient() * d.entropy();
    }
    return objective.scale() * sum;
  }
}
