package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.check.CheckReport;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The one-hot wrapper over a chain of 6 states honours the environment contract, sparsity included. */
class OneHotTest implements EnvironmentContract<float[], Integer> {

  private static final int STATES = 6;

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return OneHot.of(new Chain(STATES));
  }

  private static float[] oneHot(int state) {
    float[] x = new float[STATES];
    x[state] = 1f;
    return x;
  }

  /** The chain, with its states shifted by {@code shift} but its observation space unchanged: broken. */
  private static Environment<Integer, Integer> shifted(int shift) {
    return new ObservationWrapper<Integer, Integer, Integer>(new Chain(STATES)) {
      @Override
      public Space<Integer> observationSpace() {
        return env.observationSpace();
      }

      @Override
      protected Integer observation(Integer state) {
        return state + shift;
      }

      @Override
      public String toString() {
        return "ShiftedChain";
      }
    };
  }

  @Property(tries = 20)
  void everyObservationIsTheOneHotVectorOfTheWrappedState(@ForAll long seed) {
    Chain chain = new Chain(STATES);
    try (OneHot<Integer> env = OneHot.of(chain)) {
      SplittableRandom actions = new SplittableRandom(seed);
      float[] first = env.reset(seed);
      assertArrayEquals(oneHot(chain.state()), first);
      for (int t = 0; t < 30; t++) {
        float[] observation = env.step(actions.nextInt(2)).observation();
        assertArrayEquals(oneHot(chain.state()), observation, "step " + t);
        if (chain.state() == STATES - 1) {
          env.reset();
        }
      }
    }
  }

  @Example
  void theObservationSpaceIsTheBoxOfNValuesFromZeroToOne() {
    assertEquals(Box.of(0f, 1f, STATES), OneHot.of(new Chain(STATES)).observationSpace());
    assertEquals(Discrete.of(2), OneHot.of(new Chain(STATES)).actionSpace());
  }

  @Example
  void everyObservationIsANewArray() {
    try (OneHot<Integer> env = OneHot.of(new Chain(STATES))) {
      float[] first = env.reset(3);
      float[] copy = first.clone();
      float[] next = env.step(1).observation();
      assertNotSame(first, next);
      assertArrayEquals(copy, first, "the first observation changed with the step");
    }
  }

  @Property(tries = 20)
  void theNonZeroIndexIsTheWrappedState(@ForAll long seed) {
    Chain chain = new Chain(STATES);
    try (OneHot<Integer> env = OneHot.of(chain)) {
      int[] out = new int[STATES];
      env.reset(seed);
      assertEquals(1, env.nonZeroIndices(out));
      assertEquals(chain.state(), out[0]);
      env.step(1);
      assertEquals(1, env.nonZeroIndices(out));
      assertEquals(chain.state(), out[0]);
    }
  }

  @Example
  void cannotTellTheNonZeroIndexBeforeTheFirstObservation() {
    OneHot<Integer> env = OneHot.of(new Chain(STATES));
    int[] out = {-7, -7, -7, -7, -7, -7};

    assertEquals(-1, env.nonZeroIndices(out));
    assertArrayEquals(new int[] {-7, -7, -7, -7, -7, -7}, out, "nothing is written");
  }

  @Example
  void aShortIndexArrayIsRefusedNamingTheRoomNeeded() {
    OneHot<Integer> env = OneHot.of(new Chain(STATES));
    env.reset(1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.nonZeroIndices(new int[5]));

    assertEquals("need room for 6 indices, got 5", e.getMessage());
  }

  @Example
  void theCheckerPassesAFreshInstanceWithItsIndices() {
    CheckReport report = EnvironmentChecker.defaults().report(OneHot.of(new Chain(STATES)));

    assertTrue(report.passed(), report::message);
    assertTrue(report.notes().isEmpty(), report::message);
  }

  @Example
  void aStateOutsideTheWrappedSpaceIsRefusedNamingTheEnvironmentAndTheValue() {
    OneHot<Integer> above = OneHot.of(shifted(STATES));
    OneHot<Integer> below = OneHot.of(shifted(-STATES));

    IllegalStateException tooLarge = assertThrows(IllegalStateException.class, () -> above.reset(1));
    IllegalStateException negative = assertThrows(IllegalStateException.class, () -> below.reset(1));

    assertTrue(tooLarge.getMessage().matches("the observation \\d+ of ShiftedChain is not in its observation space"
        + " Discrete\\(6\\); OneHot encodes the states 0 to 5"), tooLarge.getMessage());
    assertTrue(negative.getMessage().matches("the observation -\\d+ of ShiftedChain is not in its observation space"
        + " Discrete\\(6\\); OneHot encodes the states 0 to 5"), negative.getMessage());
    assertEquals(-1, above.nonZeroIndices(new int[STATES]), "no index for a refused observation");
  }

  @Example
  void aRefusedObservationAfterAValidOneLeavesNoIndex() {
    Chain chain = new Chain(STATES);
    boolean[] broken = {false};
    OneHot<Integer> env = OneHot.of(new ObservationWrapper<Integer, Integer, Integer>(chain) {
      @Override
      public Space<Integer> observationSpace() {
        return env.observationSpace();
      }

      @Override
      protected Integer observation(Integer state) {
        return broken[0] ? null : state;
      }
    });
    env.reset(2);
    env.step(1);
    broken[0] = true;

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.reset(3));

    assertTrue(e.getMessage().startsWith("the observation null of "), e.getMessage());
    assertEquals(-1, env.nonZeroIndices(new int[STATES]));
  }

  @Example
  void anEnvironmentWithoutDiscreteObservationsIsRefusedNamingItsSpace() {
    Environment<Integer, Integer> notDiscrete = new ObservationWrapper<Integer, Integer, Integer>(new Chain(STATES)) {
      @Override
      public Space<Integer> observationSpace() {
        return new Space<>() {
          @Override
          public boolean contains(Integer value) {
            return value != null;
          }

          @Override
          public Integer sample(java.util.random.RandomGenerator rng) {
            return rng.nextInt();
          }

          @Override
          public int[] shape() {
            return new int[0];
          }

          @Override
          public String toString() {
            return "AllIntegers";
          }
        };
      }

      @Override
      protected Integer observation(Integer state) {
        return state;
      }

      @Override
      public String toString() {
        return "Unbounded";
      }
    };

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneHot.of(notDiscrete));

    assertEquals("OneHot needs an environment whose observation space is Discrete, got AllIntegers of Unbounded",
        e.getMessage());
  }

  @Example
  void tooManyStatesAreRefusedBeforeAnythingIsAllocated() {
    Environment<Integer, Integer> huge = new ObservationWrapper<Integer, Integer, Integer>(new Chain(STATES)) {
      @Override
      public Space<Integer> observationSpace() {
        return Discrete.of(OneHot.MAX_STATES + 1);
      }

      @Override
      protected Integer observation(Integer state) {
        return state;
      }

      @Override
      public String toString() {
        return "Huge";
      }
    };

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneHot.of(huge));

    assertEquals("OneHot encodes at most 1048576 states (a float per state in every observation), got"
        + " Discrete(1048577) of Huge", e.getMessage());
    assertEquals(OneHot.MAX_STATES, OneHot.of(new ObservationWrapper<Integer, Integer, Integer>(new Chain(STATES)) {
      @Override
      public Space<Integer> observationSpace() {
        return Discrete.of(OneHot.MAX_STATES);
      }

      @Override
      protected Integer observation(Integer state) {
        return state;
      }
    }).observationSpace().size());
  }

  @Example
  void aMissingEnvironmentIsRefusedByName() {
    assertEquals("env", assertThrows(NullPointerException.class, () -> OneHot.of(null)).getMessage());
  }

  @Example
  void describesItselfWithTheWrappedEnvironment() {
    assertEquals("OneHot<Chain(6)>", OneHot.of(new Chain(STATES)).toString());
  }

  /** The same one-hot encoding without {@link SparseObservations}, so that the trainer scans it. */
  private static Environment<float[], Integer> scannedOneHot() {
    return new ObservationWrapper<Integer, float[], Integer>(TimeLimit.of(new Chain(STATES), 40)) {
      @Override
      public Space<float[]> observationSpace() {
        return Box.of(0f, 1f, STATES);
      }

      @Override
      protected float[] observation(Integer state) {
        return oneHot(state);
      }
    };
  }

  @Example
  void trainingWithTheIndexLearnsExactlyWhatTrainingWithAScanLearns() {
    ReinforceConfig config = ReinforceConfig.builder().seed(3).hidden(4).batchEpisodes(2).build();
    float[] untrained;
    float[] sparse;
    float[] scanned;
    try (Reinforce<MlpPolicy> r = Reinforce.create(OneHot.of(TimeLimit.of(new Chain(STATES), 40)), config)) {
      untrained = r.policy().parameters();
      r.train(Budget.updates(5));
      sparse = r.policy().parameters();
    }
    try (Reinforce<MlpPolicy> r = Reinforce.create(scannedOneHot(), config)) {
      r.train(Budget.updates(5));
      scanned = r.policy().parameters();
    }

    assertArrayEquals(scanned, sparse);
    assertFalse(Arrays.equals(untrained, sparse), "training changed nothing");
  }
}
