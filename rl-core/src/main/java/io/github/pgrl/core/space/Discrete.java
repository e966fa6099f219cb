package io.github.pgrl.core.space;

import io.github.pgrl.core.Space;
import java.util.random.RandomGenerator;

/**
 * The integers {@code 0, 1, …, n-1}: the space of a finite set of actions.
 *
 * <p>Immutable and thread-safe. Two instances of the same size are equal.
 *
 * @since 0.1.0
 */
public final class Discrete implements Space<Integer> {

  private final int n;

  private Discrete(int n) {
    this.n = n;
  }

  /**
   * The space {@code {0, …, n-1}}.
   *
   * @param n the number of elements, at least 1
   * @return the space
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static Discrete of(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a Discrete space needs at least 1 element, got n = " + n);
    }
    return new Discrete(n);
  }

  /**
   * The number of elements.
   *
   * @return {@code n}
   */
  public int n() {
    return n;
  }

  /**
   * Whether {@code value} lies in {@code 0..n-1}, without boxing.
   *
   * @param value the candidate
   * @return {@code true} if contained
   */
  public boolean contains(int value) {
    return value >= 0 && value < n;
  }

  @Override
  public boolean contains(Integer value) {
    return value != null && contains(value.intValue());
  }

  @Override
  public Integer sample(RandomGenerator rng) {
    return rng.nextInt(n);
  }

  @Override
  public int[] shape() {
    return new int[0];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Discrete d && d.n == n;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(n);
  }

  @Override
  public String toString() {
    return "Discrete(" + n + ")";
  }
}
