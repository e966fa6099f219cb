package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.normalize.ObservationNormalizer;
import io.github.pgrl.core.space.Box;
import java.util.Arrays;
import java.util.Objects;

/**
 * Observes an environment through a frozen {@link ObservationNormalizer}: every observation {@code x}
 * becomes {@code clip((x − mean) / sqrt(var + ε), −clip, clip)} with the statistics a policy was trained
 * with, which is how a policy trained on normalised observations is evaluated.
 *
 * <pre>{@code
 * ObservationNormalizer trained = ObservationNormalizer.of(4);
 * trained.readState(checkpoint, "obs.");
 * Environment<float[], Integer> env = NormalizeObservation.of(CartPole.v1(), trained);
 * }</pre>
 *
 * <p>The wrapper normalises with a {@linkplain ObservationNormalizer#frozen() frozen} copy of the normaliser
 * it is given, taken when it is made: later updates of that normaliser do not change what it does. The
 * observation space is the {@link Box} of the wrapped space's shape with bounds {@code ±clip}. Every
 * observation is a new array, safe to keep.
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public final class NormalizeObservation<A> extends ObservationWrapper<float[], float[], A> {

  private final ObservationNormalizer normalizer;
  private final Box space;

  private NormalizeObservation(Environment<float[], A> env, ObservationNormalizer normalizer, Box space) {
    super(env);
    this.normalizer = normalizer;
    this.space = space;
  }

  /**
   * Wraps an environment with {@link Box} observations.
   *
   * @param env an environment whose observation space is a {@link Box} of {@code normalizer.length()} values
   * @param normalizer the normaliser to apply; frozen (copied) now
   * @param <A> the action type
   * @return the wrapped environment
   * @throws IllegalArgumentException if the observation space is not a {@link Box}, or its size is not the
   *     normaliser's length
   * @throws NullPointerException if an argument is {@code null}
   */
  public static <A> NormalizeObservation<A> of(Environment<float[], A> env, ObservationNormalizer normalizer) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(normalizer, "normalizer");
    Space<float[]> s = env.observationSpace();
    if (!(s instanceof Box box)) {
      throw new IllegalArgumentException(
          "NormalizeObservation needs an environment whose observation space is a Box, got " + s + " of " + env);
    }
    if (box.size() != normalizer.length()) {
      throw new IllegalArgumentException("the observations of " + env + " have " + box.size() + " values (shape "
          + Arrays.toString(box.shape()) + "); the normaliser normalises observations of " + normalizer.length());
    }
    float clip = (float) normalizer.clip();
    return new NormalizeObservation<>(env, normalizer.frozen(), Box.of(-clip, clip, box.shape()));
  }

  /** {@return the frozen normaliser this wrapper applies} */
  public ObservationNormalizer normalizer() {
    return normalizer;
  }

  @Override
  public Box observationSpace() {
    return space;
  }

  /**
   * Normalises one observation.
   *
   * @param observation the wrapped environment's observation
   * @return a new array of normalised values
   * @throws IllegalStateException if the observation is {@code null} or of another length than the
   *     observation space says (a broken environment)
   */
  @Override
  protected float[] observation(float[] observation) {
    if (observation == null || observation.length != normalizer.length()) {
      throw new IllegalStateException("the observation of " + env + " has " + (observation == null ? "no values (null)"
          : observation.length + " values") + "; its observation space has " + normalizer.length());
    }
    return normalizer.normalize(observation);
  }

  @Override
  public String toString() {
    return "NormalizeObservation<" + env + ">";
  }
}
