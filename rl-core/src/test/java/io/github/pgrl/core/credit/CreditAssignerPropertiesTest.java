package io.github.pgrl.core.credit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.Trajectory;
import io.github.pgrl.core.credit.TrajectoryArbitraries.LinearPair;
import io.github.pgrl.core.credit.TrajectoryArbitraries.Parts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the credit assigners over random trajectories (length 0..40, rewards in [-10, 10] with
 * many exact zeros, any ending, with or without value estimates). Tolerances are relative to {@link
 * Parts#magnitude()}, a bound on the weights' size, so they do not loosen with the data.
 */
class CreditAssignerPropertiesTest {

  private static final double REL = 1e-9;

  @Provide
  Arbitrary<Parts> anyTrajectory() {
    return TrajectoryArbitraries.anyParts();
  }

  @Provide
  Arbitrary<Parts> trajectoryWithValues() {
    return TrajectoryArbitraries.partsWithValues();
  }

  @Provide
  Arbitrary<LinearPair> linearPair() {
    return TrajectoryArbitraries.linearPairs();
  }

  @Provide
  Arbitrary<Double> unit() {
    return TrajectoryArbitraries.unit();
  }

  @Provide
  Arbitrary<List<Parts>> batch() {
    return TrajectoryArbitraries.anyParts().list().ofMinSize(1).ofMaxSize(5);
  }

  /** Every assigner of the package that can handle {@code t}, configured with {@code gamma}, {@code lambda}. */
  private static List<CreditAssigner> assigners(Trajectory<?> t, double gamma, double lambda) {
    List<CreditAssigner> all = new ArrayList<>();
    all.add(DiscountedReturn.of(gamma));
    all.add(DiscountedReturn.of(gamma).restartingAtNonZeroReward());
    all.add(DiscountedReturn.rewardToGo());
    all.add(EpisodeReturn.of(gamma));
    all.add(Standardized.perEpisode(DiscountedReturn.of(gamma).restartingAtNonZeroReward()));
    all.add(Standardized.perBatch(DiscountedReturn.of(gamma)));
    all.add(BaselineSubtracted.of(DiscountedReturn.of(gamma), Baseline.constant(1.5)));
    all.add(Standardized.perEpisode(BaselineSubtracted.of(EpisodeReturn.of(gamma), Baseline.constant(-2.0))));
    if (t.hasValues()) {
      all.add(Gae.of(gamma, lambda));
      all.add(BaselineSubtracted.of(DiscountedReturn.of(gamma), Baseline.valueEstimates()));
      all.add(Standardized.perBatch(Gae.of(gamma, lambda)));
      all.add(tr -> Gae.of(gamma, lambda).lambdaReturns(tr));
    }
    return all;
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], actual[t], tolerance, what + " at step " + t);
    }
  }

  private static double[] map(double[] xs, Function<Double, Double> f) {
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = f.apply(xs[i]);
    }
    return out;
  }

  // ---- gamma = 0 and gamma = 1 ----

  @Property(tries = 200)
  void gammaZeroGivesTheRewards(@ForAll("anyTrajectory") Parts p) {
    Trajectory<Integer> t = p.trajectory();
    assertArrayEquals(p.rewards(), DiscountedReturn.of(0.0).assign(t), 0.0);
    assertArrayEquals(p.rewards(), DiscountedReturn.of(0.0).restartingAtNonZeroReward().assign(t), 0.0);
  }

  @Property(tries = 200)
  void gammaZeroMakesGaeTheRewardMinusTheValue(
      @ForAll("trajectoryWithValues") Parts p, @ForAll("unit") double lambda) {
    double[] expected = new double[p.rewards().length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = p.rewards()[i] - p.values()[i];
    }
    assertArrayEquals(expected, Gae.of(0.0, lambda).assign(p.trajectory()), 0.0);
  }

  @Property(tries = 200, seed = "20240611")
  void gammaOneGivesSuffixSumsPlusTheValueAfterTheEnd(@ForAll("anyTrajectory") Parts p) {
    Trajectory<Integer> t = p.trajectory();
    int n = p.rewards().length;
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = t.valueAfterEnd();
      for (int k = i; k < n; k++) {
        sum += p.rewards()[k];
      }
      expected[i] = sum;
    }
    double tol = REL * (1 + p.magnitude());
    assertClose(expected, DiscountedReturn.of(1.0).assign(t), tol, "of(1)");
    assertClose(expected, DiscountedReturn.rewardToGo().assign(t), tol, "rewardToGo");
  }

  // ---- definitions checked against an independent computation ----

  @Property(tries = 200, seed = "31337")
  void discountedReturnIsTheDiscountedSumOfWhatFollows(@ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma) {
    Trajectory<Integer> t = p.trajectory();
    int n = p.rewards().length;
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int k = i; k < n; k++) {
        sum += Math.pow(gamma, k - i) * p.rewards()[k];
      }
      expected[i] = sum + Math.pow(gamma, n - i) * t.valueAfterEnd();
    }
    assertClose(expected, DiscountedReturn.of(gamma).assign(t), REL * (1 + p.magnitude()), "G");
  }

  @Property(tries = 200, seed = "4711")
  void restartingReturnCreditsEachStepOnlyUpToTheNextNonZeroReward(
      @ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma) {
    Trajectory<Integer> t = p.trajectory();
    double[] r = p.rewards();
    int n = r.length;
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      boolean ended = false;
      for (int k = i; k < n && !ended; k++) {
        sum += Math.pow(gamma, k - i) * r[k];
        ended = r[k] != 0.0;
      }
      expected[i] = ended ? sum : sum + Math.pow(gamma, n - i) * t.valueAfterEnd();
    }
    assertClose(
        expected, DiscountedReturn.of(gamma).restartingAtNonZeroReward().assign(t), REL * (1 + p.magnitude()), "G");
  }

  @Property(tries = 200, seed = "8086")
  void episodeReturnIsTheDiscountedReturnOfTheFirstStepEverywhere(
      @ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma) {
    Trajectory<Integer> t = p.trajectory();
    double[] w = EpisodeReturn.of(gamma).assign(t);
    double[] g = DiscountedReturn.of(gamma).assign(t);
    for (double x : w) {
      assertEquals(g[0], x, REL * (1 + p.magnitude()));
    }
  }

  @Property(tries = 200, seed = "6502")
  void aTrajectoryThatDidNotTerminateAddsItsDiscountedBootstrapValue(
      @ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma) {
    Parts open = new Parts(p.rewards(), p.values(), p.bootstrap(), TrajectoryArbitraries.Ending.TRUNCATED);
    Parts closed = new Parts(p.rewards(), p.values(), p.bootstrap(), TrajectoryArbitraries.Ending.TERMINATED);
    double[] gOpen = DiscountedReturn.of(gamma).assign(open.trajectory());
    double[] gClosed = DiscountedReturn.of(gamma).assign(closed.trajectory());
    double[] eOpen = EpisodeReturn.of(gamma).assign(open.trajectory());
    double[] eClosed = EpisodeReturn.of(gamma).assign(closed.trajectory());
    int n = gOpen.length;
    double tol = REL * (1 + p.magnitude());
    for (int i = 0; i < n; i++) {
      assertEquals(Math.pow(gamma, n - i) * p.bootstrap(), gOpen[i] - gClosed[i], tol, "DiscountedReturn at step " + i);
      assertEquals(Math.pow(gamma, n) * p.bootstrap(), eOpen[i] - eClosed[i], tol, "EpisodeReturn at step " + i);
    }
  }

  @Property(tries = 200, seed = "1992")
  void gaeWithLambdaOneIsTheDiscountedReturnMinusTheValues(
      @ForAll("trajectoryWithValues") Parts p, @ForAll("unit") double gamma) {
    Trajectory<Integer> t = p.trajectory();
    double tol = REL * (1 + p.magnitude());
    double[] reinforceWithBaseline = BaselineSubtracted.of(DiscountedReturn.of(gamma), Baseline.valueEstimates()).assign(t);
    assertClose(reinforceWithBaseline, Gae.of(gamma, 1.0).assign(t), tol, "advantage");
    assertClose(DiscountedReturn.of(gamma).assign(t), Gae.of(gamma, 1.0).lambdaReturns(t), tol, "lambda-return");
  }

  @Property(tries = 200, seed = "2016")
  void gaeIsTheDiscountedSumOfTemporalDifferenceErrors(
      @ForAll("trajectoryWithValues") Parts p, @ForAll("unit") double gamma, @ForAll("unit") double lambda) {
    Trajectory<Integer> t = p.trajectory();
    int n = p.rewards().length;
    double[] delta = new double[n];
    for (int i = 0; i < n; i++) {
      double next = i + 1 < n ? p.values()[i + 1] : t.valueAfterEnd();
      delta[i] = p.rewards()[i] + gamma * next - p.values()[i];
    }
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = i; k < n; k++) {
        expected[i] += Math.pow(gamma * lambda, k - i) * delta[k];
      }
    }
    assertClose(expected, Gae.of(gamma, lambda).assign(t), REL * (1 + p.magnitude()), "advantage");
  }

  // ---- linearity ----

  @Property(tries = 200, seed = "777")
  void returnsAreLinearInTheRewards(@ForAll("linearPair") LinearPair pair, @ForAll("unit") double gamma) {
    // terminated and without values: the returns depend on the rewards alone
    Function<Parts, Trajectory<Integer>> rewardsOnly =
        q -> new Parts(q.rewards(), null, 0.0, TrajectoryArbitraries.Ending.TERMINATED).trajectory();
    Parts sum = pair.combined();
    double tol = REL * (1 + Math.abs(pair.a()) * pair.first().magnitude() + Math.abs(pair.b()) * pair.second().magnitude());
    for (CreditAssigner c : List.of(DiscountedReturn.of(gamma), DiscountedReturn.rewardToGo(), EpisodeReturn.of(gamma))) {
      double[] x = c.assign(rewardsOnly.apply(pair.first()));
      double[] y = c.assign(rewardsOnly.apply(pair.second()));
      double[] expected = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        expected[i] = pair.a() * x[i] + pair.b() * y[i];
      }
      assertClose(expected, c.assign(rewardsOnly.apply(sum)), tol, c.toString());
    }
  }

  @Property(tries = 200, seed = "778")
  void assignersAreLinearInRewardsValuesAndBootstrapTogether(
      @ForAll("linearPair") LinearPair pair, @ForAll("unit") double gamma, @ForAll("unit") double lambda) {
    Parts sum = pair.combined();
    double tol = REL * (1 + Math.abs(pair.a()) * pair.first().magnitude() + Math.abs(pair.b()) * pair.second().magnitude());
    List<CreditAssigner> linear =
        List.of(
            DiscountedReturn.of(gamma),
            EpisodeReturn.of(gamma),
            Gae.of(gamma, lambda),
            tr -> Gae.of(gamma, lambda).lambdaReturns(tr),
            BaselineSubtracted.of(DiscountedReturn.of(gamma), Baseline.valueEstimates()));
    for (CreditAssigner c : linear) {
      double[] x = c.assign(pair.first().trajectory());
      double[] y = c.assign(pair.second().trajectory());
      double[] expected = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        expected[i] = pair.a() * x[i] + pair.b() * y[i];
      }
      assertClose(expected, c.assign(sum.trajectory()), tol, c.toString());
    }
  }

  @Property(tries = 200, seed = "779")
  void restartingReturnScalesWithTheRewards(
      @ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma, @ForAll("unit") double scale) {
    Assume.that(scale > 0.0);
    Parts scaled = new Parts(map(p.rewards(), r -> scale * r), p.values(), scale * p.bootstrap(), p.ending());
    DiscountedReturn pong = DiscountedReturn.of(gamma).restartingAtNonZeroReward();
    double[] expected = map(pong.assign(p.trajectory()), g -> scale * g);
    assertClose(expected, pong.assign(scaled.trajectory()), REL * (1 + p.magnitude()), "scaled");
  }

  // ---- standardisation ----

  private static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s / xs.length;
  }

  private static double populationStd(double[] xs) {
    double m = mean(xs);
    double s = 0;
    for (double x : xs) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / xs.length);
  }

  private static double maxAbs(double[] xs) {
    double m = 0;
    for (double x : xs) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static double[] concat(List<double[]> parts) {
    return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  @Property(tries = 200, seed = "1234")
  void perEpisodeStandardisationGivesMeanZeroAndPopulationStdOne(
      @ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma, @ForAll boolean restart) {
    DiscountedReturn inner = restart ? DiscountedReturn.of(gamma).restartingAtNonZeroReward() : DiscountedReturn.of(gamma);
    double[] raw = inner.assign(p.trajectory());
    Assume.that(raw.length > 0 && populationStd(raw) > 1e-6 * Math.max(1.0, maxAbs(raw)));
    double[] w = Standardized.perEpisode(inner).assign(p.trajectory());
    assertEquals(0.0, mean(w), 1e-9);
    assertEquals(1.0, populationStd(w), 1e-9);
  }

  @Property(tries = 200, seed = "5678")
  void perBatchStandardisationGivesMeanZeroAndStdOneOverTheWholeBatch(
      @ForAll("batch") List<Parts> parts, @ForAll("unit") double gamma) {
    List<Trajectory<Integer>> batch = parts.stream().map(Parts::trajectory).toList();
    DiscountedReturn inner = DiscountedReturn.of(gamma);
    double[] raw = concat(inner.assignBatch(batch));
    Assume.that(raw.length > 0 && populationStd(raw) > 1e-6 * Math.max(1.0, maxAbs(raw)));
    List<double[]> w = Standardized.perBatch(inner).assignBatch(batch);
    assertEquals(batch.size(), w.size());
    for (int i = 0; i < batch.size(); i++) {
      assertEquals(batch.get(i).length(), w.get(i).length);
    }
    double[] all = concat(w);
    assertEquals(0.0, mean(all), 1e-9);
    assertEquals(1.0, populationStd(all), 1e-9);
    // the batch statistics are one affine map applied to every weight
    double m = mean(raw);
    double s = populationStd(raw);
    double[] expected = map(raw, x -> (x - m) / s);
    assertClose(expected, all, 1e-9, "standardised weight");
  }

  @Property(tries = 200, seed = "9012")
  void perEpisodeBatchStandardisesEveryEpisodeOnItsOwn(@ForAll("batch") List<Parts> parts, @ForAll("unit") double gamma) {
    List<Trajectory<Integer>> batch = parts.stream().map(Parts::trajectory).toList();
    Standardized perEpisode = Standardized.perEpisode(DiscountedReturn.of(gamma));
    List<double[]> w = perEpisode.assignBatch(batch);
    for (int i = 0; i < batch.size(); i++) {
      assertArrayEquals(perEpisode.assign(batch.get(i)), w.get(i), 0.0);
    }
  }

  @Property(tries = 200)
  void constantWeightsAreCentredToZero(
      @ForAll("unit") double gamma, @ForAll("lengths") int n, @ForAll("anyReward") double constant) {
    // EpisodeReturn gives every step the same weight: the std is 0, so the result is exactly 0
    double[] r = new double[n];
    r[0] = constant;
    Trajectory<Integer> t = Trajectory.of(java.util.Collections.nCopies(n, 0), r, true, false);
    assertArrayEquals(new double[n], Standardized.perEpisode(EpisodeReturn.of(gamma)).assign(t), 0.0);
  }

  @Provide
  Arbitrary<Integer> lengths() {
    return Arbitraries.integers().between(1, 40);
  }

  @Provide
  Arbitrary<Double> anyReward() {
    return Arbitraries.oneOf(Arbitraries.just(0.0), TrajectoryArbitraries.uniform(-1e6, 1e6).withoutEdgeCases());
  }

  // ---- contract: length, finiteness, no modification ----

  @Property(tries = 200)
  void everyAssignerGivesOneFiniteWeightPerStep(
      @ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma, @ForAll("unit") double lambda) {
    Trajectory<Integer> t = p.trajectory();
    for (CreditAssigner c : assigners(t, gamma, lambda)) {
      double[] w = c.assign(t);
      assertEquals(t.length(), w.length, c.toString());
      for (double x : w) {
        assertTrue(Double.isFinite(x), c + " gave " + x);
      }
      List<double[]> ws = c.assignBatch(List.of(t, t));
      assertEquals(2, ws.size());
      assertEquals(t.length(), ws.get(0).length, c.toString());
      assertEquals(t.length(), ws.get(1).length, c.toString());
    }
  }

  @Property(tries = 200)
  void noAssignerModifiesTheTrajectory(
      @ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma, @ForAll("unit") double lambda) {
    Trajectory<Integer> t = p.trajectory();
    Trajectory<Integer> pristine = p.trajectory();
    double[] rewards = p.rewards().clone();
    double[] values = p.values() == null ? null : p.values().clone();
    for (CreditAssigner c : assigners(t, gamma, lambda)) {
      c.assign(t);
      c.assignBatch(List.of(t, t));
      assertEquals(pristine, t, c.toString());
      assertArrayEquals(rewards, t.rewards(), 0.0, c.toString());
      if (values != null) {
        assertArrayEquals(values, t.values().orElseThrow(), 0.0, c.toString());
      }
    }
    assertArrayEquals(rewards, p.rewards(), 0.0, "the caller's reward array");
  }

  @Property(tries = 200)
  void everyCallReturnsAFreshArray(
      @ForAll("anyTrajectory") Parts p, @ForAll("unit") double gamma, @ForAll("unit") double lambda) {
    Trajectory<Integer> t = p.trajectory();
    Assume.that(t.length() > 0);
    for (CreditAssigner c : assigners(t, gamma, lambda)) {
      double[] first = c.assign(t);
      double[] copy = first.clone();
      first[0] = Double.NaN;
      assertArrayEquals(copy, c.assign(t), 0.0, c.toString());
    }
  }
}
