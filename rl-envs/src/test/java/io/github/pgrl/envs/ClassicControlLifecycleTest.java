package io.github.pgrl.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.envs.acrobot.Acrobot;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.mountaincar.MountainCar;
import io.github.pgrl.envs.mountaincar.MountainCarContinuous;
import io.github.pgrl.envs.pendulum.Pendulum;
import java.util.List;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The episode lifecycle that the five classic-control environments share through {@link ClassicControl}:
 * the step limit of {@code withMaxEpisodeSteps}, its refusal of limits below 1, and a step before the
 * first reset. CartPole's truncation, which needs a controller to keep the pole up, is in {@code
 * CartPoleTest}.
 */
class ClassicControlLifecycleTest {

  /** An environment with a step limit, and an action that does not end its episodes within 300 steps. */
  record Kind<A>(String name, IntFunction<ClassicControl<A>> withLimit, A idle) {
    ClassicControl<A> make() {
      return withLimit.apply(10);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Kind<?>> WITHOUT_EARLY_ENDS = List.of(
      new Kind<>("Acrobot", Acrobot::withMaxEpisodeSteps, 1),
      new Kind<>("MountainCar", MountainCar::withMaxEpisodeSteps, 1),
      new Kind<>("MountainCarContinuous", MountainCarContinuous::withMaxEpisodeSteps, new float[] {0f}),
      new Kind<>("Pendulum", limit -> Pendulum.withMaxEpisodeSteps(10.0, limit), new float[] {1f}));

  private static final List<Kind<?>> ALL = List.of(WITHOUT_EARLY_ENDS.get(0), WITHOUT_EARLY_ENDS.get(1),
      WITHOUT_EARLY_ENDS.get(2), WITHOUT_EARLY_ENDS.get(3), new Kind<>("CartPole", CartPole::withMaxEpisodeSteps, 1));

  @Provide
  Arbitrary<Kind<?>> withoutEarlyEnds() {
    return Arbitraries.of(WITHOUT_EARLY_ENDS);
  }

  @Property(tries = 80)
  void withMaxEpisodeStepsTruncatesAtTheGivenStep(@ForAll("withoutEarlyEnds") Kind<?> kind,
      @ForAll @IntRange(min = 1, max = 300) int limit, @ForAll long seed) {
    truncatesAt(kind, limit, seed);
  }

  private static <A> void truncatesAt(Kind<A> kind, int limit, long seed) {
    ClassicControl<A> env = kind.withLimit().apply(limit);
    env.reset(seed);
    for (int t = 1; t < limit; t++) {
      assertFalse(env.step(kind.idle()).done(), kind + ", step " + t + " of " + limit);
    }

    assertEquals(limit, env.maxEpisodeSteps());
    var last = env.step(kind.idle());
    assertTrue(last.truncated(), kind + " at " + limit);
    assertFalse(last.terminated(), kind + " at " + limit);
    assertThrows(IllegalStateException.class, () -> env.step(kind.idle()), kind + ": a step after the truncation");
  }

  @Example
  void withMaxEpisodeStepsRejectsLimitsBelowOneSayingWhatIsAllowed() {
    for (Kind<?> kind : ALL) {
      for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> kind.withLimit().apply(limit), kind.toString());
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(limit)), e.getMessage());
      }
      assertEquals(1, kind.withLimit().apply(1).maxEpisodeSteps(), kind.toString());
      assertEquals(Integer.MAX_VALUE, kind.withLimit().apply(Integer.MAX_VALUE).maxEpisodeSteps(), kind.toString());
    }
  }

  @Example
  void stepBeforeTheFirstResetThrowsIllegalStateExceptionSayingToReset() {
    for (Kind<?> kind : ALL) {
      stepsBeforeReset(kind);
    }
  }

  private static <A> void stepsBeforeReset(Kind<A> kind) {
    ClassicControl<A> env = kind.make();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(kind.idle()), kind.toString());
    assertTrue(e.getMessage().contains("reset()"), e.getMessage());
  }
}
