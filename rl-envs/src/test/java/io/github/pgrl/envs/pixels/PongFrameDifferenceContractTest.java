package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;

/**
 * The classic pong-from-pixels input, frame differences of the classic preprocessing, honours the
 * environment contract, also when every layer reuses its buffers and frames are skipped at random.
 */
class PongFrameDifferenceContractTest implements EnvironmentContract<float[], Integer> {

  @Override
  public Environment<float[], Integer> createEnvironment() {
    PongConfig config = PongConfig.builder().pointsToWin(2).frameSkip(2, 4).stickiness(0.25)
        .twoActions(true).reuseObservation(true).build();
    PixelPipeline<Integer> pixels = PixelPipeline.builder()
        .crop(35, 195, 0, 160).downsample(2).channel(0).binarize(144, 109).reuseOutput(true)
        .build(PongEnvironment.rgb(config));
    return FrameDifference.of(pixels, true);
  }
}
