package io.github.pgrl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link StateReader} checks each value as it reads it, and names the checkpoint and the entry when it refuses one. */
class StateReaderTest {

  private static CheckpointFile checkpoint() {
    return new CheckpointFile()
        .putLong("env.elapsed", 7)
        .putLong("env.running", 1)
        .putLong("env.broken", 2)
        .putDoubles("env.state", new double[] {1, 2, Double.NaN})
        .putFloats("env.frame", new float[] {0.5f, Float.POSITIVE_INFINITY})
        .putString("env.environment", "CartPole(maxEpisodeSteps=500)");
  }

  private static String refusal(Runnable read) {
    return assertThrows(CheckpointException.class, read::run).getMessage();
  }

  @Test
  void readsValuesWithinTheirRanges() {
    StateReader in = new StateReader(checkpoint(), "env.");

    assertEquals(7, in.count("elapsed", 0, 500));
    assertTrue(in.flag("running"));
    assertArrayEquals(new double[] {1, 2}, new StateReader(new CheckpointFile().putDoubles("s", new double[] {1, 2}), "")
        .doubles("s", 2));
    assertTrue(in.has("elapsed"));
    assertFalse(in.has("missing"));
    assertEquals("env.elapsed", in.name("elapsed"));
  }

  @Test
  void refusesEachValueThatIsNotAllowedNamingTheEntry() {
    StateReader in = new StateReader(checkpoint(), "env.");

    assertEquals("the checkpoint: the entry 'env.elapsed' is 7; allowed are 0 to 5", refusal(() -> in.count("elapsed", 0, 5)));
    assertEquals("the checkpoint: the entry 'env.broken' is 2; a flag is 0 or 1", refusal(() -> in.flag("broken")));
    assertEquals("the checkpoint: the entry 'env.state' has 3 values; it must have 4", refusal(() -> in.doubles("state", 4)));
    assertEquals("the checkpoint: the entry 'env.state' holds NaN at index 2; every value must be finite",
        refusal(() -> in.doubles("state", 3)));
    assertEquals("the checkpoint: the entry 'env.frame' holds Infinity at index 1; every value must be finite",
        refusal(() -> in.floats("frame", 2)));
    assertEquals("the checkpoint: the entry 'env.environment' is 'CartPole(maxEpisodeSteps=500)', but it must be"
            + " 'Acrobot(maxEpisodeSteps=500)': a state is read into the environment that wrote it",
        refusal(() -> in.requireEqual("environment", "Acrobot(maxEpisodeSteps=500)",
            "a state is read into the environment that wrote it")));
    assertEquals("the checkpoint has no entry 'env.missing'", refusal(() -> in.getLong("missing")));
    assertEquals("the checkpoint: the entry 'env.state' is a double[], not a Long", refusal(() -> in.count("state", 0, 1)));
  }

  @Test
  void namesTheFileAStateWasReadFrom() {
    CheckpointFile read = CheckpointFile.fromBytes(checkpoint().toBytes(), "run/checkpoint.bin");

    assertEquals("the checkpoint run/checkpoint.bin: the entry 'env.broken' is 2; a flag is 0 or 1",
        refusal(() -> new StateReader(read, "env.").flag("broken")));
  }
}
