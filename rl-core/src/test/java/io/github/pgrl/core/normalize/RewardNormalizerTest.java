package io.github.pgrl.core.normalize;

import static io.github.pgrl.core.normalize.RunningMeanStdTest.assertMessage;
import static io.github.pgrl.core.normalize.RunningMeanStdTest.assertSameState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RewardNormalizerTest {

  /**
   * Stable-Baselines3's {@code VecNormalize} reward path, one lockstep step at a time, written out plainly:
   * {@code returns = returns·γ + r; ret_rms.update(returns); r / sqrt(ret_rms.var + ε)} clipped; {@code
   * returns[dones] = 0}.
   */
  private static final class PerStepReference {
    final double gamma;
    final double clip;
    final double[] returns;
    double mean = 0;
    double var = 1;
    double count = 1e-4;

    PerStepReference(int copies, double gamma, double clip) {
      this.returns = new double[copies];
      this.gamma = gamma;
      this.clip = clip;
    }

    double[] step(double[] rewards, boolean[] dones) {
      int n = returns.length;
      double sum = 0;
      for (int c = 0; c < n; c++) {
        returns[c] = returns[c] * gamma + rewards[c];
        sum += returns[c];
      }
      double batchMean = sum / n;
      double squares = 0;
      for (int c = 0; c < n; c++) {
        squares += (returns[c] - batchMean) * (returns[c] - batchMean);
      }
      double batchVar = squares / n;
      double delta = batchMean - mean;
      double total = count + n;
      double newMean = mean + delta * n / total;
      double m2 = var * count + batchVar * n + delta * delta * count * n / total;
      mean = newMean;
      var = m2 / total;
      count = n + count;
      double[] out = new double[n];
      for (int c = 0; c < n; c++) {
        out[c] = Math.max(-clip, Math.min(clip, rewards[c] / Math.sqrt(var + 1e-8)));
        if (dones[c]) {
          returns[c] = 0;
        }
      }
      return out;
    }
  }

  /** The expected values are Stable-Baselines3's {@code VecNormalize}, 2 copies, γ = 0.9, run in numpy. */
  @Test
  void aRolloutIsNormalisedAsStableBaselines() {
    RewardNormalizer n = RewardNormalizer.of(2, 0.9);
    double[][] rewards = {{1, 2, 0.5, 1}, {0, -1, 3, 1}};
    boolean[][] done = {{false, true, false, false}, {false, false, false, true}};

    n.normalize(rewards, done);

    assertArrayEquals(new double[] {1.9998000025025, 1.3877979965706986, 0.38675049837231795, 0.7720487621322337},
        rewards[0], 1e-15);
    assertArrayEquals(new double[] {0.0, -0.6938989982853493, 2.3205029902339076, 0.7720487621322337}, rewards[1],
        1e-15);
    assertArrayEquals(new double[] {1.45, 0.0}, n.returns(), 1e-15);
    assertEquals(1.229984625192185, n.statistics().mean()[0], 1e-15);
    assertEquals(1.6776854399456131, n.statistics().variance()[0], 1e-15);
    assertEquals(8.0001, n.statistics().count(), 1e-15);
  }

  /**
   * Normalising rollouts in place, in one or several calls, gives to the bit what the per-step procedure
   * gives, step by step: rewards, running returns and statistics.
   */
  @Property(tries = 60, seed = "20261128")
  void rolloutsEqualThePerStepProcedure(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int copies,
      @ForAll @IntRange(min = 0, max = 3) int rollouts, @ForAll @IntRange(min = 0, max = 40) int steps,
      @ForAll @DoubleRange(min = 0, max = 1) double gamma, @ForAll @DoubleRange(min = 0.5, max = 20) double clip) {
    SplittableRandom rng = new SplittableRandom(seed);
    double scale = Math.pow(10, rng.nextDouble(-2, 3));
    RewardNormalizer normalizer = RewardNormalizer.of(copies, gamma, clip);
    PerStepReference reference = new PerStepReference(copies, gamma, clip);
    for (int k = 0; k < rollouts; k++) {
      double[][] rewards = new double[copies][steps];
      boolean[][] done = new boolean[copies][steps];
      for (int c = 0; c < copies; c++) {
        for (int t = 0; t < steps; t++) {
          rewards[c][t] = rng.nextInt(4) == 0 ? 0 : scale * rng.nextGaussian() + scale / 2;
          done[c][t] = rng.nextInt(10) == 0;
        }
      }
      double[][] expected = new double[copies][steps];
      for (int t = 0; t < steps; t++) {
        double[] r = new double[copies];
        boolean[] d = new boolean[copies];
        for (int c = 0; c < copies; c++) {
          r[c] = rewards[c][t];
          d[c] = done[c][t];
        }
        double[] out = reference.step(r, d);
        for (int c = 0; c < copies; c++) {
          expected[c][t] = out[c];
        }
      }

      normalizer.normalize(rewards, done);

      for (int c = 0; c < copies; c++) {
        assertArrayEquals(expected[c], rewards[c], 0.0, "copy " + c + " of rollout " + k);
      }
      assertArrayEquals(reference.returns, normalizer.returns(), 0.0);
      assertEquals(reference.mean, normalizer.statistics().mean()[0], 0.0);
      assertEquals(reference.var, normalizer.statistics().variance()[0], 0.0);
      assertEquals(reference.count, normalizer.statistics().count(), 0.0);
    }
  }

  @Test
  void aReturnRestartsAfterTheStepThatEndsItsEpisode() {
    RewardNormalizer n = RewardNormalizer.of(1, 1.0);

    n.normalize(new double[][] {{1, 1}}, new boolean[][] {{false, true}});
    assertArrayEquals(new double[] {0.0}, n.returns());

    n.normalize(new double[][] {{1, 1}}, new boolean[][] {{true, false}});
    assertArrayEquals(new double[] {1.0}, n.returns());
  }

  @Test
  void badRolloutsAreRefusedWithTheirFaultAndChangeNothing() {
    RewardNormalizer n = RewardNormalizer.of(2, 0.99, 5);
    n.normalize(new double[][] {{1, 2}, {3, 4}}, new boolean[2][2]);
    double[] returns = n.returns();
    RunningMeanStd stats = n.statistics();
    double[][] rewards = {{1, 2, 3}, {4, 5, Double.NaN}};

    assertMessage(() -> n.normalize(rewards, new boolean[2][3]), "the reward of copy 1 at step 2 is NaN");
    assertMessage(() -> n.normalize(new double[1][3], new boolean[1][3]), "has 2 rows (one per copy) of rewards and of"
        + " done flags, got 1 and 1");
    assertMessage(() -> n.normalize(new double[2][3], new boolean[3][3]), "got 2 and 3");
    assertMessage(() -> n.normalize(new double[][] {{1, 2}, {1}}, new boolean[2][2]), "copy 1 has 1 rewards and 2 done");
    assertMessage(() -> n.normalize(new double[2][2], new boolean[][] {{true, true}, {true}}), "copy 1 has 2 rewards and 1");
    double[][] spread = {{1, 1e200}, {1, -1e200}};
    RewardNormalizer other = RewardNormalizer.of(2, 1.0);
    assertMessage(() -> other.normalize(spread, new boolean[2][2]), "the discounted returns at step 1 are too large");

    assertArrayEquals(new double[] {1, 2, 3}, rewards[0], 0.0);
    assertArrayEquals(new double[] {1, 1e200}, spread[0], 0.0);
    assertArrayEquals(returns, n.returns(), 0.0);
    assertSameState(stats, n.statistics());
    assertArrayEquals(new double[2], other.returns(), 0.0);
    assertSameState(RunningMeanStd.of(1), other.statistics());
  }

  @Test
  void badSettingsAreRefusedWithTheirFault() {
    assertMessage(() -> RewardNormalizer.of(0, 0.99), "at least 1 environment copy, got 0");
    assertMessage(() -> RewardNormalizer.of(1, 1.5), "gamma must lie in [0, 1], got 1.5");
    assertMessage(() -> RewardNormalizer.of(1, Double.NaN), "got NaN");
    assertMessage(() -> RewardNormalizer.of(1, 0.99, -1), "the clip must be positive and finite, got -1.0");
  }

  /** A normaliser written mid-episode to checkpoint bytes and read into a new one continues to the bit. */
  @Property(tries = 20, seed = "20261128")
  void aCheckpointRoundTripRestoresBitIdenticalBehaviour(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int copies) {
    SplittableRandom rng = new SplittableRandom(seed);
    RewardNormalizer original = RewardNormalizer.of(copies, 0.97, 7);
    original.normalize(rollout(rng, copies, 9), new boolean[copies][9]);
    CheckpointFile cp = new CheckpointFile();
    original.writeState(cp, "reward.");
    RewardNormalizer restored = RewardNormalizer.of(copies, 0.97, 7);
    restored.normalize(rollout(rng, copies, 3), new boolean[copies][3]);

    restored.readState(CheckpointFile.fromBytes(cp.toBytes(), "test"), "reward.");

    assertArrayEquals(original.returns(), restored.returns(), 0.0);
    for (int k = 0; k < 3; k++) {
      double[][] a = rollout(rng, copies, 6);
      double[][] b = new double[copies][];
      boolean[][] done = new boolean[copies][6];
      for (int c = 0; c < copies; c++) {
        b[c] = a[c].clone();
        done[c][rng.nextInt(6)] = true;
      }
      original.normalize(a, done);
      restored.normalize(b, done);
      for (int c = 0; c < copies; c++) {
        assertArrayEquals(a[c], b[c], 0.0);
      }
    }
    assertSameState(original.statistics(), restored.statistics());
  }

  private static double[][] rollout(SplittableRandom rng, int copies, int steps) {
    double[][] r = new double[copies][steps];
    for (double[] row : r) {
      for (int t = 0; t < steps; t++) {
        row[t] = rng.nextDouble(-1, 3);
      }
    }
    return r;
  }

  @Test
  void aCheckpointOfAnotherGammaOrNumberOfCopiesIsRefused() {
    CheckpointFile cp = new CheckpointFile();
    RewardNormalizer.of(3, 0.9).writeState(cp, "reward.");

    CheckpointException gamma = assertThrows(CheckpointException.class,
        () -> RewardNormalizer.of(3, 0.99).readState(cp, "reward."));
    CheckpointException copies = assertThrows(CheckpointException.class,
        () -> RewardNormalizer.of(2, 0.9).readState(cp, "reward."));

    assertTrue(gamma.getMessage().contains("'reward.gamma' holds a gamma of 0.9; this normaliser's is 0.99"),
        gamma.getMessage());
    assertTrue(copies.getMessage().contains("'reward.returns' holds the returns of 3 copies; this normaliser has 2"),
        copies.getMessage());
  }
}
