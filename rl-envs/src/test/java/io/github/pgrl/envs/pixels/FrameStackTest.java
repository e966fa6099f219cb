package io.github.pgrl.envs.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FrameStack} concatenates the last k observations oldest first, padded with the first. */
class FrameStackTest {

  /** Five observations of two elements: {@code {10·t, 10·t + 1}}. */
  private static ScriptedEnvironment<float[]> script(boolean reuse) {
    return new ScriptedEnvironment<>(Box.of(0f, 100f, 2),
        List.of(obs(0), obs(1), obs(2), obs(3), obs(4)), reuse);
  }

  private static float[] obs(int t) {
    return new float[] {10 * t, 10 * t + 1};
  }

  private static float[] concat(int... ts) {
    float[] out = new float[2 * ts.length];
    for (int i = 0; i < ts.length; i++) {
      System.arraycopy(obs(ts[i]), 0, out, 2 * i, 2);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theStackHoldsTheLastKObservationsOldestFirstPaddedWithTheFirst(boolean innerReusesItsArray) {
    FrameStack<Integer> s = FrameStack.of(script(innerReusesItsArray), 3);

    assertArrayEquals(concat(0, 0, 0), s.reset(0));
    assertArrayEquals(concat(0, 0, 1), s.step(0).observation());
    assertArrayEquals(concat(0, 1, 2), s.step(0).observation());
    assertArrayEquals(concat(1, 2, 3), s.step(0).observation());
    assertArrayEquals(concat(2, 3, 4), s.step(0).observation());
  }

  @Test
  void resetForgetsThePreviousEpisode() {
    FrameStack<Integer> s = FrameStack.of(script(false), 2);
    s.reset(0);
    s.step(0);
    s.step(0);

    assertArrayEquals(concat(0, 0), s.reset());
    assertArrayEquals(concat(0, 1), s.step(0).observation());
  }

  @Test
  void aStackOfOneIsTheCurrentObservation() {
    FrameStack<Integer> s = FrameStack.of(script(false), 1);

    assertArrayEquals(concat(0), s.reset(0));
    assertArrayEquals(concat(1), s.step(0).observation());
    assertEquals(Box.of(0f, 100f, 1, 2), s.observationSpace());
  }

  @Test
  void theSpaceIsKCopiesOfTheInnerBoundsWithTheDepthFirst() {
    Box inner = Box.of(new float[] {0f, -1f, 2f, 3f}, new float[] {1f, 1f, 5f, 3f}, new int[] {2, 2});
    ScriptedEnvironment<float[]> env = new ScriptedEnvironment<>(inner,
        List.of(new float[] {0f, 0f, 2f, 3f}, new float[] {1f, 1f, 5f, 3f}), false);

    FrameStack<Integer> s = FrameStack.of(env, 3);

    Box space = (Box) s.observationSpace();
    assertArrayEquals(new int[] {3, 2, 2}, space.shape());
    assertArrayEquals(new float[] {0f, -1f, 2f, 3f, 0f, -1f, 2f, 3f, 0f, -1f, 2f, 3f}, space.low());
    assertArrayEquals(new float[] {1f, 1f, 5f, 3f, 1f, 1f, 5f, 3f, 1f, 1f, 5f, 3f}, space.high());
    assertEquals(3, s.depth());
    assertTrue(space.contains(s.reset(0)));
  }

  @Test
  void byDefaultEveryObservationIsANewArrayThatLaterStepsLeaveAlone() {
    FrameStack<Integer> s = FrameStack.of(script(true), 2);

    float[] first = s.reset(0);
    float[] second = s.step(0).observation();
    s.step(0);

    assertNotSame(first, second);
    assertArrayEquals(concat(0, 0), first);
    assertArrayEquals(concat(0, 1), second);
  }

  @Test
  void withReuseOutputEveryObservationIsTheSameArray() {
    FrameStack<Integer> s = FrameStack.of(script(true), 2, true);

    float[] first = s.reset(0);
    float[] second = s.step(0).observation();
    float[] third = s.step(0).observation();

    assertSame(first, second);
    assertSame(second, third);
    assertArrayEquals(concat(1, 2), third);
  }

  @Test
  void stepsPassRewardFlagsAndInfoThrough() {
    FrameStack<Integer> s = FrameStack.of(script(false), 2);
    s.reset(0);

    Step<float[]> step = s.step(1);

    assertEquals(1.0, step.reward());
    assertEquals(Map.of(ScriptedEnvironment.T, 1), step.info());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aDepthBelow1IsRefused(int k) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameStack.of(script(false), k));
    assertTrue(e.getMessage().contains("at least 1") && e.getMessage().contains("k = " + k), e.getMessage());
  }

  @Test
  void aStackTooLargeForOneArrayIsRefused() {
    ScriptedEnvironment<float[]> env =
        new ScriptedEnvironment<>(Box.of(0f, 1f, 4), List.of(new float[4], new float[4]), false);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FrameStack.of(env, Integer.MAX_VALUE / 2));
    assertTrue(e.getMessage().contains("too large"), e.getMessage());
  }

  @Test
  void anEnvironmentWithoutABoxSpaceIsRefused() {
    ScriptedEnvironment<float[]> odd =
        new ScriptedEnvironment<>(new FloatsWithoutBounds(), List.of(new float[1], new float[1]), false);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameStack.of(odd, 2));
    assertTrue(e.getMessage().contains("observation space is a Box") && e.getMessage().contains("got floats"),
        e.getMessage());
    assertThrows(NullPointerException.class, () -> FrameStack.of(null, 2));
  }

  @Test
  void anObservationOfTheWrongLengthIsReportedAsIllegalState() {
    ScriptedEnvironment<float[]> liar =
        new ScriptedEnvironment<>(Box.of(0f, 1f, 4), List.of(new float[5], new float[5]), false);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FrameStack.of(liar, 2).reset(0));
    assertTrue(e.getMessage().contains("5 elements") && e.getMessage().contains("has 4"), e.getMessage());
  }
}
