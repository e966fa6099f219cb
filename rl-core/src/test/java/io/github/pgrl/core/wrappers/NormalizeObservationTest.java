package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.normalize.ObservationNormalizer;
import io.github.pgrl.core.space.Box;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import net.jqwik.api.Example;

/** The normalising wrapper over the counter environment honours the environment contract. */
class NormalizeObservationTest implements EnvironmentContract<float[], Integer> {

  private static final int LENGTH = 4;

  /** A normaliser that has seen the counts 0 to 4 once each, clipping to ±1.2. */
  private static ObservationNormalizer trained() {
    ObservationNormalizer n = ObservationNormalizer.of(1, 1.2);
    n.update(new float[][] {{0}, {1}, {2}, {3}, {4}}, 5);
    return n;
  }

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return NormalizeObservation.of(new CounterEnvironment(LENGTH), trained());
  }

  /** The counter environment with its observation repeated 6 times in a {@code [2, 3]} box. */
  private static Environment<float[], Integer> tiled() {
    return new ObservationWrapper<float[], float[], Integer>(new CounterEnvironment(LENGTH)) {
      @Override
      public Space<float[]> observationSpace() {
        return Box.of(0f, LENGTH, 2, 3);
      }

      @Override
      protected float[] observation(float[] count) {
        float[] x = new float[6];
        Arrays.fill(x, count[0]);
        return x;
      }
    };
  }

  @Example
  void everyObservationIsTheTrainedNormalisationOfTheWrappedOne() {
    ObservationNormalizer normalizer = trained();
    try (NormalizeObservation<Integer> env = NormalizeObservation.of(new CounterEnvironment(LENGTH), normalizer)) {
      assertArrayEquals(normalizer.normalize(new float[] {0}), env.reset(1));
      for (int count = 1; count <= LENGTH; count++) {
        assertArrayEquals(normalizer.normalize(new float[] {count}), env.step(1).observation(), "count " + count);
      }
    }
  }

  @Example
  void theCountsZeroToFourBecomeTheirStandardScoresClipped() {
    // mean 2 and variance 2 (to 1e-4, the pseudo-batch), clipped to ±1.2
    try (NormalizeObservation<Integer> env = NormalizeObservation.of(new CounterEnvironment(LENGTH), trained())) {
      float[] observed = new float[LENGTH + 1];
      observed[0] = env.reset(1)[0];
      for (int count = 1; count <= LENGTH; count++) {
        observed[count] = env.step(0).observation()[0];
      }
      double s = Math.sqrt(2);
      assertArrayEquals(new float[] {-1.2f, (float) (-1 / s), 0f, (float) (1 / s), 1.2f}, observed, 1e-4f);
    }
  }

  @Example
  void laterUpdatesOfTheNormaliserDoNotChangeTheWrapper() {
    ObservationNormalizer normalizer = trained();
    float[] before = normalizer.normalize(new float[] {1});
    try (NormalizeObservation<Integer> env = NormalizeObservation.of(new CounterEnvironment(LENGTH), normalizer)) {
      normalizer.update(new float[][] {{100}, {-40}}, 2);

      env.reset(1);
      assertArrayEquals(before, env.step(1).observation());
      assertTrue(env.normalizer().isFrozen());
    }
  }

  @Example
  void theObservationSpaceIsTheWrappedShapeWithinPlusMinusTheClip() {
    assertEquals(Box.of(-1.2f, 1.2f, 1), createEnvironment().observationSpace());
    assertEquals(Box.of(-10f, 10f, 2, 3), NormalizeObservation.of(tiled(), ObservationNormalizer.of(6)).observationSpace());
  }

  @Example
  void theWrappedEnvironmentsMasksAreForwarded() {
    try (Environment<float[], Integer> env = NormalizeObservation.of(new MasksThroughWrappersTest.MaskedCounter(),
        trained())) {
      ActionMasks masks = ActionMasks.of(env);
      env.reset(1);
      assertArrayEquals(new boolean[] {true, false}, masks.validActions());
      env.step(0);
      assertArrayEquals(new boolean[] {false, true}, masks.validActions());
      assertNull(ActionMasks.of(createEnvironment()));
    }
  }

  @Example
  void everyObservationIsANewArray() {
    try (Environment<float[], Integer> env = createEnvironment()) {
      float[] first = env.reset(3);
      float[] copy = first.clone();
      assertNotSame(first, env.step(1).observation());
      assertArrayEquals(copy, first);
    }
  }

  @Example
  void anEnvironmentOfAnotherSizeOrSpaceIsRefusedNamingBoth() {
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> NormalizeObservation.of(tiled(), ObservationNormalizer.of(4)));
    Environment<float[], Integer> notABox = new ObservationWrapper<float[], float[], Integer>(new CounterEnvironment(2)) {
      @Override
      public Space<float[]> observationSpace() {
        return new Space<>() {
          @Override
          public boolean contains(float[] value) {
            return true;
          }

          @Override
          public float[] sample(RandomGenerator rng) {
            return new float[1];
          }

          @Override
          public int[] shape() {
            return new int[] {1};
          }

          @Override
          public String toString() {
            return "AnySpace";
          }
        };
      }

      @Override
      protected float[] observation(float[] observation) {
        return observation;
      }
    };
    IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
        () -> NormalizeObservation.of(notABox, ObservationNormalizer.of(1)));

    assertTrue(size.getMessage().contains("have 6 values (shape [2, 3]); the normaliser normalises observations of 4"),
        size.getMessage());
    assertTrue(space.getMessage().contains("a Box, got AnySpace"), space.getMessage());
  }

  @Example
  void anObservationOfAnotherLengthThanItsSpaceSaysIsReportedAsABrokenEnvironment() {
    Environment<float[], Integer> lying = new ObservationWrapper<float[], float[], Integer>(new CounterEnvironment(2)) {
      @Override
      public Space<float[]> observationSpace() {
        return Box.of(0f, 2f, 2);
      }

      @Override
      protected float[] observation(float[] observation) {
        return observation;
      }

      @Override
      public String toString() {
        return "Lying";
      }
    };
    NormalizeObservation<Integer> env = NormalizeObservation.of(lying, ObservationNormalizer.of(2));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.reset(1));

    assertEquals("the observation of Lying has 1 values; its observation space has 2", e.getMessage());
  }
}
