package io.github.pgrl.core.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

class DiscreteTest {

  @Example
  void containsExactlyZeroToNMinusOne() {
    Discrete space = Discrete.of(3);

    assertTrue(space.contains(0));
    assertTrue(space.contains(2));
    assertFalse(space.contains(3));
    assertFalse(space.contains(-1));
    assertFalse(space.contains(Integer.MIN_VALUE));
    assertFalse(space.contains((Integer) null));
    assertTrue(space.contains(Integer.valueOf(1)));
  }

  @Example
  void isAScalarSpaceAndHandsOutAFreshShape() {
    Discrete space = Discrete.of(4);

    assertArrayEquals(new int[0], space.shape());
    assertEquals(4, space.n());
    assertEquals("Discrete(4)", space.toString());
  }

  @Property(tries = 200)
  void samplesAreAlwaysContained(@ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int n, @ForAll long seed) {
    Discrete space = Discrete.of(n);
    SplittableRandom rng = new SplittableRandom(seed);

    for (int i = 0; i < 20; i++) {
      int sample = space.sample(rng);
      assertTrue(space.contains(sample), () -> sample + " not in " + space);
    }
  }

  @Property(tries = 50)
  void theSameGeneratorStateGivesTheSameSample(@ForAll @IntRange(min = 1, max = 1000) int n, @ForAll long seed) {
    Discrete space = Discrete.of(n);

    assertEquals(space.sample(new SplittableRandom(seed)), space.sample(new SplittableRandom(seed)));
  }

  @Example
  void samplesAreUniformByAChiSquareTest() {
    int n = 7;
    int draws = 70_000;
    Discrete space = Discrete.of(n);
    SplittableRandom rng = new SplittableRandom(20240601L);
    long[] counts = new long[n];
    for (int i = 0; i < draws; i++) {
      counts[space.sample(rng)]++;
    }
    double[] expected = new double[n];
    java.util.Arrays.fill(expected, (double) draws / n);

    double pValue = new ChiSquareTest().chiSquareTest(expected, counts);

    assertTrue(pValue > 0.001, () -> "counts " + java.util.Arrays.toString(counts) + " have p = " + pValue);
  }

  @Example
  void aSizeBelowOneIsRejectedSayingThatAtLeastOneElementIsNeeded() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Discrete.of(0));
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> Discrete.of(-5));

    assertEquals("a Discrete space needs at least 1 element, got n = 0", zero.getMessage());
    assertTrue(negative.getMessage().contains("at least 1 element, got n = -5"), negative.getMessage());
  }

  @Property(tries = 50)
  void spacesOfTheSameSizeAreEqualWithEqualHashCodes(@ForAll @IntRange(min = 1, max = 1000) int n) {
    assertEquals(Discrete.of(n), Discrete.of(n));
    assertEquals(Discrete.of(n).hashCode(), Discrete.of(n).hashCode());
    assertNotEquals(Discrete.of(n), Discrete.of(n + 1));
  }

  @Example
  void isNotEqualToNullOrOtherSpaces() {
    assertNotEquals(null, Discrete.of(2));
    assertNotEquals(Discrete.of(2), Box.of(0f, 1f, 2));
  }
}
