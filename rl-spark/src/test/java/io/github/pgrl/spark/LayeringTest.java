package io.github.pgrl.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.pgrl.core.LayeringRules;
import io.github.pgrl.core.reinforce.Reinforce;
import org.junit.jupiter.api.Test;

/** rl-spark keeps pgrl's layering: the rules of {@link LayeringRules} that rl-envs applies, on this module's main classes. */
class LayeringTest {

  private static final String ROOT = "io.github.pgrl.spark";

  private static final JavaClasses MAIN = LayeringRules.mainClasses(ROOT);

  @Test
  void noPublicSignatureExposesAnNd4jType() {
    LayeringRules.noNd4jInPublicSignatures(ROOT).check(MAIN);
  }

  @Test
  void noMainClassUsesTheEngine() {
    LayeringRules.ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE.check(MAIN);
  }

  @Test
  void noPublicSignatureExposesAnEngineType() {
    LayeringRules.noEngineTypesInPublicSignatures(ROOT).check(MAIN);
  }

  @Test
  void noMainClassUsesUnseededRandomness() {
    LayeringRules.NO_UNSEEDED_RANDOMNESS.check(MAIN);
  }

  @Test
  void noMainClassWritesToTheConsole() {
    LayeringRules.NO_CONSOLE_OUTPUT.check(MAIN);
  }

  @Test
  void theImportHoldsThisModulesMainClassesOnly() {
    assertTrue(MAIN.contain(SparkRollouts.class));
    assertTrue(MAIN.contain(SerializableSupplier.class));
    assertFalse(MAIN.contain(LayeringTest.class));
    assertFalse(MAIN.contain(Reinforce.class), "rl-core's classes are checked by rl-core");
  }
}
