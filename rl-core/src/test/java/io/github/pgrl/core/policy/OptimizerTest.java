package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.util.Nd4jSetup;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTest {

  private static float[] step(OptimizerConfig config, float[] gradient, int times) {
    Nd4jSetup.ensure();
    Optimizer opt = Optimizer.of(config, gradient.length);
    INDArray params = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, gradient.length);
    for (int i = 0; i < times; i++) {
      opt.ascend(params, Nd4j.createFromArray(gradient.clone()));
    }
    return params.toFloatVector();
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
    Nd4jSetup.ensure();
    Optimizer a = Optimizer.of(OptimizerConfig.Adam.of(0.01), 3);
    INDArray pa = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3);
    a.ascend(pa, Nd4j.createFromArray(1f, 2f, 3f));
    Optimizer b = Optimizer.of(OptimizerConfig.Adam.of(0.01), 3);
    b.restore(a.state(), a.steps());
    INDArray pb = pa.dup();
    a.ascend(pa, Nd4j.createFromArray(-1f, 0.5f, 2f));
    b.ascend(pb, Nd4j.createFromArray(-1f, 0.5f, 2f));
    assertArrayEquals(pa.toFloatVector(), pb.toFloatVector(), 0f);
    assertEquals(2, b.steps());
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
}
