package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.wrappers.Wrapper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Misuse of a {@link Reinforce} trainer, or an environment that breaks its contract, gets a clear exception. */
class TrainerMisuseTest {

  private static final ReinforceConfig CONFIG =
      ReinforceConfig.builder().seed(3).hidden(8).optimizer(OptimizerConfig.Adam.of(0.05)).batchEpisodes(4).build();

  /** A bandit whose reset returns {@code resetTo}, and whose step returns {@code step}'s at call {@code at}. */
  private static Environment<float[], Integer> faulty(int at, IntFunction<Step<float[]>> step, float[] resetTo) {
    TwoArmedBandit bandit = new TwoArmedBandit(10);
    AtomicInteger calls = new AtomicInteger();
    return new Environment<>() {
      @Override public Space<float[]> observationSpace() { return bandit.observationSpace(); }
      @Override public Space<Integer> actionSpace() { return bandit.actionSpace(); }
      @Override public float[] reset(long seed) {
        bandit.reset(seed);
        return resetTo;
      }
      @Override public float[] reset() { return reset(0); }
      @Override public Step<float[]> step(Integer action) {
        Step<float[]> s = bandit.step(action);
        return calls.getAndIncrement() == at ? step.apply(action) : s;
      }
      @Override public void close() {}
      @Override public String toString() { return "Faulty"; }
    };
  }

  @Test
  void anEnvironmentReturningNullFromStepIsNamedWithTheEpisodeAndTheStep() {
    Reinforce<MlpPolicy> r = Reinforce.create(faulty(13, a -> null, new float[] {1f}), CONFIG);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
    assertTrue(e.getMessage().contains("the environment Faulty returned null from step(")
        && e.getMessage().contains(") at step 3 of episode 1"), e.getMessage());
  }

  @Test
  void anEnvironmentReturningNullFromResetIsNamedWithTheEpisode() {
    Reinforce<MlpPolicy> r = Reinforce.create(faulty(-1, a -> null, null), CONFIG);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
    assertTrue(e.getMessage().contains("the environment Faulty returned an observation of null at step 0 of episode 0"),
        e.getMessage());
  }

  @Test
  void trainingAfterCloseSaysTheTrainerWasClosedAndClosingTwiceClosesTheEnvironmentsOnce() {
    AtomicInteger closes = new AtomicInteger();
    java.util.function.Supplier<Environment<float[], Integer>> counted = () -> new Wrapper<>(new TwoArmedBandit(10)) {
      @Override public void close() {
        closes.incrementAndGet();
      }
    };
    Reinforce<MlpPolicy> one = Reinforce.create(counted.get(), CONFIG);
    Reinforce<MlpPolicy> three = Reinforce.create(counted, CONFIG, 3);
    for (Reinforce r : new Reinforce[] {one, three}) {
      r.train(Budget.updates(1));
      r.close();
      r.close();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("this trainer was closed"), e.getMessage());
      assertEquals(1, r.updates());
    }
    assertEquals(4, closes.get());
  }

  @Test
  void aSecondConcurrentTrainIsRefusedAndTheFirstGoesOnUnharmed() throws Exception {
    CountDownLatch playing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Environment<float[], Integer> held =
        TrainerLifecycleTest.held(playing, release, new java.util.concurrent.atomic.AtomicInteger()).get();
    Reinforce<MlpPolicy> r = Reinforce.create(held, CONFIG);
    ExecutorService first = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "first-trainer"));
    try {
      Future<TrainingSummary> running = first.submit(() -> r.train(Budget.updates(2)));
      assertTrue(playing.await(30, TimeUnit.SECONDS));
      IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1))));
      assertTrue(e.getMessage().contains("training is already running on the thread 'first-trainer'")
          && e.getMessage().contains("one thread at a time"), e.getMessage());
      release.countDown();
      TrainingSummary s = running.get(60, TimeUnit.SECONDS);
      assertEquals(2, s.updates());
      assertTrue(!s.stopped());
    } finally {
      release.countDown();
      first.shutdownNow();
    }
    Reinforce<MlpPolicy> undisturbed = Reinforce.create(new TwoArmedBandit(10), CONFIG);
    undisturbed.train(Budget.updates(2));
    assertArrayEquals(undisturbed.policy().parameters(), r.policy().parameters());
    r.train(Budget.updates(1)); // and the trainer is free again
    assertEquals(3, r.updates());
  }

  @Test
  void anyPositiveTimeBudgetWorksAndAnAstronomicalOneIsNoLimit() {
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), CONFIG);
    TrainingSummary s = r.train(new Budget(0, 0, 2, Duration.ofDays(1_000_000_000L)));
    assertEquals(2, s.updates());
    r.addListener(new TrainingListener() {
      @Override public void onUpdate(UpdateStats u) {
        if (u.update() >= 3) {
          r.requestStop();
        }
      }
    });
    s = r.train(Budget.time(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
    assertTrue(s.stopped());
    assertEquals(2, s.updates());
  }

  @Test
  void anObservationTooLargeForThePolicyStopsTrainingNamingTheStep() {
    ReinforceConfig relu = CONFIG.toBuilder().activation(Activation.RELU).build();
    Reinforce<MlpPolicy> r = Reinforce.create(faulty(-1, a -> null, new float[] {3e38f}), relu);
    float[] before = r.policy().parameters();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
    assertTrue(e.getMessage().contains("at step 0 of episode 0 the policy gave no probability distribution")
        && e.getMessage().contains("NaN"), e.getMessage());
    assertArrayEquals(before, r.policy().parameters());
  }
}
