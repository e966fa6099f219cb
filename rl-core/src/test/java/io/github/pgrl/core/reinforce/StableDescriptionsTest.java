package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.Trajectory;
import io.github.pgrl.core.credit.Baseline;
import io.github.pgrl.core.credit.BaselineSubtracted;
import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.credit.Gae;
import io.github.pgrl.core.credit.Standardized;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.shaping.PotentialBasedShaper;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credit assigners and shapers have descriptions that are the same in every run, so that a run that uses
 * lambdas resumes, and one γ holds for a run: a component that discounts must use the configuration's.
 */
class StableDescriptionsTest {

  /** Written at one place, so that every call gives a lambda of the same class. */
  private static ReinforceConfig withLambdas(double bonus) {
    CreditAssigner lastReward = t -> {
      double[] w = new double[t.length()];
      w[w.length - 1] = t.reward(t.length() - 1);
      return w;
    };
    RewardShaper<float[], Integer> plusBonus = (o, a, s) -> s.reward() + bonus;
    return ReinforceConfig.builder().seed(3).hidden(8).optimizer(OptimizerConfig.Adam.of(0.05)).batchEpisodes(2)
        .credit(lastReward).shaper(plusBonus).build();
  }

  @Test
  void aRunWithLambdasResumesAndTheirDescriptionsCarryNoIdentity(@TempDir Path dir) {
    ReinforceConfig config = withLambdas(0.5);
    String credit = config.describe().get("credit");
    assertEquals(StableDescriptionsTest.class.getName() + "$$Lambda", credit);
    assertEquals(credit, config.describe().get("shaper"));
    Path file = dir.resolve("c");
    try (Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(5), config)) {
      r.train(Budget.updates(2));
      r.save(file);
      try (Reinforce<MlpPolicy> resumed = Reinforce.resume(file, new TwoArmedBandit(5), withLambdas(0.5))) {
        assertEquals(r.episodes(), resumed.episodes());
        assertArrayEquals(r.policy().parameters(), resumed.policy().parameters());
      }
    }
  }

  @Test
  void namedComponentsResumeOnlyWithTheSameDescription(@TempDir Path dir) {
    ReinforceConfig.Builder base = ReinforceConfig.builder().seed(3).hidden(8).batchEpisodes(2);
    ReinforceConfig plain = base.shaper(RewardShaper.named("bonus 0.5", (o, a, s) -> s.reward() + 0.5)).build();
    Path file = dir.resolve("c");
    try (Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(5), plain)) {
      r.train(Budget.updates(1));
      r.save(file);
    }
    ReinforceConfig other = base.shaper(RewardShaper.named("bonus 0.7", (o, a, s) -> s.reward() + 0.7)).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Reinforce.resume(file, new TwoArmedBandit(5), other));
    assertTrue(e.getMessage().contains("shaper: checkpoint has bonus 0.5, given bonus 0.7"), e.getMessage());
  }

  @Test
  void aCheckpointWrittenBeforeShapersWereRecordedStillResumes(@TempDir Path dir) {
    ReinforceConfig config = ReinforceConfig.builder().seed(3).hidden(8).batchEpisodes(2).build();
    Path file = dir.resolve("c");
    try (Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(5), config)) {
      r.train(Budget.updates(1));
      r.save(file);
    }
    CheckpointFile stored = CheckpointFile.read(file);
    CheckpointFile old = new CheckpointFile();
    for (String name : stored.names()) {
      if (name.equals("config.shaper")) {
        continue;
      }
      Object unused = switch (name) {
        case "counters.episodes", "counters.steps", "counters.updates", "observation.size", "actions",
            "policy.optimizer.steps" -> old.putLong(name, stored.getLong(name));
        case "runningScore", "baseline.runningMean" -> old.putDouble(name, stored.getDouble(name));
        case "policy.parameters", "policy.optimizer" -> old.putFloats(name, stored.floats(name));
        default -> old.putString(name, stored.getString(name));
      };
    }
    old.write(file);
    assertFalse(CheckpointFile.read(file).has("config.shaper"));
    try (Reinforce<MlpPolicy> resumed = Reinforce.resume(file, new TwoArmedBandit(5), config)) {
      assertEquals(2, resumed.episodes());
    }
  }

  @Test
  void theBundledComponentsDescribeThemselvesWithTheirParameters() {
    assertEquals("Standardized(DiscountedReturn(gamma=0.9, restarting at non-zero rewards), per episode)",
        Standardized.perEpisode(DiscountedReturn.of(0.9).restartingAtNonZeroReward()).describe());
    assertEquals("Standardized(last reward, per batch)",
        Standardized.perBatch(CreditAssigner.named("last reward", t -> new double[t.length()])).describe());
    assertEquals("scaled(0.5) then clipped(-1.0, 1.0)",
        RewardShaper.<float[], Integer>scaled(0.5).andThen(RewardShaper.clipped(-1, 1)).describe());
    assertEquals("identity", RewardShaper.identity().describe());
    assertThrows(IllegalArgumentException.class, () -> CreditAssigner.named(" ", t -> new double[0]));
  }

  @Test
  void aCreditAssignerOrShaperWithAnotherGammaThanTheRunIsRefused() {
    IllegalArgumentException credit = assertThrows(IllegalArgumentException.class,
        () -> ReinforceConfig.builder().gamma(0.9).credit(Standardized.perEpisode(DiscountedReturn.of(0.99))).build());
    assertTrue(credit.getMessage().contains("discounts with gamma 0.99, but the configuration's gamma (of the value"
        + " targets) is 0.9"), credit.getMessage());
    IllegalArgumentException shaper = assertThrows(IllegalArgumentException.class,
        () -> ReinforceConfig.builder().shaper(PotentialBasedShaper.of(0.95, o -> (double) o[0])).build());
    assertTrue(shaper.getMessage().startsWith("the reward shaper PotentialBasedShaper(gamma=0.95, potential="
        + StableDescriptionsTest.class.getName() + "$$Lambda)"), shaper.getMessage());
    IllegalArgumentException composed = assertThrows(IllegalArgumentException.class,
        () -> PotentialBasedShaper.<float[], Integer>of(0.9, o -> 0.0).andThen(PotentialBasedShaper.of(0.99, o -> 0.0)));
    assertTrue(composed.getMessage().startsWith("shapers with different discounts do not compose"), composed.getMessage());

    ReinforceConfig same = ReinforceConfig.builder().gamma(0.9).credit(Gae.of(0.9, 0.95))
        .shaper(RewardShaper.<float[], Integer>scaled(2).andThen(PotentialBasedShaper.of(0.9, o -> 0.0))).build();
    assertEquals(0.9, same.shaper().discount().getAsDouble());
    assertEquals("DiscountedReturn(gamma=0.9)", ReinforceConfig.builder().gamma(0.9).build().credit().describe(),
        "an unset credit assigner takes the configuration's gamma");
  }

  /** A potential that describes itself. */
  private static final class FirstCoordinate implements ToDoubleFunction<float[]> {
    @Override public double applyAsDouble(float[] o) { return o[0]; }
    @Override public String toString() { return "first coordinate"; }
  }

  /** A potential without a toString(), described by its class's name. */
  private static final class Zero implements ToDoubleFunction<float[]> {
    @Override public double applyAsDouble(float[] o) { return 0; }
  }

  /** A baseline that describes itself. */
  private record Constant(double value) implements Baseline {
    @Override public double[] values(Trajectory<?> t) {
      double[] b = new double[t.length()];
      java.util.Arrays.fill(b, value);
      return b;
    }
  }

  @Test
  void aPotentialBasedShaperIsDescribedByItsGammaAndItsPotential() {
    ToDoubleFunction<float[]> lambda = o -> o[0];
    assertEquals("PotentialBasedShaper(gamma=0.99, potential=" + StableDescriptionsTest.class.getName() + "$$Lambda)",
        PotentialBasedShaper.<float[], Integer>of(0.99, lambda).describe());
    assertEquals("PotentialBasedShaper(gamma=0.9, potential=first coordinate, keeping terminal potential)",
        PotentialBasedShaper.<float[], Integer>of(0.9, new FirstCoordinate()).keepingTerminalPotential().describe());
    assertEquals("PotentialBasedShaper(gamma=0.9, potential=" + Zero.class.getName() + ")",
        PotentialBasedShaper.<float[], Integer>of(0.9, new Zero()).describe());
  }

  @Test
  void aBaselineSubtractedAssignerIsDescribedByItsInnerAssignerAndItsBaseline() {
    assertEquals("BaselineSubtracted(DiscountedReturn(gamma=0.9), baseline=Constant[value=0.5])",
        BaselineSubtracted.of(DiscountedReturn.of(0.9), new Constant(0.5)).describe());
    Baseline lambda = t -> new double[t.length()];
    assertEquals("BaselineSubtracted(DiscountedReturn(gamma=0.9), baseline=" + StableDescriptionsTest.class.getName()
        + "$$Lambda)", BaselineSubtracted.of(DiscountedReturn.of(0.9), lambda).describe());
  }

  @Test
  void aRunResumesOnlyWithTheSamePotentialAndTheSameBaseline(@TempDir Path dir) {
    ReinforceConfig.Builder base = ReinforceConfig.builder().seed(3).hidden(8).batchEpisodes(2).gamma(0.9);
    ReinforceConfig config = base.shaper(PotentialBasedShaper.of(0.9, new FirstCoordinate()))
        .credit(BaselineSubtracted.of(DiscountedReturn.of(0.9), new Constant(0.5))).build();
    Path file = dir.resolve("c");
    try (Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(5), config)) {
      r.train(Budget.updates(1));
      r.save(file);
    }
    try (Reinforce<MlpPolicy> resumed = Reinforce.resume(file, new TwoArmedBandit(5), config)) {
      assertEquals(1, resumed.updates());
    }
    ReinforceConfig otherPotential = config.toBuilder().shaper(PotentialBasedShaper.of(0.9, new Zero())).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.resume(file, new TwoArmedBandit(5), otherPotential));
    assertTrue(e.getMessage().contains("shaper: checkpoint has PotentialBasedShaper(gamma=0.9, potential=first"
        + " coordinate), given PotentialBasedShaper(gamma=0.9, potential=" + Zero.class.getName() + ")"), e.getMessage());
    ReinforceConfig otherBaseline =
        config.toBuilder().credit(BaselineSubtracted.of(DiscountedReturn.of(0.9), new Constant(0.7))).build();
    e = assertThrows(IllegalArgumentException.class, () -> Reinforce.resume(file, new TwoArmedBandit(5), otherBaseline));
    assertTrue(e.getMessage().contains("credit: checkpoint has BaselineSubtracted(DiscountedReturn(gamma=0.9),"
        + " baseline=Constant[value=0.5]), given BaselineSubtracted(DiscountedReturn(gamma=0.9),"
        + " baseline=Constant[value=0.7])"), e.getMessage());
  }

  @Test
  void theDescriptionsOfOldCheckpointsAreUnchanged() {
    assertEquals("DiscountedReturn(gamma=0.99)", DiscountedReturn.of(0.99).describe());
    assertEquals("Standardized(DiscountedReturn(gamma=0.99), per batch)",
        Standardized.perBatch(DiscountedReturn.of(0.99)).describe());
    assertEquals("Gae(gamma=0.99, lambda=0.95)", Gae.of(0.99, 0.95).describe());
    assertEquals("EpisodeReturn(gamma=0.99)", io.github.pgrl.core.credit.EpisodeReturn.of(0.99).describe());
  }

  @Test
  void theBundledBaselinesAreToldApart() {
    io.github.pgrl.core.CreditAssigner returns = DiscountedReturn.of(0.99);
    assertEquals("BaselineSubtracted(DiscountedReturn(gamma=0.99), baseline=constant(0.5))",
        io.github.pgrl.core.credit.BaselineSubtracted.of(returns, io.github.pgrl.core.credit.Baseline.constant(0.5)).describe());
    assertEquals("BaselineSubtracted(DiscountedReturn(gamma=0.99), baseline=valueEstimates())",
        io.github.pgrl.core.credit.BaselineSubtracted.of(returns, io.github.pgrl.core.credit.Baseline.valueEstimates()).describe());
  }
}
