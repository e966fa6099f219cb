package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.envs.Environments;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The README's snippet for saving an environment in the middle of an episode, run as it is written (the
 * region {@code README:restorable}): a CartPole read back from the state of another takes the same next
 * step.
 */
class RestorableReadmeExampleTest {

  @Test
  void aCartPoleReadBackFromAnothersStateTakesTheSameNextStep() {
    // README:restorable:start
    Environment<float[], Integer> env = Environments.make("CartPole-v1", float[].class, Integer.class);
    env.reset(7);
    env.step(1);                                              // in the middle of an episode
    CheckpointFile checkpoint = new CheckpointFile();         // write(path) puts it in a file
    Restorable.of(env).writeState(checkpoint, "env.");        // Restorable.of is null if it cannot restore
    Environment<float[], Integer> copy = Environments.make("CartPole-v1", float[].class, Integer.class);
    Restorable.of(copy).readState(checkpoint, "env.");        // checks every value before it changes anything
    float[] next = env.step(0).observation();
    float[] nextOfCopy = copy.step(0).observation();
    System.out.println("the same step: " + Arrays.equals(next, nextOfCopy)); // true, to the bit
    // README:restorable:end
    assertArrayEquals(next, nextOfCopy);
  }
}
