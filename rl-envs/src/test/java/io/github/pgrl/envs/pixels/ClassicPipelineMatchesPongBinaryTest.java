package io.github.pgrl.envs.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The classic preprocessing applied to Pong's RGB frames gives exactly the binary image that {@link
 * PongEnvironment#binary(PongConfig, int)} renders directly, on every observation of random play: the two
 * renderers and the pipeline agree, for strides 2 (the classic 80×80), 1 and 4.
 */
class ClassicPipelineMatchesPongBinaryTest {

  /** Configurations with and without frame skip (fixed and random), sticky actions, short games. */
  @Provide
  Arbitrary<PongConfig> configs() {
    Arbitrary<int[]> skips = Arbitraries.of(new int[] {1, 1}, new int[] {4, 4}, new int[] {2, 4}, new int[] {1, 3});
    return Combinators.combine(
            skips,
            Arbitraries.of(0.0, 0.25),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 3),
            Arbitraries.of(true, false))
        .as((skip, sticky, two, points, reuse) -> PongConfig.builder()
            .frameSkip(skip[0], skip[1])
            .stickiness(sticky)
            .twoActions(two)
            .pointsToWin(points)
            .reuseObservation(reuse)
            .build());
  }

  @Property(tries = 60)
  void classicPipelineOfRgbFramesEqualsTheBinaryObservationOnEveryStep(
      @ForAll("configs") PongConfig config,
      @ForAll long seed,
      @ForAll long actionSeed,
      @ForAll @IntRange(min = 1, max = 400) int steps) {
    playAndCompare(PixelPipeline.classic(PongEnvironment.rgb(config)), PongEnvironment.binary(config, 2),
        seed, actionSeed, steps);
  }

  @Property(tries = 25)
  void pipelinesOfStride1And4EqualTheBinaryObservationsOfTheSameStride(
      @ForAll("configs") PongConfig config,
      @ForAll long seed,
      @ForAll long actionSeed,
      @ForAll @IntRange(min = 1, max = 300) int steps,
      @ForAll("strides") int stride) {
    PixelPipeline<Integer> pipeline = PixelPipeline.builder()
        .crop(35, 195, 0, 160).downsample(stride).channel(0).binarize(144, 109)
        .build(PongEnvironment.rgb(config));
    PongEnvironment.Binary binary = PongEnvironment.binary(config, stride);
    assertEquals(160 / stride, binary.side());
    assertEquals(binary.side() * binary.side(), pipeline.box().size());

    playAndCompare(pipeline, binary, seed, actionSeed, steps);
  }

  @Provide
  Arbitrary<Integer> strides() {
    return Arbitraries.of(1, 4);
  }

  /**
   * Plays the same random actions in both environments from {@code reset(seed)}, starting new episodes
   * with {@code reset()}, and compares every observation, reward, flag and info.
   */
  private static void playAndCompare(Environment<float[], Integer> pipeline, Environment<float[], Integer> binary,
      long seed, long actionSeed, int steps) {
    SplittableRandom actions = new SplittableRandom(actionSeed);
    int n = ((Discrete) pipeline.actionSpace()).n();
    assertEquals(binary.actionSpace(), pipeline.actionSpace());
    assertArrayEquals(binary.reset(seed), pipeline.reset(seed), "the first observation after reset(" + seed + ")");
    int episodes = 1;
    for (int t = 0; t < steps; t++) {
      int action = actions.nextInt(n);
      Step<float[]> expected = binary.step(action);
      Step<float[]> actual = pipeline.step(action);
      String where = "step " + t + " (episode " + episodes + ", action " + action + ")";
      assertArrayEquals(expected.observation(), actual.observation(), where);
      assertShowsThePaddles(actual.observation(), where);
      assertEquals(expected.reward(), actual.reward(), where);
      assertEquals(expected.terminated(), actual.terminated(), where);
      assertEquals(expected.truncated(), actual.truncated(), where);
      assertEquals(expected.info(), actual.info(), where);
      if (expected.done()) {
        episodes++;
        assertArrayEquals(binary.reset(), pipeline.reset(), "the first observation of episode " + episodes);
      }
    }
  }

  /** Both paddles are always on the court, so an image with fewer than two set cells is not a frame. */
  private static void assertShowsThePaddles(float[] image, String where) {
    int set = 0;
    for (float v : image) {
      set += v != 0 ? 1 : 0;
    }
    int count = set;
    assertTrue(count >= 2, () -> where + " shows " + count + " set cells; a frame shows at least both paddles");
  }
}
