package io.github.pgrl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

  private static CheckpointFile sample() {
    return new CheckpointFile()
        .putFloats("w", new float[] {1.5f, -2f, Float.MIN_VALUE})
        .putDoubles("d", new double[] {Math.PI})
        .putLong("n", Long.MIN_VALUE)
        .putDouble("x", Double.NaN)
        .putString("s", "héllo ∑");
  }

  @Test
  void everyEntryTypeRoundTripsThroughAFile(@TempDir Path dir) {
    Path f = dir.resolve("a.ckpt");
    sample().write(f);
    CheckpointFile back = CheckpointFile.read(f);
    assertArrayEquals(new float[] {1.5f, -2f, Float.MIN_VALUE}, back.floats("w"));
    assertArrayEquals(new double[] {Math.PI}, back.doubles("d"));
    assertEquals(Long.MIN_VALUE, back.getLong("n"));
    assertTrue(Double.isNaN(back.getDouble("x")));
    assertEquals("héllo ∑", back.getString("s"));
    assertEquals(java.util.List.of("w", "d", "n", "x", "s"), java.util.List.copyOf(back.names()));
  }

  @Test
  void theLayoutStartsWithTheMagicAndVersionAndEndsWithTheCrc() {
    byte[] b = sample().toBytes();
    assertEquals("PGRLCKPT", new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1, bb.getInt(8));
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - 8);
    assertEquals(crc.getValue(), bb.getLong(b.length - 8));
  }

  @Test
  void aForeignFileIsNotAPgrlCheckpoint(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x");
    Files.writeString(f, "{\"json\": true}");
    assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(f)).getMessage().contains("not a pgrl checkpoint"));
  }

  @Test
  void aMissingFileIsReportedAsMissing(@TempDir Path dir) {
    assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(dir.resolve("none"))).getMessage().contains("does not exist"));
  }

  @Property(tries = 60)
  void anyFlippedByteIsAChecksumMismatch(@ForAll @IntRange(min = 8, max = 10_000) int position) {
    byte[] b = sample().toBytes();
    int i = position % b.length;
    if (i < 8) {
      return;
    }
    b[i] ^= 0x20;
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.fromBytes(b, "f"));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Property(tries = 60)
  void anyTruncationIsReportedWithoutAnEofException(@ForAll @IntRange(min = 0, max = 10_000) int cut) {
    byte[] full = sample().toBytes();
    byte[] b = java.util.Arrays.copyOf(full, cut % full.length);
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.fromBytes(b, "f"));
    assertTrue(e.getMessage().contains("checksum mismatch") || e.getMessage().contains("truncated")
        || e.getMessage().contains("not a pgrl checkpoint"), e.getMessage());
  }

  @Test
  void anotherFormatVersionIsNamed() {
    byte[] b = sample().toBytes();
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    bb.putInt(8, 7);
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - 8);
    bb.putLong(b.length - 8, crc.getValue());
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.fromBytes(b, "f"));
    assertTrue(e.getMessage().contains("format version 7 is not supported"), e.getMessage());
  }

  @Test
  void writingReplacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.ckpt");
    new CheckpointFile().putLong("n", 1).write(f);
    new CheckpointFile().putLong("n", 2).write(f);
    assertEquals(2, CheckpointFile.read(f).getLong("n"));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aWrongTypeOrMissingEntryIsAClearError() {
    CheckpointFile c = sample();
    assertTrue(assertThrows(CheckpointException.class, () -> c.getLong("w")).getMessage().contains("'w' is a float[]"));
    assertTrue(assertThrows(CheckpointException.class, () -> c.floats("nope")).getMessage().contains("no entry 'nope'"));
  }

  @Test
  void aWrongTypeOrMissingEntryOfAFileNamesTheFile(@TempDir Path dir) {
    Path f = dir.resolve("a.ckpt");
    sample().write(f);
    CheckpointFile c = CheckpointFile.read(f);
    assertTrue(assertThrows(CheckpointException.class, () -> c.getLong("w")).getMessage().contains(f.toString()));
    assertTrue(assertThrows(CheckpointException.class, () -> c.floats("nope")).getMessage().contains(f.toString()));
  }

  @Test
  void aDirectoryIsRefusedAsNotARegularFile(@TempDir Path dir) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(dir));
    assertTrue(e.getMessage().contains(dir + " is not a checkpoint: it is a directory"), e.getMessage());
  }

  @Test
  void aDeviceIsRefusedWithoutBeingRead() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero here");
    CheckpointException e = assertTimeoutPreemptively(
        Duration.ofSeconds(20), () -> assertThrows(CheckpointException.class, () -> CheckpointFile.read(zero)));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void aNamedPipeIsRefusedWithoutBeingOpened(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("pipe");
    assumeTrue(mkfifo(fifo), "mkfifo is not available");
    CheckpointException e = assertTimeoutPreemptively(
        Duration.ofSeconds(20), () -> assertThrows(CheckpointException.class, () -> CheckpointFile.read(fifo)));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  private static boolean mkfifo(Path fifo) {
    try {
      return new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0 && Files.exists(fifo);
    } catch (java.io.IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void aFileLargerThanTheMaximumIsRefusedWithoutBeingRead(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("huge.ckpt");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(3L << 30); // sparse: takes no disk space
    }
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(f));
    assertTrue(e.getMessage().contains("3221225472 bytes, more than the 1073741824"), e.getMessage());
  }

  @Test
  void aSymbolicLinkToACheckpointIsRead(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a.ckpt");
    sample().write(f);
    Path link = Files.createSymbolicLink(dir.resolve("latest"), f.getFileName());
    assertEquals(Long.MIN_VALUE, CheckpointFile.read(link).getLong("n"));
  }
}
