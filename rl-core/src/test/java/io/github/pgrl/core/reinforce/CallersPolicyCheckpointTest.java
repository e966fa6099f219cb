package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.MlpPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint of a run of a policy the caller passed: what it records, and what resume refuses. */
class CallersPolicyCheckpointTest {

  private static final ReinforceConfig CONFIG = ReinforceConfig.builder().seed(3).hidden(8).batchEpisodes(4).build();

  @TempDir Path dir;

  private static MlpPolicy relu() {
    return MlpPolicy.builder(1, 2).hidden(8).activation(Activation.RELU).build(new SplittableRandom(5));
  }

  private Path savedRunOf(TrainablePolicy<float[], Integer> policy) {
    Path file = dir.resolve("c.pgrl");
    try (Reinforce<?> r = Reinforce.create(new TwoArmedBandit(10), policy, CONFIG)) {
      r.train(Budget.updates(1));
      r.save(file);
    }
    return file;
  }

  @Test
  void anMlpOfAnotherArchitectureThanTheConfigurationsIsRecordedAndNotResumedAsTheConfigurations() {
    Path file = savedRunOf(relu());
    assertTrue(ReinforceCheckpoint.loadPolicy(file).toString().contains("RELU"), "loadPolicy builds the stored network");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> Reinforce.resume(file, new TwoArmedBandit(10), CONFIG)); // the configuration's MLP is tanh
    assertTrue(e.getMessage().contains("activation is RELU, this one's is TANH") && e.getMessage().contains(file.toString()),
        e.getMessage());
    MlpPolicy same = relu();
    try (Reinforce<MlpPolicy> r = Reinforce.resume(file, new TwoArmedBandit(10), same, CONFIG)) {
      assertArrayEquals(CheckpointFile.read(file).floats("policy.parameters"), r.policy().parameters());
    }
  }

  @Test
  void aRefusedResumeLeavesTheCallersPolicyAsItWas() throws Exception {
    Path file = savedRunOf(relu());
    CheckpointFile cp = CheckpointFile.read(file);
    cp.putLong("counters.updates", 1_000_000); // more updates than episodes
    Files.write(file, cp.toBytes());
    MlpPolicy mine = relu();
    float[] before = mine.parameters();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> Reinforce.resume(file, () -> new TwoArmedBandit(10), mine, CONFIG, 1));
    assertTrue(e.getMessage().contains("counters are inconsistent"), e.getMessage());
    assertArrayEquals(before, mine.parameters(), "the stored parameters were not read into it");
  }

  @Test
  void aPolicyThatWritesANameTheTrainerKeepsIsRefusedWhenSaving() {
    TrainablePolicy<float[], Integer> greedyForNames = new DelegatingPolicy(relu()) {
      @Override public void writeState(CheckpointFile checkpoint, String prefix) {
        super.writeState(checkpoint, prefix);
        checkpoint.putFloats(prefix + "optimizer", new float[1]);
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> savedRunOf(greedyForNames));
    assertTrue(e.getMessage().contains("policy.optimizer") && e.getMessage().contains("keeps for itself"), e.getMessage());
  }
}
