package io.github.pgrl.core.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Switches;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.MultiDiscretePolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.space.MultiDiscrete;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.core.vector.VectorEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActorCriticTest {

  private static ActorCriticConfig.Builder small(ActorCriticConfig.Builder b) {
    return b.seed(3).hidden(8).valueHidden(8).rolloutSteps(6).minibatchSize(4).epochs(2);
  }

  /** The rollout of one update, with a critic of known values, on copies that end as given. */
  private static RolloutBuffer<Integer> rollout(boolean truncates) {
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(truncates), 2)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, small(ActorCriticConfig.ppo()).rolloutSteps(3).build());
      @SuppressWarnings("unchecked")
      ActorCritic<MlpPolicy>.Run<Integer> run = (ActorCritic<MlpPolicy>.Run<Integer>) ac.run;
      run.buffer.clear();
      run.collector.collect(0, run.buffer, run.values);
      run.buffer.computeAdvantages(Gae(ac.config));
      return run.buffer;
    }
  }

  private static io.github.pgrl.core.credit.Gae Gae(ActorCriticConfig c) {
    return io.github.pgrl.core.credit.Gae.of(c.gamma(), c.gaeLambda());
  }

  @Test
  void aTruncatedEpisodeBootstrapsWithTheCriticsValueOfItsFinalObservation() {
    RolloutBuffer<Integer> truncated = rollout(true);
    RolloutBuffer<Integer> terminated = rollout(false);
    int last = 2 * 2; // t = 2 of copy 0
    assertTrue(truncated.truncated[last]);
    assertTrue(terminated.terminated[last]);
    // the same copies, actions and values; only the end differs
    assertEquals(terminated.values[last], truncated.values[last]);
    assertEquals(terminated.rewards[last], truncated.rewards[last]);
    double v = truncated.truncationValues[last];
    assertNotEquals(0.0, v);
    assertEquals(truncated.rewards[last] - truncated.values[last], terminated.advantages[last], 1e-12);
    assertEquals(truncated.rewards[last] + 0.99 * v - truncated.values[last], truncated.advantages[last], 1e-12);
  }

  @Test
  void theCriticValuesTheFinalObservationOfATruncation() {
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(true), 1)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, small(ActorCriticConfig.ppo()).rolloutSteps(3).build());
      @SuppressWarnings("unchecked")
      ActorCritic<MlpPolicy>.Run<Integer> run = (ActorCritic<MlpPolicy>.Run<Integer>) ac.run;
      float start = run.collector.observations[0][1];
      run.buffer.clear();
      run.collector.collect(0, run.buffer, run.values);
      assertEquals(ac.critic.value(new float[] {3 / 4f, start}), run.buffer.truncationValues[2], 0);
    }
  }

  private static List<Object> trainedState(int envThreads, int threads, Algorithm algorithm) {
    ActorCriticConfig config = small(algorithm == Algorithm.PPO ? ActorCriticConfig.ppo() : ActorCriticConfig.a2c())
        .threads(threads).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.threaded(() -> new Corridor(false), 3, envThreads)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
      List<UpdateMetrics> metrics = new ArrayList<>();
      ac.addListener(new ActorCriticListener() {
        @Override
        public void onUpdate(UpdateMetrics m) {
          metrics.add(m);
        }
      });
      ac.train(Budget.updates(5));
      ac.close();
      List<Object> out = new ArrayList<>();
      out.add(ac.policy().parameters());
      out.add(ac.valueFunction().parameters());
      out.add(ac.runningScore());
      out.add(metrics.stream().map(m -> List.of(m.policyLoss(), m.valueLoss(), m.approxKl(), m.clipFraction())).toList());
      return out;
    }
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() {
    for (Algorithm a : Algorithm.values()) {
      List<Object> one = trainedState(1, 1, a);
      List<Object> more = trainedState(3, 2, a);
      assertArrayEquals((float[]) one.get(0), (float[]) more.get(0), a.name());
      assertArrayEquals((float[]) one.get(1), (float[]) more.get(1), a.name());
      assertEquals(one.subList(2, 4), more.subList(2, 4), a.name());
    }
  }

  @Test
  void theRollouDrawsItsActionsFromTheGeneratorOfItsUpdateAndCopy() {
    // 3 copies: update 1's copy 2 uses index 1·3 + 2
    assertEquals(Seeds.derive(9, 5, Seeds.ACTIONS), Seeds.derive(9, 1L * 3 + 2, Seeds.ACTIONS));
  }

  @Test
  void ppoAndA2cLearnTheCorridor() {
    for (ActorCriticConfig.Builder b : List.of(ActorCriticConfig.ppo().minibatchSize(16).epochs(4),
        ActorCriticConfig.a2c())) {
      ActorCriticConfig config = b.seed(1).hidden(16).valueHidden(16).rolloutSteps(8)
          .optimizer(io.github.pgrl.core.policy.OptimizerConfig.Adam.of(3e-3))
          .valueOptimizer(io.github.pgrl.core.policy.OptimizerConfig.Adam.of(3e-3)).build();
      try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 4)) {
        ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
        double before = ac.policy().probabilities(new float[] {0, 0.5f})[1];
        ac.train(Budget.steps(6_000));
        double after = ac.policy().probabilities(new float[] {0, 0.5f})[1];
        assertTrue(before < 0.6, config.algorithm() + ": starts near uniform, " + before);
        assertTrue(after > 0.95, config.algorithm() + ": learns to take action 1, " + after);
        assertTrue(ac.runningScore() > 2.8, config.algorithm() + ": running score " + ac.runningScore());
      }
    }
  }

  @Test
  void ppoTrainsAMultiDiscretePolicy() {
    MultiDiscrete space = MultiDiscrete.of(3, 2);
    MultiDiscretePolicy policy = MultiDiscretePolicy.builder(Switches.CONTEXTS, space).hidden(16)
        .build(new java.util.SplittableRandom(2));
    ActorCriticConfig config = ActorCriticConfig.ppo().seed(2).valueHidden(16).rolloutSteps(20).minibatchSize(40)
        .epochs(4).gamma(0.0).optimizer(io.github.pgrl.core.policy.OptimizerConfig.Adam.of(3e-3))
        .valueOptimizer(io.github.pgrl.core.policy.OptimizerConfig.Adam.of(3e-3)).build();
    try (VectorEnvironment<float[], int[]> envs = VectorEnvironment.of(() -> new Switches(space.nvec()), 4)) {
      ActorCritic<MultiDiscretePolicy> ac = ActorCritic.create(envs, policy, config);
      ac.train(Budget.steps(400));
      double early = ac.runningScore();
      ac.train(Budget.steps(8_000));
      // random play scores 5·(1/3 + 1/2)/2 ≈ 2.08; a perfect policy 5
      assertTrue(early < 3.0, "early " + early);
      assertTrue(ac.runningScore() > 4.5, "late " + ac.runningScore());
    }
  }

  @Test
  void aPolicyThatDoesNotFitIsRefusedAtCreation() {
    MlpPolicy threeActions = MlpPolicy.builder(2, 3).build(new java.util.SplittableRandom(1));
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ActorCritic.create(envs, threeActions, ActorCriticConfig.ppo().build()));
      assertTrue(e.getMessage().contains("chooses among 3 actions"), e.getMessage());
    }
  }

  @Test
  void theConfigurationRefusesValuesOutsideTheirRanges() {
    assertThrows(IllegalArgumentException.class, () -> ActorCriticConfig.ppo().rolloutSteps(0).build());
    assertThrows(IllegalArgumentException.class, () -> ActorCriticConfig.ppo().gaeLambda(1.5).build());
    assertThrows(IllegalArgumentException.class, () -> ActorCriticConfig.ppo().clipRange(Schedule.constant(0)).build());
    assertThrows(IllegalArgumentException.class, () -> ActorCriticConfig.ppo().targetKl(0).build());
    assertThrows(IllegalArgumentException.class, () -> ActorCriticConfig.ppo().valueClipRange(-1).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ActorCriticConfig.ppo().minibatchSize(0).build());
    assertEquals("minibatchSize must be at least 1, got 0", e.getMessage());
  }

  @Test
  void theTargetKlStopsTheEpochsEarly() {
    ActorCriticConfig config = small(ActorCriticConfig.ppo()).epochs(50)
        .optimizer(io.github.pgrl.core.policy.OptimizerConfig.Adam.of(0.05)).targetKl(1e-4).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 3)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
      List<UpdateMetrics> metrics = new ArrayList<>();
      ac.addListener(new ActorCriticListener() {
        @Override
        public void onUpdate(UpdateMetrics m) {
          metrics.add(m);
        }
      });
      ac.train(Budget.updates(1));
      assertTrue(metrics.get(0).epochs() < 50, "epochs " + metrics.get(0).epochs());
    }
  }

  @Test
  void normalisedRunsKeepStatisticsOfEveryObservationTheyActedOn() {
    ActorCriticConfig config = small(ActorCriticConfig.ppo()).normalizeObservations(true).normalizeRewards(true).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
      ac.train(Budget.updates(3));
      var stats = ac.observationNormalizer().orElseThrow().statistics();
      assertEquals(1e-4 + 3 * 2 * 6, stats.count(), 1e-9);
      // the first coordinate is t/4 for t = 0, 1, 2 of every 3-step episode: mean 0.25
      assertEquals(0.25, stats.mean()[0], 1e-3);
      assertTrue(ac.observationNormalizer().orElseThrow().isFrozen());
    }
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic<MlpPolicy> plain = ActorCritic.create(envs, small(ActorCriticConfig.ppo()).build());
      assertTrue(plain.observationNormalizer().isEmpty());
    }
  }

  @Test
  void withoutRestorableEnvironmentsAResumeStartsFreshEpisodesAndSaysSo(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve("run.pgrl");
    ActorCriticConfig config = small(ActorCriticConfig.ppo()).build();
    float[] saved;
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
      ac.train(Budget.updates(2));
      ac.save(file);
      saved = ac.policy().parameters();
    }
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.resume(file, envs, config);
      assertTrue(!ac.resumedExactly());
      assertArrayEquals(saved, ac.policy().parameters());
      assertEquals(2, ac.updates());
      ac.train(Budget.updates(1));
      assertEquals(3, ac.updates());
    }
  }

  @Test
  void aCheckpointOfAnotherRunIsRefusedWithAMessage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve("run.pgrl");
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic.create(envs, small(ActorCriticConfig.ppo()).build()).save(file);
      var e = assertThrows(io.github.pgrl.core.checkpoint.CheckpointException.class,
          () -> ActorCritic.resume(file, envs, small(ActorCriticConfig.ppo()).epochs(3).build()));
      assertTrue(e.getMessage().contains("epochs: checkpoint has 2, given 3"), e.getMessage());
      var a2c = assertThrows(io.github.pgrl.core.checkpoint.CheckpointException.class,
          () -> ActorCritic.resume(file, envs, small(ActorCriticConfig.a2c()).build()));
      assertTrue(a2c.getMessage().contains("algorithm: checkpoint has PPO, given A2C"), a2c.getMessage());
    }
    try (VectorEnvironment<float[], Integer> three = VectorEnvironment.of(() -> new Corridor(false), 3)) {
      var e = assertThrows(io.github.pgrl.core.checkpoint.CheckpointException.class,
          () -> ActorCritic.resume(file, three, small(ActorCriticConfig.ppo()).build()));
      assertTrue(e.getMessage().contains("was written for 2 copies"), e.getMessage());
    }
  }

  @Test
  void aDamagedCheckpointIsRefusedNamingWhatIsWrong(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path file = dir.resolve("run.pgrl");
    ActorCriticConfig config = small(ActorCriticConfig.ppo()).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic.create(envs, config).save(file);
      var cp = io.github.pgrl.core.checkpoint.CheckpointFile.read(file);
      cp.putLong("counters.steps", 5);
      cp.write(file);
      var e = assertThrows(io.github.pgrl.core.checkpoint.CheckpointException.class,
          () -> ActorCritic.resume(file, envs, config));
      assertTrue(e.getMessage().contains("the counters are inconsistent"), e.getMessage());
      cp.putLong("counters.steps", 0);
      cp.putDoubles("rollout.scores", new double[] {Double.NaN, 0});
      cp.write(file);
      e = assertThrows(io.github.pgrl.core.checkpoint.CheckpointException.class,
          () -> ActorCritic.resume(file, envs, config));
      assertTrue(e.getMessage().contains("rollout.scores holds NaN"), e.getMessage());
      cp.putDoubles("rollout.scores", new double[] {0, 0});
      // counters whose product wraps around a long: 2^60 updates of 2 × 6 steps
      cp.putLong("counters.updates", 1L << 60);
      cp.putLong("counters.steps", (1L << 60) * 12);
      cp.write(file);
      e = assertThrows(io.github.pgrl.core.checkpoint.CheckpointException.class,
          () -> ActorCritic.resume(file, envs, config));
      assertTrue(e.getMessage().contains("the counters are inconsistent"), e.getMessage());
    }
  }

  /** An MLP whose gradient fails on a chosen call, as a policy with a bug would. */
  private static final class FailingPolicy implements io.github.pgrl.core.TrainablePolicy<float[], Integer> {
    final MlpPolicy inner = MlpPolicy.builder(2, 2).hidden(8).build(new java.util.SplittableRandom(1));
    int calls;
    int failAt = Integer.MAX_VALUE;

    @Override
    public io.github.pgrl.core.ActionDistribution<Integer> distribution(float[] observation) {
      return inner.distribution(observation);
    }

    @Override
    public Evaluation computeGradient(io.github.pgrl.core.RecordedSteps<float[], Integer> steps, Objective objective,
        java.util.concurrent.Executor executor) {
      if (++calls >= failAt) {
        throw new IllegalStateException("the policy's gradient failed");
      }
      return inner.computeGradient(steps, objective, executor);
    }

    @Override
    public float[][] parameterBlocks() {
      return inner.parameterBlocks();
    }

    @Override
    public float[][] gradientBlocks() {
      return inner.gradientBlocks();
    }

    @Override
    public void parametersChanged() {
      inner.parametersChanged();
    }

    @Override
    public io.github.pgrl.core.TrainablePolicy<float[], Integer> sharer() {
      return this;
    }
  }

  @Test
  void aFailedUpdateMovesNeitherNetworkAndTheTrainerRefusesToGoOn(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    FailingPolicy policy = new FailingPolicy();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic<FailingPolicy> ac = ActorCritic.create(envs, policy, small(ActorCriticConfig.ppo()).threads(2).build());
      ac.train(Budget.updates(1));
      float[] critic = ac.valueFunction().parameters();
      float[] actor = policy.inner.parameters();
      policy.failAt = policy.calls + 1; // the next minibatch's policy gradient
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ac.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("the policy's gradient failed"), e.getMessage());
      assertArrayEquals(critic, ac.valueFunction().parameters(), "the critic's gradient was computed, not applied");
      assertArrayEquals(actor, policy.inner.parameters());
      IllegalStateException save = assertThrows(IllegalStateException.class, () -> ac.save(dir.resolve("run.pgrl")));
      assertTrue(save.getMessage().contains("resume from its last checkpoint"), save.getMessage());
      assertThrows(IllegalStateException.class, () -> ac.train(Budget.updates(1)));
      assertEquals(1, ac.updates());
    }
  }

  @Test
  void aCriticStepTheOptimizerRefusesMovesNeitherNetwork() {
    // a finite gradient whose step overflows float32: SGD at the largest rate, unclipped
    ActorCriticConfig config = small(ActorCriticConfig.ppo()).maxGradientNorm(Double.POSITIVE_INFINITY)
        .valueOptimizer(new io.github.pgrl.core.policy.OptimizerConfig.Sgd(Float.MAX_VALUE)).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config);
      float[] actor = ac.policy().parameters();
      float[] critic = ac.valueFunction().parameters();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ac.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("of the critic NaN or infinite"), e.getMessage());
      assertArrayEquals(actor, ac.policy().parameters(), "the policy stepped before the critic's step was refused");
      assertArrayEquals(critic, ac.valueFunction().parameters());
    }
  }

  @Test
  void aListenerThatThrowsLeavesATrainerThatGoesOn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 2)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, small(ActorCriticConfig.ppo()).build());
      boolean[] thrown = {false};
      ac.addListener(new ActorCriticListener() {
        @Override
        public void onUpdate(UpdateMetrics m) {
          if (!thrown[0]) {
            thrown[0] = true;
            throw new IllegalStateException("a listener's own failure");
          }
        }
      });
      assertThrows(IllegalStateException.class, () -> ac.train(Budget.updates(1)));
      assertEquals(1, ac.updates(), "the update was committed before its listeners ran");
      ac.save(dir.resolve("run.pgrl"));
      ac.train(Budget.updates(1));
      assertEquals(2, ac.updates());
    }
  }
}
