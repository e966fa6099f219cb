package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class MultiCategoricalTest {

  /** π_0 = (0.2, 0.8), π_1 = (0.5, 0.25, 0.25). */
  private static MultiCategorical twoComponents() {
    return MultiCategorical.of(Categorical.of(0.2, 0.8), Categorical.of(0.5, 0.25, 0.25));
  }

  @Test
  void theLogProbabilityIsTheSumOfTheComponentsLogProbabilities() {
    MultiCategorical d = twoComponents();

    assertEquals(-0.916290731874155, d.logProbability(new int[] {1, 0}), 1e-15, "ln 0.8 + ln 0.5 = ln 0.4");
    assertEquals(-2.995732273553991, d.logProbability(new int[] {0, 2}), 1e-15, "ln 0.2 + ln 0.25 = ln 0.05");
    assertEquals(Math.log(0.4), d.logProbability(new int[] {1, 0}), 1e-15);
  }

  @Test
  void theEntropyIsTheSumOfTheComponentsEntropies() {
    // H_0 = −(0.2 ln 0.2 + 0.8 ln 0.8) = 0.50040242…, H_1 = ½ ln 2 + ½ ln 4 = 1.03972077…
    assertEquals(1.5401231943781057, twoComponents().entropy(), 1e-15);
  }

  @Test
  void theModeIsEachComponentsMode() {
    assertArrayEquals(new int[] {1, 0}, twoComponents().mode());
    assertArrayEquals(new int[] {0, 1}, MultiCategorical.of(Categorical.of(0.5, 0.5), Categorical.of(0.3, 0.7)).mode(),
        "a tie goes to the lowest index");
  }

  @Test
  void anImpossibleActionHasLogProbabilityMinusInfinity() {
    MultiCategorical d = MultiCategorical.of(Categorical.of(1.0, 0.0), Categorical.of(0.5, 0.5));

    assertEquals(Double.NEGATIVE_INFINITY, d.logProbability(new int[] {1, 0}));
    assertEquals(Math.log(0.5), d.logProbability(new int[] {0, 1}), 1e-15);
  }

  @Test
  void sampleDrawsTheComponentsInOrderFromTheSameGenerator() {
    MultiCategorical d = twoComponents();
    SplittableRandom joint = new SplittableRandom(7);
    SplittableRandom separate = new SplittableRandom(7);

    for (int i = 0; i < 100; i++) {
      int[] expected = {d.component(0).sample(separate), d.component(1).sample(separate)};
      assertArrayEquals(expected, d.sample(joint), "draw " + i);
    }
  }

  @Test
  void samplesFollowTheProductDistributionByAChiSquareTest() {
    MultiCategorical d = twoComponents();
    SplittableRandom rng = new SplittableRandom(20240601L);
    int draws = 60_000;
    long[] counts = new long[6];
    for (int i = 0; i < draws; i++) {
      int[] a = d.sample(rng);
      counts[a[0] * 3 + a[1]]++;
    }
    double[] expected = new double[6];
    for (int a0 = 0; a0 < 2; a0++) {
      for (int a1 = 0; a1 < 3; a1++) {
        expected[a0 * 3 + a1] = draws * Math.exp(d.logProbability(new int[] {a0, a1}));
      }
    }

    double pValue = new ChiSquareTest().chiSquareTest(expected, counts);

    assertTrue(pValue > 0.001, () -> "counts " + Arrays.toString(counts) + " have p = " + pValue);
  }

  @Test
  void aWrongNumberOfComponentsIsRefusedSayingWhatIsExpected() {
    MultiCategorical d = twoComponents();

    IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class, () -> d.logProbability(new int[] {1}));
    IllegalArgumentException longer =
        assertThrows(IllegalArgumentException.class, () -> d.logProbability(new int[] {1, 0, 0}));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> d.logProbability(null));

    assertEquals("the action [1] has 1 components; this MultiCategorical needs 2 components, component i in"
        + " 0..nvec[i]-1 with nvec = [2, 3]", shorter.getMessage());
    assertTrue(longer.getMessage().startsWith("the action [1, 0, 0] has 3 components"), longer.getMessage());
    assertEquals("the action is null; this MultiCategorical needs 2 components, component i in 0..nvec[i]-1 with"
        + " nvec = [2, 3]", none.getMessage());
  }

  @Test
  void aComponentOutOfItsRangeIsRefusedNamingItAndItsRange() {
    MultiCategorical d = twoComponents();

    IllegalArgumentException above = assertThrows(IllegalArgumentException.class, () -> d.logProbability(new int[] {1, 3}));
    IllegalArgumentException below = assertThrows(IllegalArgumentException.class, () -> d.logProbability(new int[] {-1, 0}));

    assertEquals("component 1 of the action [1, 3] is 3, outside 0..2", above.getMessage());
    assertEquals("component 0 of the action [-1, 0] is -1, outside 0..1", below.getMessage());
  }

  @Test
  void aComponentThatIsNoDistributionIsNamedWhenSampled() {
    double[] broken = {0.5, 0.5};
    MultiCategorical d = MultiCategorical.of(Categorical.of(1.0), Categorical.view(broken));
    broken[1] = Double.NaN;

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.sample(new SplittableRandom(1)));

    assertTrue(e.getMessage().startsWith("component 1: the probability of action 1 is NaN"), e.getMessage());
  }

  @Test
  void noComponentsOrANullComponentIsRefused() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, MultiCategorical::of);
    assertEquals("a MultiCategorical distribution needs at least one component, got none", empty.getMessage());
    assertThrows(NullPointerException.class, () -> MultiCategorical.of(Categorical.of(1.0), null));
  }

  @Test
  void itKeepsItsComponentsAndGivesTheirSizes() {
    Categorical first = Categorical.of(0.2, 0.8);
    Categorical[] given = {first, Categorical.of(1.0)};
    MultiCategorical d = MultiCategorical.of(given);
    given[0] = Categorical.of(1.0);

    assertSame(first, d.component(0), "the array is copied, the distributions kept");
    assertEquals(2, d.size());
    assertArrayEquals(new int[] {2, 1}, d.nvec());
  }

  @Test
  void explorationOtherThanNoneIsRefusedForIt() {
    MultiCategorical d = twoComponents();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Exploration.epsilon(0.1).choose(d, null, new SplittableRandom(1)));

    assertTrue(e.getMessage().contains("use Exploration.NONE"), e.getMessage());
    assertEquals(d.logProbability(new int[] {1, 2}), Exploration.NONE.logProbability(d, new int[] {1, 2}, new int[] {1, 2}));
  }
}
