package io.github.pgrl.envs.pong;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;

/** The RGB Pong environment honours the environment contract, with 3-point games so that episodes end. */
class PongRgbContractTest implements EnvironmentContract<byte[], Integer> {

  @Override
  public Environment<byte[], Integer> createEnvironment() {
    return PongEnvironment.rgb(PongBinaryContractTest.SHORT_GAMES);
  }
}
