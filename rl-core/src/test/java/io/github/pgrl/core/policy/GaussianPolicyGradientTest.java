package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.DiagonalGaussian;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.space.Box;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient of a {@link GaussianPolicy} agrees with central finite differences of the objective
 * computed from its distributions, for every configuration: log std as a vector or a head, squashed or
 * not, either activation, with and without biases, on both compute paths, with non-uniform weights and an
 * entropy coefficient.
 */
class GaussianPolicyGradientTest {

  private static final Box BOX = Box.of(new float[] {-2f, -1f}, new float[] {2f, 0.5f});

  static Stream<Arguments> configurations() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (LogStd logStd : LogStd.values()) {
      for (boolean squash : new boolean[] {false, true}) {
        for (Activation activation : Activation.values()) {
          for (boolean bias : new boolean[] {true, false}) {
            for (ComputePath path : new ComputePath[] {ComputePath.SPARSE_JAVA, ComputePath.DENSE_ND4J}) {
              b.add(Arguments.of(logStd, squash, activation, bias, path));
            }
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} squash={1} {2} bias={3} {4}")
  @MethodSource("configurations")
  void analyticGradientMatchesCentralDifferences(
      LogStd logStd, boolean squash, Activation activation, boolean bias, ComputePath path) {
    SplittableRandom rng = new SplittableRandom(11);
    GaussianPolicy policy = GaussianPolicy.builder(5, BOX).hidden(6, 4).activation(activation).bias(bias)
        .logStd(logStd).squash(squash).build(rng);
    policy.computePath(path);
    float[] theta = policy.parameters();
    for (int i = 0; i < theta.length; i++) {
      theta[i] += (float) (0.3 * rng.nextGaussian()); // non-uniform weights, log stds away from 0
    }
    policy.setParameters(theta);
    RecordedSteps<float[], float[]> steps = policy.newSteps();
    int n = 12;
    double[] weights = new double[n];
    for (int t = 0; t < n; t++) {
      float[] obs = new float[5];
      for (int i = 0; i < 5; i++) {
        obs[i] = rng.nextInt(4) == 0 ? 0f : (float) rng.nextDouble(-1, 1);
      }
      // an action near the policy's own, as a rollout records it
      float[] a = policy.distribution(obs).sample(rng);
      if (t % 2 == 0) {
        policy.observe(obs, steps);
        steps.complete(a, null);
      } else {
        steps.add(obs, a, null);
      }
      weights[t] = rng.nextDouble(-2, 2);
    }
    Objective objective = Objective.mean(weights, 0.05, Exploration.NONE);
    policy.computeGradient(steps, objective, null);
    float[] analytic = policy.gradient();
    double eps = 1e-3;
    int checked = 0;
    for (int i = 0; i < theta.length; i++) {
      float saved = theta[i];
      theta[i] = (float) (saved + eps);
      policy.setParameters(theta);
      double up = objective(policy, steps, objective);
      double h = theta[i];
      theta[i] = (float) (saved - eps);
      policy.setParameters(theta);
      double down = objective(policy, steps, objective);
      h -= theta[i];
      theta[i] = saved;
      policy.setParameters(theta);
      double numeric = (up - down) / h;
      double tolerance = 2e-3 + 2e-2 * Math.abs(numeric);
      assertEquals(numeric, analytic[i], tolerance, "parameter " + i + " of " + theta.length);
      checked++;
    }
    assertTrue(checked > 50);
  }

  /** {@code k·(Σ w·log π + β·Σ H)} from the policy's distributions, in double. */
  private static double objective(GaussianPolicy policy, RecordedSteps<float[], float[]> steps, Objective objective) {
    double sum = 0.0;
    for (int t = 0; t < steps.size(); t++) {
      DiagonalGaussian d = policy.distribution(steps.observation(t));
      sum += objective.weights()[t] * d.logProbability(steps.action(t)) + objective.entropyCoefficient() * d.entropy();
    }
    return objective.scale() * sum;
  }
}
