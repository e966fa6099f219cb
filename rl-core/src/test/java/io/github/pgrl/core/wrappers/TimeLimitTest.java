package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Step;
import org.junit.jupiter.api.Test;

class TimeLimitTest {

  @Test
  void truncatesExactlyOnTheStepThatReachesTheLimit() {
    TimeLimit<float[], Integer> env = TimeLimit.of(new CounterEnvironment(10), 3);
    env.reset();
    Step<float[]> s1 = env.step(1);
    Step<float[]> s2 = env.step(1);
    assertFalse(s1.done());
    assertFalse(s2.done());
    assertEquals(2, env.elapsedSteps());
    Step<float[]> s3 = env.step(1);
    assertTrue(s3.truncated());
    assertFalse(s3.terminated());
    assertEquals(3, env.elapsedSteps());
    assertEquals(3f, s3.observation()[0]);
    assertEquals(1.0, s3.reward());
  }

  @Test
  void throwsOnStepAfterTruncationEvenThoughTheWrappedEpisodeGoesOn() {
    CounterEnvironment inner = new CounterEnvironment(10);
    TimeLimit<float[], Integer> env = TimeLimit.of(inner, 2);
    env.reset();
    env.step(0);
    env.step(0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
    assertTrue(e.getMessage().contains("after the episode ended"), e.getMessage());
    assertEquals(2, inner.received().size(), "the refused action must not reach the wrapped environment");
  }

  @Test
  void throwsOnStepAfterTheWrappedEnvironmentTerminated() {
    TimeLimit<float[], Integer> env = TimeLimit.of(new CounterEnvironment(2), 5);
    env.reset();
    env.step(0);
    Step<float[]> last = env.step(0);
    assertTrue(last.terminated());
    assertFalse(last.truncated(), "terminated before the limit is not a truncation");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
    assertTrue(
        e.getMessage().contains("after the episode ended") && e.getMessage().contains("call reset()"),
        "TimeLimit itself must refuse the step: " + e.getMessage());
  }

  @Test
  void reportsBothFlagsWhenTerminationFallsOnTheLimit() {
    TimeLimit<float[], Integer> env = TimeLimit.of(new CounterEnvironment(2), 2);
    env.reset();
    env.step(1);
    Step<float[]> last = env.step(1);
    assertTrue(last.terminated());
    assertTrue(last.truncated());
  }

  @Test
  void throwsOnStepBeforeItsOwnResetEvenIfTheWrappedEnvironmentWasReset() {
    CounterEnvironment inner = new CounterEnvironment(10);
    TimeLimit<float[], Integer> env = TimeLimit.of(inner, 3);
    inner.reset();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
    assertTrue(e.getMessage().contains("before reset()"), e.getMessage());
    assertTrue(inner.received().isEmpty());
  }

  @Test
  void resetStartsTheCountAgain() {
    TimeLimit<float[], Integer> env = TimeLimit.of(new CounterEnvironment(10), 2);
    env.reset(7L);
    env.step(0);
    env.step(0);
    env.reset();
    assertEquals(0, env.elapsedSteps());
    assertFalse(env.step(0).done());
    assertTrue(env.step(0).truncated());
    env.reset(3L);
    assertFalse(env.step(1).done());
  }

  @Test
  void aRejectedActionDoesNotCountAsAStep() {
    TimeLimit<float[], Integer> env = TimeLimit.of(new CounterEnvironment(10), 2);
    env.reset();
    assertThrows(IllegalArgumentException.class, () -> env.step(5));
    assertEquals(0, env.elapsedSteps());
    assertFalse(env.step(0).done());
    assertTrue(env.step(0).truncated());
  }

  @Test
  void aLimitOfOneTruncatesTheFirstStep() {
    TimeLimit<float[], Integer> env = TimeLimit.of(new CounterEnvironment(10), 1);
    assertEquals(1, env.maxEpisodeSteps());
    env.reset();
    assertTrue(env.step(0).truncated());
  }

  @Test
  void rejectsALimitBelowOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeLimit.of(new CounterEnvironment(1), 0));
    assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TimeLimit.of(new CounterEnvironment(1), -5));
  }

  @Test
  void delegatesSpacesAndClose() {
    CounterEnvironment inner = new CounterEnvironment(4);
    TimeLimit<float[], Integer> env = TimeLimit.of(inner, 2);
    assertSame(inner.actionSpace(), env.actionSpace());
    assertSame(inner.observationSpace(), env.observationSpace());
    assertSame(inner, env.inner());
    env.close();
    assertEquals(1, inner.closes());
  }
}
