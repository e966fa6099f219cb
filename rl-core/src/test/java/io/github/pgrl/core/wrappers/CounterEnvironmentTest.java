package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Step;
import org.junit.jupiter.api.Test;

/** The wrapper tests rely on this test environment keeping the environment contract. */
class CounterEnvironmentTest {

  @Test
  void countsStepsRewardsTheActionAndTerminatesAfterItsLength() {
    CounterEnvironment env = new CounterEnvironment(3);
    assertArrayEquals(new float[] {0f}, env.reset());
    Step<float[]> s1 = env.step(1);
    Step<float[]> s2 = env.step(0);
    Step<float[]> s3 = env.step(1);
    assertArrayEquals(new float[] {1f}, s1.observation());
    assertEquals(1.0, s1.reward());
    assertEquals(0.0, s2.reward());
    assertFalse(s2.done());
    assertTrue(s3.terminated());
    assertFalse(s3.truncated());
    assertArrayEquals(new float[] {3f}, s3.observation());
    assertEquals(3, s3.info().get(CounterEnvironment.COUNT));
  }

  @Test
  void rejectsStepBeforeResetAndAfterTheEnd() {
    CounterEnvironment env = new CounterEnvironment(1);
    assertEquals(CounterEnvironment.NOT_STARTED, assertThrows(IllegalStateException.class, () -> env.step(0)).getMessage());
    env.reset();
    env.step(0);
    assertEquals(CounterEnvironment.ENDED, assertThrows(IllegalStateException.class, () -> env.step(0)).getMessage());
  }

  @Test
  void rejectsAnActionOutsideItsSpaceNamingActionAndSpace() {
    CounterEnvironment env = new CounterEnvironment(2);
    env.reset();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(2));
    assertTrue(e.getMessage().contains("2") && e.getMessage().contains("Discrete(2)"), e.getMessage());
  }
}
