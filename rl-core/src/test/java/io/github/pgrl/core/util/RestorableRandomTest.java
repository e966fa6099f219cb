package io.github.pgrl.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link RestorableRandom} draws what a {@link SplittableRandom} of the same seed draws, with every method
 * of {@link RandomGenerator} (the bounded ones that may draw several times included), and one restored at
 * its seed and count continues as the original.
 */
class RestorableRandomTest {

  /** The number of methods {@link #draw} knows. */
  private static final int METHODS = 15;

  /** One call of one of the generator's methods, as a value to compare. */
  private static Object draw(RandomGenerator g, int method) {
    return switch (method) {
      case 0 -> g.nextInt();
      case 1 -> g.nextInt(7);
      // a bound near 2^31 rejects about a third of the draws, so this one often draws twice or more
      case 2 -> g.nextInt(1_500_000_000);
      case 3 -> g.nextInt(-5, 12);
      case 4 -> g.nextLong();
      case 5 -> g.nextLong(3L << 61);
      case 6 -> g.nextLong(-3, 1L << 61);
      case 7 -> g.nextDouble();
      case 8 -> g.nextDouble(2.5);
      case 9 -> g.nextDouble(-0.05, 0.05);
      case 10 -> g.nextFloat();
      case 11 -> g.nextBoolean();
      case 12 -> g.nextGaussian();
      case 13 -> g.nextExponential();
      default -> {
        byte[] b = new byte[13];
        g.nextBytes(b);
        yield Arrays.toString(b);
      }
    };
  }

  @Property(tries = 50)
  void drawsWhatASplittableRandomOfTheSameSeedDraws(@ForAll long seed,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = METHODS - 1) Integer> methods) {
    SplittableRandom plain = new SplittableRandom(seed);
    RestorableRandom counted = new RestorableRandom(seed);

    for (int i = 0; i < methods.size(); i++) {
      int m = methods.get(i);
      assertEquals(draw(plain, m), draw(counted, m), "call " + i + " (method " + m + ") of " + methods);
    }
  }

  @Property(tries = 50)
  void aGeneratorRestoredAtItsSeedAndCountContinuesAsTheOriginal(@ForAll long seed,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = METHODS - 1) Integer> before,
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = METHODS - 1) Integer> after) {
    RestorableRandom original = new RestorableRandom(seed);
    before.forEach(m -> draw(original, m));

    RestorableRandom restored = RestorableRandom.at(original.seed(), original.draws());

    assertEquals(original.draws(), restored.draws());
    for (int i = 0; i < after.size(); i++) {
      int m = after.get(i);
      assertEquals(draw(original, m), draw(restored, m), "call " + i + " (method " + m + ") after " + before);
    }
    assertEquals(original.draws(), restored.draws());
  }

  @Property(tries = 30)
  void seedingDirectlyGivesTheGeneratorThatDrawingGives(@ForAll long seed,
      @ForAll @LongRange(min = 0, max = 5_000) long draws) {
    assertEquals(RestorableRandom.advanced(seed, draws, false).nextLong(),
        RestorableRandom.advanced(seed, draws, true).nextLong());
  }

  @Test
  void thisJdkSeedsDirectly() {
    assertTrue(RestorableRandom.jumpsMatchDraws(), "SplittableRandom(seed + k·γ) should be SplittableRandom(seed)"
        + " after k draws on this JDK");
  }

  @Test
  void countsOneDrawPerStepOfTheSequence() {
    RestorableRandom r = new RestorableRandom(1);
    r.nextInt();
    r.nextLong();
    r.nextDouble();
    r.nextDouble(-0.05, 0.05);
    r.nextBoolean();
    r.nextFloat();
    assertEquals(6, r.draws());
    r.nextBytes(new byte[13]);
    assertEquals(8, r.draws(), "13 bytes take two longs");
  }

  @Test
  void aNegativeCountIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RestorableRandom.at(3, -1));
    assertEquals("a generator has drawn at least 0 numbers, got draws = -1", e.getMessage());
  }
}
