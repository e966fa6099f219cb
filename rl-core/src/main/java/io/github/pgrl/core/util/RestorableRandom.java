package io.github.pgrl.core.util;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link SplittableRandom} whose position can be saved and restored: it draws exactly the numbers of
 * {@code new SplittableRandom(seed)}, and counts how many it drew, so that ({@link #seed()}, {@link
 * #draws()}) say where it stands and {@link #at(long, long)} makes a generator that continues from there.
 *
 * <p>A {@code SplittableRandom}'s state cannot be read, so an environment that must write its generator
 * into a checkpoint (an {@link io.github.pgrl.core.Restorable} one) draws from this class instead. Only
 * {@link #nextInt()} and {@link #nextLong()} reach the {@code SplittableRandom}, each advancing it by one
 * step of its sequence; every other method ({@code nextDouble()}, the bounded {@code nextInt(bound)} and
 * {@code nextDouble(origin, bound)}, {@code nextBoolean()}, {@code nextGaussian()}, {@code nextBytes}) is
 * {@link RandomGenerator}'s default, built on those two, as {@code SplittableRandom} itself does, so the
 * values are the same and the count is exact whatever mix of methods is called (the tests compare every
 * method with a plain {@code SplittableRandom}).
 *
 * <p>{@link #at(long, long)} costs the same whatever the count: it makes the {@code SplittableRandom} of
 * the seed advanced by that many steps directly, after checking once per JVM that this gives the
 * generator that drawing would have (it does on every JDK since 8); on a JDK where it would not, it draws
 * the counted numbers and throws them away. Not thread-safe, as {@code SplittableRandom}.
 *
 * @since 0.1.0
 */
public final class RestorableRandom implements RandomGenerator {

  /** The step by which {@code SplittableRandom} advances its state on every draw. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  /** Whether seeding with {@code seed + k·γ} gives the generator of {@code seed} after {@code k} draws. */
  private static final boolean JUMPS = jumpsMatchDraws();

  private final long seed;
  private final SplittableRandom random;
  private long draws;

  /**
   * A generator that draws what {@code new SplittableRandom(seed)} draws.
   *
   * @param seed the seed
   */
  public RestorableRandom(long seed) {
    this(seed, new SplittableRandom(seed), 0);
  }

  private RestorableRandom(long seed, SplittableRandom random, long draws) {
    this.seed = seed;
    this.random = random;
    this.draws = draws;
  }

  /**
   * The generator of {@code seed} after {@code draws} draws: it continues as that one would.
   *
   * @param seed the seed, as {@link #seed()} gave it
   * @param draws the count, as {@link #draws()} gave it, at least 0
   * @return a new generator whose next number is the one the saved generator would have drawn next
   * @throws IllegalArgumentException if {@code draws} is negative
   */
  public static RestorableRandom at(long seed, long draws) {
    if (draws < 0) {
      throw new IllegalArgumentException("a generator has drawn at least 0 numbers, got draws = " + draws);
    }
    return new RestorableRandom(seed, advanced(seed, draws, JUMPS), draws);
  }

  /** The {@code SplittableRandom} of {@code seed} after {@code draws} steps, seeded directly or drawn. */
  static SplittableRandom advanced(long seed, long draws, boolean jump) {
    if (jump) {
      return new SplittableRandom(seed + draws * GOLDEN_GAMMA);
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (long i = 0; i < draws; i++) {
      r.nextLong();
    }
    return r;
  }

  /** Checks a few seeds and counts: the direct seeding agrees with drawing. */
  static boolean jumpsMatchDraws() {
    long[] seeds = {0, 1, -7, 0x5DEECE66DL};
    int[] counts = {1, 2, 3, 1000};
    for (long s : seeds) {
      for (int k : counts) {
        if (advanced(s, k, true).nextLong() != advanced(s, k, false).nextLong()) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@return the seed this generator started from} */
  public long seed() {
    return seed;
  }

  /**
   * {@return how many steps of its sequence this generator has taken: one per {@code nextInt()} or {@code
   * nextLong()}, which every other method calls}
   */
  public long draws() {
    return draws;
  }

  @Override
  public int nextInt() {
    draws++;
    return random.nextInt();
  }

  @Override
  public long nextLong() {
    draws++;
    return random.nextLong();
  }

  @Override
  public String toString() {
    return "RestorableRandom(seed=" + seed + ", draws=" + draws + ")";
  }
}
