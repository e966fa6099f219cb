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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

class MultiDiscreteTest {

  @Provide
  Arbitrary<int[]> nvecs() {
    return Arbitraries.integers().between(1, 1000).array(int[].class).ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 200)
  void samplesAreAlwaysContained(@ForAll("nvecs") int[] nvec, @ForAll long seed) {
    MultiDiscrete space = MultiDiscrete.of(nvec);
    SplittableRandom rng = new SplittableRandom(seed);

    for (int i = 0; i < 20; i++) {
      int[] sample = space.sample(rng);
      assertTrue(space.contains(sample), () -> Arrays.toString(sample) + " not in " + space);
    }
  }

  @Property(tries = 50)
  void theSameGeneratorStateGivesTheSameSample(@ForAll("nvecs") int[] nvec, @ForAll long seed) {
    MultiDiscrete space = MultiDiscrete.of(nvec);

    assertArrayEquals(space.sample(new SplittableRandom(seed)), space.sample(new SplittableRandom(seed)));
  }

  @Property(tries = 200)
  void containsRejectsAWrongLengthNamingBothLengths(@ForAll("nvecs") int[] nvec, @ForAll long seed) {
    MultiDiscrete space = MultiDiscrete.of(nvec);
    int[] inside = space.sample(new SplittableRandom(seed));

    for (int[] wrong : List.of(Arrays.copyOf(inside, nvec.length - 1), Arrays.copyOf(inside, nvec.length + 1))) {
      assertFalse(space.contains(wrong), () -> Arrays.toString(wrong) + " in " + space);
      assertEquals("it has " + wrong.length + " components, the space " + space + " has " + nvec.length,
          space.violation(wrong));
    }
  }

  @Property(tries = 200)
  void containsRejectsAComponentOutOfItsRangeNamingIt(
      @ForAll("nvecs") int[] nvec, @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int how) {
    MultiDiscrete space = MultiDiscrete.of(nvec);
    SplittableRandom rng = new SplittableRandom(seed);
    int[] value = space.sample(rng);
    int i = rng.nextInt(nvec.length);
    value[i] = switch (how) {
      case 0 -> nvec[i];
      case 1 -> -1;
      case 2 -> Integer.MAX_VALUE;
      default -> Integer.MIN_VALUE;
    };

    assertFalse(space.contains(value), () -> Arrays.toString(value) + " in " + space);
    assertEquals("component " + i + " is " + value[i] + ", outside 0.." + (nvec[i] - 1), space.violation(value));
  }

  @Example
  void containsExactlyTheVectorsWithEveryComponentInRange() {
    MultiDiscrete space = MultiDiscrete.of(2, 3);

    int inside = 0;
    for (int a = -1; a <= 3; a++) {
      for (int b = -1; b <= 3; b++) {
        boolean expected = a >= 0 && a < 2 && b >= 0 && b < 3;
        assertEquals(expected, space.contains(new int[] {a, b}), "[" + a + ", " + b + "]");
        inside += expected ? 1 : 0;
      }
    }
    assertEquals(6, inside);
    assertNull(space.violation(new int[] {1, 2}));
  }

  @Example
  void containsRejectsNull() {
    MultiDiscrete space = MultiDiscrete.of(3);

    assertFalse(space.contains(null));
    assertEquals("the value is null", space.violation(null));
    assertEquals("null", space.describe(null));
  }

  @Example
  void isAVectorSpaceThatHandsOutFreshCopies() {
    MultiDiscrete space = MultiDiscrete.of(3, 1, 5);
    space.shape()[0] = 99;
    space.nvec()[0] = 99;

    assertArrayEquals(new int[] {3}, space.shape());
    assertArrayEquals(new int[] {3, 1, 5}, space.nvec());
    assertEquals(3, space.size());
    assertEquals(5, space.n(2));
    assertEquals("MultiDiscrete([3, 1, 5])", space.toString());
    assertEquals("[2, 0, 4]", space.describe(new int[] {2, 0, 4}));
  }

  @Example
  void theFactoryCopiesItsArgument() {
    int[] nvec = {2, 2};
    MultiDiscrete space = MultiDiscrete.of(nvec);
    nvec[0] = 7;

    assertFalse(space.contains(new int[] {6, 0}));
  }

  @Example
  void eachComponentIsUniformByAChiSquareTest() {
    int[] nvec = {3, 7};
    int draws = 70_000;
    MultiDiscrete space = MultiDiscrete.of(nvec);
    SplittableRandom rng = new SplittableRandom(20240601L);
    long[] pairs = new long[nvec[0] * nvec[1]];
    for (int i = 0; i < draws; i++) {
      int[] x = space.sample(rng);
      pairs[x[0] * nvec[1] + x[1]]++;
    }
    double[] expected = new double[pairs.length];
    Arrays.fill(expected, (double) draws / pairs.length);

    double pValue = new ChiSquareTest().chiSquareTest(expected, pairs);

    assertTrue(pValue > 0.001, () -> "counts " + Arrays.toString(pairs) + " have p = " + pValue);
  }

  @Example
  void anEmptyNvecOrAComponentBelowOneIsRejectedSayingWhatIsNeeded() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, MultiDiscrete::of);
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> MultiDiscrete.of(2, 0, 3));
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> MultiDiscrete.of(-4));

    assertEquals("a MultiDiscrete space needs at least one component, got nvec = []", empty.getMessage());
    assertEquals("every component of a MultiDiscrete space needs at least 1 element, got nvec = [2, 0, 3]"
        + " (component 1 is 0)", zero.getMessage());
    assertTrue(negative.getMessage().contains("(component 0 is -4)"), negative.getMessage());
  }

  @Property(tries = 50)
  void spacesOfTheSameNvecAreEqualWithEqualHashCodes(@ForAll("nvecs") int[] nvec) {
    int[] other = nvec.clone();
    other[0]++;
    int[] longer = Arrays.copyOf(nvec, nvec.length + 1);
    longer[nvec.length] = 1;

    assertEquals(MultiDiscrete.of(nvec), MultiDiscrete.of(nvec.clone()));
    assertEquals(MultiDiscrete.of(nvec).hashCode(), MultiDiscrete.of(nvec.clone()).hashCode());
    assertNotEquals(MultiDiscrete.of(nvec), MultiDiscrete.of(other));
    assertNotEquals(MultiDiscrete.of(nvec), MultiDiscrete.of(longer));
  }

  @Example
  void isNotEqualToNullOrOtherSpaces() {
    assertNotEquals(null, MultiDiscrete.of(2));
    assertNotEquals(MultiDiscrete.of(2), Discrete.of(2));
    assertNotEquals(MultiDiscrete.of(2), Box.of(0f, 1f, 1));
  }
}
