package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.SplittableRandom;

/** Two arms paying 1 with probability 0.3 (arm 0) or 0.7 (arm 1); episodes of {@code length} pulls. */
final class TwoArmedBandit implements Environment<float[], Integer> {
  private static final Discrete ACTIONS = Discrete.of(2);
  private static final Box OBS = Box.of(0f, 1f, 1);
  private final int length;
  private SplittableRandom rng = new SplittableRandom(0);
  private int left;
  double nanRewardAt = -1;
  int infiniteObservationAt = -1;

  TwoArmedBandit(int length) {
    this.length = length;
  }

  @Override public Space<float[]> observationSpace() { return OBS; }
  @Override public Space<Integer> actionSpace() { return ACTIONS; }

  @Override public float[] reset(long seed) {
    rng = new SplittableRandom(seed);
    return reset();
  }

  @Override public float[] reset() {
    left = length;
    return new float[] {1f};
  }

  @Override public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + ACTIONS);
    }
    if (left == 0) {
      throw new IllegalStateException("no episode is running");
    }
    left--;
    double reward = rng.nextDouble() < (action == 1 ? 0.7 : 0.3) ? 1 : 0;
    if (length - left - 1 == nanRewardAt) {
      reward = Double.NaN;
    }
    float x = length - left - 1 == infiniteObservationAt ? Float.POSITIVE_INFINITY : 1f;
    return Step.of(new float[] {x}, reward, left == 0, false);
  }

  @Override public void close() {}

  @Override public String toString() { return "TwoArmedBandit"; }
}
