package io.github.pgrl.envs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongGame;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PNGs and GIFs are written whole or not at all, and a failure names the file and its cause: a full disk
 * (an in-memory file system with a size limit), a missing folder, a folder or a link in the file's place.
 */
class WriteFailuresTest {

  @TempDir Path dir;

  private static byte[] pongFrame() {
    PongEnvironment.Rgb env = PongEnvironment.rgb();
    return env.reset(1);
  }

  /** A file system that holds {@code bytes} at most; its working folder is {@code /work}. */
  private static FileSystem disk(long bytes) throws IOException {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(bytes).setBlockSize(512).build());
    Files.createDirectories(fs.getPath("/work"));
    return fs;
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aPngOnAFullDiskFailsNamingTheFileAndLeavesNothing() throws IOException {
    try (FileSystem fs = disk(4 * 1024)) {
      Path png = fs.getPath("/work/frame.png");
      IOException e = assertThrows(IOException.class,
          () -> Frames.writePng(pongFrame(), PongGame.HEIGHT, PongGame.WIDTH, 4, png));
      assertTrue(e.getMessage().startsWith("cannot write /work/frame.png: "), e.getMessage());
      assertTrue(e.getMessage().contains("space"), "the cause, " + e.getMessage());
      assertEquals(List.of(), names(fs.getPath("/work")), "no partial file, no temporary");
    }
  }

  @Test
  void aPngThatFailsLeavesTheEarlierFileAsItWas() throws IOException {
    try (FileSystem fs = disk(16 * 1024)) {
      Path png = fs.getPath("/work/frame.png");
      Frames.writePng(pongFrame(), PongGame.HEIGHT, PongGame.WIDTH, png);
      byte[] before = Files.readAllBytes(png);
      byte[] noise = new byte[PongGame.HEIGHT * PongGame.WIDTH * 3];
      new java.util.SplittableRandom(1).nextBytes(noise); // does not compress: about 100 KB of PNG
      assertThrows(IOException.class, () -> Frames.writePng(noise, PongGame.HEIGHT, PongGame.WIDTH, png));
      assertEquals(List.of("frame.png"), names(fs.getPath("/work")));
      assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(png)), "the earlier PNG is unchanged");
    }
  }

  @Test
  void aGifOnAFullDiskFailsNamingTheFileAndCloseLeavesNothing() throws IOException {
    try (FileSystem fs = disk(16 * 1024)) {
      Path file = fs.getPath("/work/game.gif");
      GifRecorder gif = GifRecorder.create(file, PongGame.HEIGHT, PongGame.WIDTH, 40, 2);
      PongEnvironment.Rgb env = PongEnvironment.rgb();
      byte[] frame = env.reset(3);
      IOException e = assertThrows(IOException.class, () -> {
        for (int t = 0; t < 10_000; t++) {
          gif.add(env.step(t % 2).observation());
        }
      });
      assertTrue(e.getMessage().startsWith("cannot write /work/game.gif: "), e.getMessage());
      assertTrue(e.getMessage().contains("space"), "the cause, " + e.getMessage());
      assertThrows(IllegalStateException.class, () -> gif.add(frame), "no frames after a failure");
      gif.close();
      assertEquals(List.of(), names(fs.getPath("/work")), "no partial GIF, no temporary");
    }
  }

  @Test
  void aGifAppearsOnlyWhenClosed() throws IOException {
    Path file = dir.resolve("game.gif");
    try (GifRecorder gif = GifRecorder.create(file, PongGame.HEIGHT, PongGame.WIDTH, 40)) {
      gif.add(pongFrame());
      assertTrue(Files.notExists(file), "an unfinished GIF is not under its name");
    }
    assertEquals(1, GifRecorderTest.read(file).frames().size());
    assertEquals(List.of("game.gif"), names(dir));
  }

  @Test
  void aMissingFolderAFolderOrALinkInThePlaceOfTheFileAreNamed() throws IOException {
    Path missing = dir.resolve("no-such-folder").resolve("game.gif");
    IOException noFolder = assertThrows(IOException.class, () -> GifRecorder.create(missing, 2, 3, 10));
    assertEquals("cannot write " + missing + ": the folder " + missing.getParent() + " does not exist", noFolder.getMessage());

    Path folder = Files.createDirectory(dir.resolve("frame.png"));
    IOException isFolder = assertThrows(IOException.class, () -> Frames.writePng(new byte[3], 1, 1, folder));
    assertEquals("cannot write " + folder + ": it is a folder", isFolder.getMessage());

    Path target = Files.writeString(dir.resolve("target.gif"), "kept");
    Path link = Files.createSymbolicLink(dir.resolve("link.gif"), target);
    IOException isLink = assertThrows(IOException.class, () -> GifRecorder.create(link, 2, 3, 10));
    assertTrue(isLink.getMessage().contains("not a regular file"), isLink.getMessage());
    assertEquals("kept", Files.readString(target));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(List.of("frame.png", "link.gif", "target.gif"), names(dir), "no temporaries");
  }
}
