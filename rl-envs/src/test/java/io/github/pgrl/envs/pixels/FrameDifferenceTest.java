package io.github.pgrl.envs.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.ByteImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FrameDifference} observes zeros first, then exact differences, and forgets at every reset. */
class FrameDifferenceTest {

  private static final float[] A = {0f, 1f, 0.5f, 0.25f};
  private static final float[] B = {1f, 1f, 0f, 0.75f};
  private static final float[] C = {0f, 0f, 0.5f, 1f};

  private static ScriptedEnvironment<float[]> script(boolean reuse) {
    return new ScriptedEnvironment<>(Box.of(0f, 1f, 2, 2), List.of(A, B, C), reuse);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theFirstObservationIsZerosThenEachIsTheCurrentMinusThePrevious(boolean innerReusesItsArray) {
    FrameDifference<Integer> d = FrameDifference.of(script(innerReusesItsArray));

    assertArrayEquals(new float[4], d.reset(0));
    assertArrayEquals(new float[] {1f, 0f, -0.5f, 0.5f}, d.step(0).observation());
    assertArrayEquals(new float[] {-1f, -1f, 0.5f, 0.25f}, d.step(1).observation());
  }

  @Test
  void resetForgetsThePreviousEpisode() {
    FrameDifference<Integer> d = FrameDifference.of(script(false));
    d.reset(0);
    d.step(0);
    d.step(0);

    assertArrayEquals(new float[4], d.reset(), "reset() after an episode");
    assertArrayEquals(new float[] {1f, 0f, -0.5f, 0.5f}, d.step(0).observation());
    assertArrayEquals(new float[4], d.reset(7), "reset(seed) in the middle of an episode");
    assertArrayEquals(new float[] {1f, 0f, -0.5f, 0.5f}, d.step(0).observation());
  }

  @Test
  void theSpaceHasTheInnerShapeAndBoundsOfTheWidestDifference() {
    Box inner = Box.of(new float[] {0f, -2f, 1f}, new float[] {1f, 3f, 1f}, new int[] {3});
    ScriptedEnvironment<float[]> env =
        new ScriptedEnvironment<>(inner, List.of(new float[] {0f, 0f, 1f}, new float[] {1f, 3f, 1f}), false);
    FrameDifference<Integer> d = FrameDifference.of(env);

    assertEquals(Box.of(new float[] {-1f, -5f, 0f}, new float[] {1f, 5f, 0f}, new int[] {3}), d.observationSpace());
    assertArrayEquals(new int[] {2, 2}, FrameDifference.of(script(false)).observationSpace().shape());
    assertEquals(Box.of(-1f, 1f, 2, 2), FrameDifference.of(script(false)).observationSpace());
  }

  @Test
  void unboundedElementsGiveUnboundedDifferences() {
    Box inner = Box.of(new float[] {Float.NEGATIVE_INFINITY, 0f, Float.POSITIVE_INFINITY},
        new float[] {0f, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, new int[] {3});
    ScriptedEnvironment<float[]> env =
        new ScriptedEnvironment<>(inner, List.of(new float[] {0f, 0f, 1f}, new float[] {0f, 0f, 1f}), false);

    Box space = (Box) FrameDifference.of(env).observationSpace();

    float inf = Float.POSITIVE_INFINITY;
    assertArrayEquals(new float[] {-inf, -inf, -inf}, space.low());
    assertArrayEquals(new float[] {inf, inf, inf}, space.high());
  }

  @Test
  void stepsPassRewardFlagsAndInfoThrough() {
    FrameDifference<Integer> d = FrameDifference.of(script(false));
    d.reset(0);
    d.step(0);

    Step<float[]> s = d.step(1);

    assertEquals(2.0, s.reward());
    assertTrue(s.terminated());
    assertEquals(Map.of(ScriptedEnvironment.T, 2), s.info());
    assertThrows(IllegalStateException.class, () -> d.step(0));
  }

  @Test
  void byDefaultEveryObservationIsANewArrayThatLaterStepsLeaveAlone() {
    FrameDifference<Integer> d = FrameDifference.of(script(true));

    float[] first = d.reset(0);
    float[] second = d.step(0).observation();
    d.step(0);

    assertNotSame(first, second);
    assertArrayEquals(new float[4], first);
    assertArrayEquals(new float[] {1f, 0f, -0.5f, 0.5f}, second);
  }

  @Test
  void withReuseOutputEveryObservationIsTheSameArray() {
    FrameDifference<Integer> d = FrameDifference.of(script(true), true);

    float[] first = d.reset(0);
    float[] second = d.step(0).observation();

    assertSame(first, second);
    assertArrayEquals(new float[] {1f, 0f, -0.5f, 0.5f}, second);
    assertArrayEquals(new float[4], d.reset(0), "the reused array is cleared at reset");
  }

  @Test
  void composesWithAPixelPipeline() {
    byte[] dark = new byte[2 * 2 * 3];
    byte[] lit = dark.clone();
    lit[3] = (byte) 255;
    ScriptedEnvironment<byte[]> frames =
        new ScriptedEnvironment<>(ByteImage.of(2, 2, 3), List.of(dark, lit, dark), true);
    FrameDifference<Integer> d = FrameDifference.of(PixelPipeline.builder().channel(0).binarize(0).build(frames));

    assertArrayEquals(new float[4], d.reset(0));
    assertArrayEquals(new float[] {0, 1, 0, 0}, d.step(0).observation());
    assertArrayEquals(new float[] {0, -1, 0, 0}, d.step(0).observation());
  }

  @Test
  void anEnvironmentWithoutABoxSpaceIsRefused() {
    ScriptedEnvironment<float[]> odd = new ScriptedEnvironment<>(new FloatsWithoutBounds(),
        List.of(new float[1], new float[1]), false);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameDifference.of(odd));
    assertTrue(e.getMessage().contains("observation space is a Box") && e.getMessage().contains("got floats"),
        e.getMessage());
    assertThrows(NullPointerException.class, () -> FrameDifference.of(null));
  }

  @Test
  void anObservationOfTheWrongLengthIsReportedAsIllegalState() {
    ScriptedEnvironment<float[]> liar =
        new ScriptedEnvironment<>(Box.of(0f, 1f, 4), List.of(new float[3], new float[3]), false);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FrameDifference.of(liar).reset(0));
    assertTrue(e.getMessage().contains("3 elements") && e.getMessage().contains("has 4"), e.getMessage());
  }
}
