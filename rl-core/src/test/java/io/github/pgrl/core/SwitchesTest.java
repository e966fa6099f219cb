package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.check.CheckReport;
import io.github.pgrl.core.check.EnvironmentChecker;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.opentest4j.AssertionFailedError;

/**
 * {@link Switches} keeps the environment contract and passes the checker, which, like the contract, tries
 * actions outside its {@code MultiDiscrete} space; both notice a variant that accepts them.
 */
class SwitchesTest implements EnvironmentContract<float[], int[]> {

  @Override
  public Environment<float[], int[]> createEnvironment() {
    return new Switches();
  }

  @Property(tries = 20)
  void theRewardIsTheFractionOfSwitchesSetRightAndEpisodesLastFiveSteps(@ForAll long seed) {
    try (Switches env = new Switches()) {
      float[] x = env.reset(seed);
      for (int t = 1; t <= Switches.STEPS; t++) {
        int context = contextOf(x);
        int[] right = env.right(context);
        int[] oneWrong = right.clone();
        oneWrong[t % 3] = (right[t % 3] + 1) % env.actionSpace().n(t % 3);
        Step<float[]> step = env.step(t % 2 == 0 ? right : oneWrong);
        assertEquals(t % 2 == 0 ? 1.0 : 2.0 / 3, step.reward(), 1e-12, "step " + t);
        assertEquals(t == Switches.STEPS, step.terminated(), "step " + t);
        assertFalse(step.truncated());
        x = step.observation();
      }
    }
  }

  @Example
  void theRightPositionsCycleWithTheContext() {
    Switches env = new Switches(3, 2, 4);

    assertArrayEquals(new int[] {0, 1, 2}, env.right(0));
    assertArrayEquals(new int[] {1, 0, 3}, env.right(1));
    assertArrayEquals(new int[] {2, 1, 0}, env.right(2));
    assertArrayEquals(new int[] {0, 0, 1}, env.right(3));
  }

  @Example
  void theCheckerPassesIt() {
    CheckReport report = EnvironmentChecker.defaults().report(Switches::new);

    assertTrue(report.passed(), report::message);
    assertEquals(List.of(), report.notes(), "the checker tried actions outside MultiDiscrete([3, 2, 4])");
  }

  @Example
  void theCheckerReportsEachAcceptedActionOutsideTheSpace() {
    CheckReport report = EnvironmentChecker.defaults().report(() -> Switches.acceptingAnyAction(3, 2, 4));

    assertFalse(report.passed());
    for (String action : List.of("[0, 0, 0, 0]", "[3, 2, 4]", "[0, 0, -1]")) {
      assertTrue(report.problems().contains("the action " + action + ", outside the action space MultiDiscrete([3, 2,"
          + " 4]), was accepted; it must throw IllegalArgumentException"), report::message);
    }
    assertEquals(3, report.problems().size(), report::message);
  }

  @Example
  void theContractNoticesAnActionOutsideTheSpaceThatIsAccepted() {
    EnvironmentContract<float[], int[]> faulty = () -> Switches.acceptingAnyAction(3, 2, 4);

    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        faulty::actionOutsideTheSpaceThrowsIllegalArgumentExceptionNamingActionAndSpace);

    assertTrue(e.getMessage().contains("with an action outside MultiDiscrete([3, 2, 4]) was accepted"), e.getMessage());
  }

  private static int contextOf(float[] x) {
    for (int c = 0; c < x.length; c++) {
      if (x[c] == 1f) {
        return c;
      }
    }
    throw new AssertionError("no context in the observation");
  }
}
