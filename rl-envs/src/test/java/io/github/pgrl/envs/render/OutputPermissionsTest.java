package io.github.pgrl.envs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongGame;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PNG or GIF written whole through a temporary file gets the permissions of the file it replaces, or
 * rw-r--r-- when it is new, not the temporary's owner-only rw-------.
 */
class OutputPermissionsTest {

  @TempDir Path dir;

  @BeforeEach
  void posix() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
  }

  private static byte[] pongFrame() {
    return PongEnvironment.rgb().reset(1);
  }

  private static String permissions(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static void gif(Path file) throws IOException {
    try (GifRecorder gif = GifRecorder.create(file, PongGame.HEIGHT, PongGame.WIDTH, 40)) {
      gif.add(pongFrame());
    }
  }

  @Test
  void aNewPngIsReadableByAll() throws IOException {
    Path file = dir.resolve("frame.png");
    Frames.writePng(pongFrame(), PongGame.HEIGHT, PongGame.WIDTH, file);
    assertEquals("rw-r--r--", permissions(file));
  }

  @Test
  void aPngReplacingAFileKeepsItsPermissions() throws IOException {
    Path file = dir.resolve("frame.png");
    Files.write(file, new byte[] {1});
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    Frames.writePng(pongFrame(), PongGame.HEIGHT, PongGame.WIDTH, file);
    assertEquals("rw-rw-r--", permissions(file));
  }

  @Test
  void aNewGifIsReadableByAll() throws IOException {
    Path file = dir.resolve("game.gif");
    gif(file);
    assertEquals("rw-r--r--", permissions(file));
  }

  @Test
  void aGifReplacingAFileKeepsItsPermissions() throws IOException {
    Path file = dir.resolve("game.gif");
    Files.write(file, new byte[] {1});
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    gif(file);
    assertEquals("rw-rw-r--", permissions(file));
    assertEquals(1, GifRecorderTest.read(file).frames().size());
  }
}
