package io.github.pgrl.core.space;

import io.github.pgrl.core.Space;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Vectors of integers whose component {@code i} lies in {@code 0, 1, …, nvec[i] − 1}: the space of several
 * discrete choices made at once, as Gymnasium's {@code MultiDiscrete(nvec)} (without its {@code start}).
 *
 * <p>An element is an {@code int[]} of {@code nvec.length} components. Sampling draws each component
 * uniformly, in order. Immutable and thread-safe. Two instances with the same {@code nvec} are equal.
 *
 * @since 0.1.0
 */
public final class MultiDiscrete implements Space<int[]> {

  private final int[] nvec;

  private MultiDiscrete(int[] nvec) {
    this.nvec = nvec;
  }

  /**
   * The space of vectors whose component {@code i} lies in {@code 0..nvec[i]-1}.
   *
   * @param nvec the number of choices of each component: at least one component, each at least 1
   * @return the space
   * @throws IllegalArgumentException if {@code nvec} is empty or has a component below 1
   * @throws NullPointerException if {@code nvec} is {@code null}
   */
  public static MultiDiscrete of(int... nvec) {
    if (nvec.length == 0) {
      throw new IllegalArgumentException("a MultiDiscrete space needs at least one component, got nvec = []");
    }
    for (int i = 0; i < nvec.length; i++) {
      if (nvec[i] < 1) {
        throw new IllegalArgumentException("every component of a MultiDiscrete space needs at least 1 element, got"
            + " nvec = " + Arrays.toString(nvec) + " (component " + i + " is " + nvec[i] + ")");
      }
    }
    return new MultiDiscrete(nvec.clone());
  }

  /**
   * The number of choices of each component.
   *
   * @return a copy of {@code nvec}
   */
  public int[] nvec() {
    return nvec.clone();
  }

  /**
   * The number of choices of one component.
   *
   * @param component in {@code [0, size())}
   * @return {@code nvec[component]}
   * @throws IndexOutOfBoundsException if the component is out of range
   */
  public int n(int component) {
    return nvec[component];
  }

  /**
   * The number of components.
   *
   * @return {@code nvec.length}
   */
  public int size() {
    return nvec.length;
  }

  @Override
  public boolean contains(int[] value) {
    return violation(value) == null;
  }

  /**
   * Explains why {@code value} is not in this space.
   *
   * @param value the candidate
   * @return {@code null} if the value is contained, else a sentence naming the first offending component
   */
  public String violation(int[] value) {
    if (value == null) {
      return "the value is null";
    }
    if (value.length != nvec.length) {
      return "it has " + value.length + " components, the space " + this + " has " + nvec.length;
    }
    for (int i = 0; i < value.length; i++) {
      if (value[i] < 0 || value[i] >= nvec[i]) {
        return "component " + i + " is " + value[i] + ", outside 0.." + (nvec[i] - 1);
      }
    }
    return null;
  }

  @Override
  public int[] sample(RandomGenerator rng) {
    int[] x = new int[nvec.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(nvec[i]);
    }
    return x;
  }

  /** {@code [nvec.length]}. */
  @Override
  public int[] shape() {
    return new int[] {nvec.length};
  }

  @Override
  public String describe(int[] value) {
    return value == null ? "null" : Arrays.toString(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiDiscrete m && Arrays.equals(nvec, m.nvec);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nvec);
  }

  @Override
  public String toString() {
    return "MultiDiscrete(" + Arrays.toString(nvec) + ")";
  }
}
