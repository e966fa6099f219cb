package io.github.pgrl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.BaselineKind;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkRolloutsTest {

  /** Two executor threads, and a failed task tried up to three times. */
  private static JavaSparkContext spark;

  @BeforeAll
  static void start() {
    spark = SparkRollouts.connect("local[2,3]", Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** CartPole with a value-function baseline and a step budget, so that some updates take two rounds. */
  static ReinforceConfig cartPole() {
    return ReinforceConfig.builder().seed(17).hidden(16).optimizer(OptimizerConfig.Adam.of(0.01))
        .baseline(BaselineKind.VALUE_FUNCTION).batchEpisodes(4).batchSteps(120).build();
  }

  private static List<EpisodeStats> episodes(Reinforce<?> r) {
    List<EpisodeStats> out = new ArrayList<>();
    r.addListener(new TrainingListener() {
      @Override public void onEpisode(EpisodeStats s) { out.add(s); }
    });
    return out;
  }

  private static void assertSameRun(Reinforce<MlpPolicy> local, Reinforce<MlpPolicy> onSpark, int updates) {
    List<EpisodeStats> a = episodes(local);
    List<EpisodeStats> b = episodes(onSpark);
    local.train(Budget.updates(updates));
    onSpark.train(Budget.updates(updates));
    assertArrayEquals(local.policy().parameters(), onSpark.policy().parameters());
    assertArrayEquals(local.valueFunction().orElseThrow().parameters(), onSpark.valueFunction().orElseThrow().parameters());
    assertEquals(local.episodes(), onSpark.episodes());
    assertEquals(local.steps(), onSpark.steps());
    assertEquals(local.updates(), onSpark.updates());
    assertEquals(Double.doubleToRawLongBits(local.runningScore()), Double.doubleToRawLongBits(onSpark.runningScore()));
    assertEquals(a, b);
  }

  @Test
  void aCartPoleRunOnSparkEqualsTheLocalRunBitForBit() {
    try (Reinforce<MlpPolicy> local = Reinforce.create(CartPole.v1(), cartPole());
        Reinforce<MlpPolicy> onSpark = SparkRollouts.reinforce(spark, CartPole::v1, SparkRolloutsTest::cartPole, 3)) {
      assertSameRun(local, onSpark, 8);
    }
  }

  @Test
  void aLocalRunSavedAndResumedOnSparkGoesOnBitForBit(@TempDir Path dir) {
    Path checkpoint = dir.resolve("run.ckpt");
    try (Reinforce<MlpPolicy> throughout = Reinforce.create(CartPole.v1(), cartPole());
        Reinforce<MlpPolicy> firstHalf = Reinforce.create(CartPole.v1(), cartPole())) {
      throughout.train(Budget.updates(6));
      firstHalf.train(Budget.updates(3));
      firstHalf.save(checkpoint);
      try (Reinforce<MlpPolicy> onSpark =
          SparkRollouts.resume(checkpoint, spark, CartPole::v1, SparkRolloutsTest::cartPole, 2)) {
        assertEquals(3, onSpark.updates());
        onSpark.train(Budget.updates(3));
        assertArrayEquals(throughout.policy().parameters(), onSpark.policy().parameters());
        assertArrayEquals(throughout.valueFunction().orElseThrow().parameters(),
            onSpark.valueFunction().orElseThrow().parameters());
        assertEquals(throughout.episodes(), onSpark.episodes());
        assertEquals(throughout.steps(), onSpark.steps());
        assertEquals(Double.doubleToRawLongBits(throughout.runningScore()),
            Double.doubleToRawLongBits(onSpark.runningScore()));
      }
    }
  }

  /** Pong as {@code pgrl pong train} plays it, and its classic network (6400-200-1, 1.28 M parameters). */
  static Environment<float[], Integer> pong() {
    return FrameDifference.of(PongEnvironment.binary(PongConfig.builder().twoActions(true).reuseObservation(true).build(), 2),
        true);
  }

  static ReinforceConfig pongConfig() {
    return ReinforceConfig.classicPongFromPixels().seed(5).batchEpisodes(2).build();
  }

  @Test
  void aPongUpdateOnSparkEqualsTheLocalOneBitForBit() {
    try (Reinforce<MlpPolicy> local = Reinforce.create(pong(), pongConfig());
        Reinforce<MlpPolicy> onSpark = SparkRollouts.reinforce(spark, SparkRolloutsTest::pong, SparkRolloutsTest::pongConfig, 2)) {
      List<EpisodeStats> a = episodes(local);
      List<EpisodeStats> b = episodes(onSpark);
      local.train(Budget.updates(1));
      onSpark.train(Budget.updates(1));
      assertArrayEquals(local.policy().parameters(), onSpark.policy().parameters());
      assertEquals(local.steps(), onSpark.steps());
      assertEquals(a, b);
    }
  }

  /** The environment of a task's first attempt throws, on one slice of every round: Spark retries it. */
  static Environment<float[], Integer> failingOnFirstAttempt() {
    TaskContext task = TaskContext.get();
    // the driver builds one too, outside any task
    if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0) {
      throw new IllegalStateException("a lost executor, simulated");
    }
    return CartPole.v1();
  }

  @Test
  void aTaskThatFailsOnceAndIsRetriedChangesNothing() throws InterruptedException {
    AtomicInteger failed = new AtomicInteger();
    SparkListener failures = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) {
          failed.incrementAndGet();
        }
      }
    };
    spark.sc().addSparkListener(failures);
    try (Reinforce<MlpPolicy> local = Reinforce.create(CartPole.v1(), cartPole());
        Reinforce<MlpPolicy> onSpark =
            SparkRollouts.reinforce(spark, SparkRolloutsTest::failingOnFirstAttempt, SparkRolloutsTest::cartPole, 2)) {
      assertSameRun(local, onSpark, 3);
    } finally {
      spark.sc().removeSparkListener(failures);
    }
    // the listener bus delivers asynchronously: every round had one failed attempt
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (failed.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(failed.get() >= 3, "failed task attempts: " + failed.get());
  }

  @Test
  void aNonSerializableEnvironmentFactoryIsRefusedNamingItsClass() {
    Object notSerializable = new Object();
    SerializableSupplier<Environment<float[], Integer>> factory = () -> {
      notSerializable.hashCode();
      return CartPole.v1();
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkRollouts.reinforce(spark, factory, SparkRolloutsTest::cartPole, 2));
    assertTrue(e.getMessage().startsWith("the environment factory io.github.pgrl.spark.SparkRolloutsTest$$Lambda"),
        e.getMessage());
    assertTrue(e.getMessage().contains("it holds an instance of java.lang.Object, which is not Serializable"),
        e.getMessage());
  }

  /** The run's configuration on the driver, another seed on the executors. */
  static ReinforceConfig anotherSeedOnExecutors() {
    return TaskContext.get() == null ? cartPole() : cartPole().toBuilder().seed(18).build();
  }

  @Test
  void aConfigurationFactoryThatDiffersOnTheExecutorsStopsTrainingBeforeTheParametersChange() {
    try (Reinforce<MlpPolicy> onSpark =
        SparkRollouts.reinforce(spark, CartPole::v1, SparkRolloutsTest::anotherSeedOnExecutors, 2)) {
      float[] before = onSpark.policy().parameters();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> onSpark.train(Budget.updates(1)));
      assertTrue(e.getMessage().startsWith("Spark could not play episodes [0, 4) of update 0: "), e.getMessage());
      assertTrue(e.getMessage().contains("IllegalStateException: the configuration factory"), e.getMessage());
      assertTrue(e.getMessage().contains("on an executor, but {"), e.getMessage());
      assertArrayEquals(before, onSpark.policy().parameters());
      assertEquals(0, onSpark.updates());
    }
  }

  @Test
  void malformedMastersAndArgumentsAreRefused() {
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> SparkRollouts.connect("yarn", Duration.ofSeconds(1)));
    assertTrue(url.getMessage().contains("'yarn' is neither local"), url.getMessage());
    IllegalArgumentException slices = assertThrows(IllegalArgumentException.class,
        () -> SparkRollouts.reinforce(spark, CartPole::v1, SparkRolloutsTest::cartPole, 0));
    assertTrue(slices.getMessage().contains("at least 1 slice"), slices.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> SparkRollouts.reinforce(spark, () -> null, SparkRolloutsTest::cartPole, 2));
    assertTrue(none.getMessage().startsWith("the environment factory io.github.pgrl.spark.SparkRolloutsTest$$Lambda"),
        none.getMessage());
    assertTrue(none.getMessage().endsWith("returned null"), none.getMessage());
  }
}
