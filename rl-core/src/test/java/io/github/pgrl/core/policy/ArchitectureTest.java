package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The policies refuse each other's checkpoints by their architecture, and older checkpoints still load. */
class ArchitectureTest {

  private static ConvPolicy conv() {
    return ConvPolicy.builder(2, 8, 8, 3).conv(4, 3, 1).conv(3, 2, 2).hidden(5).build(new SplittableRandom(1));
  }

  private static CheckpointFile written(io.github.pgrl.core.TrainablePolicy<?, ?> policy) {
    CheckpointFile cp = new CheckpointFile();
    policy.writeState(cp, "policy.");
    return cp;
  }

  @Test
  void anMlpRefusesAConvolutionalCheckpointWithTheSameHiddenLayersNamingTheHead() {
    MlpPolicy mlp = MlpPolicy.builder(128, 3).hidden(5).activation(Activation.RELU).build(new SplittableRandom(1));
    CheckpointException e = assertThrows(CheckpointException.class, () -> mlp.readState(written(conv()), "policy."));
    assertTrue(e.getMessage().contains("head is CONVOLUTIONAL_SOFTMAX, this one's is SOFTMAX"), e.getMessage());
  }

  @Test
  void aPolicyWhoseEntriesAreMissingNamesTheFirst() {
    MlpPolicy mlp = MlpPolicy.builder(128, 3).hidden(5).build(new SplittableRandom(1));
    CheckpointException e = assertThrows(CheckpointException.class, () -> conv().readState(written(mlp), "policy."));
    assertTrue(e.getMessage().contains("no entry 'policy.input'"), e.getMessage());
  }

  @Test
  void anMlpCheckpointWithoutItsArchitectureStillLoads() {
    MlpPolicy saved = MlpPolicy.builder(4, 2).hidden(3).build(new SplittableRandom(1));
    CheckpointFile older = new CheckpointFile().putFloats("policy.parameters", saved.parameters());
    MlpPolicy read = MlpPolicy.builder(4, 2).hidden(3).build(new SplittableRandom(2));
    read.readState(older, "policy.");
    assertArrayEquals(saved.parameters(), read.parameters());
  }
}
