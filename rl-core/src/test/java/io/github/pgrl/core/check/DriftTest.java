package io.github.pgrl.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Step;
import net.jqwik.api.Example;

class DriftTest implements EnvironmentContract<float[], float[]> {

  @Override
  public Environment<float[], float[]> createEnvironment() {
    return new Drift(true);
  }

  @Example
  void rewardIsMinusTheDistanceFromTheOriginOverTheLimit() {
    try (Drift drift = new Drift(true)) {
      drift.reset(9);
      Step<float[]> step = drift.step(new float[] {0.5f});
      assertEquals(-Math.abs(step.observation()[0]) / Drift.LIMIT, step.reward(), 1e-6);
    }
  }

  @Example
  void returnsAFreshObservationArrayEachStep() {
    try (Drift drift = new Drift(true)) {
      float[] first = drift.reset(9);
      assertNotSame(first, drift.step(new float[] {0f}).observation());
    }
  }
}
