package io.github.pgrl.envs.pong;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.check.CheckReport;
import io.github.pgrl.core.check.EnvironmentChecker;
import java.util.function.Supplier;
import net.jqwik.api.Example;

/**
 * The binary Pong environment honours the environment contract. Games are played to 3 points so that the
 * random play of the contract sees episodes end (a random agent loses a 3-point game in about 220 steps).
 */
class PongBinaryContractTest implements EnvironmentContract<float[], Integer> {

  static final PongConfig SHORT_GAMES = PongConfig.builder().pointsToWin(3).build();

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return PongEnvironment.binary(SHORT_GAMES, 2);
  }

  @Example
  void theCheckerPassesTheTwoActionFrameSkippingStickyAndReusingVariantsToo() {
    assertPasses(() -> PongEnvironment.binary(SHORT_GAMES.toBuilder().twoActions(true).build(), 2));
    assertPasses(() -> PongEnvironment.rgb(SHORT_GAMES.toBuilder().twoActions(true).build()));
    assertPasses(() -> PongEnvironment.binary(
        SHORT_GAMES.toBuilder().frameSkip(2, 4).stickiness(0.25).twoActions(true).build(), 2));
    assertPasses(() -> PongEnvironment.binary(SHORT_GAMES.toBuilder().reuseObservation(true).build(), 2));
    assertPasses(() -> PongEnvironment.binary(SHORT_GAMES, 4));
  }

  @Example
  void theCheckerPassesTheDefaultTwentyOnePointGame() {
    assertPasses(PongEnvironment::binary);
  }

  private static void assertPasses(Supplier<? extends Environment<?, ?>> factory) {
    CheckReport report = EnvironmentChecker.defaults().report(factory);
    assertTrue(report.passed(), report::message);
  }
}
