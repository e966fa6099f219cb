package io.github.pgrl.envs.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongGame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An aborted recording leaves no GIF and no temporary, and an earlier file of that name as it was. */
class GifRecorderAbortTest {

  @TempDir Path dir;

  private static byte[] pongFrame() {
    return PongEnvironment.rgb().reset(1);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anAbortedRecordingLeavesAnEarlierFileAsItWasAndNoTemporary() throws IOException {
    Path file = dir.resolve("game.gif");
    byte[] earlier = {1, 2, 3};
    Files.write(file, earlier);
    GifRecorder gif = GifRecorder.create(file, PongGame.HEIGHT, PongGame.WIDTH, 40);
    gif.add(pongFrame());
    gif.add(pongFrame());
    gif.abort();
    assertArrayEquals(earlier, Files.readAllBytes(file));
    assertEquals(List.of("game.gif"), names());
    gif.abort(); // idempotent
    gif.close(); // and close() after it writes nothing
    assertArrayEquals(earlier, Files.readAllBytes(file));
    assertEquals(List.of("game.gif"), names());
    assertThrows(IllegalStateException.class, () -> gif.add(pongFrame()));
  }

  @Test
  void anAbortedNewRecordingLeavesNothing() throws IOException {
    GifRecorder gif = GifRecorder.create(dir.resolve("game.gif"), PongGame.HEIGHT, PongGame.WIDTH, 40);
    gif.abort();
    assertEquals(List.of(), names());
  }

  @Test
  void anAbortAfterCloseDoesNothing() throws IOException {
    Path file = dir.resolve("game.gif");
    GifRecorder gif = GifRecorder.create(file, PongGame.HEIGHT, PongGame.WIDTH, 40);
    gif.add(pongFrame());
    gif.close();
    gif.abort();
    assertTrue(Files.exists(file));
    assertEquals(1, GifRecorderTest.read(file).frames().size());
  }
}
