package io.github.pgrl.envs.render;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Records RGB frames, one by one, into an animated GIF that loops forever, with the JDK's own GIF writer
 * ({@code javax.imageio}) and nothing else.
 *
 * <p>Frames are {@code byte[height·width·3]} RGB in height-width-channel order, as for {@link Frames}, all
 * of the size given when the recorder was created. Every frame is shown for the same delay; GIF counts
 * delays in hundredths of a second, so the delay in milliseconds is rounded to the nearest 10 ms (many
 * viewers show delays below 20 ms more slowly). The first frame carries the {@code NETSCAPE2.0} application
 * extension with a loop count of 0, which viewers read as "loop forever". Each frame is encoded as it is
 * added, so memory stays constant however long the recording.
 *
 * <p>Colours: a GIF frame holds at most 256 colours. The JDK's writer gives every frame its own palette
 * (a local colour table when it differs from the first frame's): exact for frames of at most 256 distinct
 * colours (a Pong frame has five), reduced by its octree quantiser for frames with more. Frames are not
 * interlaced.
 *
 * <p>The GIF is written whole or not at all: frames go to a temporary file beside it, which {@link
 * #close()} moves into place, replacing an earlier file of that name; when writing fails (a full disk) the
 * temporary is deleted and the exception names the file and the cause. A recorder closed without frames
 * leaves an empty file. {@link #abort()} drops a recording that is not wanted, leaving an earlier file as
 * it was. The file gets the permissions of the file it replaces, or rw-r--r-- if it is new. Not
 * thread-safe.
 *
 * <pre>{@code
 * try (GifRecorder gif = GifRecorder.create(Path.of("pong.gif"), 210, 160, 40, 2)) {
 *   byte[] frame = env.reset(seed);
 *   gif.add(frame);
 *   ...
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GifRecorder implements Closeable {

  /** The longest delay a GIF can hold: 65,535 hundredths of a second. */
  public static final int MAX_DELAY_MILLIS = 655_350;

  private static final String GIF_IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

  private final int height;
  private final int width;
  private final int scale;
  private final AtomicOutput sink;
  private final Path file;
  private final ImageOutputStream out;
  private final ImageWriter writer;
  private final ImageWriteParam param;
  private final IIOMetadata firstMetadata;
  private final IIOMetadata laterMetadata;
  private final BufferedImage image;
  private int frames;
  private boolean closed;
  private boolean failed;

  private GifRecorder(Path file, int height, int width, int delayMillis, int scale) throws IOException {
    this.height = height;
    this.width = width;
    this.scale = scale;
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new IOException("this JDK has no GIF writer for ImageIO");
    }
    this.writer = writers.next();
    this.param = writer.getDefaultWriteParam();
    // the JDK interlaces by default; with JDK 17, the second row of an interlaced 2-row frame reads back lost
    param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
    ImageTypeSpecifier type = ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB);
    int centiseconds = Math.round(delayMillis / 10f);
    this.firstMetadata = metadata(type, centiseconds, true);
    this.laterMetadata = metadata(type, centiseconds, false);
    this.image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
    this.file = file;
    this.sink = AtomicOutput.create(file);
    this.out = new MemoryCacheImageOutputStream(sink.stream());
    writer.setOutput(out);
  }

  /**
   * Starts recording frames at their own size.
   *
   * @param file the GIF to write; created, or replaced if it exists, when the recorder is closed
   * @param height rows of every frame, at least 1
   * @param width columns of every frame, at least 1
   * @param delayMillis how long each frame is shown, {@code 0..}{@value #MAX_DELAY_MILLIS} ms, rounded to
   *     hundredths of a second
   * @return the recorder; close it to finish the file
   * @throws IllegalArgumentException if a dimension is below 1 or the delay is out of range
   * @throws IOException if the file cannot be created (its folder is missing or not writable, or it is a
   *     folder); the message names the file and the cause
   * @throws NullPointerException if {@code file} is {@code null}
   */
  public static GifRecorder create(Path file, int height, int width, int delayMillis) throws IOException {
    return create(file, height, width, delayMillis, 1);
  }

  /**
   * Starts recording frames enlarged {@code scale} times in each direction.
   *
   * @param file the GIF to write; created, or replaced if it exists, when the recorder is closed
   * @param height rows of every frame, at least 1
   * @param width columns of every frame, at least 1
   * @param delayMillis how long each frame is shown, {@code 0..}{@value #MAX_DELAY_MILLIS} ms, rounded to
   *     hundredths of a second
   * @param scale the size of each pixel's block in the GIF, at least 1
   * @return the recorder; close it to finish the file
   * @throws IllegalArgumentException if a dimension or the scale is below 1, the delay is out of range, or
   *     the enlarged frame would have more than {@code Integer.MAX_VALUE} pixels or a side above 65,535
   *     (GIF's limit)
   * @throws IOException if the file cannot be created (its folder is missing or not writable, or it is a
   *     folder); the message names the file and the cause
   * @throws NullPointerException if {@code file} is {@code null}
   */
  public static GifRecorder create(Path file, int height, int width, int delayMillis, int scale)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Frames.checkSize(height, width);
    Frames.checkScale(height, width, scale);
    if ((long) height * scale > 65_535 || (long) width * scale > 65_535) {
      throw new IllegalArgumentException("a GIF's sides are at most 65535 pixels, got " + height * (long) scale
          + "×" + width * (long) scale);
    }
    if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
      throw new IllegalArgumentException(
          "the frame delay must lie in 0.." + MAX_DELAY_MILLIS + " ms, got " + delayMillis);
    }
    return new GifRecorder(file, height, width, delayMillis, scale);
  }

  /**
   * Appends one frame to the animation.
   *
   * @param rgb the frame, {@code height·width·3} bytes of the size given at creation; not kept
   * @throws IllegalArgumentException if the frame has another length
   * @throws IllegalStateException if the recorder is closed
   * @throws IOException if writing fails (naming the file and the cause); the recorder then takes no
   *     more frames and {@link #close()} leaves no file
   * @throws NullPointerException if {@code rgb} is {@code null}
   */
  public void add(byte[] rgb) throws IOException {
    Frames.checkFrame(rgb, height, width);
    if (closed) {
      throw new IllegalStateException("add() after close(); this GIF is finished");
    }
    if (failed) {
      throw new IllegalStateException("add() after a failed add(); the GIF " + file + " was not written");
    }
    Frames.draw(rgb, height, width, scale, image);
    try {
      if (frames == 0) {
        writer.prepareWriteSequence(null);
      }
      writer.writeToSequence(new IIOImage(image, null, frames == 0 ? firstMetadata : laterMetadata), param);
      // the GIF writer never seeks back over a finished frame: hand the bytes to the file, free the cache
      out.flushBefore(out.getStreamPosition());
    } catch (IOException e) {
      failed = true;
      throw AtomicOutput.failure(file, e);
    }
    frames++;
  }

  /**
   * The number of frames added so far.
   *
   * @return the frame count
   */
  public int frames() {
    return frames;
  }

  /**
   * Finishes the file and moves it into place; calling it again does nothing. After a failed {@link #add}
   * it writes nothing and removes what was written.
   *
   * @throws IOException if finishing the file fails; nothing is left under its name then
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!failed) {
        try {
          if (frames > 0) {
            writer.endWriteSequence();
          }
          out.close();
        } catch (IOException e) {
          throw AtomicOutput.failure(file, e);
        }
        sink.commit();
      }
    } finally {
      writer.dispose();
      sink.abort();
    }
  }

  /**
   * Closes the recorder without writing the GIF, for a recording that is not wanted (the game it records
   * failed): the temporary file is deleted, and an earlier file of that name is left as it was. Calling
   * it again, or after {@link #close()}, does nothing; {@link #add} is refused afterwards and {@code
   * close()} does nothing.
   */
  public void abort() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException ignored) {
      // the temporary is deleted next; a failed close changes nothing
    } finally {
      writer.dispose();
      sink.abort();
    }
  }

  private IIOMetadata metadata(ImageTypeSpecifier type, int centiseconds, boolean loop) throws IOException {
    IIOMetadata metadata = writer.getDefaultImageMetadata(type, param);
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_IMAGE_FORMAT);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(centiseconds));
    control.setAttribute("transparentColorIndex", "0");
    if (loop) {
      IIOMetadataNode extensions = child(root, "ApplicationExtensions");
      IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
      netscape.setAttribute("applicationID", "NETSCAPE");
      netscape.setAttribute("authenticationCode", "2.0");
      // sub-block 1, then the loop count as an unsigned little-endian short: 0 loops forever
      netscape.setUserObject(new byte[] {1, 0, 0});
      extensions.appendChild(netscape);
    }
    try {
      metadata.setFromTree(GIF_IMAGE_FORMAT, root);
    } catch (IIOInvalidTreeException e) {
      throw new IOException("the JDK's GIF writer rejected the frame metadata", e);
    }
    return metadata;
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i) instanceof IIOMetadataNode node && node.getNodeName().equalsIgnoreCase(name)) {
        return node;
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
