package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.BaselineKind;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.wrappers.ObservationWrapper;
import io.github.pgrl.envs.pendulum.Pendulum;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Pendulum-v1 measurement of docs/BENCHMARKS.md: REINFORCE with the value baseline and a {@link
 * GaussianPolicy}, several seeds, one line each. Off by default (minutes of CPU); run it with
 *
 * <pre>
 * mvn -B -o -pl rl-examples test -Dtest=PendulumGaussianMeasurement -Dpgrl.pendulum=true \
 *     [-Dpgrl.pendulum.seeds=1,2,3,4,5] [-Dpgrl.pendulum.steps=1000000]
 * </pre>
 *
 * <p>The hyperparameters of the sweep can be overridden by properties (defaults in brackets: the chosen
 * configuration): {@code pgrl.pendulum.gamma} [0.95], {@code .lr} [0.003], {@code .valueLr} [0.003],
 * {@code .valueEpochs} [5], {@code .batchSteps} [4000], {@code .logStd} [0], {@code .rewardScale} [0.1],
 * {@code .hidden} [64,64], {@code .threads} [1]. For each seed it prints the mean score of the last 100
 * training episodes (actions sampled), the best such mean during training, and the mean of 100
 * evaluation episodes that play the policy's mean (seeded 1000 + seed), also before training.
 */
@EnabledIfSystemProperty(named = "pgrl.pendulum", matches = "true")
class PendulumGaussianMeasurement {

  private static String property(String name, String fallback) {
    return System.getProperty("pgrl.pendulum." + name, fallback);
  }

  private static double number(String name, double fallback) {
    return Double.parseDouble(property(name, Double.toString(fallback)));
  }

  /**
   * Pendulum-v1, with {@code pgrl.pendulum.scaleObservations=true} seen through {@link ScaledVelocity}.
   */
  static Environment<float[], float[]> environment() {
    Pendulum env = Pendulum.v1();
    return Boolean.parseBoolean(property("scaleObservations", "false")) ? new ScaledVelocity(env) : env;
  }

  /** Pendulum's observation with the angular velocity divided by its bound 8: every value in [−1, 1]. */
  static final class ScaledVelocity extends ObservationWrapper<float[], float[], float[]> {
    ScaledVelocity(Environment<float[], float[]> env) {
      super(env);
    }

    @Override
    protected float[] observation(float[] o) {
      return new float[] {o[0], o[1], o[2] / (float) Pendulum.MAX_SPEED};
    }

    @Override
    public Space<float[]> observationSpace() {
      return Box.of(-1f, 1f, 3);
    }
  }

  /** The policy: 3 → 64 → 64 (tanh) → 1 mean, a learned log std, unsquashed. */
  static GaussianPolicy policy(long seed) {
    int[] hidden = Arrays.stream(property("hidden", "64,64").split(",")).mapToInt(Integer::parseInt).toArray();
    return GaussianPolicy.builder(3, (Box) Pendulum.v1().actionSpace())
        .hidden(hidden).initialLogStd(number("logStd", 0.0)).build(new SplittableRandom(seed));
  }

  /** The trainer's configuration: discounted returns less V(s), standardised; rewards scaled for V. */
  static ReinforceConfig config(long seed) {
    double gamma = number("gamma", 0.95);
    double scale = number("rewardScale", 0.1);
    return ReinforceConfig.builder().seed(seed).gamma(gamma).credit(DiscountedReturn.of(gamma))
        .shaper(RewardShaper.named("reward × " + scale, (o, a, s) -> s.reward() * scale))
        .optimizer(OptimizerConfig.Adam.of(number("lr", 0.003)))
        .baseline(BaselineKind.VALUE_FUNCTION).valueHidden(64, 64)
        .valueOptimizer(OptimizerConfig.Adam.of(number("valueLr", 0.003)))
        .valueEpochs((int) number("valueEpochs", 5)).batchEpisodes(1).batchSteps((int) number("batchSteps", 4000))
        .standardizeAdvantages(true).build();
  }

  @Test
  void measureSeeds() {
    long steps = (long) number("steps", 1_000_000);
    int threads = (int) number("threads", 1);
    for (String s : property("seeds", "1,2,3,4,5").split(",")) {
      long seed = Long.parseLong(s.trim());
      GaussianPolicy policy = policy(seed);
      EvaluationResult untrained = PolicyEvaluation.evaluate(policy.greedy(), environment(), 100, 1000 + seed);
      ArrayDeque<Double> last = new ArrayDeque<>();
      double[] sum = {0.0};
      double[] best = {Double.NEGATIVE_INFINITY};
      long started = System.nanoTime();
      try (Reinforce<GaussianPolicy> r =
          Reinforce.create(PendulumGaussianMeasurement::environment, policy, config(seed), threads)) {
        r.addListener(new TrainingListener() {
          @Override
          public void onEpisode(EpisodeStats stats) {
            last.addLast(stats.score());
            sum[0] += stats.score();
            if (last.size() > 100) {
              sum[0] -= last.removeFirst();
            }
            if (last.size() == 100) {
              best[0] = Math.max(best[0], sum[0] / 100);
            }
            if ((stats.totalSteps() - stats.length()) / 100_000 != stats.totalSteps() / 100_000) {
              System.out.println(String.format(Locale.ROOT, "  seed %d, %d steps: last-100 training mean %.1f",
                  seed, stats.totalSteps(), sum[0] / last.size()));
            }
          }
        });
        r.train(Budget.steps(steps));
        EvaluationResult greedy = PolicyEvaluation.evaluate(policy.greedy(), environment(), 100, 1000 + seed);
        System.out.println(String.format(Locale.ROOT,
            "pendulum seed %d: %d steps, last-100 training mean %.1f, best %.1f, greedy 100-episode mean %.1f ± %.1f"
                + " (untrained %.1f), log std %.2f, %.0f s",
            seed, r.steps(), sum[0] / last.size(), best[0], greedy.mean(), greedy.standardDeviation(), untrained.mean(),
            policy.parameters()[policy.parameterCount() - 1], (System.nanoTime() - started) / 1e9));
      }
    }
  }
}
