package io.github.pgrl.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How {@link Engine#run} splits a batch and which path it takes: parts of consecutive steps, each loss
 * called for its own steps in order, and the route of the caller's choice.
 */
class EngineTest {

  private static final int INPUTS = 600;

  /** A loss that records the steps it was called for, and whether it was asked for derivatives. */
  private static final class Recording implements Engine.OutputLoss {
    final List<Integer> steps = new ArrayList<>();
    boolean derivatives;

    @Override
    public void row(int t, float[] output, int offset, float[] dOutput, int dOffset) {
      steps.add(t);
      derivatives |= dOutput != null;
      if (dOutput != null) {
        dOutput[dOffset] = 1f;
      }
    }
  }

  private static Batch batch(SplittableRandom rng, int rows, int nonZeros) {
    Batch b = new Batch(INPUTS);
    for (int t = 0; t < rows; t++) {
      float[] x = new float[INPUTS];
      for (int k = 0; k < nonZeros; k++) {
        x[k] = (float) rng.nextDouble(-1, 1);
      }
      b.add(x, 0, -1);
    }
    return b;
  }

  private static Engine engine(Engine.Route route) {
    Mlp net = new Mlp(new int[] {INPUTS, 4, 1}, true, true);
    net.initialise(new SplittableRandom(1), 1.0);
    return new Engine(net, route);
  }

  private static List<Recording> run(Engine engine, Batch b, boolean inParts, boolean gradient) {
    List<Recording> losses = new ArrayList<>();
    int parts = engine.run(b, inParts, gradient, null, k -> {
      assertEquals(losses.size(), k, "parts are made in order");
      Recording r = new Recording();
      losses.add(r);
      return r;
    });
    assertEquals(losses.size(), parts);
    return losses;
  }

  /** The steps each loss saw, which must be consecutive, in order, and cover the batch. */
  private static int[] partSizes(List<Recording> losses, int rows) {
    int[] sizes = new int[losses.size()];
    int next = 0;
    for (int k = 0; k < sizes.length; k++) {
      for (int t : losses.get(k).steps) {
        assertEquals(next++, t, "part " + k);
      }
      sizes[k] = losses.get(k).steps.size();
    }
    assertEquals(rows, next);
    return sizes;
  }

  @Test
  void partsAreOneTwoOrFourOfAtLeast1024Rows() {
    assertEquals(1, Engine.parts(0));
    assertEquals(1, Engine.parts(2047));
    assertEquals(2, Engine.parts(2048));
    assertEquals(2, Engine.parts(4095));
    assertEquals(4, Engine.parts(4096));
    assertEquals(4, Engine.parts(100_000));
  }

  @Test
  void aBatchInPartsGivesEachPartsLossItsOwnConsecutiveSteps() {
    Batch b = batch(new SplittableRandom(2), 4100, 3);
    assertArrayEquals(new int[] {1025, 1025, 1025, 1025}, partSizes(run(engine(Engine.Route.JAVA), b, true, true), 4100));
    assertArrayEquals(new int[] {4100}, partSizes(run(engine(Engine.Route.JAVA), b, false, true), 4100),
        "without parts, one loss and one lane, whatever the size");
  }

  @Test
  void derivativesAreAskedForOnlyWithAGradient() {
    Batch b = batch(new SplittableRandom(3), 10, 3);
    for (Engine.Route route : Engine.Route.values()) {
      assertEquals(true, run(engine(route), b, true, true).get(0).derivatives, route.name());
      assertEquals(false, run(engine(route), b, true, false).get(0).derivatives, route.name());
    }
  }

  @Test
  void autoTakesTheJavaPathForSparseRowsAndNd4jForDenseOnes() {
    Batch sparse = batch(new SplittableRandom(4), 4096, 512);
    Batch dense = batch(new SplittableRandom(5), 4096, 513);
    assertEquals(4, run(engine(Engine.Route.AUTO), sparse, true, false).size(), "at most 512 non-zeros per row: Java, in parts");
    assertEquals(1, run(engine(Engine.Route.AUTO), dense, true, false).size(), "more: ND4J, in one part");
    assertEquals(4, run(engine(Engine.Route.JAVA), dense, true, false).size());
    assertEquals(1, run(engine(Engine.Route.ND4J), sparse, true, false).size());
  }

  @Test
  void theRouteCanBeChangedButNotToNothing() {
    Engine e = engine(Engine.Route.AUTO);
    e.route(Engine.Route.ND4J);
    assertEquals(Engine.Route.ND4J, e.route());
    NullPointerException npe = assertThrows(NullPointerException.class, () -> e.route(null));
    assertEquals("route", npe.getMessage());
  }
}
