package io.github.pgrl.core.util;

import java.util.SplittableRandom;

/**
 * Derives independent seeds from one master seed by index, so that the randomness of every episode,
 * environment copy or network is fixed by (master seed, index, stream) alone.
 *
 * <p>Addressing seeds by index, instead of drawing them one after the other from a shared generator, is
 * what makes a run independent of the order in which work is done: episode 17 gets the same seed whether
 * it is played first or last, on one thread or on eight, and a resumed run continues exactly where it
 * stopped. The mixing function is SplitMix64's finaliser (Steele, Lea &amp; Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014).
 *
 * @since 0.1.0
 */
public final class Seeds {

  /** The stream of environment reset seeds. */
  public static final int ENVIRONMENT = 0;
  /** The stream of action-sampling generators. */
  public static final int ACTIONS = 1;
  /** The stream of network initialisation generators. */
  public static final int INITIALISATION = 2;
  /** The stream of minibatch orders (an actor-critic update's shuffles). */
  public static final int MINIBATCHES = 3;

  private Seeds() {}

  /**
   * The seed for one index of one stream.
   *
   * @param master the master seed
   * @param index the index (episode number, copy number, layer)
   * @param stream which kind of randomness, for instance {@link #ENVIRONMENT}
   * @return a well-mixed seed; different (index, stream) pairs give unrelated seeds
   */
  public static long derive(long master, long index, int stream) {
    long z = master + 0x9E3779B97F4A7C15L * (index + 1) + 0xD1B54A32D192ED03L * (stream + 1);
    z = mix(z);
    return mix(z ^ index);
  }

  /**
   * A generator for one index of one stream.
   *
   * @param master the master seed
   * @param index the index
   * @param stream the stream
   * @return a new generator seeded with {@link #derive(long, long, int)}
   */
  public static SplittableRandom generator(long master, long index, int stream) {
    return new SplittableRandom(derive(master, index, stream));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
