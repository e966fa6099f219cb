package io.github.pgrl.core.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class MinibatchesTest {

  @Test
  void advantagesAreStandardisedWithTheSampleDeviationAsSb3Does() {
    // mean 2, sample standard deviation 1 (the population one, 0.816, would give ±1.2247)
    double[] x = {1, 2, 3};
    Minibatches.standardize(x);
    assertArrayEquals(new double[] {-1, 0, 1}, x, 1e-7);
    double[] one = {5};
    Minibatches.standardize(one);
    assertArrayEquals(new double[] {5}, one, 0);
  }

  @Test
  void gatherPicksTheIndexedValuesInOrder() {
    assertArrayEquals(new double[] {30, 10, 30}, Minibatches.gather(new double[] {10, 20, 30}, new int[] {2, 0, 2}), 0);
  }
}
