package io.github.pgrl.examples;

import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pgrl check} runs the environment checker over the bundled environments, the continuous ones too. */
class CheckCommandTest {

  @Test
  void checksCartPoleTheContinuousEnvironmentsAndTheThermostatAndExitsZero() {
    CliRun.Result r = run("check");

    assertEquals(0, r.code(), r.out() + r.err());
    List<String> lines = r.out().strip().lines().toList();
    List<String> names = lines.stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
    assertEquals(List.of("CartPole-v1", "MountainCarContinuous-v0", "Pendulum-v1",
        "Thermostat (the README's custom environment)"), names);
    for (String line : lines) {
      assertTrue(line.endsWith("passed the environment checks"), line);
    }
  }
}
