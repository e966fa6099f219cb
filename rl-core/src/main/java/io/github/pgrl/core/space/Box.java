package io.github.pgrl.core.space;

import io.github.pgrl.core.Space;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Float arrays of a fixed shape whose every element lies within its own closed bounds {@code [low,
 * high]}: the space of sensor readings, continuous actions and images.
 *
 * <p>Elements are stored flat (row-major) in a {@code float[]} whose length is the product of the shape.
 * A bound may be infinite (for an unbounded coordinate) but never NaN. {@code NaN} is never contained.
 * Sampling is uniform on bounded coordinates, normal on unbounded ones and a shifted exponential on
 * half-bounded ones (as in Gymnasium). Immutable and thread-safe. Two boxes with the same shape and bounds
 * are equal ({@code -0.0} and {@code 0.0} count as the same bound).
 *
 * @since 0.1.0
 */
public final class Box implements Space<float[]> {

  private final float[] low;
  private final float[] high;
  private final int[] shape;

  private Box(float[] low, float[] high, int[] shape) {
    this.low = low;
    this.high = high;
    this.shape = shape;
  }

  /**
   * A box with the same bounds on every element.
   *
   * @param low the lower bound; not NaN, may be {@code -Infinity}
   * @param high the upper bound; not NaN, at least {@code low}
   * @param shape the dimensions, each at least 1, at least one dimension
   * @return the box
   * @throws IllegalArgumentException if a bound is NaN, {@code low > high}, or the shape is empty or has a
   *     dimension below 1
   */
  public static Box of(float low, float high, int... shape) {
    int size = size(shape);
    float[] lo = new float[size];
    float[] hi = new float[size];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return of(lo, hi, shape);
  }

  /**
   * A one-dimensional box with per-element bounds.
   *
   * @param low the lower bounds; none NaN
   * @param high the upper bounds, as many as {@code low}; none NaN, each at least its lower bound
   * @return the box of shape {@code [low.length]}
   * @throws IllegalArgumentException if the bounds are empty, differ in length, are NaN or crossed
   */
  public static Box of(float[] low, float[] high) {
    return of(low, high, new int[] {low.length});
  }

  /**
   * A box with per-element bounds and a shape.
   *
   * @param low the lower bounds, flat in row-major order; none NaN
   * @param high the upper bounds, as many as {@code low}; none NaN, each at least its lower bound
   * @param shape the dimensions, whose product is the number of bounds
   * @return the box
   * @throws IllegalArgumentException if the shape is empty or has a dimension below 1, the bounds do not
   *     match the shape, are NaN or crossed
   */
  public static Box of(float[] low, float[] high, int[] shape) {
    int size = size(shape);
    if (low.length != size || high.length != size) {
      throw new IllegalArgumentException(
          "a Box of shape " + Arrays.toString(shape) + " needs " + size + " lower and upper bounds, got "
              + low.length + " and " + high.length);
    }
    float[] lo = new float[size];
    float[] hi = new float[size];
    for (int i = 0; i < size; i++) {
      if (Float.isNaN(low[i]) || Float.isNaN(high[i])) {
        throw new IllegalArgumentException("Box bounds must not be NaN; element " + i + " has ["
            + low[i] + ", " + high[i] + "]");
      }
      if (low[i] > high[i]) {
        throw new IllegalArgumentException("Box bounds must have low <= high; element " + i + " has ["
            + low[i] + ", " + high[i] + "]");
      }
      // -0.0 and 0.0 bound the same set; store 0.0 so that such boxes are equal and print alike.
      lo[i] = low[i] + 0.0f;
      hi[i] = high[i] + 0.0f;
    }
    return new Box(lo, hi, shape.clone());
  }

  private static int size(int[] shape) {
    if (shape.length == 0) {
      throw new IllegalArgumentException("a Box needs at least one dimension, got shape []");
    }
    long size = 1;
    for (int d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "every dimension of a Box must be at least 1, got shape " + Arrays.toString(shape));
      }
      size *= d;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("a Box of shape " + Arrays.toString(shape) + " is too large");
      }
    }
    return (int) size;
  }

  /**
   * The number of elements, the product of the shape.
   *
   * @return the flat size
   */
  public int size() {
    return low.length;
  }

  /**
   * The lower bounds.
   *
   * @return a copy, flat in row-major order
   */
  public float[] low() {
    return low.clone();
  }

  /**
   * The upper bounds.
   *
   * @return a copy, flat in row-major order
   */
  public float[] high() {
    return high.clone();
  }

  /**
   * Whether every coordinate is bounded on both sides.
   *
   * @return {@code true} if no bound is infinite
   */
  public boolean isBounded() {
    for (int i = 0; i < low.length; i++) {
      if (Float.isInfinite(low[i]) || Float.isInfinite(high[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean contains(float[] value) {
    return violation(value) == null;
  }

  /**
   * Explains why {@code value} is not in this box.
   *
   * @param value the candidate
   * @return {@code null} if the value is contained, else a sentence naming the first offending element
   */
  public String violation(float[] value) {
    if (value == null) {
      return "the value is null";
    }
    if (value.length != low.length) {
      return "it has " + value.length + " elements, the box " + this + " has " + low.length;
    }
    for (int i = 0; i < value.length; i++) {
      float v = value[i];
      if (!(v >= low[i] && v <= high[i])) {
        return "element " + i + " is " + v + ", outside [" + low[i] + ", " + high[i] + "]";
      }
    }
    return null;
  }

  @Override
  public float[] sample(RandomGenerator rng) {
    float[] x = new float[low.length];
    for (int i = 0; i < x.length; i++) {
      double lo = low[i];
      double hi = high[i];
      boolean lowFinite = !Double.isInfinite(lo);
      boolean highFinite = !Double.isInfinite(hi);
      double v;
      if (lowFinite && highFinite) {
        v = lo + (hi - lo) * rng.nextDouble();
      } else if (lowFinite) {
        v = lo + rng.nextExponential();
      } else if (highFinite) {
        v = hi - rng.nextExponential();
      } else {
        v = rng.nextGaussian();
      }
      x[i] = Math.max(low[i], Math.min(high[i], (float) v));
    }
    return x;
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public String describe(float[] value) {
    if (value == null) {
      return "null";
    }
    if (value.length <= 8) {
      return Arrays.toString(value);
    }
    return "float[" + value.length + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b
        && Arrays.equals(shape, b.shape)
        && Arrays.equals(low, b.low)
        && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(low)) + Arrays.hashCode(high);
  }

  @Override
  public String toString() {
    if (low.length <= 8) {
      return "Box(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
    }
    float minLow = Float.POSITIVE_INFINITY;
    float maxHigh = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < low.length; i++) {
      minLow = Math.min(minLow, low[i]);
      maxHigh = Math.max(maxHigh, high[i]);
    }
    return "Box(shape=" + Arrays.toString(shape) + ", within [" + minLow + ", " + maxHigh + "])";
  }
}
