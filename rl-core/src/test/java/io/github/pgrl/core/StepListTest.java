package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgrl.core.policy.MlpPolicy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RecordedSteps#inMemory()} keeps the steps as its Javadoc says, also when a call is refused. */
class StepListTest {

  @Test
  void aRefusedCompletionLeavesTheStepsAlignedAndTheObservationStaged() {
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    steps.add(new float[] {1f}, 0, null);
    steps.stage(new float[] {2f});
    assertThrows(NullPointerException.class, () -> steps.complete(null, 0));
    steps.complete(1, 0);
    assertEquals(2, steps.size());
    assertArrayEquals(new float[] {2f}, steps.observation(1));
    assertEquals(1, steps.action(1));
    assertEquals(0, steps.previousAction(1));
    assertNull(steps.previousAction(0));
  }

  @Test
  void floatObservationsAreCopiedWhenStaged() {
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    float[] x = {1f, 2f};
    steps.add(x, 1, null);
    x[0] = 9f;
    assertArrayEquals(new float[] {1f, 2f}, steps.observation(0));
  }

  @Test
  void arrayActionsAreCopiedWhenCompleted() {
    RecordedSteps<float[], float[]> continuous = RecordedSteps.inMemory();
    float[] a = {0.5f, -2f};
    continuous.add(new float[] {1f}, a, null);
    continuous.add(new float[] {1f}, new float[] {0f, 0f}, a);
    a[1] = -1f; // as an environment that clips the action in place
    assertArrayEquals(new float[] {0.5f, -2f}, continuous.action(0));
    assertArrayEquals(new float[] {0.5f, -2f}, continuous.previousAction(1));

    RecordedSteps<float[], int[]> multi = RecordedSteps.inMemory();
    int[] b = {2, 1};
    multi.add(new float[] {1f}, b, b);
    b[0] = 0;
    assertArrayEquals(new int[] {2, 1}, multi.action(0));
    assertArrayEquals(new int[] {2, 1}, multi.previousAction(0));
  }

  @Test
  void aRecordAppendedToItselfDoublesOnceAndDropsItsStagedStep() {
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    steps.add(new float[] {1f}, 0, null);
    steps.add(new float[] {2f}, 1, 0);
    steps.stage(new float[] {3f});
    steps.append(steps);
    assertEquals(4, steps.size());
    assertArrayEquals(new float[] {2f}, steps.observation(3));
    assertThrows(IllegalStateException.class, () -> steps.complete(0, null), "the staged step was dropped");
  }

  @Test
  void theMlpsRecordDropsItsStagedStepWhenAnInMemoryRecordIsAppended() {
    MlpPolicy policy = MlpPolicy.builder(1, 2).build(new SplittableRandom(1));
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    policy.observe(new float[] {1f}, steps);
    RecordedSteps<float[], Integer> other = RecordedSteps.inMemory();
    other.add(new float[] {2f}, 1, null);
    steps.append(other);
    assertEquals(1, steps.size());
    assertThrows(IllegalStateException.class, () -> steps.complete(0, null), "the staged step was dropped");
  }

  @Test
  void aRefusedObservationIsNotStaged() {
    MlpPolicy policy = MlpPolicy.builder(1, 2).build(new SplittableRandom(1));
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    assertThrows(IllegalArgumentException.class, () -> policy.observe(new float[] {Float.NaN}, steps));
    assertThrows(IllegalStateException.class, () -> steps.complete(0, null), "nothing was staged");
  }

  @Test
  void masksAreCopiedKeptPerStepCarriedByAppendAndDroppedByStageAndClear() {
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    assertThrows(IllegalStateException.class, () -> steps.stageMask(new boolean[] {true}));
    boolean[] mask = {true, false, true};
    steps.stage(new float[] {1f});
    steps.stageMask(mask);
    mask[0] = false;
    steps.complete(2, null);
    steps.stage(new float[] {2f});
    steps.stageMask(mask);
    steps.stage(new float[] {3f}); // a new observation drops the staged mask
    steps.complete(1, 2);
    assertArrayEquals(new boolean[] {true, false, true}, steps.validActions(0));
    assertNull(steps.validActions(1));
    RecordedSteps<float[], Integer> copy = RecordedSteps.inMemory();
    copy.append(steps);
    assertArrayEquals(new boolean[] {true, false, true}, copy.validActions(0));
    assertNull(copy.validActions(1));
    copy.validActions(0)[1] = true;
    assertArrayEquals(new boolean[] {true, false, true}, copy.validActions(0), "a copy is returned");
    copy.clear();
    copy.add(new float[] {4f}, 0, null);
    assertNull(copy.validActions(0));
  }
}
