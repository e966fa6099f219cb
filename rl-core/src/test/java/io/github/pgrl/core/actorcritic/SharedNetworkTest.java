package io.github.pgrl.core.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.vector.VectorEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A2C and PPO with one network for the actor and the critic ({@link ActorCriticConfig#sharedNetwork()}). */
class SharedNetworkTest {

  private static ActorCriticConfig.Builder small(ActorCriticConfig.Builder b) {
    return b.seed(3).hidden(8).rolloutSteps(6).minibatchSize(4).epochs(2).sharedNetwork(true);
  }

  private static final class Metrics implements ActorCriticListener {
    final List<UpdateMetrics> updates = new ArrayList<>();

    @Override
    public void onUpdate(UpdateMetrics m) {
      updates.add(m);
    }
  }

  private static List<Object> trained(int envThreads, int threads, ActorCriticConfig.Builder b) {
    ActorCriticConfig config = small(b).threads(threads).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.threaded(() -> new Corridor(true), 3, envThreads)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
      Metrics metrics = new Metrics();
      ac.addListener(metrics);
      ac.train(Budget.updates(5));
      ac.close();
      return List.of(ac.policy().parameters(), ac.runningScore(), metrics.updates.stream()
          .map(m -> List.of(m.policyLoss(), m.valueLoss(), m.entropy(), m.approxKl(), m.clipFraction(),
              m.gradientNorm(), m.explainedVariance())).toList());
    }
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() {
    for (ActorCriticConfig.Builder b : List.of(ActorCriticConfig.ppo().valueClipRange(0.2), ActorCriticConfig.a2c())) {
      List<Object> one = trained(1, 1, b);
      List<Object> more = trained(3, 2, b);
      assertArrayEquals((float[]) one.get(0), (float[]) more.get(0));
      assertEquals(one.subList(1, 3), more.subList(1, 3));
    }
  }

  @Test
  void theRunTrainsOneNetworkWithAValueOutputAndReportsEveryMetric() {
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 3)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, small(ActorCriticConfig.ppo()).build());
      assertTrue(ac.policy().hasValueOutput());
      IllegalStateException none = assertThrows(IllegalStateException.class, ac::valueFunction);
      assertTrue(none.getMessage().contains("shared network"), none.getMessage());
      float[] before = ac.policy().parameters();
      Metrics metrics = new Metrics();
      ac.addListener(metrics);
      ac.train(Budget.updates(2));
      UpdateMetrics m = metrics.updates.get(1);
      assertTrue(m.valueLoss() > 0 && Double.isFinite(m.valueLoss()), "value loss " + m.valueLoss());
      assertTrue(m.gradientNorm() > 0 && m.entropy() > 0 && m.approxKl() != 0, m.toString());
      assertTrue(Double.isFinite(m.policyLoss()) && Double.isFinite(m.explainedVariance()), m.toString());
      float[] after = ac.policy().parameters();
      // the value output's bias, the last parameter, moved: the value loss trains it
      assertTrue(before[before.length - 1] != after[after.length - 1]);
    }
  }

  @Test
  void theRolloutsValuesAreThePolicysValueOutput() {
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(true), 2)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, small(ActorCriticConfig.ppo()).rolloutSteps(3).build());
      @SuppressWarnings("unchecked")
      ActorCritic<MlpPolicy>.Run<Integer> run = (ActorCritic<MlpPolicy>.Run<Integer>) ac.run;
      run.buffer.clear();
      run.collector.collect(0, run.buffer, run.values);
      assertArrayEquals(ac.policy().values(run.buffer.steps), run.buffer.values);
      for (int k = 0; k < run.buffer.size(); k++) {
        assertEquals(ac.policy().value(run.buffer.steps.observation(k)), run.buffer.values[k], 0.0, "step " + k);
      }
      assertEquals(ac.policy().value(run.collector.observations[1]), run.buffer.lastValues[1], 0.0);
      assertEquals(ac.policy().value(new float[] {3 / 4f, run.buffer.steps.observation(0)[1]}), run.buffer.truncationValues[4], 0);
      assertTrue(run.buffer.truncationValues[4] != 0);
    }
  }

  @Test
  void theTargetKlStopsTheEpochsEarly() {
    ActorCriticConfig config = small(ActorCriticConfig.ppo()).epochs(50).optimizer(OptimizerConfig.Adam.of(0.05))
        .targetKl(1e-4).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 3)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
      Metrics metrics = new Metrics();
      ac.addListener(metrics);
      ac.train(Budget.updates(1));
      assertTrue(metrics.updates.get(0).epochs() < 50, "epochs " + metrics.updates.get(0).epochs());
    }
  }

  @Test
  void ppoAndA2cLearnTheCorridorWithOneNetwork() {
    for (ActorCriticConfig.Builder b : List.of(ActorCriticConfig.ppo().minibatchSize(16).epochs(4),
        ActorCriticConfig.a2c())) {
      ActorCriticConfig config = b.seed(1).hidden(16).rolloutSteps(8).optimizer(OptimizerConfig.Adam.of(3e-3))
          .sharedNetwork(true).normalizeObservations(true)
          .learningRateSchedule(Schedule.linear(1, 0.5, 6_000)).exploration(Exploration.epsilon(0.05)).build();
      try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 4)) {
        ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
        double before = ac.policy().probabilities(new float[] {0, 0.5f})[1];
        ac.train(Budget.steps(6_000));
        float[] seen = ac.observationNormalizer().orElseThrow().normalize(new float[] {0, 0.5f});
        double after = ac.policy().probabilities(seen)[1];
        assertTrue(before < 0.6, config.algorithm() + ": starts near uniform, " + before);
        assertTrue(after > 0.95, config.algorithm() + ": learns to take action 1, " + after);
        assertTrue(ac.runningScore() > 2.7, config.algorithm() + ": running score " + ac.runningScore());
      }
    }
  }

  @Test
  void theConfigurationAlignsTheCriticsFieldsWithTheOneNetworkAndRefusesOthers() {
    OptimizerConfig adam = OptimizerConfig.Adam.of(1e-3);
    ActorCriticConfig c = ActorCriticConfig.ppo().hidden(32).optimizer(adam).sharedNetwork(true).build();
    assertArrayEquals(new int[] {32}, c.valueHidden());
    assertEquals(adam, c.valueOptimizer());
    assertEquals("true", c.describe().get("sharedNetwork"));
    assertEquals("0.5", c.describe().get("valueCoefficient"));
    // A2C's default optimizers follow its optimizer too
    assertEquals(adam, ActorCriticConfig.a2c().optimizer(adam).sharedNetwork(true).build().valueOptimizer());
    // set to the same values, as the zoo's settings do, they are accepted
    ActorCriticConfig.ppo().hidden(16).valueHidden(16).optimizer(adam).valueOptimizer(adam).sharedNetwork(true).build();
    // a shared configuration changed through its builder keeps following hidden and optimizer
    assertArrayEquals(new int[] {7}, c.toBuilder().hidden(7).build().valueHidden());
    // separate networks describe no sharedNetwork, as before it existed
    assertFalse(ActorCriticConfig.ppo().build().describe().containsKey("sharedNetwork"));
    assertFalse(ActorCriticConfig.ppo().build().describe().containsKey("valueCoefficient"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ActorCriticConfig.ppo().valueHidden(16).sharedNetwork(true).build());
    assertTrue(e.getMessage().startsWith("valueHidden [16] differs from hidden [64, 64]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ActorCriticConfig.ppo().valueOptimizer(adam).sharedNetwork(true).build());
    assertTrue(e.getMessage().contains("a shared network has one optimizer"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ActorCriticConfig.ppo().hidden(16).valueHidden(8).build().toBuilder().sharedNetwork(true).build());
    assertTrue(e.getMessage().startsWith("valueHidden [8] differs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ActorCriticConfig.ppo().valueCoefficient(1.0).build());
    assertTrue(e.getMessage().contains("set sharedNetwork(true)"), e.getMessage());
    for (double bad : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      e = assertThrows(IllegalArgumentException.class,
          () -> ActorCriticConfig.ppo().sharedNetwork(true).valueCoefficient(bad).build());
      assertEquals("valueCoefficient must be positive and finite, got " + bad, e.getMessage());
    }
  }

  @Test
  void aSharedRunNeedsAPolicyWithAValueOutput() {
    MlpPolicy plain = MlpPolicy.builder(2, 2).hidden(8).build(new SplittableRandom(1));
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ActorCritic.create(envs, plain, small(ActorCriticConfig.ppo()).build()));
      assertTrue(e.getMessage().startsWith("sharedNetwork needs a policy whose network also outputs V(s)"),
          e.getMessage());
    }
  }

  @Test
  void aCheckpointIsRefusedByARunWithTheOtherSetting(@TempDir Path dir) {
    Path shared = dir.resolve("shared.pgrl");
    Path separate = dir.resolve("separate.pgrl");
    ActorCriticConfig sharedConfig = small(ActorCriticConfig.ppo()).build();
    ActorCriticConfig separateConfig = sharedConfig.toBuilder().sharedNetwork(false).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      try (ActorCritic<MlpPolicy> a = ActorCritic.create(envs, sharedConfig)) {
        a.train(Budget.updates(1));
        a.save(shared);
      }
      try (ActorCritic<MlpPolicy> b = ActorCritic.create(envs, separateConfig)) {
        b.train(Budget.updates(1));
        b.save(separate);
      }
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> ActorCritic.resume(shared, envs, separateConfig));
      assertTrue(e.getMessage().contains("sharedNetwork: checkpoint has true, given false"), e.getMessage());
      e = assertThrows(CheckpointException.class, () -> ActorCritic.resume(separate, envs, sharedConfig));
      assertTrue(e.getMessage().contains("sharedNetwork: checkpoint has false, given true"), e.getMessage());
      e = assertThrows(CheckpointException.class,
          () -> ActorCritic.resume(shared, envs, sharedConfig.toBuilder().valueCoefficient(1.0).build()));
      assertTrue(e.getMessage().contains("valueCoefficient: checkpoint has 0.5, given 1.0"), e.getMessage());
      ActorCritic<MlpPolicy> resumed = ActorCritic.resume(shared, envs, sharedConfig);
      assertEquals(1, resumed.updates());
      resumed.close();
    }
  }
}
