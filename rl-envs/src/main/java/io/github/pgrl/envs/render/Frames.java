package io.github.pgrl.envs.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Turns raw RGB frames into images that people look at: a {@link BufferedImage}, or a PNG file.
 *
 * <p>A frame is a {@code byte[height·width·3]}, row-major, in height-width-channel order with channels R,
 * G, B (what {@link io.github.pgrl.core.space.ByteImage} environments such as {@link
 * io.github.pgrl.envs.pong.PongEnvironment#rgb()} return); read every byte as unsigned. A scale factor
 * enlarges each pixel to a {@code scale × scale} block (nearest neighbour), since game frames are small.
 * {@link #gray(float[], int, int)} makes such a frame of a preprocessed float image. Only the JDK (AWT
 * images, {@code javax.imageio}) is used; no display is needed.
 *
 * @since 0.1.0
 */
public final class Frames {

  private Frames() {}

  /**
   * The frame as an image of the same size.
   *
   * @param rgb the frame, {@code height·width·3} bytes
   * @param height rows, at least 1
   * @param width columns, at least 1
   * @return a new {@link BufferedImage#TYPE_INT_RGB} image of {@code width × height}
   * @throws IllegalArgumentException if a dimension is below 1 or {@code rgb} has another length
   * @throws NullPointerException if {@code rgb} is {@code null}
   */
  public static BufferedImage toImage(byte[] rgb, int height, int width) {
    return toImage(rgb, height, width, 1);
  }

  /**
   * The frame as an image enlarged {@code scale} times in each direction.
   *
   * @param rgb the frame, {@code height·width·3} bytes
   * @param height rows, at least 1
   * @param width columns, at least 1
   * @param scale the size of each pixel's block, at least 1
   * @return a new {@link BufferedImage#TYPE_INT_RGB} image of {@code width·scale × height·scale}
   * @throws IllegalArgumentException if a dimension or the scale is below 1, {@code rgb} has another
   *     length, or the enlarged image would have more than {@code Integer.MAX_VALUE} pixels
   * @throws NullPointerException if {@code rgb} is {@code null}
   */
  public static BufferedImage toImage(byte[] rgb, int height, int width, int scale) {
    checkFrame(rgb, height, width);
    checkScale(height, width, scale);
    BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
    draw(rgb, height, width, scale, image);
    return image;
  }

  /**
   * Writes the frame as a PNG file, replacing the file if it exists.
   *
   * @param rgb the frame, {@code height·width·3} bytes
   * @param height rows, at least 1
   * @param width columns, at least 1
   * @param file where to write
   * @throws IllegalArgumentException if a dimension is below 1 or {@code rgb} has another length
   * @throws IOException if the file cannot be written, naming it and the cause; the file is then as it was
   *     (it is written to a temporary file beside it and moved into place when complete)
   * @throws NullPointerException if {@code rgb} or {@code file} is {@code null}
   */
  public static void writePng(byte[] rgb, int height, int width, Path file) throws IOException {
    writePng(rgb, height, width, 1, file);
  }

  /**
   * Writes the frame, enlarged {@code scale} times, as a PNG file, replacing the file if it exists.
   *
   * @param rgb the frame, {@code height·width·3} bytes
   * @param height rows, at least 1
   * @param width columns, at least 1
   * @param scale the size of each pixel's block, at least 1
   * @param file where to write
   * @throws IllegalArgumentException if a dimension or the scale is below 1, {@code rgb} has another
   *     length, or the enlarged image would have more than {@code Integer.MAX_VALUE} pixels
   * @throws IOException if the file cannot be written, naming it and the cause; the file is then as it was
   *     (it is written to a temporary file beside it and moved into place when complete)
   * @throws NullPointerException if {@code rgb} or {@code file} is {@code null}
   */
  public static void writePng(byte[] rgb, int height, int width, int scale, Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    BufferedImage image = toImage(rgb, height, width, scale);
    AtomicOutput out = AtomicOutput.create(file);
    try {
      boolean written;
      try {
        written = ImageIO.write(image, "png", out.stream());
      } catch (IOException e) {
        throw AtomicOutput.failure(file, e);
      }
      if (!written) {
        throw new IOException("this JDK has no PNG writer for ImageIO");
      }
      out.commit();
    } finally {
      out.abort();
    }
  }

  /**
   * A gray RGB frame of a float image, for looking at what a preprocessed observation shows: value 0 is
   * black, 1 is white, values in between are gray ({@code round(255·v)}), values outside {@code [0, 1]}
   * are clamped and NaN is black.
   *
   * @param values the image, {@code height·width} values, row-major
   * @param height rows, at least 1
   * @param width columns, at least 1
   * @return a new frame of {@code height·width·3} bytes
   * @throws IllegalArgumentException if a dimension is below 1 or {@code values} has another length
   * @throws NullPointerException if {@code values} is {@code null}
   */
  public static byte[] gray(float[] values, int height, int width) {
    Objects.requireNonNull(values, "values");
    checkSize(height, width);
    if (values.length != height * width) {
      throw new IllegalArgumentException("a " + height + "×" + width + " image needs " + height * width
          + " values, got " + values.length);
    }
    byte[] rgb = new byte[values.length * 3];
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      byte b = (byte) (v > 0 ? Math.round(255 * Math.min(1f, v)) : 0);
      rgb[3 * i] = b;
      rgb[3 * i + 1] = b;
      rgb[3 * i + 2] = b;
    }
    return rgb;
  }

  /** Draws the frame into an image of exactly {@code width·scale × height·scale}, TYPE_INT_RGB. */
  static void draw(byte[] rgb, int height, int width, int scale, BufferedImage image) {
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int outWidth = width * scale;
    for (int r = 0; r < height; r++) {
      int rowStart = r * scale * outWidth;
      for (int c = 0; c < width; c++) {
        int p = 3 * (r * width + c);
        int argb = (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | rgb[p + 2] & 0xFF;
        int at = rowStart + c * scale;
        for (int k = 0; k < scale; k++) {
          pixels[at + k] = argb;
        }
      }
      for (int k = 1; k < scale; k++) {
        System.arraycopy(pixels, rowStart, pixels, rowStart + k * outWidth, outWidth);
      }
    }
  }

  static void checkFrame(byte[] rgb, int height, int width) {
    Objects.requireNonNull(rgb, "rgb");
    checkSize(height, width);
    if (rgb.length != 3L * height * width) {
      throw new IllegalArgumentException("a " + height + "×" + width + " RGB frame has " + 3L * height * width
          + " bytes, got " + rgb.length);
    }
  }

  static void checkSize(int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("an image needs at least 1 row and 1 column, got " + height + "×" + width);
    }
  }

  static void checkScale(int height, int width, int scale) {
    if (scale < 1) {
      throw new IllegalArgumentException("the scale must be at least 1, got " + scale);
    }
    if ((long) height * scale * width * scale > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a " + height + "×" + width + " frame scaled " + scale + " times is too large for one image");
    }
  }
}
