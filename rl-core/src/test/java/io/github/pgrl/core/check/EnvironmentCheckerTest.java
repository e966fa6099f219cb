package io.github.pgrl.core.check;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.check.Corridor.Fault;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class EnvironmentCheckerTest {

  private static CheckReport reportOn(Fault first, Fault... more) {
    return EnvironmentChecker.defaults().report(() -> Corridor.with(first, more));
  }

  private static List<String> problemsContaining(CheckReport report, String phrase) {
    return report.problems().stream().filter(p -> p.contains(phrase)).collect(Collectors.toList());
  }

  @Test
  void theCorrectCorridorPassesWithNeitherProblemsNorNotes() {
    CheckReport report = EnvironmentChecker.defaults().report(Corridor::correct);

    assertTrue(report.passed(), report::message);
    assertEquals(List.of(), report.problems());
    assertEquals(List.of(), report.notes());
    assertEquals("Corridor passed the environment checks", report.message());
  }

  @Test
  void aRestorableEnvironmentPassesAndTheReportNamesTheContract() {
    CheckReport fromFactory = EnvironmentChecker.defaults().report(Wander::correct);
    CheckReport fromInstance = EnvironmentChecker.defaults().report(Wander.correct());

    assertTrue(fromFactory.passed(), fromFactory::message);
    assertTrue(fromInstance.passed(), fromInstance::message);
    assertEquals(List.of("Restorable"), fromFactory.contracts());
    assertEquals("Wander passed the environment checks (with Restorable)", fromFactory.message());
    assertEquals(List.of(), EnvironmentChecker.defaults().report(Corridor::correct).contracts());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Wander.Fault.class, names = {"FORGETS_DRAWS", "FORGETS_STEP_COUNT"})
  void aStateThatLeavesSomethingOutIsReported(Wander.Fault fault) {
    CheckReport fromFactory = EnvironmentChecker.defaults().report(() -> Wander.with(fault));
    CheckReport fromInstance = EnvironmentChecker.defaults().report(Wander.with(fault));

    assertEquals(1, problemsContaining(fromFactory, "after writeState and readState into a new instance").size(),
        fromFactory::message);
    assertEquals(1, problemsContaining(fromInstance, "after writeState and readState into the same instance").size(),
        fromInstance::message);
  }

  @Test
  void theStaticChecksAcceptTheCorrectCorridor() {
    assertDoesNotThrow(() -> EnvironmentChecker.check(Corridor.correct()));
    assertDoesNotThrow(() -> EnvironmentChecker.check(Corridor::correct));
  }

  @Test
  void anEnvironmentWithBoxActionsThatValidatesThemPasses() {
    CheckReport report = EnvironmentChecker.defaults().report(() -> new Drift(true));

    assertTrue(report.passed(), report::message);
    assertEquals(List.of(), report.notes());
  }

  @ParameterizedTest(name = "{0} is reported as \"{1}\"")
  @CsvSource(delimiter = '|', textBlock = """
      IGNORES_SEED              | reset(42) is not repeatable
      OBSERVATION_OUTSIDE_SPACE | , is not in the observation space Box(low=[0.0], high=[7.0]): element 0 is
      NAN_REWARD                | is NaN; rewards must be finite
      ACCEPTS_STEP_BEFORE_RESET | step() before the first reset() was accepted; it must throw IllegalStateException
      ACCEPTS_STEP_AFTER_END    | a step after the episode ended (at step
      ACCEPTS_BAD_ACTION        | the action -1, outside the action space Discrete(2), was accepted
      MESSAGE_WITHOUT_ACTION    | for the action 2 outside Discrete(2) should name both the action and the space
      CLOSE_TWICE_THROWS        | close() called twice threw IllegalStateException (already closed)
      """)
  void eachSingleFaultIsReportedByAProblemThatNamesIt(Fault fault, String phrase) {
    CheckReport report = reportOn(fault);

    assertFalse(report.passed(), () -> fault + " was not noticed: " + report.message());
    assertFalse(problemsContaining(report, phrase).isEmpty(),
        () -> "no problem says \"" + phrase + "\": " + report.message());
    assertTrue(report.message().contains(phrase), report::message);
  }

  @Test
  void ignoringTheSeedIsAlsoReportedAsANonRepeatableEpisode() {
    CheckReport report = reportOn(Fault.IGNORES_SEED);

    assertFalse(problemsContaining(report, "reset(seed) must re-seed every source of randomness").isEmpty(),
        report::message);
  }

  @Test
  void aBadActionThatIsAcceptedIsReportedForBothTriedActions() {
    CheckReport report = reportOn(Fault.ACCEPTS_BAD_ACTION);

    assertEquals(2, problemsContaining(report, "was accepted; it must throw IllegalArgumentException").size(),
        report::message);
    assertFalse(problemsContaining(report, "the action 2, outside").isEmpty(), report::message);
  }

  @Test
  void aBoxActionThatIsAcceptedIsReported() {
    CheckReport report = EnvironmentChecker.defaults().report(() -> new Drift(false));

    assertAll(
        () -> assertFalse(problemsContaining(report,
            "the action [NaN], outside the action space Box(low=[-1.0], high=[1.0]), was accepted").isEmpty(),
            report::message),
        () -> assertFalse(problemsContaining(report,
            "the action [0.0, 0.0], outside the action space Box(low=[-1.0], high=[1.0]), was accepted").isEmpty(),
            report::message));
  }

  @Test
  void anObservationOutsideTheSpaceOnEveryStepIsReportedOncePerKindNotOncePerStep() {
    CheckReport report = reportOn(Fault.OBSERVATION_OUTSIDE_SPACE, Fault.NEVER_ENDS);

    assertEquals(2, problemsContaining(report, "is not in the observation space").size(), report::message);
    assertEquals(1, problemsContaining(report, "the first observation after reset(42)").size(), report::message);
    assertEquals(1, problemsContaining(report, "the observation of step 0,").size(), report::message);
  }

  @Test
  void aNonFiniteRewardOnEveryStepIsReportedOnce() {
    CheckReport report = reportOn(Fault.NAN_REWARD, Fault.NEVER_ENDS);

    assertEquals(List.of("the reward of step 0 is NaN; rewards must be finite"),
        problemsContaining(report, "rewards must be finite"));
  }

  @Test
  void aCheckOnAnInstanceTakesItToBeFreshAndTriesAStepBeforeReset() {
    CheckReport report = EnvironmentChecker.defaults().report(Corridor.with(Fault.ACCEPTS_STEP_BEFORE_RESET));

    assertEquals(List.of("step() before the first reset() was accepted; it must throw IllegalStateException (the"
        + " checker takes the instance it is given to be fresh, never reset; to check one that was used, pass a"
        + " factory: check(MyEnvironment::new))"), report.problems());
  }

  @Test
  void theStaticCheckOnAnInstanceThrowsForAStepAcceptedBeforeReset() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> EnvironmentChecker.check(Corridor.with(Fault.ACCEPTS_STEP_BEFORE_RESET)));

    assertTrue(thrown.getMessage().contains("step() before the first reset() was accepted"), thrown.getMessage());
  }

  @Test
  void anInstanceInTheMiddleOfAnEpisodeIsReportedWithTheAdviceToPassAFactory() {
    Corridor used = Corridor.correct();
    used.reset(1);

    CheckReport report = EnvironmentChecker.defaults().report(used);

    assertEquals(1, report.problems().size(), report::message);
    assertTrue(report.problems().get(0).endsWith("to check one that was used, pass a factory:"
        + " check(MyEnvironment::new))"), report::message);
    assertTrue(EnvironmentChecker.defaults().report(Corridor::correct).passed());
  }

  @Test
  void aFactoryReportsAStepAcceptedBeforeResetOnceAndWithoutTheAdviceForInstances() {
    CheckReport report = reportOn(Fault.ACCEPTS_STEP_BEFORE_RESET);

    assertEquals(List.of("step() before the first reset() was accepted; it must throw IllegalStateException"),
        report.problems());
  }

  @Test
  void aFactoryThatReturnsNullIsRefusedSayingWhatItMustDo() {
    NullPointerException thrown = assertThrows(NullPointerException.class,
        () -> EnvironmentChecker.defaults().report(() -> null));

    assertEquals("the environment factory returned null; it must make a new environment", thrown.getMessage());
  }

  @Test
  void aNeverEndingEnvironmentGetsANoteNotAProblem() {
    CheckReport report = EnvironmentChecker.defaults().report(() -> Corridor.with(Fault.NEVER_ENDS));

    assertTrue(report.passed(), report::message);
    assertEquals(1, report.notes().size(), report::message);
    assertTrue(report.notes().get(0).startsWith("no episode ended within 10000 random steps"), report::message);
    assertTrue(report.message().contains("\n  (note) no episode ended within 10000 random steps"), report::message);
  }

  @Test
  void aSmallStepBudgetOnlyYieldsANoteForAnEnvironmentThatEndsLater() {
    CheckReport report = EnvironmentChecker.withSeed(42, 1).report(Corridor::correct);

    assertTrue(report.passed(), report::message);
    assertTrue(report.notes().get(0).startsWith("no episode ended within 1 random steps"), report::message);
  }

  @Test
  void severalFaultsAreAllListedInOneMessage() {
    CheckReport report = reportOn(Fault.NAN_REWARD, Fault.ACCEPTS_BAD_ACTION, Fault.CLOSE_TWICE_THROWS,
        Fault.ACCEPTS_STEP_BEFORE_RESET);

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, report::orThrow);

    String message = thrown.getMessage();
    assertEquals(report.message(), message);
    assertEquals(5, report.problems().size(), message);
    assertTrue(message.startsWith(report.environment() + " failed 5 environment checks:"), message);
    for (String problem : report.problems()) {
      assertTrue(message.contains("\n  - " + problem), () -> "missing " + problem + " in " + message);
    }
    assertAll(
        () -> assertTrue(message.contains("rewards must be finite"), message),
        () -> assertTrue(message.contains("the action 2, outside the action space Discrete(2), was accepted"), message),
        () -> assertTrue(message.contains("the action -1, outside the action space Discrete(2), was accepted"), message),
        () -> assertTrue(message.contains("close() called twice threw"), message),
        () -> assertTrue(message.contains("step() before the first reset() was accepted"), message));
  }

  @Test
  void theStaticCheckThrowsListingTheProblems() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> EnvironmentChecker.check(() -> Corridor.with(Fault.NAN_REWARD, Fault.CLOSE_TWICE_THROWS)));

    assertTrue(thrown.getMessage().contains("failed 2 environment checks:"), thrown.getMessage());
  }

  @Test
  void theCheckedEnvironmentIsClosedAfterwards() {
    Corridor corridor = Corridor.correct();

    EnvironmentChecker.defaults().report(corridor);

    assertTrue(corridor.isClosed());
  }

  @Test
  void theSameCheckerGivesTheSameReportTwice() {
    EnvironmentChecker checker = EnvironmentChecker.withSeed(3, 500);

    assertEquals(checker.report(() -> Corridor.with(Fault.IGNORES_SEED)).problems(),
        checker.report(() -> Corridor.with(Fault.IGNORES_SEED)).problems());
  }

  @Test
  void aStepBudgetBelowOneIsRejectedWithTheAllowedRange() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> EnvironmentChecker.withSeed(1, 0));

    assertEquals("maxEpisodeSteps must be at least 1, got 0", thrown.getMessage());
  }

  @Test
  void describesItsSettings() {
    EnvironmentChecker checker = EnvironmentChecker.withSeed(7, 500);

    assertEquals(7, checker.seed());
    assertEquals("EnvironmentChecker(seed=7, maxEpisodeSteps=500)", checker.toString());
    assertEquals("EnvironmentChecker(seed=42, maxEpisodeSteps=10000)", EnvironmentChecker.defaults().toString());
  }
}
