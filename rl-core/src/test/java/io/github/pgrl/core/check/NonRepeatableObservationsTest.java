package io.github.pgrl.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.pgrl.core.Space;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.ByteImage;
import io.github.pgrl.core.space.Discrete;
import java.lang.reflect.Array;
import java.util.List;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When two resets with the same seed give different observations, the {@link EnvironmentChecker} says
 * where they differ: for arrays the first differing index and both values, not only their types.
 */
class NonRepeatableObservationsTest {

  private static final String NOT_REPEATABLE =
      "reset(42) is not repeatable: two resets with the same seed gave different first observations (";
  private static final String REPLAY = "the same seed and the same actions gave a different observation (";

  private static <O> List<String> problems(Space<O> space, IntFunction<O> observations) {
    return EnvironmentChecker.defaults().report(() -> new ChangingObservations<>(space, observations)).problems();
  }

  private static String startingWith(List<String> problems, String start) {
    List<String> found = problems.stream().filter(p -> p.startsWith(start)).collect(Collectors.toList());
    assertEquals(1, found.size(), () -> "no single problem starts with \"" + start + "\": " + problems);
    return found.get(0);
  }

  /** Any array of the given class whose length the space fixes; shape {@code [length]}. */
  private static <T> Space<T> arrays(int length) {
    return new Space<>() {
      @Override
      public boolean contains(T value) {
        return value != null && value.getClass().isArray() && Array.getLength(value) == length;
      }

      @Override
      public T sample(RandomGenerator rng) {
        throw new UnsupportedOperationException("not sampled in this test");
      }

      @Override
      public int[] shape() {
        return new int[] {length};
      }

      @Override
      public String toString() {
        return "arrays of " + length;
      }
    };
  }

  @Test
  void aFloatObservationOfTwelveValuesIsReportedByItsFirstDifferingIndexAndBothValues() {
    List<String> problems = problems(Box.of(0f, 10f, 12), k -> {
      float[] x = new float[12];
      x[5] = 0.25f * k;
      x[9] = k;
      return x;
    });

    assertEquals(NOT_REPEATABLE + "they first differ at index 5 of float[12]: 0.25 and 0.5)",
        startingWith(problems, NOT_REPEATABLE));
    assertEquals(REPLAY + "they first differ at index 5 of float[12]: 0.75 and 1.0) at step 0: reset(seed) must"
        + " re-seed every source of randomness", startingWith(problems, REPLAY));
  }

  @Test
  void aByteImageIsReportedWithThePixelPositionAndUnsignedValues() {
    List<String> problems = problems(ByteImage.of(4, 5, 3), k -> {
      byte[] image = new byte[60];
      image[37] = (byte) (100 + 50 * k);
      return image;
    });

    assertEquals(NOT_REPEATABLE + "they first differ at index 37 (position [2, 2, 1] in shape [4, 5, 3]) of byte[60]:"
        + " 150 and 200)", startingWith(problems, NOT_REPEATABLE));
  }

  static Stream<Arguments> arraysOfEveryElementType() {
    return Stream.of(
        arguments("double", (IntFunction<Object>) k -> new double[] {1, 2, k / 2.0}, "index 2 of double[3]: 0.5 and 1.0"),
        arguments("int", (IntFunction<Object>) k -> new int[] {1, 2, k}, "index 2 of int[3]: 1 and 2"),
        arguments("long", (IntFunction<Object>) k -> new long[] {k, 2, 3}, "index 0 of long[3]: 1 and 2"),
        arguments("short", (IntFunction<Object>) k -> new short[] {1, (short) k, 3}, "index 1 of short[3]: 1 and 2"),
        arguments("char", (IntFunction<Object>) k -> new char[] {'a', 'b', (char) ('a' + k)}, "index 2 of char[3]: b and c"),
        arguments("boolean", (IntFunction<Object>) k -> new boolean[] {true, k % 2 == 0, true},
            "index 1 of boolean[3]: false and true"),
        arguments("byte", (IntFunction<Object>) k -> new byte[] {0, 0, (byte) -k}, "index 2 of byte[3]: -1 and -2"),
        arguments("String", (IntFunction<Object>) k -> new String[] {"a", "b" + k, "c"}, "index 1 of String[3]: b1 and b2"),
        arguments("float[]", (IntFunction<Object>) k -> new float[][] {{0f}, {0f}, {k}},
            "index 2 of float[3][]: [1.0] and [2.0]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arraysOfEveryElementType")
  void arraysOfEveryElementTypeAreReportedByTheirFirstDifferingIndex(String type, IntFunction<Object> observations,
      String where) {
    List<String> problems = problems(arrays(3), observations);

    assertEquals(NOT_REPEATABLE + "they first differ at " + where + ")", startingWith(problems, NOT_REPEATABLE));
  }

  @Test
  void arraysOfDifferentLengthsAreReportedByBothLengths() {
    Space<float[]> anyLength = new Space<>() {
      @Override
      public boolean contains(float[] value) {
        return value != null;
      }

      @Override
      public float[] sample(RandomGenerator rng) {
        return new float[1];
      }

      @Override
      public int[] shape() {
        return new int[] {1};
      }
    };

    List<String> problems = problems(anyLength, k -> new float[10 + k]);

    assertEquals(NOT_REPEATABLE + "a float[11] and a float[12])", startingWith(problems, NOT_REPEATABLE));
  }

  @Test
  void anObservationThatIsNotAnArrayIsDescribedByItsSpace() {
    List<String> problems = problems(Discrete.of(10), k -> k);

    assertEquals(NOT_REPEATABLE + "1 and 2)", startingWith(problems, NOT_REPEATABLE));
    assertFalse(problems.stream().anyMatch(p -> p.contains("index")), problems::toString);
  }
}
