package io.github.pgrl.core.check;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;

/** The correct {@link MaskedCorridor} honours the whole environment contract, its masks included. */
class MaskedCorridorContractTest implements EnvironmentContract<float[], Integer> {

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return new MaskedCorridor(MaskedCorridor.Fault.NONE);
  }
}
