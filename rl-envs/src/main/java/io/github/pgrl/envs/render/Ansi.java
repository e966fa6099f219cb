package io.github.pgrl.envs.render;

import java.util.Objects;

/**
 * Renders frames as text for a terminal: RGB frames in 24-bit colour with half blocks, binary (or other
 * float) images as plain characters for debugging.
 *
 * <p>{@link #render(byte[], int, int, int)} draws two pixel rows per text row with the upper half block
 * {@code '▀'} ({@value #UPPER_HALF_BLOCK}): its foreground colour ({@code ESC[38;2;r;g;bm}) is the upper pixel,
 * its background colour ({@code ESC[48;2;r;g;bm}) the lower one, so the pixels come out about square in a
 * terminal whose cells are twice as tall as wide. The frame is resampled (nearest neighbour) to the
 * requested number of columns, keeping its aspect ratio. The terminal needs 24-bit colour ("truecolor")
 * and a font with the block character; most modern terminals have both.
 *
 * @since 0.1.0
 */
public final class Ansi {

  /** The upper half block, U+2580. */
  public static final char UPPER_HALF_BLOCK = '\u2580';

  private static final String ESC = "\u001b[";
  /** Resets every attribute. */
  private static final String RESET = ESC + "0m";

  private Ansi() {}

  /**
   * An RGB frame as lines of coloured half blocks.
   *
   * <p>The frame is resampled to {@code columns} pixel columns and {@code R = max(1, round(height·columns
   * / width))} pixel rows, taking for output pixel {@code (y, x)} the frame's pixel {@code (⌊y·height/R⌋,
   * ⌊x·width/columns⌋)}; that gives {@code ceil(R / 2)} lines of {@code columns} characters (an odd last
   * pixel row is drawn on the terminal's default background). Colour codes are written only where the
   * colour changes; every line ends with a reset ({@code ESC[0m}) and {@code '\n'}.
   *
   * @param rgb the frame, {@code height·width·3} bytes, row-major, channels R, G, B
   * @param height rows of the frame, at least 1
   * @param width columns of the frame, at least 1
   * @param columns characters per line, at least 1 (fewer than {@code width} downsamples, more enlarges)
   * @return the text, {@code ceil(R / 2)} lines each ending with {@code '\n'}
   * @throws IllegalArgumentException if a dimension or {@code columns} is below 1, or {@code rgb} has
   *     another length
   * @throws NullPointerException if {@code rgb} is {@code null}
   */
  public static String render(byte[] rgb, int height, int width, int columns) {
    Frames.checkFrame(rgb, height, width);
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be at least 1, got " + columns);
    }
    int rows = (int) Math.max(1, Math.round((double) height * columns / width));
    int[] sourceColumn = new int[columns];
    for (int x = 0; x < columns; x++) {
      sourceColumn[x] = (int) ((long) x * width / columns);
    }
    StringBuilder sb = new StringBuilder((rows + 1) / 2 * (columns * 8 + 8));
    for (int y = 0; y < rows; y += 2) {
      int upperRow = (int) ((long) y * height / rows);
      boolean hasLower = y + 1 < rows;
      int lowerRow = hasLower ? (int) ((long) (y + 1) * height / rows) : -1;
      int fg = -1;
      int bg = -1;
      for (int x = 0; x < columns; x++) {
        int upper = colour(rgb, upperRow * width + sourceColumn[x]);
        if (upper != fg) {
          code(sb, 38, upper);
          fg = upper;
        }
        if (hasLower) {
          int lower = colour(rgb, lowerRow * width + sourceColumn[x]);
          if (lower != bg) {
            code(sb, 48, lower);
            bg = lower;
          }
        }
        sb.append(UPPER_HALF_BLOCK);
      }
      sb.append(RESET).append('\n');
    }
    return sb.toString();
  }

  /**
   * A square float image, such as the 80×80 binary image of the classic preprocessing, as text.
   *
   * @param image the image, {@code side·side} values, row-major
   * @param side rows and columns, at least 1
   * @return {@code side} lines of {@code side} characters, each ending with {@code '\n'}; see {@link
   *     #renderBinary(float[], int, int)} for the characters
   * @throws IllegalArgumentException if {@code side < 1} or {@code image} has another length
   * @throws NullPointerException if {@code image} is {@code null}
   */
  public static String renderBinary(float[] image, int side) {
    return renderBinary(image, side, side);
  }

  /**
   * A float image as text, one character per value: {@code '.'} for 0, {@code '#'} for a positive value
   * (the 1 of a binary image), {@code '-'} for a negative value (where a difference of binary frames is
   * −1) and {@code '?'} for NaN. No escape codes.
   *
   * @param image the image, {@code height·width} values, row-major
   * @param height rows, at least 1
   * @param width columns, at least 1
   * @return {@code height} lines of {@code width} characters, each ending with {@code '\n'}
   * @throws IllegalArgumentException if a dimension is below 1 or {@code image} has another length
   * @throws NullPointerException if {@code image} is {@code null}
   */
  public static String renderBinary(float[] image, int height, int width) {
    Objects.requireNonNull(image, "image");
    Frames.checkSize(height, width);
    if (image.length != (long) height * width) {
      throw new IllegalArgumentException("a " + height + "×" + width + " image needs " + (long) height * width
          + " values, got " + image.length);
    }
    StringBuilder sb = new StringBuilder(height * (width + 1));
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        float v = image[r * width + c];
        sb.append(v > 0 ? '#' : v < 0 ? '-' : v == 0 ? '.' : '?');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static int colour(byte[] rgb, int pixel) {
    int p = 3 * pixel;
    return (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | rgb[p + 2] & 0xFF;
  }

  private static void code(StringBuilder sb, int kind, int colour) {
    sb.append(ESC).append(kind).append(";2;").append(colour >> 16).append(';').append(colour >> 8 & 0xFF)
        .append(';').append(colour & 0xFF).append('m');
  }
}
