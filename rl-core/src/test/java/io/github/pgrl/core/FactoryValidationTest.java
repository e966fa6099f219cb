package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.credit.Baseline;
import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.credit.EpisodeReturn;
import io.github.pgrl.core.credit.Gae;
import io.github.pgrl.core.shaping.PotentialBasedShaper;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.function.Executable;

/** Every public factory rejects bad arguments with an exception whose message says what is allowed. */
class FactoryValidationTest {

  private static <T extends Throwable> String messageOf(Class<T> type, Executable call) {
    return assertThrows(type, call).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "expected \"" + part + "\" in: " + message);
    }
  }

  // ---- gamma and lambda ----

  @Provide
  Arbitrary<Double> outsideUnit() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().lessThan(0.0),
        Arbitraries.doubles().greaterThan(1.0),
        Arbitraries.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            -Double.MIN_VALUE,
            Math.nextUp(1.0),
            -1.0,
            2.0));
  }

  @Provide
  Arbitrary<Double> insideUnit() {
    return Arbitraries.oneOf(Arbitraries.doubles().between(0.0, 1.0), Arbitraries.of(0.0, 1.0, Double.MIN_VALUE, Math.nextDown(1.0)));
  }

  @Property(tries = 200)
  void discountFactorsOutsideTheUnitIntervalAreRejected(@ForAll("outsideUnit") double gamma) {
    String text = String.valueOf(gamma);
    assertMentions(messageOf(IllegalArgumentException.class, () -> DiscountedReturn.of(gamma)), "gamma", "[0, 1]", text);
    assertMentions(messageOf(IllegalArgumentException.class, () -> EpisodeReturn.of(gamma)), "gamma", "[0, 1]", text);
    assertMentions(messageOf(IllegalArgumentException.class, () -> Gae.of(gamma, 0.95)), "gamma", "[0, 1]", text);
    assertMentions(
        messageOf(IllegalArgumentException.class, () -> PotentialBasedShaper.of(gamma, (Double x) -> x)),
        "gamma", "[0, 1]", text);
  }

  @Property(tries = 200)
  void traceParametersOutsideTheUnitIntervalAreRejected(@ForAll("outsideUnit") double lambda) {
    assertMentions(
        messageOf(IllegalArgumentException.class, () -> Gae.of(0.99, lambda)), "lambda", "[0, 1]", String.valueOf(lambda));
  }

  @Property(tries = 200)
  void parametersInsideTheUnitIntervalAreAccepted(@ForAll("insideUnit") double x) {
    assertEquals(x, DiscountedReturn.of(x).gamma());
    EpisodeReturn.of(x);
    Gae.of(x, x);
    PotentialBasedShaper.of(x, (Double o) -> o);
  }

  // ---- Trajectory.of ----

  @Example
  void trajectoryNeedsOneRewardPerAction() {
    assertMentions(
        messageOf(IllegalArgumentException.class, () -> Trajectory.of(List.of(0, 1, 2), new double[] {1, 2}, true, false)),
        "one reward per action", "3 actions", "2 rewards");
  }

  @Example
  void trajectoryNeedsOneValuePerStep() {
    assertMentions(
        messageOf(
            IllegalArgumentException.class,
            () -> Trajectory.of(List.of(0, 1), new double[] {1, 2}, true, false, new double[] {0.5}, 0.0)),
        "one value estimate per step", "1 values", "2 steps");
  }

  @Provide
  Arbitrary<Double> nonFinite() {
    return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
  }

  @Provide
  Arbitrary<Integer> stepIndex() {
    return Arbitraries.integers().between(0, 9);
  }

  @Property(tries = 30)
  void trajectoryRejectsANonFiniteReward(@ForAll("nonFinite") double bad, @ForAll("stepIndex") int t) {
    double[] rewards = new double[10];
    rewards[t] = bad;
    assertMentions(
        messageOf(IllegalArgumentException.class, () -> Trajectory.of(Collections.nCopies(10, 0), rewards, true, false)),
        "reward at step " + t, String.valueOf(bad), "finite");
  }

  @Property(tries = 30)
  void trajectoryRejectsANonFiniteValue(@ForAll("nonFinite") double bad, @ForAll("stepIndex") int t) {
    double[] values = new double[10];
    values[t] = bad;
    assertMentions(
        messageOf(
            IllegalArgumentException.class,
            () -> Trajectory.of(Collections.nCopies(10, 0), new double[10], false, true, values, 0.0)),
        "value estimate at step " + t, String.valueOf(bad), "finite");
    Trajectory<Integer> plain = Trajectory.of(Collections.nCopies(10, 0), new double[10], false, true);
    assertThrows(IllegalArgumentException.class, () -> plain.withValues(values, 0.0));
  }

  @Property(tries = 10)
  void trajectoryRejectsANonFiniteBootstrapValue(@ForAll("nonFinite") double bad) {
    assertMentions(
        messageOf(IllegalArgumentException.class, () -> Trajectory.of(List.of(0), new double[] {1}, false, true, null, bad)),
        "bootstrap value must be finite", String.valueOf(bad));
    Trajectory<Integer> plain = Trajectory.of(List.of(0), new double[] {1}, false, true);
    assertThrows(IllegalArgumentException.class, () -> plain.withValues(new double[] {0}, bad));
  }

  @Example
  void trajectoryRejectsNullActionsAndArrays() {
    assertThrows(NullPointerException.class, () -> Trajectory.of(null, new double[0], true, false));
    assertThrows(NullPointerException.class, () -> Trajectory.of(List.of(), null, true, false));
    assertThrows(
        NullPointerException.class, () -> Trajectory.of(java.util.Arrays.asList(1, null), new double[2], true, false));
  }

  @Example
  void builderRefusesToMixStepsWithAndWithoutValues() {
    assertMentions(
        messageOf(IllegalStateException.class, () -> Trajectory.<Integer>builder().add(0, 1.0).add(1, 1.0, 0.5)),
        "either every step of a trajectory has a value estimate or none has");
  }

  // ---- shapers and baselines ----

  @Property(tries = 10)
  void scaleFactorMustBeFinite(@ForAll("nonFinite") double bad) {
    assertMentions(messageOf(IllegalArgumentException.class, () -> RewardShaper.scaled(bad)), "must be finite", String.valueOf(bad));
  }

  @Property(tries = 10)
  void clipBoundsMustBeFinite(@ForAll("nonFinite") double bad) {
    assertMentions(messageOf(IllegalArgumentException.class, () -> RewardShaper.clipped(bad, 1.0)), "finite", "min <= max");
    assertMentions(messageOf(IllegalArgumentException.class, () -> RewardShaper.clipped(-1.0, bad)), "finite", "min <= max");
  }

  @Property(tries = 50)
  void clipBoundsMustNotCross(@ForAll("crossedBounds") double[] bounds) {
    assertMentions(
        messageOf(IllegalArgumentException.class, () -> RewardShaper.clipped(bounds[0], bounds[1])),
        "min <= max", "[" + bounds[0] + ", " + bounds[1] + "]");
  }

  @Provide
  Arbitrary<double[]> crossedBounds() {
    Arbitrary<double[]> random =
        Arbitraries.doubles()
            .between(-1e6, 1e6)
            .array(double[].class)
            .ofSize(2)
            .filter(b -> b[0] != b[1])
            .map(b -> new double[] {Math.max(b[0], b[1]), Math.min(b[0], b[1])})
            .withoutEdgeCases();
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new double[] {1.0, Math.nextDown(1.0)})),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new double[] {0.0, -Double.MIN_VALUE})),
        net.jqwik.api.Tuple.of(8, random));
  }

  @Property(tries = 10)
  void constantBaselineMustBeFinite(@ForAll("nonFinite") double bad) {
    assertMentions(messageOf(IllegalArgumentException.class, () -> Baseline.constant(bad)), "must be finite", String.valueOf(bad));
  }

  @Example
  void gaeNeedsValueEstimates() {
    Trajectory<Integer> plain = Trajectory.of(List.of(0, 1), new double[] {1, 2}, true, false);
    assertMentions(messageOf(IllegalArgumentException.class, () -> Gae.of(0.99, 0.95).assign(plain)), "needs value estimates", "withValues");
    assertMentions(
        messageOf(IllegalArgumentException.class, () -> Gae.of(0.99, 0.95).lambdaReturns(plain)), "needs value estimates");
  }

  @Example
  void valueEstimateBaselineNeedsValueEstimates() {
    Trajectory<Integer> plain = Trajectory.of(List.of(0), new double[] {1}, true, false);
    assertMentions(messageOf(IllegalArgumentException.class, () -> Baseline.valueEstimates().values(plain)), "value estimates", "withValues");
  }
}
