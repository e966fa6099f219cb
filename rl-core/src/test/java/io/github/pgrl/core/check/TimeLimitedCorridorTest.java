package io.github.pgrl.core.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.wrappers.TimeLimit;
import net.jqwik.api.Example;

/** A never-ending corridor inside a {@link TimeLimit} honours the whole contract, the end of episodes included. */
class TimeLimitedCorridorTest implements EnvironmentContract<float[], Integer> {

  private static final int LIMIT = 25;

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return TimeLimit.of(Corridor.with(Corridor.Fault.NEVER_ENDS), LIMIT);
  }

  @Example
  void theLimitTruncatesWithoutTerminating() {
    try (Environment<float[], Integer> env = createEnvironment()) {
      env.reset(4);
      Step<float[]> step = null;
      for (int t = 0; t < LIMIT; t++) {
        assertFalse(step != null && step.done(), "ended before the limit at step " + t);
        step = env.step(t % 2);
      }
      assertTrue(step.truncated());
      assertFalse(step.terminated());
    }
  }

  @Example
  void theCheckerFindsNoProblemAndNoNote() {
    CheckReport report = EnvironmentChecker.defaults().report(this::createEnvironment);

    assertTrue(report.passed(), report::message);
    assertTrue(report.notes().isEmpty(), report::message);
  }
}
