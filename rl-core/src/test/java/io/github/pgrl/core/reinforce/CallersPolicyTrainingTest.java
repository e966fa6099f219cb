package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.policy.MlpPolicy;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REINFORCE over a policy of the caller's, recorded with the contract's defaults. */
class CallersPolicyTrainingTest {

  private static final ReinforceConfig CONFIG = ReinforceConfig.builder().seed(4).hidden(8).batchEpisodes(4)
      .exploration(new Exploration(0.1, 0.2)).baseline(BaselineKind.VALUE_FUNCTION).valueHidden(4).build();

  private static MlpPolicy mlp() {
    return MlpPolicy.builder(1, 2).hidden(8).build(new SplittableRandom(8));
  }

  private static float[] trained(int threads) {
    DelegatingPolicy policy = new DelegatingPolicy(mlp());
    try (Reinforce<DelegatingPolicy> r = Reinforce.create(() -> new TwoArmedBandit(10), policy, CONFIG, threads)) {
      r.train(Budget.updates(6));
    }
    return policy.parameters();
  }

  @Test
  void itTrainsToTheBitsOfTheMlpsOwnRecordOnAnyNumberOfThreads() {
    float[] own;
    try (Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), mlp(), CONFIG)) {
      r.train(Budget.updates(6));
      own = r.policy().parameters();
    }
    assertArrayEquals(own, trained(1), "the in-memory record gives the gradient of the MLP's sparse one");
    assertArrayEquals(own, trained(3), "three rollout threads, through sharers");
  }

  @Test
  void itResumesToTheBitsOfARunThatNeverStopped(@TempDir Path dir) {
    Path file = dir.resolve("c.pgrl");
    DelegatingPolicy first = new DelegatingPolicy(mlp());
    try (Reinforce<DelegatingPolicy> r = Reinforce.create(new TwoArmedBandit(10), first, CONFIG)) {
      r.train(Budget.updates(3));
      r.save(file);
    }
    DelegatingPolicy resumed = new DelegatingPolicy(MlpPolicy.builder(1, 2).hidden(8).build(new SplittableRandom(99)));
    try (Reinforce<DelegatingPolicy> r = Reinforce.resume(file, () -> new TwoArmedBandit(10), resumed, CONFIG, 2)) {
      assertEquals(3, r.updates());
      r.train(Budget.updates(3));
    }
    assertArrayEquals(trained(1), resumed.parameters());
  }

  @Test
  void everyEpisodeStartsWithAReset() {
    DelegatingPolicy policy = new DelegatingPolicy(mlp());
    try (Reinforce<DelegatingPolicy> r = Reinforce.create(() -> new TwoArmedBandit(10), policy, CONFIG, 2)) {
      r.train(Budget.updates(3));
      assertEquals(r.episodes(), policy.resets.get(), "one reset per episode, on whichever thread played it");
    }
  }

  @Test
  void aPolicyThatDoesNotFitTheEnvironmentIsRefusedAtOnce() {
    IllegalArgumentException actions = assertThrows(IllegalArgumentException.class, () -> Reinforce.create(
        new TwoArmedBandit(10), new DelegatingPolicy(MlpPolicy.builder(1, 3).build(new SplittableRandom(1))), CONFIG));
    assertTrue(actions.getMessage().contains("chooses among 3 actions") && actions.getMessage().contains("has 2"),
        actions.getMessage());
    IllegalArgumentException inputs = assertThrows(IllegalArgumentException.class, () -> Reinforce.create(
        new TwoArmedBandit(10), MlpPolicy.builder(2, 2).build(new SplittableRandom(1)), CONFIG));
    assertTrue(inputs.getMessage().contains("does not take the observations") && inputs.getMessage().contains("1 values"),
        inputs.getMessage());
  }
}
