package io.github.pgrl.envs.mountaincar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.BaselineKind;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.reinforce.UpdateStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REINFORCE trains on MountainCar-v0 as it is, two observations and three actions; no learning is claimed. */
class MountainCarReinforceSmokeTest {

  @Test
  void reinforceRunsThreeUpdatesWithTheValueBaselineOnAFixedSeed() {
    ReinforceConfig config =
        ReinforceConfig.builder().seed(3).hidden(32).baseline(BaselineKind.VALUE_FUNCTION).batchEpisodes(2).build();
    List<UpdateStats> updates = new ArrayList<>();
    try (Reinforce<MlpPolicy> trainer = Reinforce.create(MountainCar.v0(), config)) {
      trainer.addListener(new TrainingListener() {
        @Override
        public void onUpdate(UpdateStats stats) {
          updates.add(stats);
        }
      });
      TrainingSummary summary = trainer.train(Budget.updates(3));

      assertEquals(3, summary.updates());
      assertEquals(6, summary.episodes());
      assertTrue(summary.steps() >= 6 && summary.steps() <= 6 * 200, "steps " + summary.steps());
    }
    assertEquals(3, updates.size());
    for (UpdateStats u : updates) {
      assertTrue(Double.isFinite(u.loss()) && Double.isFinite(u.valueLoss()) && Double.isFinite(u.gradientNorm()),
          u.toString());
      // Every episode scores between −200 (truncated) and −1; the entropy of three actions is at most ln 3.
      assertTrue(u.meanScore() >= -200 && u.meanScore() <= -1, u.toString());
      assertTrue(u.entropy() > 0 && u.entropy() <= Math.log(3) + 1e-6, u.toString());
    }
  }
}
