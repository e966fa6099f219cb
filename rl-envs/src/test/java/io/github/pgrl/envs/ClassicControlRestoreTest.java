package io.github.pgrl.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What {@link ClassicControl#readState} refuses, with the entry named and the environment left as it was: a
 * state of another environment, counters out of their ranges or inconsistent, and physical states an
 * environment cannot be in. (Round trips, missing entries, NaN and wrong lengths are checked for every
 * environment by {@code EnvironmentContract}.)
 */
class ClassicControlRestoreTest {

  private static final List<String> CLASSIC =
      List.of("CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "GridMaze-v0");

  @SuppressWarnings("unchecked")
  private static <A> Environment<float[], A> make(String name) {
    return (Environment<float[], A>) Environments.make(name);
  }

  /** The state of {@code name} after 5 random steps from reset(1). */
  private static CheckpointFile stateOf(String name) {
    try (Environment<float[], Object> env = make(name)) {
      env.reset(1);
      EnvironmentContract.advance(env, new SplittableRandom(2), 5, true);
      CheckpointFile cp = new CheckpointFile();
      Restorable.of(env).writeState(cp, "env.");
      return cp;
    }
  }

  /**
   * Asserts that {@code name} refuses the state of {@code source} changed by {@code damage} with {@code
   * message}, and then plays on as a twin that was never asked.
   */
  private static void refused(String name, String source, Consumer<CheckpointFile> damage, String message) {
    CheckpointFile bad = stateOf(source);
    damage.accept(bad);
    try (Environment<float[], Object> target = make(name); Environment<float[], Object> twin = make(name)) {
      target.reset(9);
      twin.reset(9);
      boolean running = EnvironmentContract.advance(target, new SplittableRandom(3), 4, true);
      EnvironmentContract.advance(twin, new SplittableRandom(3), 4, true);
      CheckpointException e = assertThrows(CheckpointException.class, () -> Restorable.of(target).readState(bad, "env."));
      assertEquals(message, e.getMessage());
      EnvironmentContract.assertSameFuture(twin, target, running, new SplittableRandom(4), 100,
          name + " after refusing a state");
    }
  }

  @Test
  void everyClassicEnvironmentIsRestorable() {
    for (String name : CLASSIC) {
      assertTrue(Restorable.of(make(name)) != null, name);
    }
  }

  @Test
  void aStateOfAnotherEnvironmentOrStepLimitIsRefused() {
    refused("Acrobot-v1", "CartPole-v1", cp -> { }, "the checkpoint: the entry 'env.environment' is"
        + " 'CartPole(maxEpisodeSteps=500)', but it must be 'Acrobot(maxEpisodeSteps=500)': a state is read into an"
        + " environment built the same way");
    refused("CartPole-v1", "CartPole-v0", cp -> { }, "the checkpoint: the entry 'env.environment' is"
        + " 'CartPole(maxEpisodeSteps=200)', but it must be 'CartPole(maxEpisodeSteps=500)': a state is read into an"
        + " environment built the same way");
  }

  @Test
  void countersOutOfTheirRangesOrInconsistentAreRefused() {
    refused("CartPole-v1", "CartPole-v1", cp -> cp.putLong("env.elapsed", -1),
        "the checkpoint: the entry 'env.elapsed' is -1; allowed are 0 to 499");
    refused("CartPole-v1", "CartPole-v1", cp -> cp.putLong("env.elapsed", 500),
        "the checkpoint: the entry 'env.elapsed' is 500; allowed are 0 to 499");
    refused("Pendulum-v1", "Pendulum-v1", cp -> cp.putLong("env.rng.draws", -3),
        "the checkpoint: the entry 'env.rng.draws' is -3; allowed are 0 to " + Long.MAX_VALUE);
    refused("Pendulum-v1", "Pendulum-v1", cp -> cp.putLong("env.started", 0),
        "the checkpoint: the entry 'env.running' is 1, but 'started' is 0: an episode runs only after a reset");
    refused("GridMaze-v0", "GridMaze-v0", cp -> cp.putLong("env.running", 2),
        "the checkpoint: the entry 'env.running' is 2; a flag is 0 or 1");
  }

  @Test
  void physicalStatesAnEnvironmentCannotBeInAreRefused() {
    refused("CartPole-v1", "CartPole-v1", cp -> cp.putDoubles("env.state", new double[] {7, 0, 0, 0}),
        "the checkpoint: the entry 'env.state' is not a state of CartPole(maxEpisodeSteps=500): the cart position is"
            + " 7.0, outside [-4.8, 4.8]");
    refused("Acrobot-v1", "Acrobot-v1", cp -> cp.putDoubles("env.state", new double[] {0, 4, 0, 0}),
        "the checkpoint: the entry 'env.state' is not a state of Acrobot(maxEpisodeSteps=500): θ2 is 4.0, outside"
            + " [-3.141592653589793, 3.141592653589793]");
    refused("MountainCar-v0", "MountainCar-v0", cp -> cp.putDoubles("env.state", new double[] {-0.5, 0.08}),
        "the checkpoint: the entry 'env.state' is not a state of MountainCar(maxEpisodeSteps=200): the velocity is"
            + " 0.08, outside [-0.07, 0.07]");
    refused("MountainCarContinuous-v0", "MountainCarContinuous-v0",
        cp -> cp.putDoubles("env.state", new double[] {-0.5, 0, 0.5}),
        "the checkpoint: the entry 'env.state' is not a state of MountainCarContinuous(maxEpisodeSteps=999): the"
            + " float32 flag is 0.5; it is 0 or 1");
    refused("Pendulum-v1", "Pendulum-v1", cp -> cp.putDoubles("env.state", new double[] {100, -9}),
        "the checkpoint: the entry 'env.state' is not a state of Pendulum(g=10.0, maxEpisodeSteps=200): the angular"
            + " velocity is -9.0, outside [-8.0, 8.0]");
    refused("GridMaze-v0", "GridMaze-v0", cp -> cp.putDoubles("env.state", new double[] {3}),
        "the checkpoint: the entry 'env.state' is not a state of GridMaze(maxEpisodeSteps=50): the cell 3.0 is not a"
            + " free cell of the maze; the free cells are the numbers row · 7 + column of the cells that are not"
            + " walls, in 0..48");
  }
}
