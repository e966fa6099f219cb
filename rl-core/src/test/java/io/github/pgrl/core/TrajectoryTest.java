package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrajectoryTest {

  @Test
  void keepsWhatItWasGiven() {
    Trajectory<String> t =
        Trajectory.of(List.of("a", "b"), new double[] {1, -1}, false, true, new double[] {0.5, 0.25}, 3.0);
    assertEquals(2, t.length());
    assertEquals(List.of("a", "b"), t.actions());
    assertArrayEquals(new double[] {1, -1}, t.rewards());
    assertEquals(-1.0, t.reward(1));
    assertFalse(t.terminated());
    assertTrue(t.truncated());
    assertTrue(t.hasValues());
    assertArrayEquals(new double[] {0.5, 0.25}, t.values().orElseThrow());
    assertEquals(0.25, t.value(1));
    assertEquals(3.0, t.bootstrapValue());
    assertEquals(3.0, t.valueAfterEnd());
  }

  @Test
  void valueAfterEndIsZeroWhenTerminated() {
    assertEquals(0.0, Trajectory.of(List.of(1), new double[] {1}, true, false, null, 5.0).valueAfterEnd());
    assertEquals(0.0, Trajectory.of(List.of(1), new double[] {1}, true, true, null, 5.0).valueAfterEnd());
    assertEquals(5.0, Trajectory.of(List.of(1), new double[] {1}, false, false, null, 5.0).valueAfterEnd());
    assertEquals(0.0, Trajectory.of(List.of(1), new double[] {1}, false, true).valueAfterEnd());
  }

  @Test
  void copiesTheArraysItIsGivenAndHandsOutCopies() {
    List<String> actions = new ArrayList<>(List.of("a", "b"));
    double[] rewards = {1, 2};
    double[] values = {3, 4};
    Trajectory<String> t = Trajectory.of(actions, rewards, true, false, values, 0.0);
    actions.add("c");
    rewards[0] = 99;
    values[0] = 99;
    assertEquals(List.of("a", "b"), t.actions());
    assertEquals(1.0, t.reward(0));
    assertEquals(3.0, t.value(0));
    t.rewards()[1] = 99;
    t.values().orElseThrow()[1] = 99;
    assertEquals(2.0, t.reward(1));
    assertEquals(4.0, t.value(1));
    assertThrows(UnsupportedOperationException.class, () -> t.actions().add("d"));
  }

  @Test
  void withoutValuesHasNone() {
    Trajectory<Integer> t = Trajectory.of(List.of(0), new double[] {1}, true, false);
    assertFalse(t.hasValues());
    assertTrue(t.values().isEmpty());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.value(0));
    assertTrue(e.getMessage().contains("no value estimates"), e.getMessage());
  }

  @Test
  void withValuesAttachesOrReplacesEstimates() {
    Trajectory<Integer> t = Trajectory.of(List.of(0, 1), new double[] {1, 2}, false, true);
    Trajectory<Integer> v = t.withValues(new double[] {0.1, 0.2}, 0.3);
    assertFalse(t.hasValues(), "the original is unchanged");
    assertArrayEquals(new double[] {0.1, 0.2}, v.values().orElseThrow());
    assertEquals(0.3, v.bootstrapValue());
    assertArrayEquals(t.rewards(), v.rewards());
    assertEquals(t.actions(), v.actions());
    assertTrue(v.truncated());
    Trajectory<Integer> w = v.withValues(new double[] {1, 2}, -1);
    assertArrayEquals(new double[] {1, 2}, w.values().orElseThrow());
    assertEquals(-1.0, w.valueAfterEnd());
    assertThrows(NullPointerException.class, () -> t.withValues(null, 0.0));
  }

  @Test
  void equalTrajectoriesHaveEqualHashCodes() {
    Trajectory<String> a = Trajectory.of(List.of("x"), new double[] {1}, false, true, new double[] {2}, 3);
    Trajectory<String> b = Trajectory.of(List.of("x"), new double[] {1}, false, true, new double[] {2}, 3);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, Trajectory.of(List.of("x"), new double[] {1}, false, true, new double[] {2}, 4));
    assertNotEquals(a, Trajectory.of(List.of("x"), new double[] {1}, true, true, new double[] {2}, 3));
    assertNotEquals(a, Trajectory.of(List.of("x"), new double[] {1}, false, true, null, 3));
    assertNotEquals(a, Trajectory.of(List.of("y"), new double[] {1}, false, true, new double[] {2}, 3));
  }

  @Test
  void builderCollectsStepsAndEndsInEachWay() {
    Trajectory<String> terminated = Trajectory.<String>builder().add("a", 1).add("b", 2).terminated();
    assertEquals(Trajectory.of(List.of("a", "b"), new double[] {1, 2}, true, false), terminated);
    Trajectory<String> truncated = Trajectory.<String>builder().add("a", 1, 0.5).truncated(0.7);
    assertEquals(Trajectory.of(List.of("a"), new double[] {1}, false, true, new double[] {0.5}, 0.7), truncated);
    Trajectory<String> cut = Trajectory.<String>builder().add("a", 1).cut(0.9);
    assertFalse(cut.terminated());
    assertFalse(cut.truncated());
    assertEquals(0.9, cut.valueAfterEnd());
    Trajectory<String> empty = Trajectory.<String>builder().terminated();
    assertEquals(0, empty.length());
    assertFalse(empty.hasValues());
  }

  @Test
  void builderGrowsBeyondItsInitialCapacity() {
    Trajectory.Builder<Integer> b = Trajectory.builder();
    double[] rewards = new double[100];
    double[] values = new double[100];
    for (int t = 0; t < 100; t++) {
      rewards[t] = t;
      values[t] = -t;
      b.add(t, t, -t);
      assertEquals(t + 1, b.length());
    }
    Trajectory<Integer> traj = b.terminated();
    assertEquals(100, traj.length());
    assertArrayEquals(rewards, traj.rewards());
    assertArrayEquals(values, traj.values().orElseThrow());
    assertEquals(99, traj.actions().get(99));
  }

  @Test
  void builderRefusesToMixStepsWithAndWithoutValues() {
    IllegalStateException withThenWithout =
        assertThrows(IllegalStateException.class, () -> Trajectory.<Integer>builder().add(0, 1, 0.5).add(0, 1));
    assertTrue(withThenWithout.getMessage().contains("either every step"), withThenWithout.getMessage());
    assertTrue(withThenWithout.getMessage().contains("step 1 has none"), withThenWithout.getMessage());
    IllegalStateException withoutThenWith =
        assertThrows(IllegalStateException.class, () -> Trajectory.<Integer>builder().add(0, 1).add(0, 1).add(0, 1, 0.5));
    assertTrue(withoutThenWith.getMessage().contains("step 2 has one"), withoutThenWith.getMessage());
  }

  @Test
  void builderRejectsANullActionWithoutCommittingToValuesOrNot() {
    Trajectory.Builder<Integer> b = Trajectory.builder();
    assertThrows(NullPointerException.class, () -> b.add(null, 1.0));
    assertEquals(0, b.length());
    // the rejected step must not have decided that this trajectory has no value estimates
    b.add(1, 2.0, 0.5);
    assertEquals(Trajectory.of(List.of(1), new double[] {2.0}, true, false, new double[] {0.5}, 0.0), b.terminated());
  }

  @Test
  void builderRejectsNonFiniteNumbersWhenItBuilds() {
    Trajectory.Builder<Integer> b = Trajectory.<Integer>builder().add(0, Double.NaN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::terminated);
    assertTrue(e.getMessage().contains("reward at step 0") && e.getMessage().contains("finite"), e.getMessage());
    Trajectory.Builder<Integer> v = Trajectory.<Integer>builder().add(0, 1.0, 0.0).add(1, 1.0, Double.POSITIVE_INFINITY);
    IllegalArgumentException ev = assertThrows(IllegalArgumentException.class, () -> v.truncated(0.0));
    assertTrue(ev.getMessage().contains("value estimate at step 1"), ev.getMessage());
    IllegalArgumentException eb =
        assertThrows(IllegalArgumentException.class, () -> Trajectory.<Integer>builder().add(0, 1.0).cut(Double.NaN));
    assertTrue(eb.getMessage().contains("bootstrap value must be finite"), eb.getMessage());
  }

  @Test
  void toStringShowsLengthEndingAndReturn() {
    String s = Trajectory.of(List.of(0, 0, 0), new double[] {1, 2, 3}, true, false).toString();
    assertTrue(s.contains("length=3") && s.contains("terminated=true") && s.contains("return=6.0"), s);
  }
}
