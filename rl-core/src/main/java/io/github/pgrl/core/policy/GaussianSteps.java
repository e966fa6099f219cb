package io.github.pgrl.core.policy;

import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.internal.Batch;
import java.util.Arrays;
import java.util.Objects;

/**
 * The record {@link GaussianPolicy#newSteps()} gives: the observations in an engine {@link Batch} (which
 * also keeps the activations of the passes {@code observe} ran, and whose own actions are unused) and the
 * {@code float[]} actions flat, {@code dimensions} values per step. Not thread-safe.
 */
final class GaussianSteps implements RecordedSteps<float[], float[]> {

  final Batch batch;
  private final int dimensions;
  private float[] actions;
  private float[] previous;
  private boolean[] hasPrevious;

  GaussianSteps(int inputs, int dimensions) {
    this.batch = new Batch(inputs);
    this.dimensions = dimensions;
    this.actions = new float[64 * dimensions];
    this.previous = new float[64 * dimensions];
    this.hasPrevious = new boolean[64];
  }

  int dimensions() {
    return dimensions;
  }

  /** Coordinate {@code i} of step {@code t}'s action, unchecked. */
  float actionAt(int t, int i) {
    return actions[t * dimensions + i];
  }

  /** @throws IllegalArgumentException if the observation has another length than the record's */
  @Override
  public void stage(float[] observation) {
    batch.stage(observation);
  }

  /**
   * @throws IllegalArgumentException if an action has another number of values than the policy's
   *     coordinates
   * @throws IllegalStateException if no observation is staged
   */
  @Override
  public void complete(float[] action, float[] previousAction) {
    requireLength(action, "action");
    if (previousAction != null) {
      requireLength(previousAction, "previous action");
    }
    batch.completeStep(0, -1);
    int t = batch.size() - 1;
    store(t, action, previousAction);
  }

  private void store(int t, float[] action, float[] previousAction) {
    if (hasPrevious.length <= t) {
      int cap = Math.max(2 * hasPrevious.length, t + 1);
      actions = Arrays.copyOf(actions, cap * dimensions);
      previous = Arrays.copyOf(previous, cap * dimensions);
      hasPrevious = Arrays.copyOf(hasPrevious, cap);
    }
    System.arraycopy(action, 0, actions, t * dimensions, dimensions);
    hasPrevious[t] = previousAction != null;
    if (previousAction != null) {
      System.arraycopy(previousAction, 0, previous, t * dimensions, dimensions);
    }
  }

  private void requireLength(float[] action, String what) {
    if (action.length != dimensions) {
      throw new IllegalArgumentException("the " + what + " has " + action.length + " values, the policy's actions have "
          + dimensions);
    }
  }

  @Override
  public int size() {
    return batch.size();
  }

  @Override
  public float[] observation(int t) {
    return batch.observation(t);
  }

  @Override
  public float[] action(int t) {
    Objects.checkIndex(t, size());
    return Arrays.copyOfRange(actions, t * dimensions, (t + 1) * dimensions);
  }

  @Override
  public float[] previousAction(int t) {
    Objects.checkIndex(t, size());
    return hasPrevious[t] ? Arrays.copyOfRange(previous, t * dimensions, (t + 1) * dimensions) : null;
  }

  /**
   * @throws IllegalArgumentException if {@code other} holds observations or actions of other lengths
   */
  @Override
  public void append(RecordedSteps<float[], float[]> other) {
    if (other instanceof GaussianSteps g) {
      if (g.dimensions != dimensions) {
        throw new IllegalArgumentException(
            "cannot append steps of " + g.dimensions + "-value actions to a record of " + dimensions);
      }
      int base = size();
      int n = g.size(); // before appending, so that a record appended to itself doubles once
      batch.append(g.batch);
      for (int t = 0; t < n; t++) {
        store(base + t, g.action(t), g.previousAction(t));
      }
      return;
    }
    int n = other.size();
    for (int t = 0; t < n; t++) {
      add(other.observation(t), other.action(t), other.previousAction(t));
    }
  }

  @Override
  public void clear() {
    batch.clear();
  }
}
