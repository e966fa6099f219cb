package io.github.pgrl.core.space;

import io.github.pgrl.core.Space;
import java.util.random.RandomGenerator;

/**
 * Images of a fixed size with 8-bit unsigned channels, stored row-major as {@code byte[height·width·
 * channels]} in height-width-channel order: the space of raw game frames (Gymnasium's {@code Box(0, 255,
 * (h, w, c), uint8)}).
 *
 * <p>Every byte value is a valid channel value (read it with {@code b & 0xFF}), so an array is contained
 * exactly when it has the right length. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ByteImage implements Space<byte[]> {

  private final int height;
  private final int width;
  private final int channels;

  private ByteImage(int height, int width, int channels) {
    this.height = height;
    this.width = width;
    this.channels = channels;
  }

  /**
   * The space of {@code height × width} images with {@code channels} channels.
   *
   * @param height rows, at least 1
   * @param width columns, at least 1
   * @param channels channels per pixel, at least 1 (3 for RGB)
   * @return the space
   * @throws IllegalArgumentException if a dimension is below 1 or the image has more than {@code
   *     Integer.MAX_VALUE} bytes
   */
  public static ByteImage of(int height, int width, int channels) {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "an image needs at least 1 row, column and channel, got " + height + "×" + width + "×" + channels);
    }
    if ((long) height * width * channels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("an image of " + height + "×" + width + "×" + channels + " bytes is too large");
    }
    return new ByteImage(height, width, channels);
  }

  /**
   * Rows.
   *
   * @return the height
   */
  public int height() {
    return height;
  }

  /**
   * Columns.
   *
   * @return the width
   */
  public int width() {
    return width;
  }

  /**
   * Channels per pixel.
   *
   * @return the channel count
   */
  public int channels() {
    return channels;
  }

  /**
   * The number of bytes of one image.
   *
   * @return {@code height·width·channels}
   */
  public int size() {
    return height * width * channels;
  }

  @Override
  public boolean contains(byte[] value) {
    return value != null && value.length == size();
  }

  @Override
  public byte[] sample(RandomGenerator rng) {
    byte[] b = new byte[size()];
    rng.nextBytes(b);
    return b;
  }

  @Override
  public int[] shape() {
    return new int[] {height, width, channels};
  }

  @Override
  public String describe(byte[] value) {
    return value == null ? "null" : "byte[" + value.length + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteImage b && b.height == height && b.width == width && b.channels == channels;
  }

  @Override
  public int hashCode() {
    return (height * 31 + width) * 31 + channels;
  }

  @Override
  public String toString() {
    return "ByteImage(" + height + "×" + width + "×" + channels + ")";
  }
}
