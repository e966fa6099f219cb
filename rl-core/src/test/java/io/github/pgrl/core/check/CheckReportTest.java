package io.github.pgrl.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {

  @Test
  void aReportWithoutProblemsPassesAndSaysSo() {
    CheckReport report = new CheckReport("Env", List.of(), List.of());

    assertEquals(true, report.passed());
    assertEquals("Env passed the environment checks", report.message());
    assertSame(report, report.orThrow());
  }

  @Test
  void notesFollowTheVerdictWithoutFailingIt() {
    CheckReport report = new CheckReport("Env", List.of(), List.of("skipped a check"));

    assertEquals("Env passed the environment checks\n  (note) skipped a check", report.message());
    assertSame(report, report.orThrow());
  }

  @Test
  void oneProblemIsCountedInTheSingular() {
    CheckReport report = new CheckReport("Env", List.of("it broke"), List.of());

    assertEquals("Env failed 1 environment check:\n  - it broke", report.message());
  }

  @Test
  void orThrowRaisesIllegalArgumentExceptionListingEveryProblemAndNote() {
    CheckReport report = new CheckReport("Env", List.of("first", "second"), List.of("a note"));

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, report::orThrow);

    assertEquals("Env failed 2 environment checks:\n  - first\n  - second\n  (note) a note", thrown.getMessage());
  }

  @Test
  void keepsItsOwnCopiesOfTheLists() {
    List<String> problems = new ArrayList<>(List.of("first"));
    CheckReport report = new CheckReport("Env", problems, List.of());

    problems.add("second");

    assertEquals(List.of("first"), report.problems());
    assertThrows(UnsupportedOperationException.class, () -> report.problems().add("third"));
  }

  @Test
  void rejectsAMissingEnvironmentName() {
    assertThrows(NullPointerException.class, () -> new CheckReport(null, List.of(), List.of()));
  }
}
