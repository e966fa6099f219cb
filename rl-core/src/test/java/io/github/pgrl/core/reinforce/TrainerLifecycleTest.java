package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.policy.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What another thread may do to a trainer while it trains, and stop requests made between trainings. */
class TrainerLifecycleTest {

  private static final ReinforceConfig CONFIG =
      ReinforceConfig.builder().seed(3).hidden(8).optimizer(OptimizerConfig.Adam.of(0.05)).batchEpisodes(4).build();

  @TempDir Path dir;

  /** Bandits whose steps wait for {@code release} once {@code playing} is counted down. */
  static Supplier<Environment<float[], Integer>> held(CountDownLatch playing, CountDownLatch release,
      AtomicInteger closes) {
    return () -> {
      TwoArmedBandit bandit = new TwoArmedBandit(10);
      return new Environment<>() {
        @Override public Space<float[]> observationSpace() { return bandit.observationSpace(); }
        @Override public Space<Integer> actionSpace() { return bandit.actionSpace(); }
        @Override public float[] reset(long seed) { return bandit.reset(seed); }
        @Override public float[] reset() { return bandit.reset(); }
        @Override public Step<float[]> step(Integer action) {
          playing.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return bandit.step(action);
        }
        @Override public void close() { closes.incrementAndGet(); }
      };
    };
  }

  /**
   * Trains 2 updates on a thread named 'first-trainer' with {@code threads} rollout threads, does {@code
   * meanwhile} while an episode is being played, then checks that training went on unharmed.
   */
  private static Reinforce whileTraining(int threads, AtomicInteger closes, Consumer<Reinforce> meanwhile) throws Exception {
    CountDownLatch playing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Supplier<Environment<float[], Integer>> envs = held(playing, release, closes);
    Reinforce<MlpPolicy> r = threads == 1 ? Reinforce.create(envs.get(), CONFIG) : Reinforce.create(envs, CONFIG, threads);
    ExecutorService first = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "first-trainer"));
    try {
      Future<TrainingSummary> running = first.submit(() -> r.train(Budget.updates(2)));
      assertTrue(playing.await(30, TimeUnit.SECONDS));
      meanwhile.accept(r);
      release.countDown();
      TrainingSummary s = running.get(60, TimeUnit.SECONDS);
      assertEquals(2, s.updates());
      assertFalse(s.stopped());
    } finally {
      release.countDown();
      first.shutdownNow();
    }
    Reinforce<MlpPolicy> undisturbed = Reinforce.create(new TwoArmedBandit(10), CONFIG);
    undisturbed.train(Budget.updates(2));
    assertArrayEquals(undisturbed.policy().parameters(), r.policy().parameters());
    return r;
  }

  private static void assertNamesTheTrainingThreadAndWhatToDo(IllegalStateException e, String what) {
    assertTrue(e.getMessage().contains("cannot " + what + " this trainer while it trains on the thread 'first-trainer'")
        && e.getMessage().contains("requestStop()") && e.getMessage().contains("wait for train() to return"),
        e.getMessage());
  }

  @Test
  void aSaveFromAnotherThreadDuringTrainingIsRefusedAndWritesNothing() throws Exception {
    Path file = dir.resolve("run.ckpt");
    Reinforce<MlpPolicy> r = whileTraining(1, new AtomicInteger(), trainer -> {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.save(file));
      assertNamesTheTrainingThreadAndWhatToDo(e, "save");
      assertThrows(IllegalStateException.class, () -> trainer.save(file, 3));
    });
    assertFalse(Files.exists(file));
    r.save(file); // once train() returned, any thread may save
    assertTrue(Files.exists(file));
  }

  @Test
  void aCloseFromAnotherThreadDuringTrainingIsRefusedWithOneOrTwoRolloutThreads() throws Exception {
    for (int threads : new int[] {1, 2}) {
      AtomicInteger closes = new AtomicInteger();
      Reinforce<MlpPolicy> r = whileTraining(threads, closes, trainer -> {
        IllegalStateException e = assertThrows(IllegalStateException.class, trainer::close);
        assertNamesTheTrainingThreadAndWhatToDo(e, "close");
        assertEquals(0, closes.get());
      });
      r.close(); // once train() returned, any thread may close
      assertEquals(threads, closes.get());
    }
  }

  @Test
  void theTrainingThreadMaySaveFromAListener() {
    Path file = dir.resolve("listener.ckpt");
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), CONFIG);
    r.addListener(new TrainingListener() {
      @Override public void onUpdate(UpdateStats s) { r.save(file); }
    });
    r.train(Budget.updates(2));
    Reinforce<MlpPolicy> resumed = Reinforce.resume(file, new TwoArmedBandit(10), CONFIG);
    assertEquals(2, resumed.updates());
    assertArrayEquals(r.policy().parameters(), resumed.policy().parameters());
  }

  @Test
  void aStopRequestedBeforeTrainMakesItReturnAtOnceAndTheNextTrainTrains() {
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), CONFIG);
    float[] before = r.policy().parameters();
    r.requestStop();
    TrainingSummary s = r.train(Budget.updates(3));
    assertTrue(s.stopped());
    assertEquals(0, s.updates());
    assertEquals(0, s.episodes());
    assertEquals(0, r.updates());
    assertArrayEquals(before, r.policy().parameters());
    s = r.train(Budget.updates(1)); // the request was served and cleared
    assertFalse(s.stopped());
    assertEquals(1, s.updates());
  }

  @Test
  void aStopRequestedDuringTrainIsClearedWhenItReturns() {
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), CONFIG);
    AtomicInteger stops = new AtomicInteger(1);
    r.addListener(new TrainingListener() {
      @Override public void onUpdate(UpdateStats u) {
        if (stops.getAndDecrement() > 0) {
          r.requestStop();
        }
      }
    });
    assertTrue(r.train(Budget.updates(3)).stopped());
    TrainingSummary s = r.train(Budget.updates(2));
    assertFalse(s.stopped());
    assertEquals(2, s.updates());
  }
}
