package io.github.pgrl.core.policy;

import java.util.Arrays;

/**
 * The steps of a batch as a policy gradient needs them: observations, the actions played, and the
 * previous action of each step (for sticky exploration).
 *
 * <p>Observations are stored sparsely (the indices and values of their non-zero elements), because pixel
 * observations such as difference frames are mostly zeros: a Pong batch of 100,000 steps takes a few
 * megabytes instead of gigabytes. Dense observations cost twice their size. Filled step by step with
 * {@link #add}; storage grows as needed and is reused after {@link #clear()}, so collecting batches
 * allocates nothing once it has reached its largest size. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class Batch {

  private final int inputs;
  private int[] rowStart = new int[257];
  private int[] index = new int[1024];
  private float[] value = new float[1024];
  private int[] actions = new int[256];
  private int[] previous = new int[256];
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
      rowStart = Arrays.copyOf(rowStart, cap + 1);
    }
    int nnz = rowStart[size];
    for (int i = 0; i < observation.length; i++) {
      float v = observation[i];
      if (v != 0f) {
        if (nnz == index.length) {
          index = Arrays.copyOf(index, nnz * 2);
          value = Arrays.copyOf(value, nnz * 2);
        }
        index[nnz] = i;
        value[nnz] = v;
        nnz++;
      }
    }
    actions[size] = action;
    previous[size] = previousAction;
    size++;
    rowStart[size] = nnz;
  }

  /**
   * Appends every step of another batch, in order.
   *
   * @param other a batch with observations of the same length
   * @throws IllegalArgumentException if the observation lengths differ
   */
  public void append(Batch other) {
    if (other.inputs != inputs) {
      throw new IllegalArgumentException(
          "cannot append a batch of " + other.inputs + "-value observations to one of " + inputs);
    }
    int n = other.size;
    int nnz = other.rowStart[n];
    while (actions.length < size + n) {
      actions = Arrays.copyOf(actions, actions.length * 2);
      previous = Arrays.copyOf(previous, previous.length * 2);
      rowStart = Arrays.copyOf(rowStart, actions.length + 1);
    }
    int base = rowStart[size];
    if (index.length < base + nnz) {
      int cap = Math.max(index.length * 2, base + nnz);
      index = Arrays.copyOf(index, cap);
      value = Arrays.copyOf(value, cap);
    }
    System.arraycopy(other.index, 0, index, base, nnz);
    System.arraycopy(other.value, 0, value, base, nnz);
    System.arraycopy(other.actions, 0, actions, size, n);
    System.arraycopy(other.previous, 0, previous, size, n);
    for (int t = 1; t <= n; t++) {
      rowStart[size + t] = base + other.rowStart[t];
    }
    size += n;
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
   * The number of non-zero observation values over all steps.
   *
   * @return the count
   */
  public long nonZeros() {
    return rowStart[size];
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
   * @return a new dense array
   */
  public float[] observation(int t) {
    check(t);
    float[] x = new float[inputs];
    for (int k = rowStart[t]; k < rowStart[t + 1]; k++) {
      x[index[k]] = value[k];
    }
    return x;
  }

  /** Writes rows [start, start + rows) densely, row-major, into {@code out} (zeroed first). */
  void dense(int start, int rows, float[] out) {
    Arrays.fill(out, 0, rows * inputs, 0f);
    for (int r = 0; r < rows; r++) {
      int base = r * inputs;
      for (int k = rowStart[start + r]; k < rowStart[start + r + 1]; k++) {
        out[base + index[k]] = value[k];
      }
    }
  }

  int rowStart(int t) {
    return rowStart[t];
  }

  int rowEnd(int t) {
    return rowStart[t + 1];
  }

  int[] indices() {
    return index;
  }

  float[] values() {
    return value;
  }

  private int check(int t) {
    if (t < 0 || t >= size) {
      throw new IndexOutOfBoundsException("step " + t + " of a batch of " + size);
    }
    return t;
  }
}
