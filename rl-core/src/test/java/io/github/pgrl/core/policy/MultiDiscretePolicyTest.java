package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.MultiCategorical;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultiDiscretePolicyTest {

  private static final MultiDiscrete SPACE = MultiDiscrete.of(2, 3);

  @Test
  void eachComponentIsTheSoftmaxOfItsOwnSliceOfTheOutputs() {
    // one input, no hidden layer: W is [1, 5], b the five logits; with W = 0 the logits are b
    MultiDiscretePolicy policy = MultiDiscretePolicy.builder(1, SPACE).hidden().build(new SplittableRandom(1));
    float[] logits = {0f, (float) Math.log(3), 0f, (float) Math.log(2), (float) Math.log(5)};
    float[] parameters = new float[10];
    System.arraycopy(logits, 0, parameters, 5, 5);
    policy.setParameters(parameters);

    MultiCategorical d = policy.distribution(new float[] {0.7f});

    assertArrayEquals(new double[] {0.25, 0.75}, d.component(0).toArray(), 1e-7);
    assertArrayEquals(new double[] {0.125, 0.25, 0.625}, d.component(1).toArray(), 1e-7);
    assertArrayEquals(new int[] {1, 2}, d.mode());
    assertEquals(Math.log(0.75 * 0.125), d.logProbability(new int[] {1, 0}), 1e-6);
  }

  @Test
  void theBuilderDefaultsAndTheArchitectureAreReported() {
    MultiDiscretePolicy policy = MultiDiscretePolicy.builder(4, SPACE).build(new SplittableRandom(1));

    assertEquals(4, policy.inputs());
    assertEquals(SPACE, policy.actionSpace());
    assertArrayEquals(new int[] {64}, policy.hidden());
    assertEquals(Activation.TANH, policy.activation());
    assertTrue(policy.hasBias());
    assertEquals((4 * 64 + 64) + (64 * 5 + 5), policy.parameterCount(), "Σ nvec = 5 outputs");
    assertEquals("MultiDiscretePolicy(4 -> [64] TANH -> MultiDiscrete([2, 3]))", policy.toString());
  }

  @Test
  void theBuilderRefusesBadInput() {
    IllegalArgumentException inputs =
        assertThrows(IllegalArgumentException.class, () -> MultiDiscretePolicy.builder(0, SPACE));
    assertEquals("a policy needs at least 1 input, got 0", inputs.getMessage());
    assertThrows(NullPointerException.class, () -> MultiDiscretePolicy.builder(3, null));
    assertThrows(IllegalArgumentException.class, () -> MultiDiscretePolicy.builder(3, SPACE).hidden(4, 0));
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> MultiDiscretePolicy.builder(3, MultiDiscrete.of(2, 0)));
    assertTrue(zero.getMessage().contains("(component 1 is 0)"), zero.getMessage());
  }

  @Test
  void computeGradientRefusesActionsOfAnotherShapeNamingTheStep() {
    MultiDiscretePolicy policy = MultiDiscretePolicy.builder(2, SPACE).hidden(3).build(new SplittableRandom(1));
    Objective objective = Objective.mean(new double[2], 0.0, Exploration.NONE);
    int[][] bad = {{1}, {1, 0, 0}, {2, 0}, {0, -1}};
    String[] why = {"it has 1 components, the space MultiDiscrete([2, 3]) has 2",
        "it has 3 components, the space MultiDiscrete([2, 3]) has 2", "component 0 is 2, outside 0..1",
        "component 1 is -1, outside 0..2"};
    for (int k = 0; k < bad.length; k++) {
      RecordedSteps<float[], int[]> steps = policy.newSteps();
      steps.add(new float[] {0.1f, 0.2f}, new int[] {0, 0}, null);
      steps.add(new float[] {0.3f, 0.4f}, bad[k], null);

      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> policy.computeGradient(steps, objective, null));

      assertEquals("the action of step 1, " + SPACE.describe(bad[k]) + ", is not in MultiDiscrete([2, 3]): " + why[k],
          e.getMessage());
    }
  }

  @Test
  void computeGradientRefusesExplorationSayingToUseNone() {
    MultiDiscretePolicy policy = MultiDiscretePolicy.builder(2, SPACE).hidden(3).build(new SplittableRandom(1));
    RecordedSteps<float[], int[]> steps = policy.newSteps();
    steps.add(new float[] {0.1f, 0.2f}, new int[] {0, 0}, null);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> policy.computeGradient(steps, Objective.mean(new double[1], 0.0, Exploration.sticky(0.25)), null));

    assertTrue(e.getMessage().endsWith("a MultiDiscretePolicy takes Exploration.NONE"), e.getMessage());
  }

  @Test
  void anMlpPolicyWithAsManyParametersRefusesItsCheckpointNamingTheHeadAndTheReverse() {
    // 4·8 + 8 + 8·5 + 5 = 85 parameters each: only the head tells them apart
    MultiDiscretePolicy multi = MultiDiscretePolicy.builder(4, MultiDiscrete.of(3, 2)).hidden(8)
        .build(new SplittableRandom(1));
    MlpPolicy mlp = MlpPolicy.builder(4, 5).hidden(8).build(new SplittableRandom(2));
    assertEquals(mlp.parameterCount(), multi.parameterCount());

    CheckpointFile ofMulti = new CheckpointFile();
    multi.writeState(ofMulti, "policy.");
    float[] before = mlp.parameters();
    CheckpointException intoMlp = assertThrows(CheckpointException.class, () -> mlp.readState(ofMulti, "policy."));
    assertTrue(intoMlp.getMessage().startsWith(
        "the checkpoint holds a policy whose head is MULTI_CATEGORICAL, this one's is SOFTMAX"), intoMlp.getMessage());
    assertArrayEquals(before, mlp.parameters());

    CheckpointFile ofMlp = new CheckpointFile();
    mlp.writeState(ofMlp, "policy.");
    CheckpointException intoMulti = assertThrows(CheckpointException.class, () -> multi.readState(ofMlp, "policy."));
    assertTrue(intoMulti.getMessage().startsWith(
        "the checkpoint holds a policy whose head is SOFTMAX, this one's is MULTI_CATEGORICAL"), intoMulti.getMessage());
  }

  @Test
  void aSpaceWithMoreChoicesThanANetworkCanHaveParametersIsRefused() {
    int big = 1 << 30;
    Object[][] cases = {
        {MultiDiscrete.of(Integer.MAX_VALUE, Integer.MAX_VALUE), "[2147483647, 2147483647] sums to 4294967294"},
        // the int sum wraps to 2
        {MultiDiscrete.of(big, big, big, big, 2), "[1073741824, 1073741824, 1073741824, 1073741824, 2] sums to 4294967298"}};
    for (Object[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MultiDiscretePolicy.builder(4, (MultiDiscrete) c[0]).hidden(8).build(new SplittableRandom(1)));
      assertTrue(e.getMessage().equals("a MultiDiscretePolicy has one output per choice, and nvec = " + c[1]
          + ", more than the 2147483639 parameters a network can have"), e.getMessage());
    }
  }

  @Test
  void aCheckpointWithoutAHeadEntryIsStillRead() {
    MultiDiscretePolicy saved = MultiDiscretePolicy.builder(2, MultiDiscrete.of(3, 2)).hidden(3).build(new SplittableRandom(1));
    CheckpointFile full = new CheckpointFile();
    saved.writeState(full, "policy.");
    CheckpointFile old = new CheckpointFile();
    old.putFloats("policy.parameters", full.floats("policy.parameters"));
    for (String name : new String[] {"nvec", "hidden", "activation", "bias"}) {
      old.putString("policy." + name, full.getString("policy." + name));
    }
    MultiDiscretePolicy restored =
        MultiDiscretePolicy.builder(2, MultiDiscrete.of(3, 2)).hidden(3).build(new SplittableRandom(2));
    restored.readState(old, "policy.");
    assertArrayEquals(saved.parameters(), restored.parameters());
  }

  @Test
  void aCheckpointOfAnotherArchitectureIsRefusedNamingTheDifference() {
    MultiDiscretePolicy saved = MultiDiscretePolicy.builder(2, MultiDiscrete.of(3, 2)).hidden(3).build(new SplittableRandom(1));
    CheckpointFile checkpoint = new CheckpointFile();
    saved.writeState(checkpoint, "policy.");

    MultiDiscretePolicy otherNvec = MultiDiscretePolicy.builder(2, SPACE).hidden(3).build(new SplittableRandom(2));
    CheckpointException nvec = assertThrows(CheckpointException.class, () -> otherNvec.readState(checkpoint, "policy."));
    assertTrue(nvec.getMessage().startsWith("the checkpoint holds a policy whose nvec is [3, 2], this one's is [2, 3]"),
        nvec.getMessage());

    MultiDiscretePolicy otherHidden =
        MultiDiscretePolicy.builder(2, MultiDiscrete.of(3, 2)).hidden(4).build(new SplittableRandom(2));
    CheckpointException hidden =
        assertThrows(CheckpointException.class, () -> otherHidden.readState(checkpoint, "policy."));
    assertTrue(hidden.getMessage().startsWith("the checkpoint holds a policy whose hidden is [3], this one's is [4]"),
        hidden.getMessage());

    MultiDiscretePolicy noBias =
        MultiDiscretePolicy.builder(2, MultiDiscrete.of(3, 2)).hidden(3).bias(false).build(new SplittableRandom(2));
    assertThrows(CheckpointException.class, () -> noBias.readState(checkpoint, "policy."));
    MultiDiscretePolicy relu = MultiDiscretePolicy.builder(2, MultiDiscrete.of(3, 2)).hidden(3)
        .activation(Activation.RELU).build(new SplittableRandom(2));
    assertThrows(CheckpointException.class, () -> relu.readState(checkpoint, "policy."));

    assertEquals("MULTI_CATEGORICAL", checkpoint.getString("policy.head"));
    assertEquals("[3, 2]", checkpoint.getString("policy.nvec"));
    assertEquals("TANH", checkpoint.getString("policy.activation"));
    assertEquals("true", checkpoint.getString("policy.bias"));
  }

  @Test
  void aSharerActsOnTheSameParameters() {
    MultiDiscretePolicy policy = MultiDiscretePolicy.builder(2, SPACE).hidden(3).build(new SplittableRandom(1));
    MultiDiscretePolicy sharer = policy.sharer();
    float[] x = {0.5f, -0.25f};

    policy.setParameters(new float[policy.parameterCount()]);

    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, sharer.distribution(x).component(1).toArray(), 1e-7);
    assertEquals(policy.actionSpace(), sharer.actionSpace());
  }
}
