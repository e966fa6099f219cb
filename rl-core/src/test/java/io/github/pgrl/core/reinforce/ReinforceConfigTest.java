package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Trajectory;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ReinforceConfigTest {

  @Test
  void theClassicPongPresetIsTheRecipeItNames() {
    ReinforceConfig c = ReinforceConfig.classicPongFromPixels().build();
    assertArrayEquals(new int[] {200}, c.hidden());
    assertEquals(Activation.RELU, c.activation());
    assertEquals(Head.BERNOULLI, c.head());
    assertEquals(false, c.bias());
    assertEquals(OptimizerConfig.RmsProp.classic(1e-3), c.optimizer());
    assertEquals(0.99, c.gamma());
    assertEquals(10, c.batchEpisodes());
    assertEquals(Reduction.SUM, c.reduction());
    // returns discounted with 0.99 that restart at every point
    Trajectory<Integer> t = Trajectory.<Integer>builder().add(0, 0).add(0, 1).add(0, 0).add(0, -1).terminated();
    assertArrayEquals(new double[] {0.99, 1, -0.99, -1}, c.credit().assign(t), 1e-12);
    assertEquals(ReinforceConfig.builder().build().entropyCoefficient(), c.entropyCoefficient(), "the rest are defaults");
  }

  @Provide
  Arbitrary<Double> outsideUnitInterval() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().lessThan(0).greaterOrEqual(-1e9),
        Arbitraries.doubles().greaterThan(1).lessOrEqual(1e9),
        Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
  }

  @Property(tries = 50)
  void gammaOutsideTheUnitIntervalIsRejected(@ForAll("outsideUnitInterval") double gamma) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReinforceConfig.builder().gamma(gamma).build());
    assertTrue(e.getMessage().contains("gamma must lie in [0, 1]"), e.getMessage());
  }

  @Property(tries = 50)
  void nonPositiveBatchSizesAreRejected(@ForAll int episodes) {
    if (episodes >= 1) {
      assertEquals(episodes, ReinforceConfig.builder().batchEpisodes(episodes).build().batchEpisodes());
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReinforceConfig.builder().batchEpisodes(episodes).build());
      assertTrue(e.getMessage().contains("batchEpisodes must be at least 1"), e.getMessage());
    }
  }

  @Property(tries = 30)
  void hiddenLayersWithoutUnitsAreRejected(@ForAll int size) {
    if (size < 1) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReinforceConfig.builder().hidden(16, size).build());
      assertTrue(e.getMessage().contains("at least 1 unit"), e.getMessage());
    }
  }

  @Test
  void everyOtherRangeIsCheckedWithAMessage() {
    assertTrue(msg(() -> ReinforceConfig.builder().entropyCoefficient(-0.1).build()).contains("entropyCoefficient"));
    assertTrue(msg(() -> ReinforceConfig.builder().maxGradientNorm(0).build()).contains("maxGradientNorm must be positive"));
    assertTrue(msg(() -> ReinforceConfig.builder().baselineDecay(1).build()).contains("[0, 1)"));
    assertTrue(msg(() -> ReinforceConfig.builder().valueEpochs(0).build()).contains("valueEpochs"));
    assertTrue(msg(() -> ReinforceConfig.builder().batchSteps(-1).build()).contains("batchSteps"));
    assertTrue(msg(() -> ReinforceConfig.builder().outputScale(0).build()).contains("outputScale"));
  }

  @Test
  void theDefaultCreditIsTheDiscountedReturnWithTheConfiguredGamma() {
    assertEquals("DiscountedReturn(gamma=0.9)", ReinforceConfig.builder().gamma(0.9).build().credit().toString());
  }

  @Test
  void arraysAreCopiedInAndOut() {
    int[] hidden = {4, 5};
    ReinforceConfig c = ReinforceConfig.builder().hidden(hidden).build();
    hidden[0] = 99;
    c.hidden()[1] = 99;
    assertEquals("[4, 5]", java.util.Arrays.toString(c.hidden()));
  }

  private static String msg(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
