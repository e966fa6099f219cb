package io.github.pgrl.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Masters that cannot run tasks; no Spark context of this class's stays running. */
class SparkMasterConnectionTest {

  @Test
  void anUnreachableMasterIsReportedWithinTheTimeout() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    long t0 = System.nanoTime();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkRollouts.connect("spark://127.0.0.1:" + port, Duration.ofSeconds(5)));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(e.getMessage().startsWith("no Spark master answers at spark://127.0.0.1:" + port + " (127.0.0.1:" + port
        + ": Connection refused"), e.getMessage());
    assertTrue(seconds < 6, "took " + seconds + " s");
  }
}
