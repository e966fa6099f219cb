package io.github.pgrl.examples;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongShaping;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * From pixels only, with a fixed seed and a small budget, REINFORCE with the paddle-hit shaping hits the
 * ball measurably more often than the untrained (near-random) policy it starts from.
 */
class PongLearningTest {

  @Test
  void theAgentLearnsToHitTheBallMoreOftenFromPixels() {
    PongConfig game = PongConfig.builder().twoActions(true).frameSkip(4).pointsToWin(5).reuseObservation(true).build();
    ReinforceConfig config =
        ReinforceConfig.classicPongFromPixels().seed(11).shaper(PongShaping.hitBonus(1.0)).build();
    List<Double> hitsPerPoint = new ArrayList<>();
    try (Reinforce<MlpPolicy> r = Reinforce.create(() -> (Environment<float[], Integer>) FrameDifference.of(PongEnvironment.binary(game, 2), true), config, 2)) {
      r.addListener(new TrainingListener() {
        @Override
        public void onEpisode(EpisodeStats s) {
          double points = s.infoTotal(PongEnvironment.AGENT_POINTS) + s.infoTotal(PongEnvironment.OPPONENT_POINTS);
          hitsPerPoint.add(s.infoTotal(PongEnvironment.AGENT_HITS) / points);
        }
      });
      r.train(Budget.episodes(3000));
    }
    double first = mean(hitsPerPoint.subList(0, 300));
    double last = mean(hitsPerPoint.subList(hitsPerPoint.size() - 300, hitsPerPoint.size()));
    assertTrue(last > 1.5 * first, "hits per point: first 300 games " + first + ", last 300 games " + last);
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
