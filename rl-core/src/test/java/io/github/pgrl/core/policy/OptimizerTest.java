package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.util.Nd4jSetup;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/** {@link Optimizer}: the steps of ND4J's updaters, computed in Java, refused when they would go non-finite. */
class OptimizerTest {

  private static float[] step(OptimizerConfig config, float[] gradient, int times) {
    Optimizer opt = Optimizer.of(config, gradient.length);
    float[] params = new float[gradient.length];
    for (int i = 0; i < times; i++) {
      assertTrue(opt.ascend(params, gradient.clone()));
    }
    return params;
  }

  @Test
  void classicRmsPropFirstStepMatchesThePongFromPixelsProgram() {
    float[] delta = step(OptimizerConfig.RmsProp.classic(1e-4), new float[] {1f, -2f, 0.5f}, 1);
    assertArrayEquals(new float[] {9.999e-4f, -9.9995e-4f, 9.998e-4f}, delta, 2e-8f);
  }

  @Test
  void sgdAscendsByTheLearningRateTimesTheGradient() {
    float[] delta = step(new OptimizerConfig.Sgd(0.5), new float[] {1f, -2f}, 2);
    assertArrayEquals(new float[] {1f, -2f}, delta, 1e-7f);
  }

  @Test
  void adamFirstStepMovesEachParameterByTheLearningRateInTheGradientsDirection() {
    float[] delta = step(OptimizerConfig.Adam.of(0.01), new float[] {3f, -0.002f}, 1);
    assertEquals(0.01, delta[0], 1e-6);
    assertEquals(-0.01, delta[1], 1e-5);
  }

  @Test
  void stateRoundTripsThroughExportAndRestore() {
    Optimizer a = Optimizer.of(OptimizerConfig.Adam.of(0.01), 3);
    float[] pa = new float[3];
    a.ascend(pa, new float[] {1f, 2f, 3f});
    Optimizer b = Optimizer.of(OptimizerConfig.Adam.of(0.01), 3);
    b.restore(a.state(), a.steps());
    float[] pb = pa.clone();
    a.ascend(pa, new float[] {-1f, 0.5f, 2f});
    b.ascend(pb, new float[] {-1f, 0.5f, 2f});
    assertArrayEquals(pa, pb, 0f);
    assertEquals(2, b.steps());
  }

  /** ND4J's updater for the configuration, as pgrl used it before it computed the steps itself. */
  private static GradientUpdater<?> nd4j(OptimizerConfig config, INDArray state) {
    IUpdater u = config instanceof OptimizerConfig.Adam a
        ? new org.nd4j.linalg.learning.config.Adam(a.learningRate(), a.beta1(), a.beta2(), a.epsilon())
        : config instanceof OptimizerConfig.RmsProp r
            ? new org.nd4j.linalg.learning.config.RmsProp(r.learningRate(), r.decay(), r.epsilon())
            : new org.nd4j.linalg.learning.config.Sgd(config.learningRate());
    GradientUpdater<?> updater = u.instantiate(state, true);
    if (state != null) {
      state.assign(0); // ND4J starts RMSProp's cache at epsilon; the classic program (and pgrl) at zero
    }
    return updater;
  }

  @Property(tries = 30, seed = "20261128")
  void stepsAndStateEqualNd4jsUpdatersWithinFloatRounding(
      @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed) {
    Nd4jSetup.ensure();
    SplittableRandom rng = new SplittableRandom(seed);
    OptimizerConfig config = switch (kind) {
      case 0 -> new OptimizerConfig.Adam(rng.nextDouble(1e-4, 0.1), rng.nextDouble(0, 0.99), rng.nextDouble(0.9, 0.9999),
          rng.nextDouble(1e-8, 1e-3));
      case 1 -> new OptimizerConfig.RmsProp(rng.nextDouble(1e-4, 0.1), rng.nextDouble(0, 0.999), rng.nextDouble(1e-8, 1e-3));
      default -> new OptimizerConfig.Sgd(rng.nextDouble(1e-4, 1));
    };
    Optimizer ours = Optimizer.of(config, n);
    long stateSize = ours.state().length;
    INDArray state = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
    GradientUpdater<?> theirs = nd4j(config, state);
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) rng.nextGaussian();
    }
    INDArray q = Nd4j.createFromArray(p.clone());
    for (int t = 0; t < 5; t++) {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        g[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-4, 3)));
      }
      assertTrue(ours.ascend(p, g.clone()));
      INDArray update = Nd4j.createFromArray(g).reshape(1, n);
      theirs.applyUpdater(update, t, 0);
      q.addi(update.reshape(n));
      float[] expected = q.toFloatVector();
      for (int i = 0; i < n; i++) {
        assertEquals(expected[i], p[i], 1e-5f * (1 + Math.abs(expected[i])), config + ", step " + t + ", parameter " + i);
      }
      if (state != null) {
        float[] s = state.toFloatVector();
        float[] mine = ours.state();
        for (int i = 0; i < s.length; i++) {
          assertEquals(s[i], mine[i], 1e-5f * (1 + Math.abs(s[i])), config + ", step " + t + ", state " + i);
        }
      }
    }
  }

  @Test
  void aStepThatWouldMakeAValueNonFiniteIsRefusedAndChangesNothing() {
    Optimizer opt = Optimizer.of(OptimizerConfig.RmsProp.classic(1e-3), 3);
    float[] p = {1f, 2f, 3f};
    assertTrue(opt.ascend(p, new float[] {0.5f, -1f, 2f}));
    float[] params = p.clone();
    float[] state = opt.state();
    assertFalse(opt.ascend(p, new float[] {0.5f, Float.POSITIVE_INFINITY, 2f}));
    assertArrayEquals(params, p, 0f);
    assertArrayEquals(state, opt.state(), 0f);
    assertEquals(1, opt.steps());
    Optimizer sgd = Optimizer.of(new OptimizerConfig.Sgd(1e30), 1);
    float[] big = {Float.MAX_VALUE};
    assertFalse(sgd.ascend(big, new float[] {1e10f}), "an overflow to infinity is refused too");
    assertEquals(Float.MAX_VALUE, big[0]);
  }

  @Test
  void restoringAStateOfTheWrongSizeSaysWhatWasExpected() {
    Optimizer a = Optimizer.of(OptimizerConfig.Adam.of(0.01), 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.restore(new float[5], 1));
    assertTrue(e.getMessage().contains("has 6 values, got 5"), e.getMessage());
  }

  @Test
  void invalidHyperparametersAreRejectedWithTheirRange() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.Adam.of(0)).getMessage().contains("positive"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig.Sgd(Double.NaN)).getMessage().contains("positive"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig.RmsProp(1e-3, 1.0, 1e-5)).getMessage().contains("[0, 1)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig.Adam(1e-3, 0.9, 0.999, 0)).getMessage().contains("epsilon"));
    assertThrows(IllegalArgumentException.class, () -> Optimizer.of(new OptimizerConfig.Sgd(1), 0));
  }

  @Test
  void anAdamStateTooLargeForAnArrayIsRefusedNotANegativeArraySize() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Optimizer.of(OptimizerConfig.Adam.of(0.01), 1_500_000_000));
    assertTrue(e.getMessage().contains("at most 1073741819 parameters"), e.getMessage());
  }

  @Test
  void restoringANonFiniteOrNegativeAverageStateIsRefusedAndChangesNothing() {
    Optimizer adam = Optimizer.of(OptimizerConfig.Adam.of(0.01), 2);
    adam.ascend(new float[2], new float[] {1f, 2f});
    float[] state = adam.state();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> adam.restore(new float[] {0f, Float.NaN, 0f, Float.NaN}, 3));
    assertTrue(e.getMessage().contains("must be finite, but value 1 (of 4) is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> adam.restore(new float[] {-1f, 0f, 0f, -0.5f}, 3));
    assertTrue(e.getMessage().contains("must not be negative, but value 3 is -0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> adam.restore(new float[4], -1));
    assertTrue(e.getMessage().contains("must not be negative, got -1"), e.getMessage());
    assertArrayEquals(state, adam.state(), 0f);
    assertEquals(1, adam.steps());
    adam.restore(new float[] {-1f, 0f, -0f, 0.5f}, 3); // first moments may be negative, a zero may be -0
    Optimizer rms = Optimizer.of(OptimizerConfig.RmsProp.classic(1e-3), 2);
    e = assertThrows(IllegalArgumentException.class, () -> rms.restore(new float[] {0f, -1f}, 1));
    assertTrue(e.getMessage().contains("value 1 is -1.0"), e.getMessage());
  }
}
