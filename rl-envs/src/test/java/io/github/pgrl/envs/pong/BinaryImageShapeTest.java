package io.github.pgrl.envs.pong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.pgrl.core.space.Box;
import io.github.pgrl.envs.pixels.FrameStack;
import io.github.pgrl.envs.pixels.PixelPipeline;
import org.junit.jupiter.api.Test;

/**
 * The binary observation is an image: its {@link Box} has the shape {@code [side, side]}, as the classic
 * {@link PixelPipeline} gives, so that stacked frames are {@code [k, side, side]}, the shape a
 * convolutional policy takes.
 */
class BinaryImageShapeTest {

  @Test
  void theBinaryObservationSpaceIsASquareImage() {
    assertArrayEquals(new int[] {80, 80}, PongEnvironment.binary().observationSpace().shape());
    assertArrayEquals(new int[] {40, 40}, PongEnvironment.binary(PongConfig.defaults(), 4).observationSpace().shape());
    assertArrayEquals(PixelPipeline.classic(PongEnvironment.rgb()).observationSpace().shape(),
        PongEnvironment.binary().observationSpace().shape(), "the classic pipeline's shape");
    assertArrayEquals(new int[] {2, 80, 80}, FrameStack.of(PongEnvironment.binary(), 2).observationSpace().shape());
  }
}
