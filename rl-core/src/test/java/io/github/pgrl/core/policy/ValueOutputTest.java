package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.ValueTargets;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The value output of an {@link MlpPolicy} sits beside the head's outputs and changes nothing of the
 * policy: the same weights give the same π and the same policy gradient to the bit, with or without it.
 */
class ValueOutputTest {

  private static final int INPUTS = 4;
  private static final int ACTIONS = 3;
  private static final int[] HIDDEN = {6, 5};

  /** The parameters of the network without its value output: the last layer's last column dropped. */
  private static float[] withoutValueColumn(float[] valued) {
    int[] sizes = {INPUTS, HIDDEN[0], HIDDEN[1], ACTIONS + 1};
    float[] out = new float[valued.length - HIDDEN[1] - 1];
    int from = 0;
    int to = 0;
    for (int l = 0; l < sizes.length - 1; l++) {
      boolean last = l == sizes.length - 2;
      int outs = sizes[l + 1];
      for (int i = 0; i < sizes[l] + 1; i++) { // the weight rows, then the bias row
        int keep = last ? outs - 1 : outs;
        System.arraycopy(valued, from, out, to, keep);
        from += outs;
        to += keep;
      }
    }
    assertEquals(valued.length, from);
    assertEquals(out.length, to);
    return out;
  }

  /** The value column's entries (weights into V, then its bias) of the valued network's flat vector. */
  private static boolean[] valueColumn(int length) {
    boolean[] mask = new boolean[length];
    int lastLayer = INPUTS * HIDDEN[0] + HIDDEN[0] + HIDDEN[0] * HIDDEN[1] + HIDDEN[1];
    for (int i = 0; i < HIDDEN[1] + 1; i++) {
      mask[lastLayer + i * (ACTIONS + 1) + ACTIONS] = true;
    }
    return mask;
  }

  private static RecordedSteps<float[], Integer> steps(MlpPolicy policy, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    for (int t = 0; t < 40; t++) {
      float[] obs = new float[INPUTS];
      for (int i = 0; i < INPUTS; i++) {
        obs[i] = (float) rng.nextDouble(-1, 1);
      }
      policy.observe(obs, steps);
      steps.complete(rng.nextInt(ACTIONS), null);
    }
    return steps;
  }

  @Test
  void theSameWeightsGiveTheSamePolicyAndPolicyGradientToTheBitWithOrWithoutTheValueOutput() {
    for (ComputePath path : new ComputePath[] {ComputePath.SPARSE_JAVA, ComputePath.DENSE_ND4J}) {
      MlpPolicy valued = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).valueOutput(true).build(new SplittableRandom(3));
      MlpPolicy plain = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).build(withoutValueColumn(valued.parameters()));
      valued.computePath(path);
      plain.computePath(path);
      float[] obs = {0.3f, -0.2f, 0.9f, 0.1f};
      assertArrayEquals(plain.probabilities(obs), valued.probabilities(obs), path.name());
      RecordedSteps<float[], Integer> a = steps(valued, 8);
      RecordedSteps<float[], Integer> b = steps(plain, 8);
      double[] weights = new SplittableRandom(4).doubles(40, -1, 1).toArray();
      Objective objective = Objective.mean(weights, 0.01, Exploration.NONE);
      assertEquals(plain.computeGradient(b, objective, null), valued.computeGradient(a, objective, null), path.name());
      float[] g = valued.gradient();
      boolean[] value = valueColumn(g.length);
      for (int i = 0; i < g.length; i++) {
        if (value[i]) {
          assertEquals(0f, g[i], path + ": the policy's objective does not depend on V, parameter " + i);
        }
      }
      assertArrayEquals(plain.gradient(), withoutValueColumn(g), path.name());
    }
  }

  /** The parameters without the value column of an output layer of {@code in} inputs, the last block. */
  private static float[] withoutLastColumn(float[] valued, int in, int outs) {
    int start = valued.length - (in * outs + outs);
    float[] out = new float[valued.length - in - 1];
    System.arraycopy(valued, 0, out, 0, start);
    int to = start;
    for (int i = 0; i < in + 1; i++) { // the weight rows, then the bias row
      System.arraycopy(valued, start + i * outs, out, to, outs - 1);
      to += outs - 1;
    }
    return out;
  }

  @Test
  void aConvolutionalNetworksValueOutputLeavesThePolicyAndItsGradientAloneAfterACombinedPass() {
    ConvPolicy valued = ConvPolicy.builder(2, 4, 4, ACTIONS).conv(3, 2, 1).hidden(4).valueOutput(true)
        .build(new SplittableRandom(3));
    ConvPolicy plain = ConvPolicy.builder(2, 4, 4, ACTIONS).conv(3, 2, 1).hidden(4).build(new SplittableRandom(4));
    plain.setParameters(withoutLastColumn(valued.parameters(), 4, ACTIONS + 1));
    SplittableRandom rng = new SplittableRandom(8);
    RecordedSteps<float[], Integer> a = valued.newSteps();
    RecordedSteps<float[], Integer> b = plain.newSteps();
    for (int t = 0; t < 20; t++) {
      float[] obs = new float[32];
      for (int i = 0; i < 32; i++) {
        obs[i] = rng.nextInt(3) == 0 ? 1f : 0f;
      }
      int action = rng.nextInt(ACTIONS);
      a.add(obs, action, null);
      b.add(obs, action, null);
    }
    assertArrayEquals(plain.distribution(a.observation(3)).toArray(), valued.distribution(a.observation(3)).toArray());
    // a combined pass first, whose value derivatives must not stay behind in the next pass
    valued.computeGradient(a, (t, lm) -> 1.0, 0.0, Exploration.NONE, 0.05, null, new double[20],
        ValueTargets.of(new double[20]), 0.5, new double[20]);
    Objective objective = Objective.mean(new SplittableRandom(4).doubles(20, -1, 1).toArray(), 0.01, Exploration.NONE);
    assertEquals(plain.computeGradient(b, objective, null), valued.computeGradient(a, objective, null));
    float[] g = valued.gradient();
    assertArrayEquals(plain.gradient(), withoutLastColumn(g, 4, ACTIONS + 1));
    int start = g.length - (4 * (ACTIONS + 1) + ACTIONS + 1);
    for (int i = 0; i < 5; i++) {
      assertEquals(0f, g[start + i * (ACTIONS + 1) + ACTIONS], "the value column, row " + i);
    }
  }

  @Test
  void theCombinedGradientWithoutAValuePartIsThePolicyGradient() {
    MlpPolicy valued = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).valueOutput(true).build(new SplittableRandom(5));
    RecordedSteps<float[], Integer> steps = steps(valued, 2);
    double[] values = valued.values(steps);
    double[] logMu = new double[40];
    // targets equal to the values: the value part's gradient is 0
    valued.computeGradient(steps, (t, lm) -> 0.5, 0.0, Exploration.NONE, 1.0 / 40, null, logMu,
        ValueTargets.of(values.clone()), 0.5, new double[40]);
    float[] combined = valued.gradient();
    valued.computeGradient(steps, (t, lm) -> 0.5, 0.0, Exploration.NONE, 1.0 / 40, null, logMu);
    assertArrayEquals(valued.gradient(), combined);
  }

  @Test
  void valuesOfRecordedStepsAreTheValuesOfTheirObservations() {
    MlpPolicy valued = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).valueOutput(true).build(new SplittableRandom(6));
    RecordedSteps<float[], Integer> steps = steps(valued, 3);
    double[] values = valued.values(steps);
    for (int t = 0; t < steps.size(); t++) {
      assertEquals(valued.value(steps.observation(t)), values[t], 0.0, "step " + t);
    }
    assertTrue(values[0] != values[1]);
  }

  @Test
  void theOutputScaleLeavesTheValueOutputsInitialWeightsAlone() {
    float[] small = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).valueOutput(true).outputScale(0.01)
        .build(new SplittableRandom(7)).parameters();
    float[] one = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).valueOutput(true).build(new SplittableRandom(7))
        .parameters();
    boolean[] value = valueColumn(one.length);
    int lastLayer = INPUTS * HIDDEN[0] + HIDDEN[0] + HIDDEN[0] * HIDDEN[1] + HIDDEN[1];
    for (int i = 0; i < one.length; i++) {
      if (value[i] || i < lastLayer) {
        assertEquals(one[i], small[i], "parameter " + i);
      } else {
        assertEquals(one[i] * 0.01, small[i], 1e-6 * Math.abs(one[i]) + 1e-12, "parameter " + i);
      }
    }
  }

  @Test
  void aPolicyWithoutAValueOutputRefusesToGiveValues() {
    MlpPolicy plain = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).build(new SplittableRandom(1));
    assertTrue(!plain.hasValueOutput());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> plain.value(new float[INPUTS]));
    assertTrue(e.getMessage().contains("valueOutput(true)"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> plain.values(plain.newSteps()));
    assertThrows(IllegalStateException.class, () -> plain.computeGradient(plain.newSteps(), (t, lm) -> 0, 0,
        Exploration.NONE, 1, null, new double[0], ValueTargets.of(new double[0]), 0.5, new double[0]));
  }

  @Test
  void theCombinedGradientRefusesAValueCoefficientThatIsNotPositiveAndFinite() {
    MlpPolicy valued = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).valueOutput(true).build(new SplittableRandom(1));
    RecordedSteps<float[], Integer> steps = steps(valued, 1);
    for (double c : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valued.computeGradient(steps,
          (t, lm) -> 0, 0, Exploration.NONE, 1, null, new double[40], ValueTargets.of(new double[40]), c,
          new double[40]));
      assertTrue(e.getMessage().contains("value coefficient"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valued.computeGradient(steps,
        (t, lm) -> 0, 0, Exploration.NONE, 1, null, new double[40], ValueTargets.of(new double[39]), 0.5,
        new double[40]));
    assertTrue(e.getMessage().contains("40 steps, 39 targets"), e.getMessage());
  }

  @Test
  void aCheckpointOfANetworkWithAValueOutputIsRefusedByOneWithoutNamingIt() {
    MlpPolicy valued = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).valueOutput(true).build(new SplittableRandom(1));
    MlpPolicy plain = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).build(new SplittableRandom(1));
    CheckpointFile cp = new CheckpointFile();
    valued.writeState(cp, "policy.");
    CheckpointException e = assertThrows(CheckpointException.class, () -> plain.readState(cp, "policy."));
    assertTrue(e.getMessage().contains("valueOutput is true"), e.getMessage());
    MlpPolicy again = MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).valueOutput(true).build(new SplittableRandom(2));
    again.readState(cp, "policy.");
    assertArrayEquals(valued.parameters(), again.parameters());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> MlpPolicy.builder(INPUTS, ACTIONS).hidden(HIDDEN).build(valued.parameters()));
    assertTrue(count.getMessage().contains("parameters, not " + valued.parameterCount()), count.getMessage());
  }
}
