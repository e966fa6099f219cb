package io.github.pgrl.core.check;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import java.util.SplittableRandom;

/**
 * A point on a line pushed by continuous actions and a little noise: an environment with a {@link Box}
 * action space.
 *
 * <p>The action {@code float[]{push}} with {@code push} in {@code [-1, 1]} moves the point by the push plus
 * Gaussian noise (standard deviation 0.1, from the environment's own generator). The observation is {@code
 * float[]{position}}, a fresh array each time. The reward is {@code -|position| / LIMIT}; the episode
 * terminates when {@code |position|} reaches {@value #LIMIT}. The start is uniform in {@code [-1, 1]}.
 * With {@code validating = false} it accepts any action, a deliberate contract violation.
 */
final class Drift implements Environment<float[], float[]> {

  static final float LIMIT = 4f;
  static final Box ACTIONS = Box.of(-1f, 1f, 1);
  static final Box OBSERVATIONS = Box.of(-LIMIT - 2, LIMIT + 2, 1);

  private final boolean validating;
  private SplittableRandom random = new SplittableRandom(0);
  private float position;
  private boolean started;
  private boolean running;

  Drift(boolean validating) {
    this.validating = validating;
  }

  @Override
  public Box observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Box actionSpace() {
    return ACTIONS;
  }

  @Override
  public float[] reset(long seed) {
    random = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public float[] reset() {
    position = (float) (2 * random.nextDouble() - 1);
    started = true;
    running = true;
    return new float[] {position};
  }

  @Override
  public Step<float[]> step(float[] action) {
    if (!started) {
      throw new IllegalStateException("step() before the first reset() of " + this);
    }
    if (!running) {
      throw new IllegalStateException("the episode has ended; call reset() before the next step()");
    }
    if (validating && !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("the action " + ACTIONS.describe(action) + " is not in the action space "
          + ACTIONS + ": " + ACTIONS.violation(action));
    }
    float push = action.length > 0 && Float.isFinite(action[0]) ? action[0] : 0f;
    float next = position + push + (float) (0.1 * random.nextGaussian());
    position = Math.max(-LIMIT - 2, Math.min(LIMIT + 2, next));
    boolean terminated = Math.abs(position) >= LIMIT;
    running = !terminated;
    return Step.of(new float[] {position}, -Math.abs(position) / LIMIT, terminated, false);
  }

  @Override
  public void close() {
    // nothing to release
  }

  @Override
  public String toString() {
    return validating ? "Drift" : "Drift(accepting any action)";
  }
}
