package io.github.pgrl.envs.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongGame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/** {@link GifRecorder} writes animated GIFs that ImageIO reads back: frames, size, delay, loop extension. */
class GifRecorderTest {

  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  @TempDir
  Path dir;

  /** What a GIF holds, as ImageIO reads it. */
  record Gif(List<BufferedImage> frames, List<IIOMetadataNode> metadata) {}

  static Gif read(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      assertEquals("gif", reader.getFormatName().toLowerCase(java.util.Locale.ROOT));
      reader.setInput(in);
      int n = reader.getNumImages(true);
      List<BufferedImage> frames = new ArrayList<>();
      List<IIOMetadataNode> metadata = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        frames.add(reader.read(i));
        metadata.add((IIOMetadataNode) reader.getImageMetadata(i).getAsTree(FORMAT));
      }
      reader.dispose();
      return new Gif(frames, metadata);
    }
  }

  static List<IIOMetadataNode> children(IIOMetadataNode root, String name) {
    List<IIOMetadataNode> found = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeName().equals(name)) {
        found.add((IIOMetadataNode) n);
      }
      if (n instanceof IIOMetadataNode m) {
        found.addAll(children(m, name));
      }
    }
    return found;
  }

  @Test
  void aRecordingOfPongHasEveryFrameTheScaledSizeTheDelayAndLoopsForever() throws IOException {
    PongEnvironment.Rgb pong = PongEnvironment.rgb();
    Path file = dir.resolve("pong.gif");
    List<byte[]> recorded = new ArrayList<>();
    try (GifRecorder gif = GifRecorder.create(file, 210, 160, 40, 2)) {
      recorded.add(pong.reset(1).clone());
      gif.add(recorded.get(0));
      for (int t = 0; t < 6; t++) {
        recorded.add(pong.step(t % 3).observation().clone());
        gif.add(recorded.get(t + 1));
      }
      assertEquals(7, gif.frames());
    }

    Gif gif = read(file);

    assertEquals(7, gif.frames().size());
    for (BufferedImage frame : gif.frames()) {
      assertEquals(320, frame.getWidth());
      assertEquals(420, frame.getHeight());
    }
    for (IIOMetadataNode m : gif.metadata()) {
      assertEquals("4", children(m, "GraphicControlExtension").get(0).getAttribute("delayTime"));
    }
    List<IIOMetadataNode> apps = children(gif.metadata().get(0), "ApplicationExtension");
    assertEquals(1, apps.size(), "the first frame carries the loop extension");
    IIOMetadataNode netscape = apps.get(0);
    assertEquals("NETSCAPE", netscape.getAttribute("applicationID"));
    assertEquals("2.0", netscape.getAttribute("authenticationCode"));
    assertArrayEquals(new byte[] {1, 0, 0}, (byte[]) netscape.getUserObject(), "sub-block 1, loop count 0 (forever)");
    // Pong has five colours, which a GIF palette holds exactly
    int paddleTop = (int) Math.floor(pong.game().agentY());
    BufferedImage last = gif.frames().get(6);
    assertEquals(0x5CBA5C, last.getRGB(2 * PongGame.AGENT_X + 3, 2 * paddleTop + 16) & 0xFFFFFF);
    byte[] lastFrame = recorded.get(6);
    for (int y = 0; y < 210; y++) {
      for (int x = 0; x < 160; x++) {
        int p = 3 * (y * 160 + x);
        int expected = (lastFrame[p] & 0xFF) << 16 | (lastFrame[p + 1] & 0xFF) << 8 | lastFrame[p + 2] & 0xFF;
        assertEquals(expected, last.getRGB(2 * x + 1, 2 * y + 1) & 0xFFFFFF, "pixel (" + y + ", " + x + ")");
      }
    }
  }

  @Test
  void theDelayIsRoundedToHundredthsOfASecond() throws IOException {
    Path file = dir.resolve("delay.gif");
    try (GifRecorder gif = GifRecorder.create(file, 2, 3, 1234)) {
      gif.add(FramesTest.SMALL);
      gif.add(FramesTest.SMALL);
    }

    Gif gif = read(file);

    assertEquals(2, gif.frames().size());
    assertEquals("123", children(gif.metadata().get(1), "GraphicControlExtension").get(0).getAttribute("delayTime"));
    assertEquals(0, children(gif.metadata().get(1), "ApplicationExtension").size(), "only the first frame loops");
    assertEquals(0x010203, gif.frames().get(1).getRGB(2, 1) & 0xFFFFFF);
  }

  @Test
  void aSingleFrameGifIsReadable() throws IOException {
    Path file = dir.resolve("one.gif");
    try (GifRecorder gif = GifRecorder.create(file, 2, 3, 0)) {
      gif.add(FramesTest.SMALL);
    }

    assertEquals(1, read(file).frames().size());
    assertNotNull(ImageIO.read(file.toFile()));
  }

  @Test
  void closingTwiceIsHarmlessAndAddingAfterCloseThrows() throws IOException {
    GifRecorder gif = GifRecorder.create(dir.resolve("closed.gif"), 2, 3, 100);
    gif.add(FramesTest.SMALL);
    gif.close();

    assertDoesNotThrow(gif::close);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> gif.add(FramesTest.SMALL));
    assertTrue(e.getMessage().contains("after close"), e.getMessage());
  }

  @Test
  void aRecorderClosedWithoutFramesLeavesAnEmptyFile() throws IOException {
    Path file = dir.resolve("empty.gif");
    Files.write(file, new byte[10]);

    GifRecorder.create(file, 2, 3, 100).close();

    assertEquals(0, Files.size(file));
  }

  @Test
  void aFrameOfAnotherSizeIsRefused() throws IOException {
    try (GifRecorder gif = GifRecorder.create(dir.resolve("size.gif"), 3, 3, 100)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gif.add(FramesTest.SMALL));
      assertTrue(e.getMessage().contains("27 bytes, got 18"), e.getMessage());
      assertEquals(0, gif.frames());
    }
  }

  @Test
  void badSettingsAreRefusedWithWhatIsAllowed() {
    Path file = dir.resolve("bad.gif");
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> GifRecorder.create(file, 2, 3, -1));
    assertTrue(negative.getMessage().contains("0..655350 ms, got -1"), negative.getMessage());
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> GifRecorder.create(file, 2, 3, GifRecorder.MAX_DELAY_MILLIS + 1));
    assertTrue(tooLong.getMessage().contains("655351"), tooLong.getMessage());
    IllegalArgumentException scale =
        assertThrows(IllegalArgumentException.class, () -> GifRecorder.create(file, 2, 3, 10, 0));
    assertTrue(scale.getMessage().contains("scale must be at least 1"), scale.getMessage());
    IllegalArgumentException side =
        assertThrows(IllegalArgumentException.class, () -> GifRecorder.create(file, 2, 70_000, 10));
    assertTrue(side.getMessage().contains("at most 65535"), side.getMessage());
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> GifRecorder.create(file, 0, 3, 10));
    assertTrue(empty.getMessage().contains("at least 1 row"), empty.getMessage());
    assertThrows(NullPointerException.class, () -> GifRecorder.create(null, 2, 3, 10));
    assertTrue(Files.notExists(file), "a refused recorder creates no file");
  }

  @Test
  void aFileInAMissingFolderThrowsIoException() {
    assertThrows(IOException.class, () -> GifRecorder.create(dir.resolve("missing").resolve("x.gif"), 2, 3, 10));
  }
}
