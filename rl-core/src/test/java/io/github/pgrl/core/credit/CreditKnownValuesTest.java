package io.github.pgrl.core.credit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.Trajectory;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checkable values of the credit assigners, including the known values of ANCHORS.md. */
class CreditKnownValuesTest {

  private static final double TOL = 1e-6;
  private static final double[] PONG_REWARDS = {0, 0, 1, 0, -1};

  private static Trajectory<Integer> terminated(double... rewards) {
    return Trajectory.of(Collections.nCopies(rewards.length, 0), rewards, true, false);
  }

  private static Trajectory<Integer> withValues(double[] rewards, double[] values, boolean terminated, double bootstrap) {
    return Trajectory.of(Collections.nCopies(rewards.length, 0), rewards, terminated, !terminated, values, bootstrap);
  }

  // ---- Known values (ANCHORS.md) ----

  @Test
  void restartingReturnMatchesClassicPongValues() {
    double[] g = DiscountedReturn.of(0.99).restartingAtNonZeroReward().assign(terminated(PONG_REWARDS));
    assertArrayEquals(new double[] {0.9801, 0.99, 1.0, -0.99, -1.0}, g, TOL);
  }

  @Test
  void standardisedRestartingReturnMatchesClassicPongValues() {
    CreditAssigner pong = Standardized.perEpisode(DiscountedReturn.of(0.99).restartingAtNonZeroReward());
    double[] w = pong.assign(terminated(PONG_REWARDS));
    assertArrayEquals(new double[] {0.806261, 0.816441, 0.826724, -1.219571, -1.229854}, w, TOL);
    double[] batch = pong.assignBatch(List.of(terminated(PONG_REWARDS))).get(0);
    assertArrayEquals(w, batch, 0.0, "assign and assignBatch must agree for one episode");
  }

  @Test
  void plainDiscountedReturnMatchesKnownValues() {
    double[] g = DiscountedReturn.of(0.99).assign(terminated(PONG_REWARDS));
    assertArrayEquals(new double[] {0.019504, 0.019701, 0.0199, -0.99, -1.0}, g, TOL);
  }

  @Test
  void gaeOfATerminatedTrajectoryMatchesKnownValues() {
    Trajectory<Integer> t = withValues(new double[] {1, 1, 1}, new double[] {0.5, 0.4, 0.3}, true, 0.0);
    assertArrayEquals(new double[] {2.358807, 1.55535, 0.7}, Gae.of(0.99, 0.95).assign(t), TOL);
  }

  @Test
  void gaeOfATruncatedTrajectoryBootstrapsFromItsBootstrapValue() {
    Trajectory<Integer> t = withValues(new double[] {1, 1, 1}, new double[] {0.5, 0.4, 0.3}, false, 0.2);
    assertArrayEquals(new double[] {2.533946, 1.741569, 0.898}, Gae.of(0.99, 0.95).assign(t), TOL);
  }

  @Test
  void gaeOfATerminatedTrajectoryIgnoresItsBootstrapValue() {
    Trajectory<Integer> t = withValues(new double[] {1, 1, 1}, new double[] {0.5, 0.4, 0.3}, true, 123.0);
    assertArrayEquals(new double[] {2.358807, 1.55535, 0.7}, Gae.of(0.99, 0.95).assign(t), TOL);
  }

  @Test
  void gaeBootstrapsASegmentThatIsNeitherTerminatedNorTruncated() {
    Trajectory<Integer> t =
        Trajectory.<Integer>builder().add(0, 1, 0.5).add(0, 1, 0.4).add(0, 1, 0.3).cut(0.2);
    assertArrayEquals(new double[] {2.533946, 1.741569, 0.898}, Gae.of(0.99, 0.95).assign(t), TOL);
  }

  // ---- GAE details ----

  @Test
  void gaeLambdaReturnsAreAdvantagesPlusValues() {
    Trajectory<Integer> t = withValues(new double[] {1, 1, 1}, new double[] {0.5, 0.4, 0.3}, false, 0.2);
    assertArrayEquals(
        new double[] {2.533946 + 0.5, 1.741569 + 0.4, 0.898 + 0.3}, Gae.of(0.99, 0.95).lambdaReturns(t), TOL);
  }

  @Test
  void gaeWithLambdaZeroIsTheOneStepTemporalDifferenceError() {
    Trajectory<Integer> t = withValues(new double[] {1, -2, 3}, new double[] {0.5, 0.4, 0.3}, false, 0.2);
    double g = 0.9;
    double[] expected = {1 + g * 0.4 - 0.5, -2 + g * 0.3 - 0.4, 3 + g * 0.2 - 0.3};
    assertArrayEquals(expected, Gae.of(g, 0.0).assign(t), 1e-12);
  }

  @Test
  void gaeWithLambdaOneHasDiscountedReturnsAsLambdaReturns() {
    Trajectory<Integer> t = withValues(new double[] {1, -2, 3}, new double[] {0.5, 0.4, 0.3}, false, 0.2);
    // G_2 = 3 + 0.5 * 0.2 = 3.1; G_1 = -2 + 0.5 * 3.1 = -0.45; G_0 = 1 + 0.5 * -0.45 = 0.775
    assertArrayEquals(new double[] {0.775, -0.45, 3.1}, Gae.of(0.5, 1.0).lambdaReturns(t), 1e-12);
  }

  // ---- DiscountedReturn details ----

  @Test
  void discountedReturnBootstrapsATruncatedTrajectoryFromItsValueAfterEnd() {
    double[] r = {1, 0, 2};
    Trajectory<Integer> truncated = Trajectory.of(List.of(0, 0, 0), r, false, true, null, 10.0);
    Trajectory<Integer> terminated = Trajectory.of(List.of(0, 0, 0), r, true, false, null, 10.0);
    // terminated: G = [1 + 0.5 * 1, 0 + 0.5 * 2, 2] = [1.5, 1, 2]; truncated adds 10 * 0.5^(3 - t)
    assertArrayEquals(new double[] {1.5, 1.0, 2.0}, DiscountedReturn.of(0.5).assign(terminated), 1e-12);
    assertArrayEquals(new double[] {1.5 + 1.25, 1.0 + 2.5, 2.0 + 5.0}, DiscountedReturn.of(0.5).assign(truncated), 1e-12);
  }

  @Test
  void terminationWinsWhenATrajectoryIsBothTerminatedAndTruncated() {
    Trajectory<Integer> both = Trajectory.of(List.of(0, 0), new double[] {1, 1}, true, true, null, 10.0);
    assertEquals(0.0, both.valueAfterEnd());
    assertArrayEquals(new double[] {1.5, 1.0}, DiscountedReturn.of(0.5).assign(both), 1e-12);
  }

  @Test
  void restartingReturnDropsTheBootstrapAtANonZeroLastReward() {
    // The running sum restarts before every non-zero reward, including the last one: what came after it
    // (the bootstrap) is not credited to earlier steps.
    Trajectory<Integer> t = Trajectory.of(List.of(0, 0), new double[] {0, 1}, false, true, null, 10.0);
    assertArrayEquals(new double[] {0.5, 1.0}, DiscountedReturn.of(0.5).restartingAtNonZeroReward().assign(t), 1e-12);
    Trajectory<Integer> quiet = Trajectory.of(List.of(0, 0), new double[] {0, 0}, false, true, null, 10.0);
    assertArrayEquals(new double[] {2.5, 5.0}, DiscountedReturn.of(0.5).restartingAtNonZeroReward().assign(quiet), 1e-12);
  }

  @Test
  void rewardToGoIsTheUndiscountedSuffixSum() {
    DiscountedReturn toGo = DiscountedReturn.rewardToGo();
    assertEquals(1.0, toGo.gamma());
    assertArrayEquals(new double[] {0.0, 0.0, 0.0, -1.0, -1.0}, toGo.assign(terminated(PONG_REWARDS)), 0.0);
  }

  @Test
  void restartingIsAFlagOnACopy() {
    DiscountedReturn plain = DiscountedReturn.of(0.9);
    DiscountedReturn restarting = plain.restartingAtNonZeroReward();
    assertFalse(plain.restarts());
    assertTrue(restarting.restarts());
    assertEquals(0.9, restarting.gamma());
  }

  @Test
  void restartingAtAMagnitudeCreditsAPointToTheWholeRallyIncludingItsBonuses() {
    // a rally with a hit bonus of 0.5, lost, then a point won straight away
    double[] r = {0, 0.5, 0, -1, 0, 1};
    Trajectory<Integer> t = terminated(r);
    DiscountedReturn points = DiscountedReturn.of(0.5).restartingAtRewardsOfMagnitude(1.0);
    // G_3 = -1; G_2 = -0.5; G_1 = 0.5 - 0.25 = 0.25; G_0 = 0.125; G_5 = 1; G_4 = 0.5
    assertArrayEquals(new double[] {0.125, 0.25, -0.5, -1.0, 0.5, 1.0}, points.assign(t), 1e-12);
    // restarting at every non-zero reward cuts the point's credit off at the bonus
    assertArrayEquals(new double[] {0.25, 0.5, -0.5, -1.0, 0.5, 1.0},
        DiscountedReturn.of(0.5).restartingAtNonZeroReward().assign(t), 1e-12);
    assertTrue(points.restarts());
    assertTrue(points.toString().contains("magnitude >= 1.0"), points.toString());
    for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DiscountedReturn.of(0.9).restartingAtRewardsOfMagnitude(bad));
      assertTrue(e.getMessage().contains("positive and finite"), e.getMessage());
    }
  }

  @Test
  void emptyTrajectoryGetsNoWeights() {
    Trajectory<Integer> empty = Trajectory.of(List.of(), new double[0], false, true, new double[0], 3.0);
    for (CreditAssigner a :
        List.of(
            DiscountedReturn.of(0.9),
            EpisodeReturn.of(0.9),
            Gae.of(0.9, 0.9),
            Standardized.perEpisode(DiscountedReturn.of(0.9)),
            Standardized.perBatch(DiscountedReturn.of(0.9)),
            BaselineSubtracted.of(DiscountedReturn.of(0.9), Baseline.valueEstimates()))) {
      assertEquals(0, a.assign(empty).length, a.toString());
    }
  }

  // ---- EpisodeReturn ----

  @Test
  void episodeReturnGivesEveryStepTheDiscountedReturnFromTheStart() {
    double g0 = 0.99 * 0.99 * 1 - 0.99 * 0.99 * 0.99 * 0.99;
    assertArrayEquals(new double[] {g0, g0, g0, g0, g0}, EpisodeReturn.of(0.99).assign(terminated(PONG_REWARDS)), 1e-12);
  }

  @Test
  void episodeReturnAddsTheDiscountedBootstrapWhenNotTerminated() {
    Trajectory<Integer> t = Trajectory.of(List.of(0, 0, 0), new double[] {1, 0, 2}, false, true, null, 10.0);
    double total = 1 + 0.25 * 2 + 0.125 * 10;
    assertArrayEquals(new double[] {total, total, total}, EpisodeReturn.of(0.5).assign(t), 1e-12);
  }

  // ---- Baselines ----

  @Test
  void constantBaselineIsSubtractedFromEveryStep() {
    CreditAssigner a = BaselineSubtracted.of(DiscountedReturn.of(0.99), Baseline.constant(0.5));
    assertArrayEquals(
        new double[] {0.019504 - 0.5, 0.019701 - 0.5, 0.0199 - 0.5, -1.49, -1.5}, a.assign(terminated(PONG_REWARDS)), TOL);
  }

  @Test
  void valueEstimateBaselineSubtractsEachStatesValue() {
    Trajectory<Integer> t = withValues(new double[] {1, 1, 1}, new double[] {0.5, 0.4, 0.3}, true, 0.0);
    double[] g = DiscountedReturn.of(0.99).assign(t); // [2.9701, 1.99, 1]
    assertArrayEquals(new double[] {2.9701, 1.99, 1.0}, g, 1e-12);
    assertArrayEquals(
        new double[] {2.9701 - 0.5, 1.99 - 0.4, 1.0 - 0.3},
        BaselineSubtracted.of(DiscountedReturn.of(0.99), Baseline.valueEstimates()).assign(t),
        1e-12);
  }

  @Test
  void valueEstimateBaselineReturnsACopy() {
    Trajectory<Integer> t = withValues(new double[] {1, 1}, new double[] {0.5, 0.4}, true, 0.0);
    double[] b = Baseline.valueEstimates().values(t);
    b[0] = 99;
    assertEquals(0.5, t.value(0));
  }

  @Test
  void valueEstimateBaselineNeedsValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Baseline.valueEstimates().values(terminated(1, 2)));
    assertTrue(e.getMessage().contains("value estimates"), e.getMessage());
    CreditAssigner a = BaselineSubtracted.of(DiscountedReturn.of(0.9), Baseline.valueEstimates());
    assertThrows(IllegalArgumentException.class, () -> a.assign(terminated(1, 2)));
  }

  @Test
  void baselineOfTheWrongLengthIsRejected() {
    CreditAssigner a = BaselineSubtracted.of(DiscountedReturn.of(0.9), t -> new double[] {1.0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.assign(terminated(1, 2)));
    assertTrue(e.getMessage().contains("1 values") && e.getMessage().contains("2 steps"), e.getMessage());
  }

  @Test
  void nonFiniteBaselineIsRejected() {
    CreditAssigner a = BaselineSubtracted.of(DiscountedReturn.of(0.9), t -> new double[] {0.0, Double.NaN});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.assign(terminated(1, 2)));
    assertTrue(e.getMessage().contains("step 1") && e.getMessage().contains("finite"), e.getMessage());
  }

  // ---- Standardisation ----

  @Test
  void perBatchStandardisationUsesTheStatisticsOfAllSteps() {
    // reward-to-go weights [1, 1, 1] and [3, 3]: over the batch mean 1.8, population std sqrt(0.96).
    List<Trajectory<Integer>> batch = List.of(terminated(0, 0, 1), terminated(0, 3));
    List<double[]> w = Standardized.perBatch(DiscountedReturn.rewardToGo()).assignBatch(batch);
    double low = -Math.sqrt(2.0 / 3.0);
    double high = Math.sqrt(1.5);
    assertArrayEquals(new double[] {low, low, low}, w.get(0), 1e-12);
    assertArrayEquals(new double[] {high, high}, w.get(1), 1e-12);
  }

  @Test
  void perEpisodeStandardisationOfTheSameBatchCentresEachEpisodeOnItsOwn() {
    List<Trajectory<Integer>> batch = List.of(terminated(0, 0, 1), terminated(0, 3));
    List<double[]> w = Standardized.perEpisode(DiscountedReturn.rewardToGo()).assignBatch(batch);
    // each episode's weights are constant: centred to zero, not divided by a zero std
    assertArrayEquals(new double[] {0, 0, 0}, w.get(0), 0.0);
    assertArrayEquals(new double[] {0, 0}, w.get(1), 0.0);
  }

  @Test
  void perBatchStandardisationOfOneTrajectoryStandardisesWithinIt() {
    double[] viaAssign = Standardized.perBatch(DiscountedReturn.of(0.99).restartingAtNonZeroReward())
        .assign(terminated(PONG_REWARDS));
    assertArrayEquals(new double[] {0.806261, 0.816441, 0.826724, -1.219571, -1.229854}, viaAssign, TOL);
  }

  @Test
  void perBatchStandardisationDiffersFromPerEpisodeOnUnevenEpisodes() {
    List<Trajectory<Integer>> batch = List.of(terminated(1, 2, 3), terminated(10, 20));
    List<double[]> perBatch = Standardized.perBatch(EpisodeReturn.of(1.0)).assignBatch(batch);
    // episode returns 6 (three times) and 30 (twice): mean 15.6, population std sqrt(138.24) = 11.757...
    double std = Math.sqrt((3 * 9.6 * 9.6 + 2 * 14.4 * 14.4) / 5);
    assertArrayEquals(new double[] {-9.6 / std, -9.6 / std, -9.6 / std}, perBatch.get(0), 1e-12);
    assertArrayEquals(new double[] {14.4 / std, 14.4 / std}, perBatch.get(1), 1e-12);
  }

  @Test
  void constantWeightsAreOnlyCentred() {
    double[] w = Standardized.perEpisode(DiscountedReturn.of(0.0)).assign(terminated(2, 2, 2, 2));
    assertArrayEquals(new double[] {0, 0, 0, 0}, w, 0.0);
  }

  @Test
  void weightsWhoseStdIsBelowTheThresholdAreOnlyCentredNotScaled() {
    // std 1e-9 < MIN_STD = 1e-8: dividing would blow the 2e-9 spread up to [-1, 1]
    double[] w = Standardized.perEpisode(DiscountedReturn.of(0.0)).assign(terminated(1.0, 1.0 + 2e-9));
    assertArrayEquals(new double[] {-1e-9, 1e-9}, w, 1e-15);
    assertTrue(Standardized.MIN_STD > 1e-9);
  }

  @Test
  void defaultBatchAssignmentIsEachTrajectoryOnItsOwn() {
    List<Trajectory<Integer>> batch = List.of(terminated(PONG_REWARDS), terminated(1, 2));
    DiscountedReturn a = DiscountedReturn.of(0.99);
    List<double[]> w = a.assignBatch(batch);
    assertEquals(2, w.size());
    assertArrayEquals(a.assign(batch.get(0)), w.get(0), 0.0);
    assertArrayEquals(a.assign(batch.get(1)), w.get(1), 0.0);
  }

  @Test
  void standardisationOfAnEmptyBatchGivesNothing() {
    assertEquals(List.of(), Standardized.perBatch(DiscountedReturn.of(0.9)).assignBatch(List.of()));
  }

  @Test
  void decoratorsRejectNullArguments() {
    assertThrows(NullPointerException.class, () -> Standardized.perEpisode(null));
    assertThrows(NullPointerException.class, () -> Standardized.perBatch(null));
    assertThrows(NullPointerException.class, () -> BaselineSubtracted.of(null, Baseline.constant(0)));
    assertThrows(NullPointerException.class, () -> BaselineSubtracted.of(DiscountedReturn.of(0.9), null));
  }
}
