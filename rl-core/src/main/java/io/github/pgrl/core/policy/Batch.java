package io.github.pgrl.core.policy;

import java.util.Arrays;

/**
 * The steps of a batch as a policy gradient needs them: observations (flat, row-major), the actions
 * played, and the previous action of each step (for sticky exploration).
 *
 * <p>Filled step by step with {@link #add}; storage grows as needed and is reused after {@link #clear()},
 * so collecting batches allocates nothing once it has reached its largest size. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class Batch {

  private final int inputs;
  private float[] observations;
  private int[] actions;
  private int[] previous;
  private int size;

  /**
   * An empty batch for observations of {@code inputs} values.
   *
   * @param inputs the observation length, at least 1
   * @throws IllegalArgumentException if {@code inputs < 1}
   */
  public Batch(int inputs) {
    if (inputs < 1) {
      throw new IllegalArgumentException("observations need at least 1 value, got " + inputs);
    }
    this.inputs = inputs;
    this.observations = new float[inputs * 256];
    this.actions = new int[256];
    this.previous = new int[256];
  }

  /**
   * Appends one step.
   *
   * @param observation the observation the action was chosen for; copied
   * @param action the action played
   * @param previousAction the action played on the step before in the same episode, or −1
   * @throws IllegalArgumentException if the observation has the wrong length
   */
  public void add(float[] observation, int action, int previousAction) {
    if (observation.length != inputs) {
      throw new IllegalArgumentException(
          "the batch holds observations of " + inputs + " values, got " + observation.length);
    }
    if (size == actions.length) {
      int cap = size * 2;
      actions = Arrays.copyOf(actions, cap);
      previous = Arrays.copyOf(previous, cap);
      observations = Arrays.copyOf(observations, Math.multiplyExact(cap, inputs));
    }
    System.arraycopy(observation, 0, observations, size * inputs, inputs);
    actions[size] = action;
    previous[size] = previousAction;
    size++;
  }

  /** Empties the batch, keeping its storage. */
  public void clear() {
    size = 0;
  }

  /**
   * The number of steps.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * The observation length.
   *
   * @return the number of values per observation
   */
  public int inputs() {
    return inputs;
  }

  /**
   * The action of one step.
   *
   * @param t the step
   * @return the action
   */
  public int action(int t) {
    return actions[check(t)];
  }

  /**
   * The previous action of one step.
   *
   * @param t the step
   * @return the previous action, or −1 on an episode's first step
   */
  public int previousAction(int t) {
    return previous[check(t)];
  }

  /**
   * The observation of one step.
   *
   * @param t the step
   * @return a copy
   */
  public float[] observation(int t) {
    check(t);
    return Arrays.copyOfRange(observations, t * inputs, (t + 1) * inputs);
  }

  /** The backing array (at least {@code size()·inputs()} values); package-private to avoid copies. */
  float[] observations() {
    return observations;
  }

  private int check(int t) {
    if (t < 0 || t >= size) {
      throw new IndexOutOfBoundsException("step " + t + " of a batch of " + size);
    }
    return t;
  }
}
