package io.github.pgrl.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.BaselineKind;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.reinforce.UpdateStats;
import io.github.pgrl.envs.acrobot.Acrobot;
import io.github.pgrl.envs.mountaincar.MountainCar;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REINFORCE trains on the discrete classic-control environments as they are (three actions each); no
 * learning is claimed. Every episode scores between −limit (truncated) and the best score a step allows.
 */
class DiscreteClassicControlReinforceSmokeTest {

  static Stream<Arguments> environments() {
    return Stream.of(
        Arguments.of("Acrobot-v1: six observations", Acrobot.v1(), 500, 0.0),
        Arguments.of("MountainCar-v0: two observations", MountainCar.v0(), 200, -1.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void reinforceRunsThreeUpdatesWithTheValueBaselineOnAFixedSeed(String name, Environment<float[], Integer> env,
      int limit, double bestScore) {
    ReinforceConfig config =
        ReinforceConfig.builder().seed(3).hidden(32).baseline(BaselineKind.VALUE_FUNCTION).batchEpisodes(2).build();
    List<UpdateStats> updates = new ArrayList<>();
    try (Reinforce<MlpPolicy> trainer = Reinforce.create(env, config)) {
      trainer.addListener(new TrainingListener() {
        @Override
        public void onUpdate(UpdateStats stats) {
          updates.add(stats);
        }
      });
      TrainingSummary summary = trainer.train(Budget.updates(3));

      assertEquals(3, summary.updates());
      assertEquals(6, summary.episodes());
      assertTrue(summary.steps() >= 6 && summary.steps() <= 6L * limit, "steps " + summary.steps());
    }
    assertEquals(3, updates.size());
    for (UpdateStats u : updates) {
      assertTrue(Double.isFinite(u.loss()) && Double.isFinite(u.valueLoss()) && Double.isFinite(u.gradientNorm()),
          u.toString());
      // the entropy of three actions is at most ln 3
      assertTrue(u.meanScore() >= -limit && u.meanScore() <= bestScore, u.toString());
      assertTrue(u.entropy() > 0 && u.entropy() <= Math.log(3) + 1e-6, u.toString());
    }
  }
}
