package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Objective;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Java path's backward pass through wide hidden layers (at least 16 outputs, whose input gradients it
 * computes from a transposed copy of the weights) against the ND4J path, before and after the parameters
 * change by an optimizer step and by {@code setParameters}: a stale copy would give the old gradient.
 */
class WideLayersTest {

  @Test
  void theJavaGradientThroughWideLayersFollowsEveryChangeOfTheParameters() {
    for (Activation activation : Activation.values()) {
      SplittableRandom rng = new SplittableRandom(3);
      MlpPolicy java = MlpPolicy.builder(6, 3).hidden(24, 20, 17).activation(activation).build(rng);
      MlpPolicy nd4j = MlpPolicy.builder(6, 3).hidden(24, 20, 17).activation(activation).build(java.parameters());
      java.computePath(ComputePath.SPARSE_JAVA);
      nd4j.computePath(ComputePath.DENSE_ND4J);
      RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
      for (int t = 0; t < 20; t++) {
        float[] obs = new float[6];
        for (int i = 0; i < 6; i++) {
          obs[i] = (float) rng.nextDouble(-1, 1);
        }
        steps.add(obs, rng.nextInt(3), null);
      }
      Objective objective = Objective.mean(rng.doubles(20, -1, 1).toArray(), 0.01, Exploration.NONE);
      Optimizer step = Optimizer.of(OptimizerConfig.Adam.of(0.05), java.parameterCount());
      for (int round = 0; round < 3; round++) {
        java.computeGradient(steps, objective, null);
        nd4j.computeGradient(steps, objective, null);
        float[] a = java.gradient();
        float[] b = nd4j.gradient();
        for (int i = 0; i < a.length; i++) {
          assertEquals(b[i], a[i], 1e-5 + 1e-4 * Math.abs(b[i]), activation + ", round " + round + ", parameter " + i);
        }
        if (round == 0) {
          step.ascend(java, null);
        } else {
          float[] moved = java.parameters();
          moved[moved.length / 2] += 0.5f; // a weight of a wide layer
          java.setParameters(moved);
        }
        nd4j.setParameters(java.parameters());
      }
    }
  }
}
