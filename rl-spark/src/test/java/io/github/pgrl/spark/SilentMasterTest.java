package io.github.pgrl.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A master address that accepts connections but never answers. Runs in a JVM of its own (the pom's
 * silent-master execution): Spark goes on trying to register the abandoned context for a minute.
 */
class SilentMasterTest {

  @Test
  void aMasterThatNeverAnswersIsReportedWithinTheTimeout() throws IOException {
    // something listens, but no master speaks: registration never completes
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      long t0 = System.nanoTime();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> SparkRollouts.connect("spark://127.0.0.1:" + silent.getLocalPort(), Duration.ofSeconds(3)));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(seconds < 5, "took " + seconds + " s");
      assertTrue(e.getMessage().startsWith("the Spark master spark://127.0.0.1:" + silent.getLocalPort()
          + " did not register this application within 3 s"), e.getMessage());
    }
  }
}
