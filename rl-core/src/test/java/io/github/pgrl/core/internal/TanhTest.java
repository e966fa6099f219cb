package io.github.pgrl.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** {@link Tanh} is within 4.2·10⁻⁷ of {@code StrictMath.tanh}, odd, bounded by 1, and the same bits in a loop. */
class TanhTest {

  /** The largest difference from {@code StrictMath.tanh} over all floats (every one was checked once). */
  private static final double BOUND = 4.2e-7;

  @Test
  void isWithinTheBoundOfStrictMathOnEveryThirtyFirstFloat() {
    double worst = 0;
    float worstAt = 0;
    // every 31st bit pattern of the positive finite floats: 69 million values, subnormals to 3.4e38
    for (int bits = 0; bits >= 0 && bits < 0x7f800000; bits += 31) {
      float x = Float.intBitsToFloat(bits);
      double error = Math.abs(Tanh.of(x) - StrictMath.tanh(x));
      if (error > worst) {
        worst = error;
        worstAt = x;
      }
    }
    assertTrue(worst <= BOUND, "tanh(" + worstAt + ") is off by " + worst);
  }

  @Property
  void isOddAndWithinTheUnitInterval(@ForAll float x) {
    float y = Tanh.of(x);
    if (Float.isNaN(x)) {
      assertTrue(Float.isNaN(y));
      return;
    }
    assertEquals(-y, Tanh.of(-x), 0f, "tanh(-x) = -tanh(x)");
    assertTrue(Math.abs(y) <= 1f, "|tanh(" + x + ")| = " + Math.abs(y));
  }

  @Test
  void givesExactlyOneBeyondTheClampAndKeepsZeroAndNaN() {
    for (float x : new float[] {7.9054f, 10f, 1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY}) {
      assertEquals(1f, Tanh.of(x), 0f, "tanh(" + x + ")");
      assertEquals(-1f, Tanh.of(-x), 0f, "tanh(" + -x + ")");
    }
    assertEquals(0f, Tanh.of(0f), 0f);
    assertTrue(Float.isNaN(Tanh.of(Float.NaN)));
  }

  @Test
  void theArrayLoopGivesTheSameBitsAsOneValueAtATime() {
    SplittableRandom rng = new SplittableRandom(7);
    float[] z = new float[4099];
    for (int round = 0; round < 2_000; round++) {
      for (int j = 0; j < z.length; j++) {
        z[j] = (float) (rng.nextGaussian() * 3);
      }
      float[] expected = new float[z.length];
      for (int j = 0; j < z.length; j++) {
        expected[j] = Tanh.of(z[j]);
      }
      Tanh.apply(z);
      for (int j = 0; j < z.length; j++) {
        assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(z[j]), "value " + j + ", round " + round);
      }
    }
  }
}
