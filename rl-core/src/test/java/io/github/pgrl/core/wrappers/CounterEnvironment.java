package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deterministic test environment: actions {@code Discrete(2)}, observation {@code float[1]} holding the
 * number of steps played in the episode, reward equal to the action, terminated after {@code length}
 * steps. Every step's info carries the count under {@link #COUNT}. It records the actions it received, and
 * honours the {@link Environment} contract with its own messages (so that tests can tell its exceptions
 * from a wrapper's).
 */
final class CounterEnvironment implements Environment<float[], Integer> {

  static final String COUNT = "count";
  static final String NOT_STARTED = "counter environment: step before reset";
  static final String ENDED = "counter environment: step after the episode ended";

  private final int length;
  private final Discrete actions = Discrete.of(2);
  private final Box observations;
  private final List<Integer> received = new ArrayList<>();
  private int count;
  private boolean running;
  private int resets;
  private int closes;

  CounterEnvironment(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be at least 1, got " + length);
    }
    this.length = length;
    this.observations = Box.of(0f, length, 1);
  }

  @Override
  public Space<float[]> observationSpace() {
    return observations;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actions;
  }

  @Override
  public float[] reset(long seed) {
    return reset();
  }

  @Override
  public float[] reset() {
    count = 0;
    running = true;
    resets++;
    return new float[] {0f};
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (!actions.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + actions);
    }
    if (!running) {
      throw new IllegalStateException(resets == 0 ? NOT_STARTED : ENDED);
    }
    received.add(action);
    count++;
    boolean terminated = count >= length;
    if (terminated) {
      running = false;
    }
    return new Step<>(new float[] {count}, action, terminated, false, Map.of(COUNT, count));
  }

  @Override
  public void close() {
    closes++;
  }

  /** The actions that reached this environment, in order, over all episodes. */
  List<Integer> received() {
    return received;
  }

  int resets() {
    return resets;
  }

  int closes() {
    return closes;
  }
}
