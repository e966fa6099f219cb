package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.credit.Gae;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReinforceTest {

  private static ReinforceConfig.Builder bandit() {
    return ReinforceConfig.builder().seed(3).hidden(8).optimizer(OptimizerConfig.Adam.of(0.05)).batchEpisodes(4);
  }

  @Test
  void learnsToPullTheBetterArmOfATwoArmedBandit() {
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), bandit().build());
    double before = r.policy().probabilities(new float[] {1f})[1];
    r.train(Budget.updates(60));
    double after = r.policy().probabilities(new float[] {1f})[1];
    assertTrue(before > 0.2 && before < 0.8, "the untrained policy is not decided yet: " + before);
    assertTrue(after > 0.95, "P(better arm) after training: " + after);
  }

  @Test
  void learnsTheBanditWithEveryBaselineHeadAndExploration() {
    for (BaselineKind baseline : BaselineKind.values()) {
      for (Head head : Head.values()) {
        ReinforceConfig config =
            bandit().baseline(baseline).head(head).exploration(new Exploration(0.1, 0.2)).standardizeAdvantages(baseline == BaselineKind.NONE).build();
        Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), config);
        r.train(Budget.updates(80));
        double p = r.policy().probabilities(new float[] {1f})[1];
        assertTrue(p > 0.9, baseline + " " + head + ": P(better arm) = " + p);
      }
    }
  }

  @Test
  void theSameSeedGivesBitIdenticalParametersAndScores() {
    ReinforceConfig config = bandit().baseline(BaselineKind.VALUE_FUNCTION).exploration(Exploration.sticky(0.25)).build();
    List<Double> scoresA = new ArrayList<>();
    List<Double> scoresB = new ArrayList<>();
    Reinforce<MlpPolicy> a = Reinforce.create(new TwoArmedBandit(10), config);
    a.addListener(new TrainingListener() {
      @Override public void onEpisode(EpisodeStats s) { scoresA.add(s.score()); }
    });
    Reinforce<MlpPolicy> b = Reinforce.create(new TwoArmedBandit(10), config);
    b.addListener(new TrainingListener() {
      @Override public void onEpisode(EpisodeStats s) { scoresB.add(s.score()); }
    });
    a.train(Budget.updates(15));
    b.train(Budget.updates(15));
    assertArrayEquals(a.policy().parameters(), b.policy().parameters());
    assertArrayEquals(a.valueFunction().orElseThrow().parameters(), b.valueFunction().orElseThrow().parameters());
    assertEquals(scoresA, scoresB);
    Reinforce<MlpPolicy> c = Reinforce.create(new TwoArmedBandit(10), config.toBuilder().seed(4).build());
    c.train(Budget.updates(15));
    assertNotEquals(a.policy().parameters()[0], c.policy().parameters()[0]);
  }

  @Test
  void trainingNThenSavingLoadingAndTrainingMEqualsTrainingNPlusM(@TempDir Path dir) {
    ReinforceConfig config =
        bandit().baseline(BaselineKind.VALUE_FUNCTION).credit(Gae.of(0.99, 0.95)).exploration(new Exploration(0.05, 0.1)).build();
    Reinforce<MlpPolicy> straight = Reinforce.create(new TwoArmedBandit(10), config);
    straight.train(Budget.updates(12));

    Reinforce<MlpPolicy> first = Reinforce.create(new TwoArmedBandit(10), config);
    first.train(Budget.updates(5));
    Path file = dir.resolve("run.ckpt");
    first.save(file);
    Reinforce<MlpPolicy> resumed = Reinforce.resume(file, new TwoArmedBandit(10), config);
    assertEquals(5, resumed.updates());
    resumed.train(Budget.updates(7));

    assertArrayEquals(straight.policy().parameters(), resumed.policy().parameters());
    assertArrayEquals(
        straight.valueFunction().orElseThrow().parameters(), resumed.valueFunction().orElseThrow().parameters());
    assertEquals(straight.episodes(), resumed.episodes());
    assertEquals(straight.steps(), resumed.steps());
    assertEquals(straight.runningScore(), resumed.runningScore(), 0.0);
  }

  @Test
  void theRunningMeanBaselineIsRestoredFromTheCheckpoint(@TempDir Path dir) {
    ReinforceConfig config = bandit().baseline(BaselineKind.RUNNING_MEAN).standardizeAdvantages(false).build();
    Reinforce<MlpPolicy> straight = Reinforce.create(new TwoArmedBandit(10), config);
    straight.train(Budget.updates(6));
    Reinforce<MlpPolicy> first = Reinforce.create(new TwoArmedBandit(10), config);
    first.train(Budget.updates(3));
    first.save(dir.resolve("c"));
    Reinforce<MlpPolicy> resumed = Reinforce.resume(dir.resolve("c"), new TwoArmedBandit(10), config);
    resumed.train(Budget.updates(3));
    assertArrayEquals(straight.policy().parameters(), resumed.policy().parameters());
  }

  @Test
  void resumingWithAnotherConfigurationNamesTheDifference(@TempDir Path dir) {
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), bandit().build());
    r.train(Budget.updates(1));
    r.save(dir.resolve("c"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.resume(dir.resolve("c"), new TwoArmedBandit(10), bandit().gamma(0.5).credit(null).build()));
    assertTrue(e.getMessage().contains("gamma: checkpoint has 0.99, given 0.5"), e.getMessage());
  }

  @Test
  void resumingFromAForeignFileSaysItIsNotACheckpoint(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("notes.txt");
    Files.writeString(f, "hello");
    CheckpointException e = assertThrows(CheckpointException.class, () -> Reinforce.resume(f, new TwoArmedBandit(1), bandit().build()));
    assertTrue(e.getMessage().contains("not a pgrl checkpoint"), e.getMessage());
  }

  @Test
  void aNonFiniteRewardStopsTrainingBeforeAnyUpdateNamingTheStep() {
    TwoArmedBandit env = new TwoArmedBandit(10);
    env.nanRewardAt = 3;
    Reinforce<MlpPolicy> r = Reinforce.create(env, bandit().build());
    float[] before = r.policy().parameters();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
    assertTrue(e.getMessage().contains("TwoArmedBandit") && e.getMessage().contains("NaN") && e.getMessage().contains("step 3"), e.getMessage());
    assertArrayEquals(before, r.policy().parameters());
    assertEquals(0, r.updates());
  }

  @Test
  void aFailingEpisodeOnOneOfSeveralThreadsStopsTrainingWithItsMessage() {
    ReinforceConfig config = bandit().batchEpisodes(6).build();
    try (Reinforce<MlpPolicy> r = Reinforce.create(() -> {
      TwoArmedBandit env = new TwoArmedBandit(10);
      env.nanRewardAt = 3;
      return env;
    }, config, 2)) {
      float[] before = r.policy().parameters();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("step 3"), e.getMessage());
      assertArrayEquals(before, r.policy().parameters());
      assertEquals(0, r.updates());
      assertEquals(0, r.episodes());
    }
  }

  @Test
  void aStopRequestDropsTheUnfinishedBatchAndKeepsTheLastUpdatesState() {
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), bandit().build());
    r.train(Budget.updates(2));
    float[] after2 = r.policy().parameters();
    r.addListener(new TrainingListener() {
      @Override public void onUpdate(UpdateStats s) { r.requestStop(); }
    });
    TrainingSummary s = r.train(Budget.updates(5));
    assertTrue(s.stopped());
    assertEquals(1, s.updates());
    assertEquals(3, r.updates());
    assertEquals(12, r.episodes());
    assertNotEquals(after2[0], r.policy().parameters()[0]);
  }

  @Test
  void listenersSeeEveryEpisodeAndUpdate() {
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), bandit().build());
    List<EpisodeStats> episodes = new ArrayList<>();
    List<UpdateStats> updates = new ArrayList<>();
    r.addListener(new TrainingListener() {
      @Override public void onEpisode(EpisodeStats s) { episodes.add(s); }
      @Override public void onUpdate(UpdateStats s) { updates.add(s); }
    });
    r.train(Budget.updates(3));
    assertEquals(12, episodes.size());
    assertEquals(3, updates.size());
    assertEquals(11, episodes.get(11).episode());
    assertEquals(120, episodes.get(11).totalSteps());
    assertEquals(40, updates.get(0).steps());
    assertEquals(2, updates.get(2).update());
    for (UpdateStats u : updates) {
      assertTrue(Double.isFinite(u.loss()) && u.entropy() > 0 && u.entropy() <= Math.log(2) + 1e-9 && u.gradientNorm() > 0);
    }
  }

  @Test
  void aBatchCollectsWholeEpisodesUntilBothLimitsAreReached() {
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), bandit().batchEpisodes(2).batchSteps(35).build());
    List<UpdateStats> updates = new ArrayList<>();
    r.addListener(new TrainingListener() {
      @Override public void onUpdate(UpdateStats s) { updates.add(s); }
    });
    r.train(Budget.updates(1));
    assertEquals(4, updates.get(0).episodes());
    assertEquals(40, updates.get(0).steps());
  }

  @Test
  void resultsAreBitIdenticalWhateverTheNumberOfRolloutThreads() {
    ReinforceConfig config =
        bandit().batchEpisodes(3).batchSteps(45).baseline(BaselineKind.VALUE_FUNCTION).exploration(Exploration.sticky(0.2)).build();
    List<Double> one = new ArrayList<>();
    List<Double> three = new ArrayList<>();
    float[] p1;
    float[] p3;
    try (Reinforce<MlpPolicy> a = Reinforce.create(() -> new TwoArmedBandit(7), config, 1)) {
      a.addListener(new TrainingListener() {
        @Override public void onEpisode(EpisodeStats s) { one.add(s.score()); }
      });
      a.train(Budget.updates(8));
      p1 = a.policy().parameters();
    }
    try (Reinforce<MlpPolicy> b = Reinforce.create(() -> new TwoArmedBandit(7), config, 3)) {
      b.addListener(new TrainingListener() {
        @Override public void onEpisode(EpisodeStats s) { three.add(s.score()); }
      });
      b.train(Budget.updates(8));
      p3 = b.policy().parameters();
      assertEquals(8 * 7, b.episodes());
    }
    assertArrayEquals(p1, p3);
    assertEquals(one, three);
  }

  @Test
  void aRunResumedOnAnotherNumberOfThreadsContinuesExactly(@TempDir Path dir) {
    ReinforceConfig config = bandit().build();
    Reinforce<MlpPolicy> straight = Reinforce.create(new TwoArmedBandit(10), config);
    straight.train(Budget.updates(6));
    try (Reinforce<MlpPolicy> first = Reinforce.create(() -> new TwoArmedBandit(10), config, 2)) {
      first.train(Budget.updates(3));
      first.save(dir.resolve("c"));
    }
    try (Reinforce<MlpPolicy> resumed = Reinforce.resume(dir.resolve("c"), () -> new TwoArmedBandit(10), config, 3)) {
      resumed.train(Budget.updates(3));
      assertArrayEquals(straight.policy().parameters(), resumed.policy().parameters());
    }
  }

  @Test
  void zeroRolloutThreadsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(() -> new TwoArmedBandit(1), bandit().build(), 0));
    assertTrue(e.getMessage().contains("at least 1 rollout thread"), e.getMessage());
  }

  @Test
  void anUpdateThatMakesParametersNonFiniteIsUndoneAndReported(@TempDir Path dir) throws Exception {
    ReinforceConfig config = bandit().optimizer(new OptimizerConfig.Sgd(1e300)).standardizeAdvantages(false).build();
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), config);
    Path file = dir.resolve("c");
    r.save(file);
    byte[] saved = Files.readAllBytes(file);
    float[] before = r.policy().parameters();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(3)));
    assertTrue(e.getMessage().contains("non-finite") && e.getMessage().contains("unchanged"), e.getMessage());
    assertArrayEquals(before, r.policy().parameters());
    assertEquals(0, r.updates());
    assertArrayEquals(saved, Files.readAllBytes(file));
    assertEquals(0, Reinforce.resume(file, new TwoArmedBandit(10), config).updates());
  }

  @Test
  void updateStatsTellTheTimePlayingFromTheTimeLearning() {
    // an environment that takes 2 ms per step: playing a batch of 4 × 10 steps takes at least 80 ms, and
    // learning from it (8 hidden units) far less
    TwoArmedBandit bandit = new TwoArmedBandit(10);
    io.github.pgrl.core.Environment<float[], Integer> slow = new io.github.pgrl.core.Environment<>() {
      @Override public io.github.pgrl.core.Space<float[]> observationSpace() { return bandit.observationSpace(); }
      @Override public io.github.pgrl.core.Space<Integer> actionSpace() { return bandit.actionSpace(); }
      @Override public float[] reset(long seed) { return bandit.reset(seed); }
      @Override public float[] reset() { return bandit.reset(); }
      @Override public io.github.pgrl.core.Step<float[]> step(Integer action) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return bandit.step(action);
      }
      @Override public void close() {}
    };
    List<UpdateStats> stats = new ArrayList<>();
    Reinforce<MlpPolicy> r = Reinforce.create(slow, bandit().build());
    r.addListener(new TrainingListener() {
      @Override public void onUpdate(UpdateStats s) { stats.add(s); }
    });
    r.train(Budget.updates(3));
    assertEquals(3, stats.size());
    double playing = 0;
    double learning = 0;
    for (UpdateStats s : stats) {
      assertTrue(s.rolloutSeconds() >= s.steps() * 2e-3, s.toString());
      assertTrue(s.learnSeconds() >= 0, s.toString());
      assertEquals(s.steps() / s.stepsPerSecond(), s.rolloutSeconds() + s.learnSeconds(), 1e-6, s.toString());
      playing += s.rolloutSeconds();
      learning += s.learnSeconds();
    }
    assertTrue(learning < playing, "learning " + learning + " s, playing " + playing + " s");
  }

  @Test
  void aValueFunctionStepThatWouldGoNonFiniteLeavesThePolicyAndBothOptimizersAsBeforeTheUpdate() {
    ReinforceConfig config = bandit().baseline(BaselineKind.VALUE_FUNCTION).valueOptimizer(new OptimizerConfig.Sgd(1e300))
        .build();
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), config);
    float[] policyBefore = r.policy().parameters();
    float[] valueBefore = r.valueFunction().orElseThrow().parameters();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(3)));
    assertTrue(e.getMessage().contains("value-function parameter non-finite") && e.getMessage().contains("unchanged"),
        e.getMessage());
    assertArrayEquals(policyBefore, r.policy().parameters(), "the policy's step of that update is undone");
    assertArrayEquals(valueBefore, r.valueFunction().orElseThrow().parameters());
    assertEquals(0, r.updates());
  }

  @Test
  void resumeFallsBackToThePreviousCheckpointWhenTheNewestIsDamaged(@TempDir Path dir) throws Exception {
    ReinforceConfig config = bandit().build();
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), config);
    Path file = dir.resolve("c");
    r.train(Budget.updates(2));
    r.save(file, 3);
    r.train(Budget.updates(2));
    r.save(file, 3);
    Files.write(file, new byte[] {1, 2, 3});
    assertEquals(2, Reinforce.resume(file, new TwoArmedBandit(10), config).updates());
  }

  @Test
  void aNonFiniteObservationStopsTrainingBeforeAnyUpdateNamingTheStepAndTheValue() {
    TwoArmedBandit env = new TwoArmedBandit(10);
    env.infiniteObservationAt = 4;
    Reinforce<MlpPolicy> r = Reinforce.create(env, bandit().build());
    float[] before = r.policy().parameters();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
    assertTrue(e.getMessage().contains("TwoArmedBandit") && e.getMessage().contains("Infinity")
        && e.getMessage().contains("step 5 of episode 0"), e.getMessage());
    assertArrayEquals(before, r.policy().parameters());
    assertEquals(0, r.updates());
  }
}
