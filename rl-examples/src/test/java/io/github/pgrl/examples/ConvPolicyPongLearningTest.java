package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.policy.ConvPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.envs.pixels.FrameStack;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongShaping;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * From two stacked 80×80 frames, with a fixed seed and a small budget, REINFORCE trains a {@link ConvPolicy}
 * that hits the ball measurably more often than the near-random policy it starts from.
 *
 * <p>Measured with these seeds (three-point games, 1,000 episodes, about 60,000 steps, 45–55 s on two
 * shared cores): 0.154 hits per point over the first 200 games, 0.372 over the last 200. With the
 * gradient's sign flipped the policy learns to miss (0.080, then 0.058), and the test fails.
 */
class ConvPolicyPongLearningTest {

  @Test
  void theConvPolicyLearnsToHitTheBallMoreOftenFromStackedFrames() {
    PongConfig game = PongConfig.builder().twoActions(true).frameSkip(4).pointsToWin(3).reuseObservation(true).build();
    ReinforceConfig config =
        ReinforceConfig.classicPongFromPixels().seed(11).shaper(PongShaping.hitBonus(1.0)).build();
    ConvPolicy policy = ConvPolicy.builder(2, 80, 80, 2)
        .conv(8, 8, 4)
        .conv(16, 4, 2)
        .hidden(32)
        .build(new SplittableRandom(5));
    List<Double> hitsPerPoint = new ArrayList<>();
    try (Reinforce<ConvPolicy> r = Reinforce.create(
        () -> (Environment<float[], Integer>) FrameStack.of(PongEnvironment.binary(game, 2), 2, true), policy, config, 2)) {
      r.addListener(new TrainingListener() {
        @Override
        public void onEpisode(EpisodeStats s) {
          double points = s.infoTotal(PongEnvironment.AGENT_POINTS) + s.infoTotal(PongEnvironment.OPPONENT_POINTS);
          hitsPerPoint.add(s.infoTotal(PongEnvironment.AGENT_HITS) / points);
        }
      });
      r.train(Budget.episodes(1000));
    }
    double first = mean(hitsPerPoint.subList(0, 200));
    double last = mean(hitsPerPoint.subList(hitsPerPoint.size() - 200, hitsPerPoint.size()));
    assertTrue(last > 1.5 * first, "hits per point: first 200 games " + first + ", last 200 games " + last);
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
