package io.github.pgrl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWritingTest {

  private static CheckpointFile numbered(long n) {
    return new CheckpointFile().putLong("n", n);
  }

  private static Set<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void deleteTemporariesRemovesWhatKilledWritesLeftAndNothingElse(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.pgrl");
    numbered(1).writeRotating(f, 2);
    numbered(2).writeRotating(f, 2);
    // what a write killed between creating its temporary file and moving it leaves behind
    Path left1 = CheckpointFile.temporary(f);
    Path left2 = CheckpointFile.temporary(f);
    List<String> others = List.of(".c.pgrl.tmp", "c.pgrl.123.tmp", ".c.pgrl.1.123.tmp", ".c.pgrl.12a.tmp",
        ".c.pgrl..tmp", ".other.123.tmp", ".c.pgrl.123.tmp.x", "x.c.pgrl.123.tmp");
    for (String o : others) {
      Files.writeString(dir.resolve(o), "keep me");
    }
    Files.createDirectory(dir.resolve(".c.pgrl.99.tmp"));
    assertEquals(2, CheckpointFile.deleteTemporaries(f));
    assertFalse(Files.exists(left1));
    assertFalse(Files.exists(left2));
    Set<String> kept = names(dir);
    assertTrue(kept.containsAll(others), kept.toString());
    assertTrue(kept.containsAll(List.of("c.pgrl", "c.pgrl.1", ".c.pgrl.99.tmp")), kept.toString());
    assertEquals(2, CheckpointFile.readLatest(f).checkpoint().getLong("n"));
    assertEquals(0, CheckpointFile.deleteTemporaries(f));
  }

  private static void assumePosix() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "not a POSIX file system");
  }

  @Test
  void aNewCheckpointIsReadableByAll(@TempDir Path dir) throws Exception {
    assumePosix();
    Path f = dir.resolve("c.pgrl");
    numbered(1).write(f);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void aReplacedCheckpointKeepsThePermissionsOfTheFileItReplaces(@TempDir Path dir) throws Exception {
    assumePosix();
    Path f = dir.resolve("c.pgrl");
    for (String perms : List.of("rw-------", "rw-rw-r--", "r--------")) {
      numbered(1).write(f);
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
      numbered(2).writeRotating(f, 2);
      assertEquals(2, CheckpointFile.read(f).getLong("n"));
      assertEquals(perms, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }
  }

  @Test
  void writingThroughASymbolicLinkReplacesTheLinkAndLeavesItsTargetUntouched(@TempDir Path dir) throws Exception {
    Path real = dir.resolve("real.pgrl");
    numbered(1).write(real);
    byte[] before = Files.readAllBytes(real);
    Path link = Files.createSymbolicLink(dir.resolve("c.pgrl"), real.getFileName());
    numbered(2).write(link);
    assertFalse(Files.isSymbolicLink(link));
    assertEquals(2, CheckpointFile.read(link).getLong("n"));
    assertArrayEquals(before, Files.readAllBytes(real));

    Path rotatedLink = Files.createSymbolicLink(dir.resolve("r.pgrl"), real.getFileName());
    numbered(3).writeRotating(rotatedLink, 2);
    assertFalse(Files.isSymbolicLink(rotatedLink));
    assertTrue(Files.isSymbolicLink(CheckpointFile.rotated(rotatedLink, 1)), "the link became r.pgrl.1");
    assertEquals(3, CheckpointFile.read(rotatedLink).getLong("n"));
    assertArrayEquals(before, Files.readAllBytes(real));
  }
}
