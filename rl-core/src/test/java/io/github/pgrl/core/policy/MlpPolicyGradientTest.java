package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import io.github.pgrl.core.Exploration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** The hand-written backpropagation agrees with finite differences of the objective, for every head,
 * activation and exploration. */
class MlpPolicyGradientTest {

  static Stream<Arguments> configurations() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Head head : Head.values()) {
      for (Activation act : Activation.values()) {
        for (Exploration ex : new Exploration[] {Exploration.NONE, Exploration.epsilon(0.2), Exploration.sticky(0.3), new Exploration(0.1, 0.25)}) {
          for (boolean bias : new boolean[] {true, false}) {
            for (boolean javaPath : new boolean[] {true, false}) {
              b.add(Arguments.of(head, act, ex, bias, javaPath));
            }
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} {2} bias={3} java={4}")
  @MethodSource("configurations")
  void analyticGradientMatchesCentralDifferences(
      Head head, Activation activation, Exploration exploration, boolean bias, boolean javaPath) {
    int actions = head == Head.BERNOULLI ? 2 : 3;
    SplittableRandom rng = new SplittableRandom(7);
    MlpPolicy policy =
        MlpPolicy.builder(5, actions).hidden(6, 4).activation(activation).head(head).bias(bias).build(rng);
    policy.computePath(javaPath ? ComputePath.SPARSE_JAVA : ComputePath.DENSE_ND4J);
    Batch batch = new Batch(5);
    int n = 12;
    double[] weights = new double[n];
    int prev = -1;
    for (int t = 0; t < n; t++) {
      float[] obs = new float[5];
      for (int i = 0; i < 5; i++) {
        // some exact zeros, as in difference frames, exercise the sparse path
        obs[i] = rng.nextInt(4) == 0 ? 0f : (float) rng.nextDouble(-1, 1);
      }
      int a = rng.nextInt(actions);
      batch.add(obs, a, t % 5 == 0 ? -1 : prev);
      prev = a;
      weights[t] = rng.nextDouble(-2, 2);
    }
    double beta = 0.05;
    PolicyCalls.gradient(policy, batch, weights, exploration, beta, Reduction.MEAN);
    float[] analytic = policy.gradient();
    float[] theta = policy.parameters();
    double eps = 1e-3;
    int checked = 0;
    for (int i = 0; i < theta.length; i++) {
      float saved = theta[i];
      theta[i] = (float) (saved + eps);
      policy.setParameters(theta);
      double up = PolicyCalls.objective(policy, batch, weights, exploration, beta, Reduction.MEAN).objective();
      theta[i] = (float) (saved - eps);
      policy.setParameters(theta);
      double down = PolicyCalls.objective(policy, batch, weights, exploration, beta, Reduction.MEAN).objective();
      theta[i] = saved;
      policy.setParameters(theta);
      double numeric = (up - down) / (2 * eps);
      double tolerance = 2e-3 + 2e-2 * Math.abs(numeric);
      assertEquals(numeric, analytic[i], tolerance, "parameter " + i + " of " + theta.length);
      checked++;
    }
    assertTrue(checked > 50);
  }
}
