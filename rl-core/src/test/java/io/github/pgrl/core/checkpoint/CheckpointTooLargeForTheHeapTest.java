package io.github.pgrl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs in the surefire execution {@code small-heap} (-Xmx96m), where a file of 200 MB does not fit. */
class CheckpointTooLargeForTheHeapTest {

  @Test
  void aFileTooLargeForTheHeapIsReportedAsSuchNotAsAnOutOfMemoryError(@TempDir Path dir) throws Exception {
    long heap = Runtime.getRuntime().maxMemory();
    long size = 200L << 20;
    assertTrue(heap < size, "this test needs a heap smaller than " + size + " bytes (-Xmx96m), got " + heap);
    Path f = dir.resolve("big.ckpt");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(size); // sparse: takes no disk space
    }
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(f));
    assertTrue(e.getMessage().contains("too many for this JVM's heap") && e.getMessage().contains("-Xmx")
        && e.getMessage().contains(f.toString()), e.getMessage());
  }
}
