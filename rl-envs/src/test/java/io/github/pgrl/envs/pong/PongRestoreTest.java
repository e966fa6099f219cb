package io.github.pgrl.envs.pong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.envs.pong.PongTesting.State;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A Pong match written in the middle and read back continues exactly: through the serves that follow, whose
 * direction and speed come from the environment's generator, and with the random frame skips and sticky
 * actions that draw on every step. A state no game of the configuration can be in is refused and changes
 * nothing.
 */
class PongRestoreTest {

  private static int points(PongEnvironment<?> env) {
    return env.game().agentScore() + env.game().opponentScore();
  }

  private static CheckpointFile roundTrip(PongEnvironment<?> env) {
    CheckpointFile written = new CheckpointFile();
    env.writeState(written, "pong.");
    return CheckpointFile.fromBytes(written.toBytes(), "the Pong state");
  }

  @Test
  void aMatchSavedBetweenServesContinuesExactlyThroughTheNextThreeServesInANewInstanceAndInAUsedOne() {
    try (PongEnvironment.Rgb a = PongEnvironment.rgb(); PongEnvironment.Rgb fresh = PongEnvironment.rgb();
        PongEnvironment.Rgb used = PongEnvironment.rgb()) {
      SplittableRandom actions = new SplittableRandom(7);
      a.reset(2024);
      while (points(a) < 2) {
        a.step(actions.nextInt(3));
      }
      a.step(actions.nextInt(3)); // the ball of the last serve is under way: the next serve is still to come
      CheckpointFile state = roundTrip(a);
      int pointsAtSave = points(a);
      used.reset(99); // its drawing of another game must not show through
      for (int t = 0; t < 30; t++) {
        used.step(1);
      }

      fresh.readState(state, "pong.");
      used.readState(state, "pong.");

      assertEquals(State.of(a), State.of(fresh), "the game read back");
      int t = 0;
      while (points(a) < pointsAtSave + 3) {
        int action = actions.nextInt(3);
        Step<byte[]> expected = a.step(action);
        String where = "step " + t + " after the save (" + (points(a) - pointsAtSave) + " serves since)";
        for (PongEnvironment.Rgb restored : new PongEnvironment.Rgb[] {fresh, used}) {
          Step<byte[]> actual = restored.step(action);
          String which = where + " in the " + (restored == fresh ? "new" : "used") + " instance";
          assertArrayEquals(expected.observation(), actual.observation(), which);
          assertEquals(expected.reward(), actual.reward(), which);
          assertEquals(expected.terminated(), actual.terminated(), which);
          assertEquals(expected.truncated(), actual.truncated(), which);
          assertEquals(expected.info(), actual.info(), which);
          assertEquals(State.of(a), State.of(restored), which);
        }
        t++;
      }
    }
  }

  @Test
  void withRandomFrameSkipsAndStickyActionsARestoredMatchContinuesExactly() {
    PongConfig ale = PongConfig.builder().frameSkip(2, 4).stickiness(0.25).build();
    try (PongEnvironment.Binary a = PongEnvironment.binary(ale, 2); PongEnvironment.Binary b = PongEnvironment.binary(ale, 2)) {
      SplittableRandom actions = new SplittableRandom(5);
      a.reset(31);
      boolean running = EnvironmentContract.advance(a, actions, 137, true);
      CheckpointFile state = roundTrip(a);

      b.readState(state, "pong.");

      EnvironmentContract.assertSameFuture(a, b, running, actions, 600, "Pong with frame skips 2..4 and sticky actions");
    }
  }

  @Test
  void aStateNoGameOfThisConfigurationCanBeInIsRefusedNamingTheEntryAndChangesNothing() {
    Supplier<PongEnvironment<?>> rgb = PongEnvironment::rgb;
    refused(rgb, () -> PongEnvironment.binary(), cp -> { }, "the checkpoint: the entry 'pong.environment' is"
        + " 'Pong(binary 80x80)', but it must be 'Pong(rgb)': a state is read into Pong with the same observation");
    refused(rgb, () -> PongEnvironment.rgb(PongConfig.builder().pointsToWin(5).build()), cp -> { },
        "the checkpoint: the entry 'pong.config' is '" + PongConfig.builder().pointsToWin(5).build() + "', but it must"
            + " be '" + PongConfig.defaults() + "': a state is read into Pong with the same configuration");
    refused(rgb, rgb, cp -> cp.putLong("pong.game.agentScore", 21),
        "the checkpoint: the entry 'pong.game.agentScore' is 21; allowed are 0 to 20");
    refused(rgb, rgb, cp -> cp.putLong("pong.steps", -1), "the checkpoint: the entry 'pong.steps' is -1; allowed are"
        + " 0 to " + (PongConfig.defaults().maxSteps() - 1));
    refused(rgb, rgb, cp -> cp.putLong("pong.lastCommand", 3),
        "the checkpoint: the entry 'pong.lastCommand' is 3; allowed are 0 to 2");
    refused(rgb, rgb, cp -> cp.putDoubles("pong.game.positions", with(cp.doubles("pong.game.positions"), 2, 1.0)),
        "the checkpoint: the entry 'pong.game.positions' and 'game.ballHistory' are not a state of "
            + PongConfig.defaults() + ": the ball's x velocity is 1.0; it is ±2.5, the ball speed of the rules");
    refused(rgb, rgb, cp -> cp.putDoubles("pong.game.positions", with(cp.doubles("pong.game.positions"), 1, 0)),
        "the checkpoint: the entry 'pong.game.positions' and 'game.ballHistory' are not a state of "
            + PongConfig.defaults() + ": the ball's y is 0.0, outside [34.0, 191.0]");
  }

  private static double[] with(double[] values, int i, double value) {
    values[i] = value;
    return values;
  }

  /**
   * Asserts that an environment from {@code target} refuses the state of one from {@code source} (after 40
   * steps) changed by {@code damage}, with {@code message}, and then plays on as a twin never asked.
   */
  @SuppressWarnings("unchecked")
  private static void refused(Supplier<PongEnvironment<?>> target, Supplier<PongEnvironment<?>> source,
      Consumer<CheckpointFile> damage, String message) {
    CheckpointFile bad = new CheckpointFile();
    try (PongEnvironment<?> s = source.get()) {
      s.reset(1);
      EnvironmentContract.advance(s, new SplittableRandom(2), 40, true);
      s.writeState(bad, "pong.");
    }
    damage.accept(bad);
    try (PongEnvironment<?> env = target.get(); PongEnvironment<?> twin = target.get()) {
      env.reset(8);
      twin.reset(8);
      boolean running = EnvironmentContract.advance(env, new SplittableRandom(3), 25, true);
      EnvironmentContract.advance(twin, new SplittableRandom(3), 25, true);
      CheckpointException e = assertThrows(CheckpointException.class, () -> env.readState(bad, "pong."));
      assertEquals(message, e.getMessage());
      EnvironmentContract.assertSameFuture((Environment<Object, Integer>) twin, (Environment<Object, Integer>) env,
          running, new SplittableRandom(4), 300, "Pong after refusing a state");
    }
  }
}
