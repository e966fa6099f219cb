package io.github.pgrl.core.actorcritic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.MultiDiscretePolicy;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient the trainer takes for PPO, the policy gradient with {@link PpoLoss}'s weights, against
 * central differences of the clipped surrogate plus the entropy bonus, {@code mean_t min(r_t·A_t,
 * clip(r_t)·A_t) + β·mean_t H_t}, for every kind of policy.
 */
class PpoGradientTest {

  private static final int INPUTS = 3;
  private static final double CLIP = 0.2;
  private static final double BETA = 0.03;

  static Stream<Arguments> policies() {
    SplittableRandom init = new SplittableRandom(11);
    return Stream.of(
        Arguments.of("softmax MLP", MlpPolicy.builder(INPUTS, 3).hidden(5).build(init), Exploration.NONE),
        Arguments.of("softmax MLP, ε-greedy", MlpPolicy.builder(INPUTS, 3).hidden(5).build(init),
            Exploration.epsilon(0.1)),
        Arguments.of("two hidden layers, sticky", MlpPolicy.builder(INPUTS, 4).hidden(5, 4).build(init),
            Exploration.sticky(0.25)),
        Arguments.of("Gaussian", GaussianPolicy.builder(INPUTS, Box.of(-2f, 2f, 2)).hidden(5).build(init),
            Exploration.NONE),
        Arguments.of("multi-discrete", MultiDiscretePolicy.builder(INPUTS, MultiDiscrete.of(3, 2)).hidden(5).build(init),
            Exploration.NONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  <A> void thePpoGradientIsTheGradientOfTheClippedSurrogate(String name, TrainablePolicy<float[], A> policy,
      Exploration exploration) {
    SplittableRandom rng = new SplittableRandom(5);
    RecordedSteps<float[], A> steps = policy.newSteps();
    A prev = null;
    int n = 16;
    for (int t = 0; t < n; t++) {
      float[] obs = new float[INPUTS];
      for (int i = 0; i < INPUTS; i++) {
        obs[i] = (float) rng.nextDouble(-1, 1);
      }
      A a = exploration.choose(policy.distribution(obs), prev, rng);
      steps.add(obs, a, prev);
      prev = t % 5 == 4 ? null : a;
    }
    double[] adv = rng.doubles(n, -2, 2).toArray();
    // old log μ: the current ones shifted so that ratios lie inside, above and below [1 − ε, 1 + ε], each at
    // least 0.03 in log from a kink, which a step of 1e-3 in one parameter does not cross
    double[] shifts = {0.5, -0.5, 0.1, -0.1, 0.0, 0.35, -0.4, 0.05};
    double[] current = policy.logProbabilities(steps, exploration);
    double[] old = new double[n];
    for (int t = 0; t < n; t++) {
      old[t] = current[t] - shifts[t % shifts.length];
    }
    Function<TrainablePolicy<float[], A>, Double> objective = p -> {
      double[] h = p.entropies(steps);
      double mean = 0;
      for (double x : h) {
        mean += x / n;
      }
      return PpoLoss.of(p.logProbabilities(steps, exploration), old, adv, CLIP).surrogate + BETA * mean;
    };
    PpoLoss loss = PpoLoss.of(current, old, adv, CLIP);
    assertTrue(loss.clipFraction > 0.2 && loss.clipFraction < 0.8, "some ratios clipped: " + loss.clipFraction);
    // the trainer's path: the weights from each step's log μ, in the policy's own pass (one for the MLP)
    double[] seen = new double[n];
    policy.computeGradient(steps, (t, lm) -> PpoLoss.weight(lm - old[t], adv[t], CLIP), BETA, exploration, 1.0 / n, null,
        seen);
    float[] analytic = policy.gradient();
    for (int t = 0; t < n; t++) {
      assertEquals(current[t], seen[t], 1e-6, "log μ of step " + t);
    }
    // the same as the policy gradient with PpoLoss's weights
    policy.computeGradient(steps, Objective.mean(loss.weights, BETA, exploration), null);
    float[] twoPasses = policy.gradient();
    for (int i = 0; i < analytic.length; i++) {
      assertEquals(twoPasses[i], analytic[i], 1e-6 + 1e-5 * Math.abs(twoPasses[i]), "parameter " + i);
    }
    float[] theta = policy.parameters();
    double eps = 1e-3;
    for (int i = 0; i < theta.length; i++) {
      float saved = theta[i];
      theta[i] = (float) (saved + eps);
      policy.setParameters(theta);
      double up = objective.apply(policy);
      theta[i] = (float) (saved - eps);
      policy.setParameters(theta);
      double down = objective.apply(policy);
      theta[i] = saved;
      policy.setParameters(theta);
      double numeric = (up - down) / (2 * eps);
      assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric), name + ": parameter " + i + " of " + theta.length);
    }
  }
}
