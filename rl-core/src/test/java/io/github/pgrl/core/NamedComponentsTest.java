package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.shaping.PotentialBasedShaper;
import org.junit.jupiter.api.Test;

/** Naming a credit assigner or a shaper changes its description and nothing else, its discount included. */
class NamedComponentsTest {

  @Test
  void aNamedShaperKeepsTheDiscountOfTheShaperItNames() {
    RewardShaper<float[], Integer> named = RewardShaper.named("distance bonus", PotentialBasedShaper.of(0.9, o -> 0.0));
    assertEquals("distance bonus", named.describe());
    assertEquals(0.9, named.discount().getAsDouble());
    assertFalse(RewardShaper.<float[], Integer>named("plain", (o, a, s) -> s.reward()).discount().isPresent());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReinforceConfig.builder().gamma(0.99).shaper(named).build());
    assertTrue(e.getMessage().startsWith("the reward shaper distance bonus"), e.getMessage());
  }

  @Test
  void aNamedCreditAssignerKeepsTheDiscountOfTheAssignerItNames() {
    CreditAssigner named = CreditAssigner.named("returns", DiscountedReturn.of(0.9));
    assertEquals("returns", named.describe());
    assertEquals(0.9, named.discount().getAsDouble());
    assertFalse(CreditAssigner.named("plain", t -> new double[t.length()]).discount().isPresent());
    assertThrows(IllegalArgumentException.class, () -> ReinforceConfig.builder().gamma(0.99).credit(named).build());
  }
}
