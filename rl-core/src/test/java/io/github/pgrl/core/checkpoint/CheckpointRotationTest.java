package io.github.pgrl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointRotationTest {

  private static CheckpointFile numbered(long n) {
    return new CheckpointFile().putLong("n", n).putFloats("w", new float[1000]);
  }

  @Property(tries = 30)
  void aWriteThatFailsAtAnyByteLeavesThePreviousCheckpointLoadable(@ForAll @IntRange(min = 0, max = 5000) int failAfter)
      throws Exception {
    Path dir = Files.createTempDirectory("ckpt");
    Path f = dir.resolve("c.pgrl");
    numbered(1).writeRotating(f, 3);
    assertThrows(UncheckedIOException.class, () -> numbered(2).write(f, 3, failAfter));
    assertEquals(1, CheckpointFile.read(f).getLong("n"));
    assertEquals(1, CheckpointFile.readLatest(f).checkpoint().getLong("n"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void rotationKeepsTheLastKCheckpointsNewestFirst(@TempDir Path dir) {
    Path f = dir.resolve("c.pgrl");
    for (long n = 1; n <= 5; n++) {
      numbered(n).writeRotating(f, 3);
    }
    assertEquals(5, CheckpointFile.read(f).getLong("n"));
    assertEquals(4, CheckpointFile.read(CheckpointFile.rotated(f, 1)).getLong("n"));
    assertEquals(3, CheckpointFile.read(CheckpointFile.rotated(f, 2)).getLong("n"));
    assertFalse(Files.exists(CheckpointFile.rotated(f, 3)));
  }

  @Test
  void readLatestFallsBackToTheNewestValidCheckpointAndSaysWhy(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.pgrl");
    numbered(1).writeRotating(f, 3);
    numbered(2).writeRotating(f, 3);
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
    CheckpointFile.Loaded loaded = CheckpointFile.readLatest(f);
    assertEquals(1, loaded.checkpoint().getLong("n"));
    assertEquals(CheckpointFile.rotated(f, 1), loaded.file());
    assertTrue(loaded.skipped().contains("checksum mismatch"), loaded.skipped());
    Files.delete(f);
    assertEquals(1, CheckpointFile.readLatest(f).checkpoint().getLong("n"));
  }

  @Test
  void readLatestWithNothingValidNamesEveryProblem(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.pgrl");
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.readLatest(f));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    Files.writeString(f, "junk");
    e = assertThrows(CheckpointException.class, () -> CheckpointFile.readLatest(f));
    assertTrue(e.getMessage().contains("not a pgrl checkpoint"), e.getMessage());
  }

  @Test
  void keepingFewerThanOneIsRejected(@TempDir Path dir) {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> numbered(1).writeRotating(dir.resolve("x"), 0))
        .getMessage().contains("at least 1"));
  }
}
