package io.github.pgrl.core.check;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;

/** The correct {@link Wander} keeps the environment contract, its {@code Restorable} properties included. */
class WanderContractTest implements EnvironmentContract<float[], Integer> {

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return Wander.correct();
  }
}
