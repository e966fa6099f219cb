package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;

/** The classic preprocessing of Pong's RGB frames honours the environment contract (games to 2 points). */
class ClassicPongPipelineContractTest implements EnvironmentContract<float[], Integer> {

  static final PongConfig SHORT_GAMES = PongConfig.builder().pointsToWin(2).build();

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return PixelPipeline.classic(PongEnvironment.rgb(SHORT_GAMES));
  }
}
