package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import io.github.pgrl.core.Exploration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link MlpPolicy#observe} with a non-zero hint ({@link Batch#hintNonZeros}) reads only the listed
 * indices and gives exactly what scanning the observation gives — probabilities, staged steps and the gradient — and rejects
 * a list that breaks the contract.
 */
class ObserveWithIndicesTest {

  private static final int INPUTS = 200;

  private static MlpPolicy policy(SplittableRandom rng, boolean bernoulli) {
    return MlpPolicy.builder(INPUTS, bernoulli ? 2 : 3).hidden(16).head(bernoulli ? Head.BERNOULLI : Head.SOFTMAX)
        .bias(!bernoulli).build(rng);
  }

  /** The non-zero indices of x plus {@code extra} random ones (whose values are zero), increasing. */
  private static int[] superset(float[] x, int extra, SplittableRandom rng) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0f) {
        s.add(i);
      }
    }
    for (int k = 0; k < extra; k++) {
      s.add(rng.nextInt(x.length));
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  @Property(tries = 30, seed = "20261128")
  void listingTheNonZerosGivesExactlyWhatAScanGives(
      @ForAll @IntRange(min = 0, max = 20) int nonZeros, @ForAll @IntRange(min = 0, max = 20) int extra,
      @ForAll boolean bernoulli, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    MlpPolicy p = policy(rng, bernoulli);
    Batch listed = new Batch(INPUTS);
    Batch scanned = new Batch(INPUTS);
    double[] pl = new double[p.actions()];
    double[] ps = new double[p.actions()];
    int[] hint = new int[INPUTS + 5];
    int previous = -1;
    for (int t = 0; t < 30; t++) {
      float[] x = new float[INPUTS];
      for (int k = 0; k < nonZeros; k++) {
        x[rng.nextInt(INPUTS)] = (float) rng.nextDouble(-1, 1);
      }
      x[rng.nextInt(INPUTS)] = -0f;
      int[] indices = superset(x, extra, rng);
      System.arraycopy(indices, 0, hint, 0, indices.length);
      Arrays.fill(hint, indices.length, hint.length, -7);  // beyond count: never read
      PolicyCalls.observe(p, x, hint, indices.length, listed, pl);
      PolicyCalls.observe(p, x, scanned, ps);
      assertArrayEquals(ps, pl, "step " + t);
      int a = Exploration.sample(pl, rng);
      listed.completeStep(a, previous);
      scanned.completeStep(a, previous);
      previous = a;
    }
    assertArrayEquals(Arrays.copyOf(scanned.indices(), scanned.rowEnd(29)), Arrays.copyOf(listed.indices(), listed.rowEnd(29)));
    assertArrayEquals(Arrays.copyOf(scanned.values(), scanned.rowEnd(29)), Arrays.copyOf(listed.values(), listed.rowEnd(29)));
    double[] w = new double[30];
    Arrays.setAll(w, t -> rng.nextDouble(-1, 1));
    GradientStats a = PolicyCalls.gradient(p, listed, w, Exploration.NONE, 0.01, Reduction.SUM);
    float[] ga = p.gradient();
    GradientStats b = PolicyCalls.gradient(p, scanned, w, Exploration.NONE, 0.01, Reduction.SUM);
    assertEquals(b, a);
    assertArrayEquals(p.gradient(), ga);
  }

  private static IllegalArgumentException rejected(int[] hint, int count) {
    MlpPolicy p = policy(new SplittableRandom(1), true);
    float[] x = new float[INPUTS];
    x[3] = 1f;
    Batch b = new Batch(INPUTS);
    return assertThrows(IllegalArgumentException.class, () -> PolicyCalls.observe(p, x, hint, count, b, new double[2]));
  }

  @Test
  void indicesOutOfOrderRepeatedOrOutOfRangeAreRejectedWithTheOffendingIndex() {
    assertTrue(rejected(new int[] {5, 3}, 2).getMessage().contains("strictly increasing"));
    assertTrue(rejected(new int[] {3, 3}, 2).getMessage().contains("got 3 after 3"));
    assertTrue(rejected(new int[] {-1}, 1).getMessage().contains("got -1"));
    assertTrue(rejected(new int[] {3, INPUTS}, 2).getMessage().contains("[0, " + INPUTS + ")"));
    assertTrue(rejected(new int[] {3}, 2).getMessage().contains("lists 2 indices but holds 1"));
  }

  @Test
  void aListedNonFiniteValueIsRejected() {
    MlpPolicy p = policy(new SplittableRandom(1), true);
    float[] x = new float[INPUTS];
    x[7] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PolicyCalls.observe(p, x, new int[] {7}, 1, new Batch(INPUTS), new double[2]));
    assertTrue(e.getMessage().contains("NaN at index 7"), e.getMessage());
  }
}
