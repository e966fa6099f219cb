package io.github.pgrl.core.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.policy.MlpPolicy;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Without an ND4J backend on the class path, building a network says which dependency to add. */
class MissingBackendTest {

  /** Builds a 12 → 32 → 2 policy and prints what happened, in a JVM without the native backend. */
  public static void main(String[] args) {
    try {
      MlpPolicy.builder(12, 2).hidden(32).build(new SplittableRandom(1));
      System.out.println("built");
      MlpPolicy.builder(12, 2).hidden(32).build(new SplittableRandom(1));
    } catch (RuntimeException e) {
      System.out.println(e.getClass().getName() + ": " + e.getMessage());
      try {
        MlpPolicy.builder(12, 2).hidden(32).build(new SplittableRandom(1));
      } catch (RuntimeException again) {
        System.out.println("again " + again.getClass().getName());
      }
    }
  }

  @Test
  void aNetworkWithoutTheNativeBackendNamesTheDependencyToAdd() throws Exception {
    String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String withoutBackend = Arrays.stream(testPath.split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("nd4j-native"))
        .collect(Collectors.joining(File.pathSeparator));
    assertTrue(withoutBackend.length() < testPath.length(), "the test class path has the native backend to remove");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the child's log goes to stderr, which nobody reads: discard it, or a full pipe would block the child
    Process p = new ProcessBuilder(java, "-cp", withoutBackend, MissingBackendTest.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    boolean exited = p.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    assertTrue(exited, "the child JVM exits within 120 s");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(out.startsWith("java.lang.IllegalStateException: " + Nd4jSetup.NO_BACKEND), "what the user sees: " + out);
    assertTrue(out.endsWith("again java.lang.IllegalStateException"), "the second try says the same: " + out);
  }
}
