package io.github.pgrl.core.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RunningMeanStdTest {

  /** Rows {@code offset + scale·N(0, 1)} per dimension, from a generator seeded with {@code seed}. */
  static float[][] gaussianRows(long seed, int n, double[] offset, double[] scale) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] rows = new float[n][offset.length];
    for (float[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (float) (offset[i] + scale[i] * rng.nextGaussian());
      }
    }
    return rows;
  }

  /** Bit-for-bit equality of two states. */
  static void assertSameState(RunningMeanStd expected, RunningMeanStd actual) {
    assertArrayEquals(expected.mean(), actual.mean(), 0.0);
    assertArrayEquals(expected.variance(), actual.variance(), 0.0);
    assertEquals(expected.count(), actual.count(), 0.0);
  }

  @Test
  void startsAsStableBaselinesWithMeanZeroVarianceOneAndCountOneTenThousandth() {
    RunningMeanStd s = RunningMeanStd.of(3);

    assertArrayEquals(new double[3], s.mean());
    assertArrayEquals(new double[] {1, 1, 1}, s.variance());
    assertEquals(1e-4, s.count());
    assertEquals(3, s.dimensions());
  }

  /** The expected values are Stable-Baselines3's {@code RunningMeanStd}, run in numpy (float64). */
  @Test
  void twoBatchesGiveStableBaselinesValues() {
    RunningMeanStd s = RunningMeanStd.of(2);

    s.update(new float[][] {{1, 10}, {2, 20}, {3, 60}}, 3);
    assertArrayEquals(new double[] {1.9999333355554814, 29.99900003333222}, s.mean(), 1e-15 * 30);
    assertArrayEquals(new double[] {0.6668111018523086, 466.6811429619346}, s.variance(), 1e-15 * 467);
    assertEquals(3.0001, s.count(), 0.0);

    s.update(new float[][] {{-1, 0.5f}, {99, 99}}, 1);
    assertArrayEquals(new double[] {1.2499687507812303, 22.62443438914027}, s.mean(), 1e-15 * 23);
    assertArrayEquals(new double[] {2.1875093737891174, 513.1718676490102}, s.variance(), 1e-15 * 514);
    assertEquals(4.0001, s.count(), 0.0);
  }

  /** By hand: three values 1, 2, 3 (mean 2, variance 2/3) combined with the pseudo-batch. */
  @Test
  void oneBatchOfScalarsCombinesWithThePseudoBatchAsComputedByHand() {
    RunningMeanStd s = RunningMeanStd.of(1);

    s.update(new double[] {1, 2, 3});

    double total = 3 + 1e-4;
    assertEquals(2 * 3 / total, s.mean()[0], 1e-15);
    assertEquals((1e-4 + 2 + 4 * 1e-4 * 3 / total) / total, s.variance()[0], 1e-15);
    assertEquals(total, s.count(), 0.0);
  }

  /**
   * Whatever the batches, the statistics are those of all the values with the pseudo-batch (mean 0,
   * variance 1, count 1e-4), computed in two passes; one update of every row equals batch by batch and row
   * by row, to 1e-9 of the data's scale.
   */
  @Property(tries = 60, seed = "20261128")
  void anySplitIntoBatchesGivesTheTwoPassStatisticsOfAllValues(@ForAll long seed,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 40) Integer> batchSizes,
      @ForAll @IntRange(min = 1, max = 5) int dimensions) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] offset = new double[dimensions];
    double[] scale = new double[dimensions];
    for (int i = 0; i < dimensions; i++) {
      scale[i] = Math.pow(10, rng.nextDouble(-3, 3));
      offset[i] = scale[i] * rng.nextDouble(-100, 100);
    }
    List<float[][]> batches = new ArrayList<>();
    List<float[]> all = new ArrayList<>();
    for (int size : batchSizes) {
      float[][] batch = gaussianRows(rng.nextLong(), size, offset, scale);
      batches.add(batch);
      all.addAll(List.of(batch));
    }
    RunningMeanStd whole = RunningMeanStd.of(dimensions);
    RunningMeanStd byBatch = RunningMeanStd.of(dimensions);
    RunningMeanStd byRow = RunningMeanStd.of(dimensions);

    whole.update(all.toArray(float[][]::new), all.size());
    for (float[][] batch : batches) {
      byBatch.update(batch, batch.length);
    }
    for (float[] row : all) {
      byRow.update(new float[][] {row}, 1);
    }

    double n = all.size() + 1e-4;
    for (int i = 0; i < dimensions; i++) {
      double sum = 0;
      for (float[] row : all) {
        sum += row[i];
      }
      double mean = sum / n;
      double m2 = 1e-4 * (1 + mean * mean);
      for (float[] row : all) {
        m2 += (row[i] - mean) * (row[i] - mean);
      }
      double var = m2 / n;
      double meanTolerance = 1e-9 * (Math.abs(mean) + Math.sqrt(var));
      for (RunningMeanStd s : List.of(whole, byBatch, byRow)) {
        assertEquals(mean, s.mean()[i], meanTolerance, "mean " + i);
        assertEquals(var, s.variance()[i], 1e-9 * var, "variance " + i);
        assertEquals(n, s.count(), 1e-12 * n);
      }
    }
  }

  @Test
  void onlyTheFirstNRowsAreUsed() {
    RunningMeanStd firstTwo = RunningMeanStd.of(1);
    RunningMeanStd all = RunningMeanStd.of(1);

    firstTwo.update(new float[][] {{1}, {5}, {1000}}, 2);
    all.update(new float[][] {{1}, {5}}, 2);

    assertSameState(all, firstTwo);
  }

  @Test
  void badBatchesAreRefusedWithTheirFaultAndChangeNothing() {
    RunningMeanStd s = RunningMeanStd.of(2);
    s.update(new float[][] {{1, 2}, {3, 5}}, 2);
    RunningMeanStd before = s.copy();

    assertMessage(() -> s.update(new float[][] {{1, 2}}, 0), "got n = 0");
    assertMessage(() -> s.update(new float[][] {{1, 2}}, 2), "1 to 1 rows");
    assertMessage(() -> s.update(new float[][] {{1, 2}, {1}}, 2), "row 1 has 1 values; these statistics have 2");
    assertMessage(() -> s.update(new float[][] {{1, 2}, null}, 2), "row 1 has no values");
    assertMessage(() -> s.update(new float[][] {{1, 2}, {3, Float.NaN}}, 2), "row 1 holds NaN at index 1");
    assertMessage(() -> s.update(new float[][] {{Float.NEGATIVE_INFINITY, 2}}, 1), "row 0 holds -Infinity at index 0");
    assertMessage(() -> s.update(new double[] {1}), "these have 2");

    assertSameState(before, s);
  }

  @Test
  void badScalarsAreRefusedWithTheirFaultAndChangeNothing() {
    RunningMeanStd s = RunningMeanStd.of(1);
    s.update(new double[] {3, 4});
    RunningMeanStd before = s.copy();

    assertMessage(() -> s.update(new double[0]), "at least 1 value");
    assertMessage(() -> s.update(new double[] {1, Double.POSITIVE_INFINITY}), "value 1 is Infinity");
    assertMessage(() -> s.update(new double[] {1e300, -1e300}), "overflows a double");

    assertSameState(before, s);
  }

  @Test
  void dimensionsBelowOneAreRefused() {
    assertMessage(() -> RunningMeanStd.of(0), "at least 1 dimension, got 0");
  }

  @Test
  void aCopyIsIndependent() {
    RunningMeanStd s = RunningMeanStd.of(1);
    RunningMeanStd copy = s.copy();

    s.update(new double[] {7});

    assertEquals(0.0, copy.mean()[0]);
    assertEquals(1e-4, copy.count());
  }

  @Test
  void theStateRoundTripsThroughCheckpointBytesToTheBit() {
    RunningMeanStd s = RunningMeanStd.of(3);
    s.update(gaussianRows(5, 17, new double[] {1, -2, 300}, new double[] {0.1, 3, 40}), 17);
    CheckpointFile cp = new CheckpointFile();
    s.writeState(cp, "x.");

    RunningMeanStd back = RunningMeanStd.of(3);
    back.readState(CheckpointFile.fromBytes(cp.toBytes(), "test"), "x.");

    assertSameState(s, back);
    assertTrue(cp.names().containsAll(List.of("x.mean", "x.var", "x.count")), cp.names()::toString);
  }

  static void assertMessage(Runnable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' does not say '" + part + "'");
  }
}
