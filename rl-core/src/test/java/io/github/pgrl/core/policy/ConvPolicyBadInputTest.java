package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.space.Box;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvPolicy} refuses images that do not fit its network, naming the expected and the actual
 * shapes, and layers that do not fit the image when it is built.
 */
class ConvPolicyBadInputTest {

  private static ConvPolicy policy() {
    return ConvPolicy.builder(2, 8, 8, 3).conv(4, 3, 1).conv(3, 2, 2).hidden(5).build(new SplittableRandom(1));
  }

  private static void assertMentions(IllegalArgumentException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "the message names " + part + ": " + e.getMessage());
    }
  }

  @Test
  void anObservationOfAnotherLengthIsRefusedNamingTheShapeAndTheLength() {
    ConvPolicy policy = policy();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> policy.distribution(new float[6400]));
    assertMentions(e, "[2, 8, 8]", "128 values", "6400 values");
    assertThrows(IllegalArgumentException.class, () -> policy.observe(new float[127], policy.newSteps()));
  }

  @Test
  void recordedStepsOfAnotherLengthAreRefusedByTheGradient() {
    ConvPolicy policy = policy();
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    steps.add(new float[64], 0, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> policy.computeGradient(steps, Objective.mean(new double[] {1}, 0, Exploration.NONE), null));
    assertMentions(e, "128", "64");
  }

  @Test
  void stepsWithActionMasksAreRefusedByTheGradientAsItDoesNotApplyThem() {
    ConvPolicy policy = policy();
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    steps.stage(new float[128]);
    steps.stageMask(new boolean[] {true, true, false});
    steps.complete(0, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> policy.computeGradient(steps, Objective.mean(new double[] {1}, 0, Exploration.NONE), null));
    assertMentions(e, "action masks", "not a MaskablePolicy");
  }

  @Test
  void aBoxOfAnotherShapeIsRefusedNamingBothShapes() {
    ConvPolicy policy = policy();
    policy.requireFits(Box.of(0f, 1f, 2, 8, 8));
    IllegalArgumentException other =
        assertThrows(IllegalArgumentException.class, () -> policy.requireFits(Box.of(0f, 1f, 2, 80, 80)));
    assertMentions(other, "[2, 8, 8]", "[2, 80, 80]");
    // the same number of values in another layout is not the same image
    IllegalArgumentException transposed =
        assertThrows(IllegalArgumentException.class, () -> policy.requireFits(Box.of(0f, 1f, 8, 8, 2)));
    assertMentions(transposed, "[2, 8, 8]", "[8, 8, 2]");
    // stacked flat frames: the channels are there, the image's height and width are not
    IllegalArgumentException stackedFlat =
        assertThrows(IllegalArgumentException.class, () -> policy.requireFits(Box.of(0f, 1f, 2, 64)));
    assertMentions(stackedFlat, "[2, 8, 8]", "[2, 64]");
    IllegalArgumentException flat =
        assertThrows(IllegalArgumentException.class, () -> policy.requireFits(Box.of(0f, 1f, 128)));
    assertMentions(flat, "[2, 8, 8]", "[128]");
  }

  @Test
  void theBuilderTakesTheShapeOfAnImageBox() {
    assertArrayEquals(new int[] {2, 8, 8},
        ConvPolicy.builder(Box.of(0f, 1f, 2, 8, 8), 2).conv(1, 3, 1).build(new SplittableRandom(1)).inputShape());
    assertArrayEquals(new int[] {1, 6, 7},
        ConvPolicy.builder(Box.of(0f, 1f, 6, 7), 2).conv(1, 3, 1).build(new SplittableRandom(1)).inputShape());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConvPolicy.builder(Box.of(0f, 1f, 128), 2));
    assertMentions(e, "[channels, height, width]", "128");
  }

  @Test
  void aKernelLargerThanItsLayersInputIsRefusedAtBuild() {
    IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
        () -> ConvPolicy.builder(2, 8, 6, 2).conv(4, 7, 1).build(new SplittableRandom(1)));
    assertMentions(first, "conv layer 0", "7×7", "2×8×6");
    // 8×8 → 3×3 after a 4×4 kernel of stride 2; a 4×4 kernel does not fit that
    IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
        () -> ConvPolicy.builder(2, 8, 8, 2).conv(4, 4, 2).conv(3, 4, 1).build(new SplittableRandom(1)));
    assertMentions(second, "conv layer 1", "4×4", "4×3×3");
  }

  @Test
  void layersOfNoSizeAndNetworksWithoutConvLayersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ConvPolicy.builder(2, 8, 8, 2).conv(0, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> ConvPolicy.builder(2, 8, 8, 2).conv(4, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> ConvPolicy.builder(2, 8, 8, 2).conv(4, 3, 0));
    assertThrows(IllegalArgumentException.class, () -> ConvPolicy.builder(0, 8, 8, 2));
    assertThrows(IllegalArgumentException.class, () -> ConvPolicy.builder(2, 8, 8, 1));
    assertThrows(IllegalArgumentException.class, () -> ConvPolicy.builder(2, 8, 8, 2).hidden(4, 0));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ConvPolicy.builder(2, 8, 8, 2).hidden(4).build(new SplittableRandom(1)));
    assertMentions(none, "conv(filters, kernel, stride)");
  }

  @Test
  void aCheckpointOfAnotherArchitectureIsRefusedNamingBoth() {
    CheckpointFile file = new CheckpointFile();
    ConvPolicy.builder(2, 8, 8, 3).conv(4, 3, 1).conv(3, 2, 2).hidden(6).build(new SplittableRandom(1))
        .writeState(file, "policy.");
    ConvPolicy policy = policy();
    float[] before = policy.parameters();
    CheckpointException e = assertThrows(CheckpointException.class, () -> policy.readState(file, "policy."));
    assertTrue(e.getMessage().contains("[6]") && e.getMessage().contains("[5]"), e.getMessage());
    assertArrayEquals(before, policy.parameters(), "the parameters after refusing the checkpoint");
  }
}
