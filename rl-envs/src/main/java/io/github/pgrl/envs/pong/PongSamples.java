package io.github.pgrl.envs.pong;

import io.github.pgrl.core.Step;
import io.github.pgrl.envs.pixels.FrameDifference;
import java.util.SplittableRandom;

/**
 * Fixed samples of what a Pong-from-pixels policy sees, for benchmarks and tests of policy compute.
 *
 * @since 0.1.0
 */
public final class PongSamples {

  private PongSamples() {}

  /**
   * Difference frames of the 80×80 binary image ({@code FrameDifference} over {@code
   * PongEnvironment.binary}) from uniformly random UP/DOWN play against the default opponent: the inputs of
   * the classic 6400-200-1 network, mostly zeros. A game that ends is followed by a new one.
   *
   * @param count how many frames, at least 1
   * @param frameSkip frames per agent step, at least 1
   * @param seed the seed of the games and of the random play
   * @return {@code count} new arrays of 6,400 values in {−1, 0, 1}
   * @throws IllegalArgumentException if {@code count} or {@code frameSkip} is out of range
   */
  public static float[][] differenceFrames(int count, int frameSkip, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("need at least 1 frame, got " + count);
    }
    FrameDifference<Integer> env =
        FrameDifference.of(PongEnvironment.binary(PongConfig.builder().twoActions(true).frameSkip(frameSkip).build(), 2));
    SplittableRandom rng = new SplittableRandom(seed);
    env.reset(seed);
    float[][] frames = new float[count][];
    for (int t = 0; t < count; t++) {
      Step<float[]> s = env.step(rng.nextInt(2));
      frames[t] = s.observation().clone();
      if (s.done()) {
        env.reset();
      }
    }
    return frames;
  }
}
