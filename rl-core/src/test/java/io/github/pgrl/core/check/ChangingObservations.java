package io.github.pgrl.core.check;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Discrete;
import java.util.function.IntFunction;

/**
 * An environment whose observation changes with every reset, whatever the seed: a deliberate violation of
 * the repeatability of {@code reset(seed)}, with observations of any type.
 *
 * <p>The {@code k}-th reset (counting from 1) makes {@code observations.apply(k)} the observation of the
 * whole episode, which lasts {@value #LENGTH} steps of {@code Discrete(2)} actions with reward 0. Every
 * other promise of {@link Environment} is kept.
 *
 * @param <O> the observation type
 */
final class ChangingObservations<O> implements Environment<O, Integer> {

  static final int LENGTH = 3;
  private static final Discrete ACTIONS = Discrete.of(2);

  private final Space<O> space;
  private final IntFunction<O> observations;
  private int resets;
  private int steps;
  private boolean running;

  ChangingObservations(Space<O> space, IntFunction<O> observations) {
    this.space = space;
    this.observations = observations;
  }

  @Override
  public Space<O> observationSpace() {
    return space;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTIONS;
  }

  @Override
  public O reset(long seed) {
    return reset();
  }

  @Override
  public O reset() {
    resets++;
    steps = 0;
    running = true;
    return observations.apply(resets);
  }

  @Override
  public Step<O> step(Integer action) {
    if (!running) {
      throw new IllegalStateException(resets == 0 ? "step() before the first reset()" : "the episode has ended");
    }
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("the action " + action + " is not in the action space " + ACTIONS);
    }
    steps++;
    running = steps < LENGTH;
    return Step.of(observations.apply(resets), 0.0, !running, false);
  }

  @Override
  public void close() {
    // nothing to release
  }

  @Override
  public String toString() {
    return "ChangingObservations";
  }
}
