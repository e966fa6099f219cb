package io.github.pgrl.core.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

class BoxTest {

  // ---- contains, shape, accessors ----

  @Example
  void containsValuesWithinTheClosedBoundsOfEveryElement() {
    Box box = Box.of(new float[] {-1f, 0f}, new float[] {1f, 10f});

    assertTrue(box.contains(new float[] {-1f, 10f}));
    assertTrue(box.contains(new float[] {0.5f, 0f}));
    assertFalse(box.contains(new float[] {1.0001f, 5f}));
    assertFalse(box.contains(new float[] {0f, -0.0001f}));
  }

  @Example
  void neverContainsNaNNullOrAValueOfAnotherLength() {
    Box box = Box.of(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 2);

    assertTrue(box.contains(new float[] {Float.MAX_VALUE, Float.NEGATIVE_INFINITY}));
    assertFalse(box.contains(new float[] {0f, Float.NaN}));
    assertFalse(box.contains(null));
    assertFalse(box.contains(new float[] {0f}));
    assertFalse(box.contains(new float[] {0f, 0f, 0f}));
  }

  @Example
  void explainsWhichElementIsOutside() {
    Box box = Box.of(0f, 1f, 3);

    assertNull(box.violation(new float[] {0f, 0.5f, 1f}));
    assertEquals("element 1 is 2.0, outside [0.0, 1.0]", box.violation(new float[] {0f, 2f, 1f}));
    assertEquals("element 0 is NaN, outside [0.0, 1.0]", box.violation(new float[] {Float.NaN, 0f, 0f}));
    assertEquals("the value is null", box.violation(null));
    assertTrue(box.violation(new float[2]).startsWith("it has 2 elements, the box "), box.violation(new float[2]));
  }

  @Example
  void hasTheShapeItWasMadeWithAndASizeThatIsItsProduct() {
    Box image = Box.of(0f, 255f, 4, 3, 2);

    assertArrayEquals(new int[] {4, 3, 2}, image.shape());
    assertEquals(24, image.size());
    assertArrayEquals(new int[] {5}, Box.of(new float[5], new float[5]).shape());
  }

  @Example
  void handsOutCopiesOfItsShapeAndBounds() {
    Box box = Box.of(0f, 1f, 2);

    box.shape()[0] = 7;
    box.low()[0] = 5f;
    box.high()[1] = -5f;

    assertArrayEquals(new int[] {2}, box.shape());
    assertArrayEquals(new float[] {0f, 0f}, box.low());
    assertArrayEquals(new float[] {1f, 1f}, box.high());
  }

  @Example
  void keepsItsOwnCopiesOfTheArraysItWasMadeFrom() {
    float[] low = {0f, 0f};
    float[] high = {1f, 1f};
    int[] shape = {2};
    Box box = Box.of(low, high, shape);

    low[0] = 0.5f;
    high[0] = 0.6f;
    shape[0] = 9;

    assertTrue(box.contains(new float[] {0.1f, 0.9f}));
    assertArrayEquals(new int[] {2}, box.shape());
  }

  @Example
  void isBoundedOnlyWhenNoBoundIsInfinite() {
    assertTrue(Box.of(-1f, 1f, 3).isBounded());
    assertFalse(Box.of(new float[] {0f, Float.NEGATIVE_INFINITY}, new float[] {1f, 0f}).isBounded());
    assertFalse(Box.of(0f, Float.POSITIVE_INFINITY, 1).isBounded());
  }

  @Example
  void describesSmallValuesInFullAndLargeOnesByLength() {
    Box small = Box.of(0f, 1f, 2);
    Box large = Box.of(0f, 1f, 3, 3);

    assertEquals("[0.5, 1.0]", small.describe(new float[] {0.5f, 1f}));
    assertEquals("float[9]", large.describe(new float[9]));
    assertEquals("null", small.describe(null));
    assertEquals("Box(low=[0.0, 0.0], high=[1.0, 1.0])", small.toString());
    assertEquals("Box(shape=[3, 3], within [0.0, 1.0])", large.toString());
  }

  // ---- sampling ----

  @Property(tries = 300)
  void samplesOfBoundedBoxesAreContained(@ForAll("boundedBoxes") Box box, @ForAll long seed) {
    assertSamplesContained(box, seed);
  }

  @Property(tries = 100)
  void samplesOfUnboundedBoxesAreContainedAndFinite(@ForAll("sizes") int size, @ForAll long seed) {
    Box box = Box.of(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, size);

    assertSamplesContained(box, seed);
    float[] sample = box.sample(new SplittableRandom(seed));
    for (float v : sample) {
      assertTrue(Float.isFinite(v), () -> Arrays.toString(sample));
    }
  }

  @Property(tries = 300)
  void samplesOfHalfBoundedBoxesAreContained(@ForAll("halfBoundedBoxes") Box box, @ForAll long seed) {
    assertSamplesContained(box, seed);
  }

  @Property(tries = 300)
  void samplesOfBoxesMixingAllKindsOfBoundsAreContained(@ForAll("mixedBoxes") Box box, @ForAll long seed) {
    assertSamplesContained(box, seed);
  }

  @Property(tries = 50)
  void theSameGeneratorStateGivesTheSameSample(@ForAll("mixedBoxes") Box box, @ForAll long seed) {
    assertArrayEquals(box.sample(new SplittableRandom(seed)), box.sample(new SplittableRandom(seed)));
  }

  @Example
  void samplesOfABoundedBoxAreUniformByAChiSquareTest() {
    Box box = Box.of(-2f, 3f, 1);
    int bins = 10;
    int draws = 50_000;
    long[] counts = new long[bins];
    SplittableRandom rng = new SplittableRandom(77L);
    for (int i = 0; i < draws; i++) {
      float v = box.sample(rng)[0];
      counts[Math.min(bins - 1, (int) ((v + 2f) / 5f * bins))]++;
    }
    double[] expected = new double[bins];
    Arrays.fill(expected, (double) draws / bins);

    double pValue = new ChiSquareTest().chiSquareTest(expected, counts);

    assertTrue(pValue > 0.001, () -> "counts " + Arrays.toString(counts) + " have p = " + pValue);
  }

  @Example
  void samplesOfADegenerateBoxAreItsOnlyPoint() {
    Box point = Box.of(new float[] {2f, Float.POSITIVE_INFINITY}, new float[] {2f, Float.POSITIVE_INFINITY});

    assertArrayEquals(new float[] {2f, Float.POSITIVE_INFINITY}, point.sample(new SplittableRandom(1)));
  }

  private static void assertSamplesContained(Box box, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < 10; i++) {
      float[] sample = box.sample(rng);
      assertTrue(box.contains(sample), () -> Arrays.toString(sample) + " not in " + box + ": " + box.violation(sample));
    }
  }

  @Provide
  Arbitrary<Integer> sizes() {
    return Arbitraries.integers().between(1, 6);
  }

  private static Arbitrary<Float> finite() {
    return Arbitraries.floats().between(-Float.MAX_VALUE, Float.MAX_VALUE)
        .edgeCases(c -> c.add(-Float.MAX_VALUE, Float.MAX_VALUE, 0f, -0f, Float.MIN_VALUE));
  }

  private static Arbitrary<Tuple2<Float, Float>> boundedPair() {
    return Combinators.combine(finite(), finite()).as((a, b) -> Tuple.of(Math.min(a, b), Math.max(a, b)));
  }

  private static Arbitrary<Tuple2<Float, Float>> halfBoundedPair() {
    return Combinators.combine(finite(), Arbitraries.of(true, false))
        .as((bound, below) -> below ? Tuple.of(bound, Float.POSITIVE_INFINITY) : Tuple.of(Float.NEGATIVE_INFINITY, bound));
  }

  private static Arbitrary<Box> boxesOf(Arbitrary<Tuple2<Float, Float>> pairs) {
    return pairs.list().ofMinSize(1).ofMaxSize(6).map(BoxTest::boxOf);
  }

  private static Box boxOf(List<Tuple2<Float, Float>> bounds) {
    float[] low = new float[bounds.size()];
    float[] high = new float[bounds.size()];
    for (int i = 0; i < low.length; i++) {
      low[i] = bounds.get(i).get1();
      high[i] = bounds.get(i).get2();
    }
    return Box.of(low, high);
  }

  @Provide
  Arbitrary<Box> boundedBoxes() {
    return boxesOf(boundedPair());
  }

  @Provide
  Arbitrary<Box> halfBoundedBoxes() {
    return boxesOf(halfBoundedPair());
  }

  @Provide
  Arbitrary<Box> mixedBoxes() {
    return boxesOf(Arbitraries.oneOf(boundedPair(), halfBoundedPair(),
        Arbitraries.just(Tuple.of(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY))));
  }

  // ---- factories ----

  @Example
  void aNaNBoundIsRejectedSayingBoundsMustNotBeNaN() {
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> Box.of(Float.NaN, 1f, 2));
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
        () -> Box.of(new float[] {0f, 0f}, new float[] {1f, Float.NaN}));

    assertEquals("Box bounds must not be NaN; element 0 has [NaN, 1.0]", low.getMessage());
    assertEquals("Box bounds must not be NaN; element 1 has [0.0, NaN]", high.getMessage());
  }

  @Example
  void crossedBoundsAreRejectedSayingLowMustNotExceedHigh() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Box.of(new float[] {0f, 2f}, new float[] {1f, 1f}));

    assertEquals("Box bounds must have low <= high; element 1 has [2.0, 1.0]", e.getMessage());
  }

  @Example
  void anEmptyShapeIsRejectedSayingAtLeastOneDimensionIsNeeded() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Box.of(0f, 1f));

    assertEquals("a Box needs at least one dimension, got shape []", e.getMessage());
  }

  @Example
  void aDimensionBelowOneIsRejectedSayingEachMustBeAtLeastOne() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Box.of(0f, 1f, 3, 0));
    IllegalArgumentException noBounds = assertThrows(IllegalArgumentException.class,
        () -> Box.of(new float[0], new float[0]));

    assertEquals("every dimension of a Box must be at least 1, got shape [3, 0]", zero.getMessage());
    assertEquals("every dimension of a Box must be at least 1, got shape [0]", noBounds.getMessage());
  }

  @Example
  void boundsOfTheWrongLengthAreRejectedSayingHowManyAreNeeded() {
    IllegalArgumentException differ = assertThrows(IllegalArgumentException.class,
        () -> Box.of(new float[2], new float[3]));
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> Box.of(new float[6], new float[6], new int[] {2, 2}));

    assertEquals("a Box of shape [2] needs 2 lower and upper bounds, got 2 and 3", differ.getMessage());
    assertEquals("a Box of shape [2, 2] needs 4 lower and upper bounds, got 6 and 6", shape.getMessage());
  }

  @Example
  void aShapeTooLargeForOneArrayIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Box.of(0f, 1f, 65_536, 65_536));

    assertEquals("a Box of shape [65536, 65536] is too large", e.getMessage());
  }

  // ---- equality ----

  @Property(tries = 100)
  void boxesWithTheSameShapeAndBoundsAreEqualWithEqualHashCodes(@ForAll("mixedBoxes") Box box) {
    Box twin = Box.of(box.low(), box.high(), box.shape());

    assertEquals(box, twin);
    assertEquals(box.hashCode(), twin.hashCode());
  }

  @Example
  void boxesDifferingInShapeOrABoundAreNotEqual() {
    Box box = Box.of(0f, 1f, 2, 3);

    assertNotEquals(box, Box.of(0f, 1f, 6));
    assertNotEquals(box, Box.of(0f, 1f, 3, 2));
    assertNotEquals(box, Box.of(0f, 2f, 2, 3));
    assertNotEquals(box, Box.of(-1f, 1f, 2, 3));
    assertNotEquals(null, box);
    assertNotEquals(box, Discrete.of(6));
  }

  @Example
  void aBoundOfMinusZeroMakesTheSameBoxAsZero() {
    Box minusZero = Box.of(-0f, 1f, 2);
    Box zero = Box.of(0f, 1f, 2);

    assertEquals(zero, minusZero);
    assertEquals(zero.hashCode(), minusZero.hashCode());
    assertEquals(zero.toString(), minusZero.toString());
  }
}
