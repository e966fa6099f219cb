package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.envs.Environments;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code pgrl check} runs the environment checker over the classic-control environments, the masked maze
 * and the README's, and names the optional contracts it checked.
 */
class CheckCommandTest {

  @Test
  void checkPassesTheClassicControlEnvironmentsTheMazeAndTheThermostatOneLineEach() {
    CliRun.Result r = CliRun.run("check");

    assertEquals(0, r.code(), r.out() + r.err());
    List<String> lines = r.out().strip().lines().toList();
    List<String> names = List.of("CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0",
        "Pendulum-v1", "GridMaze-v0", "Thermostat (the README's custom environment)");
    assertEquals(names.size(), lines.size(), r.out());
    for (int i = 0; i < names.size(); i++) {
      assertTrue(lines.get(i).startsWith(names.get(i) + ": "), lines.get(i));
      assertTrue(lines.get(i).contains("passed the environment checks"), lines.get(i));
    }
  }

  @Test
  void eachLineNamesTheOptionalContractsThatWereChecked() {
    List<String> lines = CliRun.run("check").out().strip().lines().toList();

    for (int i = 0; i < 5; i++) {
      assertTrue(lines.get(i).endsWith("passed the environment checks (with Restorable)"), lines.get(i));
    }
    assertTrue(lines.get(5).endsWith("passed the environment checks (with ActionMasks, Restorable)"), lines.get(5));
    assertTrue(lines.get(6).endsWith("passed the environment checks"), "the README's environment has none: " + lines.get(6));
  }

  @Test
  void everyCheckedNameIsRegistered() {
    assertTrue(Environments.names().containsAll(Main.Check.CLASSIC_CONTROL), Main.Check.CLASSIC_CONTROL.toString());
    assertTrue(Environments.names().containsAll(Main.Check.MASKED), Main.Check.MASKED.toString());
  }
}
