package io.github.pgrl.envs.cartpole;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** REINFORCE with the default configuration learns CartPole-v1 on a fixed seed and a small budget. */
class CartPoleLearningTest {

  @Test
  void reinforceReachesA100EpisodeMeanOf195Within500Episodes() {
    Reinforce<MlpPolicy> r = Reinforce.create(CartPole.v1(), ReinforceConfig.builder().seed(1).build());
    Deque<Double> last100 = new ArrayDeque<>();
    long[] reachedAt = {-1};
    r.addListener(new TrainingListener() {
      @Override
      public void onEpisode(EpisodeStats s) {
        last100.addLast(s.score());
        if (last100.size() > 100) {
          last100.removeFirst();
        }
        double mean = last100.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (last100.size() == 100 && mean >= 195 && reachedAt[0] < 0) {
          reachedAt[0] = s.episode() + 1;
          r.requestStop();
        }
      }
    });
    r.train(Budget.episodes(500));
    assertTrue(reachedAt[0] > 0 && reachedAt[0] <= 500, "100-episode mean of 195 reached at episode " + reachedAt[0]);
  }
}
