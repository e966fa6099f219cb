package io.github.pgrl.core;

import java.util.random.RandomGenerator;

/**
 * A set of valid observations or actions, which can test membership and draw samples.
 *
 * <p>The bundled kinds are {@link io.github.pgrl.core.space.Discrete} (the integers {@code 0..n-1}), {@link
 * io.github.pgrl.core.space.MultiDiscrete} (integer vectors, component {@code i} in {@code 0..nvec[i]-1}),
 * {@link io.github.pgrl.core.space.Box} (float vectors within bounds) and {@link
 * io.github.pgrl.core.space.ByteImage} (raw 8-bit frames). Spaces are immutable and thread-safe.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public interface Space<T> {

  /**
   * Tells whether {@code value} is an element of this space.
   *
   * @param value the candidate, may be {@code null} (which is never contained)
   * @return {@code true} if the value belongs to this space
   */
  boolean contains(T value);

  /**
   * Draws an element of this space using only the given generator.
   *
   * @param rng the source of randomness; the same generator state gives the same sample
   * @return an element for which {@link #contains} is {@code true}
   */
  T sample(RandomGenerator rng);

  /**
   * The shape of one element: {@code []} for a scalar, {@code [n]} for a vector, {@code [h, w, c]} for an
   * image.
   *
   * @return a fresh copy of the shape
   */
  int[] shape();

  /**
   * Describes why {@code value} is not in this space, for error messages.
   *
   * @param value the value that was rejected
   * @return a human-readable rendering of the value
   */
  default String describe(T value) {
    return String.valueOf(value);
  }
}
