package io.github.pgrl.examples;

// README:custom-environment:start
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.SplittableRandom;

/** Keep a room at 21 °C: cool (0), wait (1) or heat (2); the outside drifts the temperature at random. */
public final class Thermostat implements Environment<float[], Integer> {
  private static final Discrete ACTIONS = Discrete.of(3);
  private static final Box TEMPERATURES = Box.of(-50f, 100f, 1);

  private SplittableRandom rng = new SplittableRandom(0);
  private double temperature;
  private int stepsLeft; // 0 when no episode is running

  @Override public Space<float[]> observationSpace() { return TEMPERATURES; }
  @Override public Space<Integer> actionSpace() { return ACTIONS; }

  @Override public float[] reset(long seed) {
    rng = new SplittableRandom(seed); // the environment owns its generator
    return reset();
  }

  @Override public float[] reset() {
    temperature = rng.nextDouble(10, 30);
    stepsLeft = 50;
    return new float[] {(float) temperature};
  }

  @Override public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + ACTIONS);
    }
    if (stepsLeft == 0) {
      throw new IllegalStateException("no episode is running: call reset() first");
    }
    temperature += (action - 1) + rng.nextDouble(-0.5, 0.5);
    temperature = Math.max(-50, Math.min(100, temperature));
    stepsLeft--;
    double reward = -Math.abs(temperature - 21);
    return Step.of(new float[] {(float) temperature}, reward, false, stepsLeft == 0);
  }

  @Override public void close() {}

  public static void main(String[] args) {
    EnvironmentChecker.check(Thermostat::new); // throws, naming every broken rule
    System.out.println("Thermostat passed the environment checks");
  }
}
// README:custom-environment:end
