package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.envs.pong.PongEnvironment;

/** Four stacked grayscale frames of Pong, downsampled by 4, honour the environment contract. */
class PongFrameStackContractTest implements EnvironmentContract<float[], Integer> {

  @Override
  public Environment<float[], Integer> createEnvironment() {
    PixelPipeline<Integer> pixels = PixelPipeline.builder()
        .crop(34, 194, 0, 160).downsample(4).grayscale()
        .build(PongEnvironment.rgb(ClassicPongPipelineContractTest.SHORT_GAMES));
    return FrameStack.of(pixels, 4);
  }
}
