package com.example.corridor;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.SplittableRandom;

/**
 * Walk a corridor of {@value #LENGTH} cells to its right end: left (0) or right (1); the observation is the
 * position, one-hot; each step costs 0.1 and the goal pays 1. Episodes start in a random cell of the left
 * half and end at the goal or after 30 steps.
 */
public final class Corridor implements Environment<float[], Integer> {
  static final int LENGTH = 8;
  private static final Discrete ACTIONS = Discrete.of(2);
  private static final Box CELLS = Box.of(0f, 1f, LENGTH);

  private SplittableRandom rng = new SplittableRandom(0);
  private int position;
  private int stepsLeft; // 0 when no episode is running

  @Override public Space<float[]> observationSpace() { return CELLS; }
  @Override public Space<Integer> actionSpace() { return ACTIONS; }

  @Override public float[] reset(long seed) {
    rng = new SplittableRandom(seed);
    return reset();
  }

  @Override public float[] reset() {
    position = rng.nextInt(LENGTH / 2);
    stepsLeft = 30;
    return observation();
  }

  @Override public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + ACTIONS);
    }
    if (stepsLeft == 0) {
      throw new IllegalStateException("no episode is running: call reset() first");
    }
    position = Math.max(0, Math.min(LENGTH - 1, position + (action == 1 ? 1 : -1)));
    stepsLeft--;
    boolean atGoal = position == LENGTH - 1;
    if (atGoal) {
      stepsLeft = 0;
    }
    return Step.of(observation(), atGoal ? 1.0 : -0.1, atGoal, !atGoal && stepsLeft == 0);
  }

  private float[] observation() {
    float[] cells = new float[LENGTH];
    cells[position] = 1f;
    return cells;
  }

  @Override public void close() {}
}
