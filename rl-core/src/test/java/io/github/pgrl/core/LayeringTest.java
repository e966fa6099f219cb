package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.EngineApiFixture;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.space.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class LayeringTest {

  private static final JavaClasses MAIN = LayeringRules.mainClasses("io.github.pgrl");

  /** Every fixture, imported once (an import costs about half a second); tests pick the ones they need. */
  private static final JavaClasses FIXTURES = new ClassFileImporter().importClasses(
      LayeringViolations.UsesNd4j.class,
      LayeringViolations.UsesPlainArrays.class,
      LayeringViolations.CallsUnseededRandomness.class,
      LayeringViolations.ReferencesUnseededRandomness.class,
      LayeringViolations.UnseededRandomSubclass.class,
      LayeringViolations.SeededRandomness.class,
      LayeringViolations.WritesToTheConsole.class,
      LayeringViolations.Logs.class,
      Nd4jSignatureFixtures.ExposesNd4j.class,
      Nd4jSignatureFixtures.HidesNd4j.class,
      Nd4jSignatureFixtures.NotPublic.class,
      LayeringViolations.UsesTheEngine.class,
      LayeringViolations.UsesTheContract.class,
      EngineSignatureFixtures.ExposesTheEngine.class,
      EngineSignatureFixtures.HidesTheEngine.class,
      EngineSignatureFixtures.NotPublic.class,
      EngineApiFixture.class);

  /** Evaluates a rule against the given fixture classes alone. */
  private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
    Set<String> names = Arrays.stream(classes).map(Class::getName).collect(Collectors.toSet());
    JavaClasses only = FIXTURES.that(DescribedPredicate.describe("are " + names, c -> names.contains(c.getName())));
    assertEquals(classes.length, only.size(), "fixtures missing from the import");
    return rule.evaluate(only);
  }

  private static String report(EvaluationResult result) {
    return String.join("\n", result.getFailureReport().getDetails());
  }

  // ---- the rules hold for the main classes ----

  @Test
  void theContractPackagesDoNotDependOnNd4j() {
    LayeringRules.CORE_PACKAGES_DO_NOT_DEPEND_ON_ND4J.check(MAIN);
  }

  @Test
  void noPublicSignatureExposesAnNd4jType() {
    LayeringRules.noNd4jInPublicSignatures("io.github.pgrl").check(MAIN);
  }

  @Test
  void onlyThePoliciesAndTheTrainerUseTheEngine() {
    LayeringRules.ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE.check(MAIN);
  }

  @Test
  void noPublicSignatureOutsideTheEngineExposesAnEngineType() {
    LayeringRules.noEngineTypesInPublicSignatures("io.github.pgrl").check(MAIN);
  }

  @Test
  void thePoliciesAndTheTrainerDoUseTheEngineSoTheRuleIsNotVacuous() {
    for (String user : LayeringRules.ENGINE_USERS) {
      assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().equals(user) && c.getDirectDependenciesFromSelf()
          .stream().anyMatch(d -> d.getTargetClass().getPackageName().equals(LayeringRules.ENGINE_PACKAGE))),
          () -> "no class of " + user + " uses the engine");
    }
    assertTrue(MAIN.contain(Batch.class));
    assertTrue(MAIN.contain(MlpPolicy.class));
    assertTrue(MAIN.contain(Reinforce.class));
  }

  @Test
  void noMainClassUsesUnseededRandomness() {
    LayeringRules.NO_UNSEEDED_RANDOMNESS.check(MAIN);
  }

  @Test
  void noMainClassWritesToTheConsole() {
    LayeringRules.NO_CONSOLE_OUTPUT.check(MAIN);
  }

  static final List<String> ND4J_FREE_PACKAGES = LayeringRules.CORE_PACKAGES_WITHOUT_ND4J;

  @ParameterizedTest
  @FieldSource("ND4J_FREE_PACKAGES")
  void everyNd4jFreePackageHasMainClassesToCheck(String packageName) {
    assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().equals(packageName)),
        () -> "no main class imported in " + packageName);
  }

  @Test
  void theImportHoldsMainClassesButNoTestClasses() {
    assertTrue(MAIN.contain(Environment.class));
    assertTrue(MAIN.contain(Box.class));
    assertTrue(MAIN.contain(EnvironmentChecker.class));
    assertFalse(MAIN.contain(LayeringTest.class));
    assertFalse(MAIN.contain(LayeringViolations.UsesNd4j.class));
    assertFalse(MAIN.contain(Nd4jSignatureFixtures.ExposesNd4j.class));
    assertFalse(MAIN.contain(EngineApiFixture.class));
  }

  // ---- the rules' reasons point to a page that explains them ----

  @Test
  void everyRuleNamesTheSectionOfTheArchitecturePageThatListsIt() throws IOException {
    String page = Files.readString(Path.of("..").resolve(LayeringRules.PAGE));

    assertTrue(page.contains("\n## " + LayeringRules.SECTION + "\n"), () -> LayeringRules.PAGE + " has no section "
        + LayeringRules.SECTION);
    String section = page.substring(page.indexOf("## " + LayeringRules.SECTION));
    int next = section.indexOf("\n## ");
    section = next < 0 ? section : section.substring(0, next);
    for (String rule : List.of("CORE_PACKAGES_DO_NOT_DEPEND_ON_ND4J", "noNd4jInPublicSignatures",
        "ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE", "noEngineTypesInPublicSignatures", "NO_UNSEEDED_RANDOMNESS",
        "NO_CONSOLE_OUTPUT")) {
      assertTrue(section.contains("`" + rule), () -> rule + " is not listed under " + LayeringRules.SECTION);
    }
    for (ArchRule rule : List.of(LayeringRules.CORE_PACKAGES_DO_NOT_DEPEND_ON_ND4J,
        LayeringRules.noNd4jInPublicSignatures("io.github.pgrl"), LayeringRules.ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE,
        LayeringRules.onlyTheImplementationsUseTheEngine("a.B"), LayeringRules.noEngineTypesInPublicSignatures("io.github.pgrl"),
        LayeringRules.NO_UNSEEDED_RANDOMNESS, LayeringRules.NO_CONSOLE_OUTPUT)) {
      assertTrue(rule.getDescription().contains(LayeringRules.PAGE + ", \"" + LayeringRules.SECTION + "\""),
          rule::getDescription);
    }
  }

  // ---- each rule fails on a class that breaks it ----

  @Test
  void aContractPackageClassUsingNd4jViolatesTheNd4jRule() {
    EvaluationResult result = evaluate(LayeringRules.CORE_PACKAGES_DO_NOT_DEPEND_ON_ND4J,
        LayeringViolations.UsesNd4j.class);

    assertTrue(result.hasViolation());
    assertTrue(report(result).contains("org.nd4j.linalg.api.ndarray.INDArray"), report(result));
  }

  @Test
  void aContractPackageClassWithPlainArraysKeepsTheNd4jRule() {
    assertFalse(evaluate(LayeringRules.CORE_PACKAGES_DO_NOT_DEPEND_ON_ND4J,
        LayeringViolations.UsesPlainArrays.class).hasViolation());
  }

  @Test
  void everyKindOfPublicSignatureWithAnNd4jTypeViolatesTheSignatureRule() {
    EvaluationResult result = evaluate(LayeringRules.noNd4jInPublicSignatures("io.github.pgrl"),
        Nd4jSignatureFixtures.ExposesNd4j.class);

    assertTrue(result.hasViolation());
    String report = report(result);
    for (String member : List.of("ExposesNd4j.field ", "ExposesNd4j.<init>(", "returnsArray()",
        "takesListOfArrays(java.util.List)", "takesArrayOfArrays(", "boundedBy(", "throwsNd4jException()",
        "protectedTakesArray(")) {
      assertTrue(report.contains(member), () -> member + " is not reported in\n" + report);
    }
  }

  @Test
  void nonPublicMembersAndNonPublicClassesMayUseNd4j() {
    assertFalse(evaluate(LayeringRules.noNd4jInPublicSignatures("io.github.pgrl"),
        Nd4jSignatureFixtures.HidesNd4j.class, Nd4jSignatureFixtures.NotPublic.class).hasViolation());
  }

  @Test
  void theSignatureRuleOnlyLooksUnderItsRootPackage() {
    ArchRule elsewhere = LayeringRules.noNd4jInPublicSignatures("io.github.pgrl.envs");

    AssertionError empty = assertThrows(AssertionError.class, () -> evaluate(elsewhere, Nd4jSignatureFixtures.ExposesNd4j.class));

    assertTrue(empty.getMessage().contains("failed to check any classes"), empty.getMessage());
  }

  @Test
  void aClassOutsideThePoliciesAndTheTrainerUsingTheEngineViolatesTheEngineRule() {
    EvaluationResult result = evaluate(LayeringRules.ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE,
        LayeringViolations.UsesTheEngine.class);

    assertTrue(result.hasViolation());
    assertTrue(report(result).contains(Batch.class.getName()), report(result));
  }

  @Test
  void aClassUsingOnlyTheContractsKeepsTheEngineRule() {
    assertFalse(evaluate(LayeringRules.ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE,
        LayeringViolations.UsesTheContract.class).hasViolation());
  }

  @Test
  void aNamedExceptionMayUseTheEngineAndNoOtherClass() {
    String exception = LayeringViolations.UsesTheEngine.class.getName();

    assertFalse(evaluate(LayeringRules.onlyTheImplementationsUseTheEngine(exception),
        LayeringViolations.UsesTheEngine.class, LayeringViolations.UsesTheContract.class).hasViolation());
    assertTrue(evaluate(LayeringRules.onlyTheImplementationsUseTheEngine(LayeringViolations.UsesTheContract.class.getName()),
        LayeringViolations.UsesTheEngine.class).hasViolation());
  }

  @Test
  void everyKindOfPublicSignatureWithAnEngineTypeViolatesTheEngineSignatureRule() {
    EvaluationResult result = evaluate(LayeringRules.noEngineTypesInPublicSignatures("io.github.pgrl"),
        EngineSignatureFixtures.ExposesTheEngine.class);

    assertTrue(result.hasViolation());
    String report = report(result);
    for (String member : List.of("ExposesTheEngine.field ", "ExposesTheEngine.<init>(", "returnsBatch()",
        "takesListOfBatches(java.util.List)", "takesArrayOfBatches(", "boundedBy(", "protectedTakesRoute(")) {
      assertTrue(report.contains(member), () -> member + " is not reported in\n" + report);
    }
  }

  @Test
  void nonPublicMembersAndNonPublicClassesMayUseEngineTypes() {
    assertFalse(evaluate(LayeringRules.noEngineTypesInPublicSignatures("io.github.pgrl"),
        EngineSignatureFixtures.HidesTheEngine.class, EngineSignatureFixtures.NotPublic.class).hasViolation());
  }

  @Test
  void theEngineSignatureRuleDoesNotLookInsideTheEngine() {
    ArchRule rule = LayeringRules.noEngineTypesInPublicSignatures("io.github.pgrl");

    AssertionError empty = assertThrows(AssertionError.class, () -> evaluate(rule, EngineApiFixture.class));

    assertTrue(empty.getMessage().contains("failed to check any classes"), empty.getMessage());
  }

  @Test
  void everyUnseededSourceOfRandomnessViolatesTheRandomnessRule() {
    EvaluationResult result = evaluate(LayeringRules.NO_UNSEEDED_RANDOMNESS,
        LayeringViolations.CallsUnseededRandomness.class);

    assertTrue(result.hasViolation());
    String report = report(result);
    for (String target : List.of("Math.random()", "StrictMath.random()", "Random.<init>()",
        "SplittableRandom.<init>()", "ThreadLocalRandom.current()", "RandomGenerator.getDefault()",
        "Nd4j.getRandom()")) {
      assertTrue(report.contains(target), () -> target + " is not reported in\n" + report);
    }
    assertTrue(result.getFailureReport().getDetails().size() >= 7, report);
  }

  @Test
  void methodReferencesToUnseededRandomnessViolateTheRandomnessRule() {
    EvaluationResult result = evaluate(LayeringRules.NO_UNSEEDED_RANDOMNESS,
        LayeringViolations.ReferencesUnseededRandomness.class);

    assertTrue(result.hasViolation());
    assertTrue(report(result).contains("Math.random()"), report(result));
    assertTrue(report(result).contains("Random.<init>()"), report(result));
  }

  @Test
  void aSubclassOfRandomUsingItsUnseededConstructorViolatesTheRandomnessRule() {
    assertTrue(evaluate(LayeringRules.NO_UNSEEDED_RANDOMNESS,
        LayeringViolations.UnseededRandomSubclass.class).hasViolation());
  }

  @Test
  void seededGeneratorsKeepTheRandomnessRule() {
    EvaluationResult result = evaluate(LayeringRules.NO_UNSEEDED_RANDOMNESS, LayeringViolations.SeededRandomness.class);

    assertFalse(result.hasViolation(), () -> report(result));
  }

  @Test
  void printingToTheConsoleViolatesTheConsoleRule() {
    EvaluationResult result = evaluate(LayeringRules.NO_CONSOLE_OUTPUT, LayeringViolations.WritesToTheConsole.class);

    assertTrue(result.hasViolation());
    String report = report(result);
    for (String target : List.of("System.out", "System.err", "printStackTrace()")) {
      assertTrue(report.contains(target), () -> target + " is not reported in\n" + report);
    }
  }

  @Test
  void loggingKeepsTheConsoleRule() {
    EvaluationResult result = evaluate(LayeringRules.NO_CONSOLE_OUTPUT, LayeringViolations.Logs.class);

    assertFalse(result.hasViolation(), () -> report(result));
  }
}
