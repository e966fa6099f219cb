package io.github.pgrl.core;

import io.github.pgrl.core.internal.Batch;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classes that break, or deliberately keep, the {@link LayeringRules}, for {@code LayeringTest} to show
 * that each rule can fail. They live in the root package of {@code rl-core}, where ND4J and the engine are
 * forbidden, and are never run.
 */
final class LayeringViolations {

  private LayeringViolations() {}

  /** Uses ND4J inside a package that must not. */
  static final class UsesNd4j {
    private INDArray weights;

    long length() {
      return weights.length();
    }
  }

  /** Lives in the same package but uses plain arrays. */
  static final class UsesPlainArrays {
    private float[] weights = new float[3];

    int length() {
      return weights.length;
    }
  }

  /** Uses the engine's record directly, as only the policies and the trainer may. */
  static final class UsesTheEngine {
    void hint(RecordedSteps<float[], Integer> steps, int[] nonZero) {
      if (steps instanceof Batch batch) {
        batch.hintNonZeros(nonZero, nonZero.length);
      }
    }
  }

  /** Uses the record of steps only through its contract. */
  static final class UsesTheContract {
    int size(RecordedSteps<float[], Integer> steps) {
      return steps.size();
    }
  }

  /** Calls every forbidden source of randomness. */
  static final class CallsUnseededRandomness {
    double mathRandom() {
      return Math.random();
    }

    double strictMathRandom() {
      return StrictMath.random();
    }

    Random unseededRandom() {
      return new Random();
    }

    SplittableRandom unseededSplittableRandom() {
      return new SplittableRandom();
    }

    int threadLocalRandom() {
      return ThreadLocalRandom.current().nextInt();
    }

    RandomGenerator defaultGenerator() {
      return RandomGenerator.getDefault();
    }

    Object nd4jRandom() {
      return Nd4j.getRandom();
    }
  }

  /** Only refers to forbidden sources of randomness by method reference. */
  static final class ReferencesUnseededRandomness {
    DoubleSupplier mathRandom() {
      return Math::random;
    }

    Supplier<Random> unseededRandom() {
      return Random::new;
    }
  }

  /** Extends Random through its unseeded constructor. */
  static final class UnseededRandomSubclass extends Random {
    private static final long serialVersionUID = 1L;

    UnseededRandomSubclass() {
      super();
    }
  }

  /** Draws only from seeded generators. */
  static final class SeededRandomness {
    double draw(long seed) {
      return new Random(seed).nextDouble() + new SplittableRandom(seed).split().nextDouble();
    }
  }

  /** Writes to the console in every forbidden way. */
  static final class WritesToTheConsole {
    void out() {
      System.out.println("progress");
    }

    void err() {
      System.err.println("warning");
    }

    void stackTrace(IllegalStateException e) {
      e.printStackTrace();
    }
  }

  /** Logs instead. */
  static final class Logs {
    private static final Logger LOG = LoggerFactory.getLogger(Logs.class);

    void warn(IllegalStateException e) {
      LOG.warn("warning", e);
    }
  }
}
