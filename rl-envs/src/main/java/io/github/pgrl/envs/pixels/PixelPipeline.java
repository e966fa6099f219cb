package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.ByteImage;
import io.github.pgrl.core.wrappers.ObservationWrapper;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns the raw 8-bit frames of any environment with a {@link ByteImage} observation space into float
 * images for a network: crop, downsample, select a channel (or convert to grayscale, or keep every
 * channel), then binarize or scale to {@code [0, 1]}.
 *
 * <p>The stages run in that order and are configured with a {@link Builder}:
 *
 * <ol>
 *   <li><b>crop</b> {@code (top, bottom, left, right)}: keeps rows {@code [top, bottom)} and columns {@code
 *       [left, right)} (the whole frame unless set);
 *   <li><b>downsample</b> {@code (stride)}: keeps every {@code stride}-th row and column, starting with the
 *       crop's first, so the output has {@code ceil((bottom − top) / stride)} rows and {@code ceil((right
 *       − left) / stride)} columns (stride 1 unless set);
 *   <li><b>colour</b>: {@linkplain Builder#channel(int) one channel}, {@linkplain Builder#grayscale() the
 *       ITU-R 601 luma} {@code 0.299·R + 0.587·G + 0.114·B} of channels 0, 1, 2, or {@linkplain
 *       Builder#allChannels() every channel} (the default);
 *   <li><b>values</b>: {@linkplain Builder#binarize(int...) binarize} (a value equal to one of the
 *       background values becomes 0, any other value 1; the luma is rounded to the nearest integer before
 *       the comparison) or {@linkplain Builder#scale() scale} {@code v / 255} (the default).
 * </ol>
 *
 * <p>The observation is a {@code float[]}, row-major, in a {@link Box} of {@code [0, 1]} whose shape is
 * {@code [rows, columns]} for one channel or grayscale, {@code [rows, columns, channels]} when every channel
 * is kept. {@link #classic(Environment)} is the preprocessing of the classic pong-from-pixels program.
 *
 * <p><b>Buffers.</b> By default every observation is a new array, which the caller may keep and change
 * freely (what {@link io.github.pgrl.core.wrappers.ShapeReward} and anything else that holds on to
 * observations needs). With {@link Builder#reuseOutput(boolean) reuseOutput(true)} the pipeline writes every
 * observation into one internal array and returns that same array each time, so a step allocates nothing;
 * the previous observation is then overwritten by the next step or reset, and a caller that keeps
 * observations must copy them (a trainer that copies observations into its batch can use it safely). Source
 * offsets and value tables are computed once, when the pipeline is built.
 *
 * <p>Stateless between steps, but not thread-safe (it wraps an environment, which is not). So it is {@link
 * io.github.pgrl.core.Restorable} when the wrapped environment is, with no state of its own.
 *
 * <pre>{@code
 * Environment<float[], Integer> env = PixelPipeline.builder()
 *     .crop(35, 195, 0, 160).downsample(2).channel(0).binarize(144, 109)
 *     .build(PongEnvironment.rgb());
 * }</pre>
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public final class PixelPipeline<A> extends ObservationWrapper<byte[], float[], A> {

  /** How a pixel's channels become output values. */
  private enum Colour { ALL, CHANNEL, GRAY }

  private final ByteImage input;
  private final Box space;
  private final Colour colour;
  private final boolean binarize;
  private final boolean reuseOutput;
  /** For every output value: the index of its byte (ALL, CHANNEL) or of its pixel's first byte (GRAY). */
  private final int[] offsets;
  /** The output value of every byte value (ALL, CHANNEL; GRAY with binarize: indexed by the rounded luma). */
  private final float[] table;
  /** The output buffer, when reused. */
  private final float[] buffer;
  private final String description;

  private PixelPipeline(Environment<byte[], A> env, ByteImage input, Builder b) {
    super(env);
    this.input = input;
    int top = b.cropped ? b.top : 0;
    int bottom = b.cropped ? b.bottom : input.height();
    int left = b.cropped ? b.left : 0;
    int right = b.cropped ? b.right : input.width();
    int rows = ceilDiv(bottom - top, b.stride);
    int cols = ceilDiv(right - left, b.stride);
    int c = input.channels();
    this.colour = b.colour;
    this.binarize = b.background != null;
    this.reuseOutput = b.reuseOutput;
    int perPixel = colour == Colour.ALL ? c : 1;
    this.offsets = new int[rows * cols * perPixel];
    int k = 0;
    for (int i = 0; i < rows; i++) {
      int row = top + i * b.stride;
      for (int j = 0; j < cols; j++) {
        int pixel = (row * input.width() + left + j * b.stride) * c;
        if (colour == Colour.ALL) {
          for (int ch = 0; ch < c; ch++) {
            offsets[k++] = pixel + ch;
          }
        } else {
          offsets[k++] = pixel + (colour == Colour.CHANNEL ? b.channel : 0);
        }
      }
    }
    this.table = new float[256];
    for (int v = 0; v < 256; v++) {
      table[v] = binarize ? 1f : v / 255f;
    }
    if (binarize) {
      for (int v : b.background) {
        table[v] = 0f;
      }
    }
    this.space = colour == Colour.ALL ? Box.of(0f, 1f, rows, cols, c) : Box.of(0f, 1f, rows, cols);
    this.buffer = reuseOutput ? new float[offsets.length] : null;
    this.description = "PixelPipeline(" + env + ": rows [" + top + ", " + bottom + ") columns [" + left + ", "
        + right + ") stride " + b.stride + ", "
        + (colour == Colour.ALL ? "all channels" : colour == Colour.GRAY ? "grayscale" : "channel " + b.channel)
        + ", " + (binarize ? "binarize, background " + Arrays.toString(b.background) : "scale to [0, 1]")
        + " -> " + Arrays.toString(space.shape()) + ")";
  }

  /**
   * The classic pong-from-pixels preprocessing: rows {@code [35, 195)}, all 160 columns, stride 2, the red
   * channel, background values 144 and 109 to 0 and everything else to 1, giving an 80×80 binary image.
   *
   * <p>For {@link io.github.pgrl.envs.pong.PongEnvironment#rgb()} frames this is exactly the observation of
   * {@link io.github.pgrl.envs.pong.PongEnvironment#binary()}; it works as well for any other 210×160 RGB
   * source in the Atari layout. Observations are new arrays.
   *
   * @param env an environment whose observation space is a {@link ByteImage} of at least 195 rows, 160
   *     columns and 1 channel (Atari: 210×160×3)
   * @param <A> the action type
   * @return the wrapped environment, with 80×80 observations in a {@link Box} of {@code [0, 1]}
   * @throws IllegalArgumentException if the observation space is not such a {@link ByteImage}
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public static <A> PixelPipeline<A> classic(Environment<byte[], A> env) {
    return builder().crop(35, 195, 0, 160).downsample(2).channel(0).binarize(144, 109).build(env);
  }

  /**
   * A builder for the identity pipeline: the whole frame, stride 1, every channel, scaled to {@code [0,
   * 1]}, a new array per observation.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Space<float[]> observationSpace() {
    return space;
  }

  /**
   * The observation space as a {@link Box}, for its shape and size.
   *
   * @return the {@link Box} of {@code [0, 1]} that every observation lies in
   */
  public Box box() {
    return space;
  }

  /**
   * Whether every observation is written into one reused array.
   *
   * @return {@code true} if observations share one buffer, {@code false} if each is a new array
   */
  public boolean reusesOutput() {
    return reuseOutput;
  }

  /**
   * Preprocesses one frame into a caller's array, without allocating; the same transform as the
   * observations, available for frames from elsewhere (recordings, tests).
   *
   * @param frame a frame of the wrapped environment's {@link ByteImage} space
   * @param out the destination, of {@link Box#size()} elements of {@link #box()}
   * @throws IllegalArgumentException if {@code frame} or {@code out} has the wrong length
   * @throws NullPointerException if either is {@code null}
   */
  public void transform(byte[] frame, float[] out) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(out, "out");
    if (frame.length != input.size()) {
      throw new IllegalArgumentException("the frame has " + frame.length + " bytes, but the space " + input
          + " of " + env + " has " + input.size());
    }
    if (out.length != offsets.length) {
      throw new IllegalArgumentException(
          "the output array has " + out.length + " elements, the pipeline makes " + offsets.length);
    }
    int[] off = offsets;
    float[] t = table;
    if (colour != Colour.GRAY) {
      for (int k = 0; k < off.length; k++) {
        out[k] = t[frame[off[k]] & 0xFF];
      }
    } else {
      for (int k = 0; k < off.length; k++) {
        int p = off[k];
        double luma = 0.299 * (frame[p] & 0xFF) + 0.587 * (frame[p + 1] & 0xFF) + 0.114 * (frame[p + 2] & 0xFF);
        out[k] = binarize ? t[(int) Math.min(255, Math.round(luma))] : (float) Math.min(1.0, luma / 255.0);
      }
    }
  }

  @Override
  protected float[] observation(byte[] frame) {
    float[] out = reuseOutput ? buffer : new float[offsets.length];
    try {
      transform(frame, out);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the wrapped environment returned an observation outside its space: "
          + e.getMessage(), e);
    }
    return out;
  }

  /** {@return {@code true}: the pipeline keeps no state between steps} */
  @Override
  protected boolean restoresOwnState() {
    return true;
  }

  @Override
  public String toString() {
    return description;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /**
   * Configures a {@link PixelPipeline}; every setter validates what it can alone, {@link
   * #build(Environment)} validates the rest against the environment's image. Reusable: one builder can build
   * pipelines for many environments.
   */
  public static final class Builder {
    private boolean cropped;
    private int top;
    private int bottom;
    private int left;
    private int right;
    private int stride = 1;
    private Colour colour = Colour.ALL;
    private int channel;
    private int[] background;
    private boolean reuseOutput;

    private Builder() {}

    /**
     * Keeps rows {@code [top, bottom)} and columns {@code [left, right)}.
     *
     * @param top the first row kept, at least 0
     * @param bottom the row after the last kept, greater than {@code top} and at most the image height
     * @param left the first column kept, at least 0
     * @param right the column after the last kept, greater than {@code left} and at most the image width
     * @return this builder
     * @throws IllegalArgumentException if {@code top < 0}, {@code left < 0}, {@code bottom <= top} or {@code
     *     right <= left} (the image bounds are checked by {@link #build(Environment)})
     */
    public Builder crop(int top, int bottom, int left, int right) {
      if (top < 0 || left < 0 || bottom <= top || right <= left) {
        throw new IllegalArgumentException("a crop needs 0 <= top < bottom and 0 <= left < right (bottom and right"
            + " exclusive), got rows [" + top + ", " + bottom + ") and columns [" + left + ", " + right + ")");
      }
      this.cropped = true;
      this.top = top;
      this.bottom = bottom;
      this.left = left;
      this.right = right;
      return this;
    }

    /**
     * Keeps every {@code stride}-th row and column of the crop, starting with its first row and column.
     *
     * @param stride the step, at least 1 (1 keeps everything)
     * @return this builder
     * @throws IllegalArgumentException if {@code stride < 1}
     */
    public Builder downsample(int stride) {
      if (stride < 1) {
        throw new IllegalArgumentException("the downsampling stride must be at least 1, got " + stride);
      }
      this.stride = stride;
      return this;
    }

    /**
     * Keeps one channel (0 is red in RGB); replaces {@link #grayscale()} and {@link #allChannels()}.
     *
     * @param channel the channel index, at least 0 and below the image's channel count
     * @return this builder
     * @throws IllegalArgumentException if {@code channel < 0} (the upper bound is checked by {@link
     *     #build(Environment)})
     */
    public Builder channel(int channel) {
      if (channel < 0) {
        throw new IllegalArgumentException("the channel must be at least 0, got " + channel);
      }
      this.colour = Colour.CHANNEL;
      this.channel = channel;
      return this;
    }

    /**
     * Converts channels 0, 1 and 2, read as R, G and B, to their ITU-R 601 luma {@code 0.299·R + 0.587·G +
     * 0.114·B}; replaces {@link #channel(int)} and {@link #allChannels()}. Needs an image of at least 3
     * channels (checked by {@link #build(Environment)}).
     *
     * @return this builder
     */
    public Builder grayscale() {
      this.colour = Colour.GRAY;
      return this;
    }

    /**
     * Keeps every channel (the default), giving observations of shape {@code [rows, columns, channels]};
     * replaces {@link #channel(int)} and {@link #grayscale()}.
     *
     * @return this builder
     */
    public Builder allChannels() {
      this.colour = Colour.ALL;
      return this;
    }

    /**
     * Makes binary images: a value (of the selected channel, of each channel, or the luma rounded to the
     * nearest integer) equal to one of {@code backgroundValues} becomes 0, every other value 1; replaces
     * {@link #scale()}.
     *
     * @param backgroundValues the values erased, at least one, each in {@code 0..255}
     * @return this builder
     * @throws IllegalArgumentException if no value is given or one lies outside {@code 0..255}
     * @throws NullPointerException if {@code backgroundValues} is {@code null}
     */
    public Builder binarize(int... backgroundValues) {
      Objects.requireNonNull(backgroundValues, "backgroundValues");
      if (backgroundValues.length == 0) {
        throw new IllegalArgumentException("binarize needs at least one background value in 0..255");
      }
      for (int v : backgroundValues) {
        if (v < 0 || v > 255) {
          throw new IllegalArgumentException("background values must lie in 0..255, got " + v + " in "
              + Arrays.toString(backgroundValues));
        }
      }
      this.background = backgroundValues.clone();
      return this;
    }

    /**
     * Scales every value {@code v} to {@code v / 255} in {@code [0, 1]} (the default); replaces {@link
     * #binarize(int...)}.
     *
     * @return this builder
     */
    public Builder scale() {
      this.background = null;
      return this;
    }

    /**
     * Chooses whether observations are written into one reused array (no allocation per step; the caller
     * must copy what it keeps) or are new arrays (the default, safe to keep).
     *
     * @param reuse {@code true} to reuse one array
     * @return this builder
     */
    public Builder reuseOutput(boolean reuse) {
      this.reuseOutput = reuse;
      return this;
    }

    /**
     * Wraps an environment in a pipeline with this configuration.
     *
     * @param env an environment whose observation space is a {@link ByteImage} that contains the crop, has
     *     more channels than the selected one, and at least 3 channels for grayscale
     * @param <A> the action type
     * @return the wrapped environment
     * @throws IllegalArgumentException if the observation space is not a {@link ByteImage}, the crop reaches
     *     outside the image, the channel does not exist, or grayscale is asked of fewer than 3 channels
     * @throws NullPointerException if {@code env} is {@code null}
     */
    public <A> PixelPipeline<A> build(Environment<byte[], A> env) {
      Objects.requireNonNull(env, "env");
      Space<byte[]> s = env.observationSpace();
      if (!(s instanceof ByteImage image)) {
        throw new IllegalArgumentException(
            "a PixelPipeline needs an environment whose observation space is a ByteImage, got " + s + " of " + env);
      }
      if (cropped && (bottom > image.height() || right > image.width())) {
        throw new IllegalArgumentException("the crop rows [" + top + ", " + bottom + ") and columns [" + left + ", "
            + right + ") must lie inside the image " + image + ": bottom at most " + image.height()
            + ", right at most " + image.width());
      }
      if (colour == Colour.CHANNEL && channel >= image.channels()) {
        throw new IllegalArgumentException("channel " + channel + " does not exist in " + image
            + "; allowed: 0.." + (image.channels() - 1));
      }
      if (colour == Colour.GRAY && image.channels() < 3) {
        throw new IllegalArgumentException(
            "grayscale needs at least 3 channels (R, G, B), but " + image + " has " + image.channels());
      }
      return new PixelPipeline<>(env, image, this);
    }
  }
}
