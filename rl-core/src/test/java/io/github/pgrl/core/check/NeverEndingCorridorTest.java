package io.github.pgrl.core.check;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;

/**
 * A corridor whose episodes never end honours the contract; the step-after-the-end property has nothing to
 * try and is skipped rather than failed.
 */
class NeverEndingCorridorTest implements EnvironmentContract<float[], Integer> {

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return Corridor.with(Corridor.Fault.NEVER_ENDS);
  }

  @Override
  public int maxStepsToEnd() {
    return 200;
  }
}
