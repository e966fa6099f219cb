package io.github.pgrl.envs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.LayeringRules;
import io.github.pgrl.envs.acrobot.Acrobot;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.mountaincar.MountainCar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** rl-envs keeps pgrl's layering: the rules of {@link LayeringRules}, applied to this module's main classes. */
class LayeringTest {

  private static final String ROOT = "io.github.pgrl.envs";

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

  @ParameterizedTest
  @ValueSource(strings = {ROOT, ROOT + ".cartpole", ROOT + ".acrobot", ROOT + ".mountaincar", ROOT + ".pendulum", ROOT + ".pong", ROOT + ".gridmaze",
      ROOT + ".pixels", ROOT + ".render"})
  void everyPackageHasMainClassesToCheck(String packageName) {
    assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().equals(packageName)),
        () -> "no main class imported in " + packageName);
  }

  @Test
  void theImportHoldsThisModulesMainClassesOnly() {
    assertTrue(MAIN.contain(Environments.class));
    assertTrue(MAIN.contain(CartPole.class));
    assertTrue(MAIN.contain(Acrobot.class));
    assertTrue(MAIN.contain(MountainCar.class));
    assertFalse(MAIN.contain(LayeringTest.class));
    assertFalse(MAIN.contain(EnvironmentsTest.class));
    assertFalse(MAIN.contain(ROOT + ".cartpole.CartPoleTest"));
    assertFalse(MAIN.contain(Environment.class), "rl-core's classes are checked by rl-core");
    assertTrue(MAIN.stream().allMatch(c -> c.getPackageName().startsWith(ROOT)),
        () -> "classes from outside " + ROOT + " were imported");
  }
}
