package io.github.pgrl.core.internal;

/**
 * {@code tanh} in float32 by a rational approximation: within 4.2·10⁻⁷ of {@code StrictMath.tanh} for every
 * float (checked over all of them, {@code TanhTest}), in [−1, 1], odd, and exactly ±1 beyond ±7.9053.
 *
 * <p>Why not {@code Math.tanh}: on JDK 17 it is {@code StrictMath.tanh}, a native method that C2 neither
 * inlines nor vectorizes, about 33 ns a value in a network's activation loop; this loop of multiplies,
 * adds, a division and a clamp vectorizes and costs about 0.8 ns a value (the same machine, 128 values, a
 * loaded machine; docs/BENCHMARKS.md, "tanh"). A tanh network's hidden layers call it 128 times a row on
 * the zoo's CartPole networks, which made a tanh network's gradient cost 2.8 times a ReLU network's.
 * Java's float arithmetic is IEEE 754 without contraction, so the results are the same bits on every
 * machine, in the interpreter and in compiled code, vectorized or not.
 *
 * <p>The coefficients are Eigen's {@code generic_fast_tanh_float} (a [13/6] minimax rational function
 * on [−7.9053, 7.9053], which rounds to ±1 at the ends).
 */
final class Tanh {

  /** Beyond it, tanh rounds to ±1 in float32; the rational function is fitted up to it. */
  private static final float CLAMP = 7.90531110763549805f;

  private Tanh() {}

  /** {@code z[j] = tanh(z[j])} for every {@code j} (a loop C2 vectorizes). */
  static void apply(float[] z) {
    for (int j = 0; j < z.length; j++) {
      z[j] = of(z[j]);
    }
  }

  /**
   * tanh of one value.
   *
   * @param value any float; NaN gives NaN
   * @return {@code tanh(value)} within 4.2·10⁻⁷
   */
  static float of(float value) {
    float x = Math.max(-CLAMP, Math.min(CLAMP, value));
    float x2 = x * x;
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = p * x2 + -8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return x * p / q;
  }
}
