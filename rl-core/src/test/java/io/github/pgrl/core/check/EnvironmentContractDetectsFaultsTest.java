package io.github.pgrl.core.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.check.Corridor.Fault;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Shows that each property of {@link EnvironmentContract} can fail: its default methods are called directly
 * on contracts for deliberately broken environments (the anonymous contracts are not test classes
 * themselves).
 */
class EnvironmentContractDetectsFaultsTest {

  private static <O, A> EnvironmentContract<O, A> contractFor(Supplier<Environment<O, A>> factory) {
    return new EnvironmentContract<>() {
      @Override
      public Environment<O, A> createEnvironment() {
        return factory.get();
      }

      @Override
      public int maxStepsToEnd() {
        return 500;
      }
    };
  }

  private static EnvironmentContract<float[], Integer> contractFor(Fault fault) {
    return contractFor(() -> Corridor.with(fault));
  }

  static Stream<Arguments> faultsAndTheProperties() {
    return Stream.of(
        arguments(Fault.IGNORES_SEED, "reset(", (Consumer<EnvironmentContract<float[], Integer>>)
            c -> c.resetWithTheSameSeedGivesTheSameFirstObservation(11L)),
        arguments(Fault.IGNORES_SEED, "reset(seed) must re-seed every source of randomness",
            (Consumer<EnvironmentContract<float[], Integer>>)
                c -> c.sameSeedAndSameActionsGiveTheSameTransitions(11L, 12L)),
        arguments(Fault.OBSERVATION_OUTSIDE_SPACE, "is not in the observation space",
            (Consumer<EnvironmentContract<float[], Integer>>)
                c -> c.observationsStayInTheSpaceAndRewardsAreFinite(11L, 12L)),
        arguments(Fault.NAN_REWARD, "is NaN; rewards must be finite", (Consumer<EnvironmentContract<float[], Integer>>)
            c -> c.observationsStayInTheSpaceAndRewardsAreFinite(11L, 12L)),
        arguments(Fault.ACCEPTS_STEP_BEFORE_RESET, "before the first reset()",
            (Consumer<EnvironmentContract<float[], Integer>>) EnvironmentContract::stepBeforeResetThrowsIllegalStateException),
        arguments(Fault.ACCEPTS_STEP_AFTER_END, "after the episode ended", (Consumer<EnvironmentContract<float[], Integer>>)
            c -> c.stepAfterTheEndThrowsIllegalStateExceptionUntilTheNextReset(11L)),
        arguments(Fault.ACCEPTS_BAD_ACTION, "with an action outside Discrete(2)",
            (Consumer<EnvironmentContract<float[], Integer>>)
                EnvironmentContract::actionOutsideTheSpaceThrowsIllegalArgumentExceptionNamingActionAndSpace),
        arguments(Fault.MESSAGE_WITHOUT_ACTION, "should name the action",
            (Consumer<EnvironmentContract<float[], Integer>>)
                EnvironmentContract::actionOutsideTheSpaceThrowsIllegalArgumentExceptionNamingActionAndSpace),
        arguments(Fault.CLOSE_TWICE_THROWS, "close() twice", (Consumer<EnvironmentContract<float[], Integer>>)
            EnvironmentContract::closingTwiceIsHarmless));
  }

  @ParameterizedTest(name = "{0} fails with \"{1}\"")
  @MethodSource("faultsAndTheProperties")
  void theMatchingPropertyFailsForEachFault(Fault fault, String phrase,
      Consumer<EnvironmentContract<float[], Integer>> property) {
    AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> property.accept(contractFor(fault)));

    assertTrue(failure.getMessage().contains(phrase), failure::getMessage);
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = "NEVER_ENDS", mode = EnumSource.Mode.EXCLUDE)
  void theCheckerPropertyFailsForEveryFault(Fault fault) {
    AssertionFailedError failure = assertThrows(AssertionFailedError.class,
        () -> contractFor(fault).passesTheEnvironmentChecker());

    assertTrue(failure.getMessage().contains("environment check"), failure::getMessage);
  }

  @Test
  void theCheckerPropertyPassesForANeverEndingEnvironment() {
    assertDoesNotThrow(() -> contractFor(Fault.NEVER_ENDS).passesTheEnvironmentChecker());
  }

  @Test
  void theStepAfterTheEndIsSkippedWhenNoEpisodeEndsWithinTheBudget() {
    assertThrows(TestAbortedException.class,
        () -> contractFor(Fault.NEVER_ENDS).stepAfterTheEndThrowsIllegalStateExceptionUntilTheNextReset(11L));
  }

  @Test
  void aBoxActionOutsideTheSpaceThatIsAcceptedFails() {
    EnvironmentContract<float[], float[]> contract = contractFor(() -> new Drift(false));

    AssertionFailedError failure = assertThrows(AssertionFailedError.class,
        contract::actionOutsideTheSpaceThrowsIllegalArgumentExceptionNamingActionAndSpace);

    assertTrue(failure.getMessage().contains("with an action outside Box(low=[-1.0], high=[1.0])"), failure::getMessage);
  }

  @Test
  void aBoxActionOutsideTheBoundsThatIsAcceptedButNotClippedFails() {
    // refuses a wrong shape or a NaN, but plays an action beyond the bounds as no push at all
    EnvironmentContract<float[], float[]> contract = contractFor(() -> new Environment<float[], float[]>() {
      private final Drift drift = new Drift(true);
      @Override public Space<float[]> observationSpace() { return drift.observationSpace(); }
      @Override public Space<float[]> actionSpace() { return drift.actionSpace(); }
      @Override public float[] reset(long seed) { return drift.reset(seed); }
      @Override public float[] reset() { return drift.reset(); }
      @Override public Step<float[]> step(float[] action) {
        boolean beyond = action.length == 1 && Float.isFinite(action[0]) && Math.abs(action[0]) > 1f;
        return drift.step(beyond ? new float[] {0f} : action);
      }
      @Override public void close() {}
    });

    AssertionFailedError failure = assertThrows(AssertionFailedError.class,
        contract::actionOutsideTheSpaceThrowsIllegalArgumentExceptionNamingActionAndSpace);

    assertTrue(failure.getMessage().contains("must move as the action clipped to Box(low=[-1.0], high=[1.0])"),
        failure::getMessage);
  }

  static Stream<Arguments> restoreFaultsAndTheProperties() {
    return Stream.of(
        arguments(Wander.Fault.FORGETS_DRAWS, "and read into a new instance: ", (Consumer<EnvironmentContract<float[], Integer>>)
            c -> c.aRestoredStateContinuesAsTheEnvironmentThatWroteIt(11L, 12L, 3, false)),
        arguments(Wander.Fault.FORGETS_STEP_COUNT, "and read into a used instance: ",
            (Consumer<EnvironmentContract<float[], Integer>>)
                c -> c.aRestoredStateContinuesAsTheEnvironmentThatWroteIt(11L, 12L, 5, true)),
        arguments(Wander.Fault.NO_CHECKS, "a state with NaN in 'env.x' ==> Expected java.lang.IllegalArgumentException",
            (Consumer<EnvironmentContract<float[], Integer>>)
                c -> c.aDamagedStateIsRefusedNamingTheEntryAndChangesNothing(11L, 12L)),
        arguments(Wander.Fault.CHANGES_BEFORE_CHECKING, "the environment that refused a state with",
            (Consumer<EnvironmentContract<float[], Integer>>)
                c -> c.aDamagedStateIsRefusedNamingTheEntryAndChangesNothing(11L, 12L)));
  }

  @ParameterizedTest(name = "{0} fails with \"{1}\"")
  @MethodSource("restoreFaultsAndTheProperties")
  void theMatchingRestorePropertyFailsForEachFaultOfTheState(Wander.Fault fault, String phrase,
      Consumer<EnvironmentContract<float[], Integer>> property) {
    AssertionFailedError failure = assertThrows(AssertionFailedError.class,
        () -> property.accept(contractFor(() -> Wander.with(fault))));

    assertTrue(failure.getMessage().contains(phrase), failure::getMessage);
  }

  @Test
  void theRestorePropertiesAreSkippedForAnEnvironmentThatCannotRestore() {
    EnvironmentContract<float[], Integer> contract = contractFor(Corridor::correct);

    assertThrows(TestAbortedException.class, () -> contract.aRestoredStateContinuesAsTheEnvironmentThatWroteIt(1, 2, 3, false));
    assertThrows(TestAbortedException.class, () -> contract.aStateWrittenBeforeTheFirstResetRestoresAnEnvironmentNotStarted(1));
    assertThrows(TestAbortedException.class, () -> contract.aDamagedStateIsRefusedNamingTheEntryAndChangesNothing(1, 2));
  }

  @Test
  void theContractCopiesObservationsSoAReusedBufferDoesNotHideADifference() {
    Corridor corridor = Corridor.correct();
    var transitions = EnvironmentContract.play(corridor, 5, 6, 20);

    assertTrue(transitions.stream().map(t -> ((float[]) t.observation())[0]).distinct().count() > 1,
        "the recorded observations all read the final buffer: " + transitions);
  }
}
