package io.github.pgrl.core.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.check.MaskedCorridor.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.AssertionFailedError;

/**
 * The {@link EnvironmentChecker} and the {@link EnvironmentContract} play an environment with {@link
 * io.github.pgrl.core.ActionMasks} with valid actions only, and catch a mask without a valid action or of
 * the wrong length, a refused valid action, and a wrong exception for an invalid one.
 */
class ActionMasksCheckTest {

  private static EnvironmentContract<float[], Integer> contractFor(Fault fault) {
    return () -> new MaskedCorridor(fault);
  }

  @Test
  void aCorrectMaskedEnvironmentPassesTheCheckerAndTheContract() {
    CheckReport report = EnvironmentChecker.defaults().report(() -> new MaskedCorridor(Fault.NONE));
    assertTrue(report.passed(), report::message);
    EnvironmentContract<float[], Integer> contract = contractFor(Fault.NONE);
    assertDoesNotThrow(() -> contract.masksHaveAValidActionAndInvalidActionsAreRefusedOrAccepted(3L, 4L));
    assertDoesNotThrow(() -> contract.sameSeedAndSameActionsGiveTheSameTransitions(3L, 4L));
    assertDoesNotThrow(() -> contract.observationsStayInTheSpaceAndRewardsAreFinite(3L, 4L));
    assertDoesNotThrow(() -> contract.stepAfterTheEndThrowsIllegalStateExceptionUntilTheNextReset(3L));
    assertDoesNotThrow(contract::closingTwiceIsHarmless);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "EMPTY_MASK_MID_EPISODE | validActions() for step 1: a mask with no valid action",
      "WRONG_LENGTH | validActions() for step 0: the mask has 2 entries, for 3 actions it must have 3",
      "REFUSES_A_VALID_JUMP | an action the mask marks valid must be accepted"})
  void theCheckerReportsABrokenMask(Fault fault, String phrase) {
    CheckReport report = EnvironmentChecker.defaults().report(() -> new MaskedCorridor(fault));
    assertFalse(report.passed());
    assertTrue(report.message().contains(phrase), report::message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "EMPTY_MASK_MID_EPISODE | the mask at step 1",
      "WRONG_LENGTH | the mask at step 0",
      "WRONG_EXCEPTION_FOR_AN_INVALID_ACTION | only IllegalArgumentException is allowed"})
  void theContractCatchesABrokenMask(Fault fault, String phrase) {
    AssertionFailedError failure = assertThrows(AssertionFailedError.class,
        () -> contractFor(fault).masksHaveAValidActionAndInvalidActionsAreRefusedOrAccepted(3L, 4L));
    assertTrue(failure.getMessage().contains(phrase), failure.getMessage());
  }
}
