package io.github.pgrl.envs.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongGame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Frames} makes images and PNG files whose every pixel has the frame's colour. */
class FramesTest {

  @TempDir
  Path dir;

  /** A 2×3 frame: red, green, blue / white, black, (1, 2, 3). */
  static final byte[] SMALL = {
    (byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255,
    (byte) 255, (byte) 255, (byte) 255, 0, 0, 0, 1, 2, 3,
  };

  static final int[][] SMALL_RGB = {{0xFF0000, 0x00FF00, 0x0000FF}, {0xFFFFFF, 0x000000, 0x010203}};

  @Test
  void toImageGivesAnIntRgbImageWithTheFramesColours() {
    BufferedImage image = Frames.toImage(SMALL, 2, 3);

    assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
    assertEquals(3, image.getWidth());
    assertEquals(2, image.getHeight());
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(SMALL_RGB[r][c], image.getRGB(c, r) & 0xFFFFFF, "pixel (" + r + ", " + c + ")");
      }
    }
  }

  @Test
  void aScaleEnlargesEveryPixelToABlock() {
    BufferedImage image = Frames.toImage(SMALL, 2, 3, 4);

    assertEquals(12, image.getWidth());
    assertEquals(8, image.getHeight());
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 12; x++) {
        assertEquals(SMALL_RGB[y / 4][x / 4], image.getRGB(x, y) & 0xFFFFFF, "pixel (" + y + ", " + x + ")");
      }
    }
  }

  @Test
  void aPngOfAPongFrameReadsBackWithItsSizeAndThePaddlesColours() throws IOException {
    PongEnvironment.Rgb pong = PongEnvironment.rgb();
    byte[] frame = pong.reset(5);
    int paddleTop = (int) Math.floor(pong.game().agentY());
    int opponentTop = (int) Math.floor(pong.game().opponentY());
    Path file = dir.resolve("pong.png");

    Frames.writePng(frame, 210, 160, file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(160, image.getWidth());
    assertEquals(210, image.getHeight());
    assertEquals(0x5CBA5C, image.getRGB(PongGame.AGENT_X + 1, paddleTop + 8) & 0xFFFFFF, "agent paddle (92, 186, 92)");
    assertEquals(0xD5824A, image.getRGB(PongGame.OPPONENT_X + 1, opponentTop + 8) & 0xFFFFFF,
        "opponent paddle (213, 130, 74)");
    assertEquals(0x904811, image.getRGB(5, 120) & 0xFFFFFF, "background (144, 72, 17), left of the opponent");
    assertEquals(0xECECEC, image.getRGB(80, 200) & 0xFFFFFF, "lower bar (236, 236, 236)");
    for (int y = 0; y < 210; y++) {
      for (int x = 0; x < 160; x++) {
        int p = 3 * (y * 160 + x);
        int expected = (frame[p] & 0xFF) << 16 | (frame[p + 1] & 0xFF) << 8 | frame[p + 2] & 0xFF;
        assertEquals(expected, image.getRGB(x, y) & 0xFFFFFF);
      }
    }
  }

  @Test
  void aScaledPngHasTheScaledSize() throws IOException {
    Path file = dir.resolve("small.png");

    Frames.writePng(SMALL, 2, 3, 5, file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(15, image.getWidth());
    assertEquals(10, image.getHeight());
    assertEquals(0x010203, image.getRGB(14, 9) & 0xFFFFFF);
  }

  @Test
  void writePngReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("again.png");
    Files.write(file, new byte[100_000]);

    Frames.writePng(SMALL, 2, 3, file);

    assertTrue(Files.size(file) < 100_000);
    assertEquals(3, ImageIO.read(file.toFile()).getWidth());
  }

  @Test
  void writePngToAMissingFolderThrowsIoException() {
    assertThrows(IOException.class, () -> Frames.writePng(SMALL, 2, 3, dir.resolve("missing").resolve("x.png")));
  }

  @Test
  void grayMapsZeroToBlackOneToWhiteAndClampsTheRest() {
    byte[] rgb = Frames.gray(new float[] {0f, 1f, 0.5f, -1f, 2f, Float.NaN}, 2, 3);

    assertArrayEquals(new byte[] {
        0, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 128, (byte) 128, (byte) 128,
        0, 0, 0, (byte) 255, (byte) 255, (byte) 255, 0, 0, 0}, rgb);
  }

  @Test
  void badArgumentsAreRefusedWithWhatIsAllowed() {
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> Frames.toImage(SMALL, 3, 3));
    assertTrue(length.getMessage().contains("27 bytes, got 18"), length.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> Frames.toImage(SMALL, 0, 3));
    assertTrue(size.getMessage().contains("at least 1 row and 1 column"), size.getMessage());
    IllegalArgumentException scale = assertThrows(IllegalArgumentException.class, () -> Frames.toImage(SMALL, 2, 3, 0));
    assertTrue(scale.getMessage().contains("scale must be at least 1, got 0"), scale.getMessage());
    IllegalArgumentException huge =
        assertThrows(IllegalArgumentException.class, () -> Frames.toImage(SMALL, 2, 3, 40_000));
    assertTrue(huge.getMessage().contains("too large"), huge.getMessage());
    IllegalArgumentException gray =
        assertThrows(IllegalArgumentException.class, () -> Frames.gray(new float[5], 2, 3));
    assertTrue(gray.getMessage().contains("needs 6 values, got 5"), gray.getMessage());
    assertThrows(NullPointerException.class, () -> Frames.toImage(null, 2, 3));
    assertThrows(NullPointerException.class, () -> Frames.writePng(SMALL, 2, 3, null));
  }
}
