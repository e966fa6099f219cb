package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.pgrl.core.LayeringRules;
import io.github.pgrl.core.policy.MlpPolicy;
import org.junit.jupiter.api.Test;

/**
 * rl-examples keeps the engine behind the policies: the engine rules of {@link LayeringRules}, applied to
 * this module's main classes. It is an application, so the other rules (it prints, it picks the ND4J
 * backend) do not apply.
 */
class LayeringTest {

  private static final String ROOT = "io.github.pgrl.examples";

  private static final JavaClasses MAIN = LayeringRules.mainClasses(ROOT);

  /**
   * {@code pgrl bench} measures the engine as training uses it: its {@code policy} row hands the non-zero
   * indices to the engine's record, which only the trainer does otherwise (docs/ARCHITECTURE.md,
   * "Architecture rules (ArchUnit)").
   */
  private static final String MEASURES_THE_ENGINE = BenchCommand.class.getName();

  @Test
  void onlyTheBenchmarkUsesTheEngine() {
    LayeringRules.onlyTheImplementationsUseTheEngine(MEASURES_THE_ENGINE).check(MAIN);
  }

  @Test
  void theExceptionIsNeededSoItIsNotLeftOverWhenTheBenchmarkStopsUsingTheEngine() {
    assertTrue(LayeringRules.ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE.evaluate(MAIN).hasViolation(),
        "BenchCommand no longer uses the engine: drop the exception here and in docs/ARCHITECTURE.md");
  }

  @Test
  void noPublicSignatureExposesAnEngineType() {
    LayeringRules.noEngineTypesInPublicSignatures(ROOT).check(MAIN);
  }

  @Test
  void theImportHoldsThisModulesMainClassesOnly() {
    assertTrue(MAIN.contain(Main.class));
    assertTrue(MAIN.contain(BenchCommand.class));
    assertFalse(MAIN.contain(LayeringTest.class));
    assertFalse(MAIN.contain(MlpPolicy.class), "rl-core's classes are checked by rl-core");
    assertTrue(MAIN.stream().allMatch(c -> c.getPackageName().startsWith(ROOT)),
        () -> "classes from outside " + ROOT + " were imported");
  }
}
