package io.github.pgrl.core.util;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Puts ND4J into the state pgrl relies on: float32 as the default data type, everywhere.
 *
 * <p>Every class that creates ND4J arrays calls {@link #ensure()} first. Mixing FLOAT and DOUBLE arrays
 * makes ND4J cast silently, so pgrl keeps to float32 throughout. Thread counts are the application's
 * choice ({@code OMP_NUM_THREADS} before the JVM starts, or {@link #setThreads(int)}).
 *
 * @since 0.1.0
 */
public final class Nd4jSetup {

  private static volatile boolean done;

  private Nd4jSetup() {}

  /** What to add when no ND4J backend is on the class path (the README's "Choosing the ND4J backend"). */
  static final String NO_BACKEND = "pgrl computes its networks with ND4J, and no ND4J backend is on the class path:"
      + " add org.nd4j:nd4j-native:1.0.0-M2.1 together with org.nd4j:nd4j-native:1.0.0-M2.1 of your platform's"
      + " classifier (linux-x86_64, windows-x86_64, macosx-x86_64, macosx-arm64, linux-arm64), or"
      + " org.nd4j:nd4j-native-platform:1.0.0-M2.1 for every platform (see the README, \"Choosing the ND4J"
      + " backend\"); rl-bom manages these versions";

  /**
   * Sets float32 as ND4J's default data type; cheap after the first call.
   *
   * @throws IllegalStateException if no ND4J backend can be loaded; the message says which dependency to
   *     add
   */
  public static void ensure() {
    if (!done) {
      synchronized (Nd4jSetup.class) {
        if (!done) {
          try {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
          } catch (ExceptionInInitializerError | NoClassDefFoundError | UnsatisfiedLinkError e) {
            // ND4J fails in its static initialiser once, then with "Could not initialize class" every time
            throw new IllegalStateException(NO_BACKEND + " (" + e + ")", e);
          }
          done = true;
        }
      }
    }
  }

  /**
   * Turns ND4J's NaN and infinity checks on every operation on or off: a debugging aid that finds the
   * operation that first produced a non-finite value, at a large cost in speed.
   *
   * @param on whether to check
   */
  public static void nanPanic(boolean on) {
    ensure();
    Nd4j.getExecutioner().setProfilingConfig(
        org.nd4j.linalg.profiler.ProfilerConfig.builder().checkForNAN(on).checkForINF(on).build());
  }

  /**
   * Sets the number of threads ND4J's native operations may use.
   *
   * @param threads at least 1; on two cores one thread is often fastest for policy-sized matrices
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ND4J needs at least 1 thread, got " + threads);
    }
    ensure();
    Nd4j.getEnvironment().setMaxThreads(threads);
  }
}
