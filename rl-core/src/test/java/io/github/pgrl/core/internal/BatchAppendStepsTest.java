package io.github.pgrl.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgrl.core.RecordedSteps;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A batch copies chosen steps of another batch directly; the result is that of staging each step anew. */
class BatchAppendStepsTest {

  @Property(tries = 50, seed = "7")
  void copyingRowsEqualsStagingTheStepsAnew(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Batch source = new Batch(12);
    for (int t = 0; t < n; t++) {
      float[] obs = new float[12];
      for (int i = 0; i < 12; i++) {
        obs[i] = rng.nextInt(3) == 0 ? (float) rng.nextDouble(-1, 1) : 0f;
      }
      int a = rng.nextInt(3);
      source.stage(obs);
      if (rng.nextBoolean()) {
        boolean[] mask = {rng.nextBoolean(), rng.nextBoolean(), rng.nextBoolean()};
        mask[a] = true;
        source.stageMask(mask);
      }
      source.complete(a, t == 0 ? null : rng.nextInt(3));
    }
    int[] picks = rng.ints(rng.nextInt(1, 2 * n + 1), 0, n).toArray();
    Batch copied = new Batch(12);
    copied.add(new float[12], 0, -1); // a step before, so that rows start after others
    copied.appendSteps(source, picks);
    RecordedSteps<float[], Integer> restaged = RecordedSteps.inMemory();
    restaged.add(new float[12], 0, null);
    restaged.appendSteps(source, picks);
    assertEquals(restaged.size(), copied.size());
    for (int t = 0; t < copied.size(); t++) {
      assertArrayEquals(restaged.observation(t), copied.observation(t), "observation " + t);
      assertEquals(restaged.action(t), copied.action(t));
      assertEquals(restaged.previousAction(t), copied.previousAction(t));
      assertArrayEquals(restaged.validActions(t), copied.validActions(t), "mask " + t);
    }
  }

  @Property(tries = 5)
  void anIndexOutOfRangeIsRefused(@ForAll @IntRange(min = -3, max = -1) int below) {
    Batch source = new Batch(2);
    source.add(new float[] {1, 0}, 0, -1);
    Batch copy = new Batch(2);
    assertThrows(IndexOutOfBoundsException.class, () -> copy.appendSteps(source, new int[] {below}));
    assertThrows(IndexOutOfBoundsException.class, () -> copy.appendSteps(source, new int[] {1}));
  }

  @Property(tries = 3)
  void aRefusedCallAppendsNothingAndAStagedStepIsDropped(@ForAll @IntRange(min = 2, max = 5) int bad) {
    Batch source = new Batch(2);
    source.add(new float[] {1, 0}, 0, -1);
    Batch copy = new Batch(2);
    assertThrows(IndexOutOfBoundsException.class, () -> copy.appendSteps(source, new int[] {0, bad}));
    assertEquals(0, copy.size(), "the good index before the bad one was not appended");
    copy.stage(new float[] {0, 1});
    copy.appendSteps(source, new int[0]);
    assertThrows(IllegalStateException.class, () -> copy.completeStep(0, -1), "the staged step was dropped");
    RecordedSteps<float[], Integer> list = RecordedSteps.inMemory();
    assertThrows(IndexOutOfBoundsException.class, () -> list.appendSteps(source, new int[] {0, bad}));
    assertEquals(0, list.size());
  }
}
