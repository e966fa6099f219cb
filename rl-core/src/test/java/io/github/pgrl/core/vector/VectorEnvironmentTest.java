package io.github.pgrl.core.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.util.RestorableRandom;
import io.github.pgrl.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VectorEnvironmentTest {

  /**
   * A random walk from a seeded start, with a random drift on every step; ends (terminated) beyond ±5 or
   * (truncated) after 12 steps. {@link Restorable}.
   */
  static final class Walk implements Environment<float[], Integer>, Restorable {
    private RestorableRandom rng = new RestorableRandom(0);
    private double x;
    private int t;
    private boolean running;

    @Override public Space<float[]> observationSpace() { return Box.of(-100f, 100f, 1); }
    @Override public Space<Integer> actionSpace() { return Discrete.of(2); }
    @Override public float[] reset(long seed) { rng = new RestorableRandom(seed); return reset(); }
    @Override public float[] reset() {
      x = rng.nextInt(-2, 3);
      t = 0;
      running = true;
      return new float[] {(float) x};
    }
    @Override public Step<float[]> step(Integer a) {
      if (!running) {
        throw new IllegalStateException("no episode");
      }
      x += (a == 1 ? 1 : -1) + rng.nextDouble(-0.5, 0.5);
      t++;
      boolean term = Math.abs(x) > 5;
      boolean trunc = !term && t >= 12;
      running = !(term || trunc);
      return Step.of(new float[] {(float) x}, x, term, trunc);
    }
    @Override public void close() {}

    @Override
    public void writeState(CheckpointFile checkpoint, String prefix) {
      checkpoint.putLong(prefix + "rng.seed", rng.seed());
      checkpoint.putLong(prefix + "rng.draws", rng.draws());
      checkpoint.putDoubles(prefix + "x", new double[] {x});
      checkpoint.putLong(prefix + "t", t);
      checkpoint.putLong(prefix + "running", running ? 1 : 0);
    }

    @Override
    public void readState(CheckpointFile checkpoint, String prefix) {
      StateReader in = new StateReader(checkpoint, prefix);
      long seed = in.getLong("rng.seed");
      long draws = in.count("rng.draws", 0, Long.MAX_VALUE);
      double x = in.doubles("x", 1)[0];
      int t = (int) in.count("t", 0, 12);
      boolean running = in.flag("running");
      rng = RestorableRandom.at(seed, draws);
      this.x = x;
      this.t = t;
      this.running = running;
    }
  }

  /** The walk without its {@link Restorable} side: a copy that cannot be saved. */
  static final class PlainWalk implements Environment<float[], Integer> {
    private final Walk walk = new Walk();
    @Override public Space<float[]> observationSpace() { return walk.observationSpace(); }
    @Override public Space<Integer> actionSpace() { return walk.actionSpace(); }
    @Override public float[] reset(long seed) { return walk.reset(seed); }
    @Override public float[] reset() { return walk.reset(); }
    @Override public Step<float[]> step(Integer a) { return walk.step(a); }
    @Override public void close() {}
  }

  private static List<String> play(VectorEnvironment<float[], Integer> v, long seed, int steps) {
    List<String> trace = new ArrayList<>();
    for (float[] o : v.reset(seed)) {
      trace.add("reset " + o[0]);
    }
    trace.addAll(steps(v, new SplittableRandom(seed), steps));
    return trace;
  }

  /** Steps with random actions; each step's outcome per copy, as text that keeps every float's bits. */
  private static List<String> steps(VectorEnvironment<float[], Integer> v, SplittableRandom actions, int steps) {
    List<String> trace = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      List<Integer> a = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        a.add(actions.nextInt(2));
      }
      VectorStep<float[]> st = v.step(a);
      for (int i = 0; i < v.size(); i++) {
        trace.add(s + "/" + i + " " + st.observations().get(i)[0] + " " + st.rewards()[i] + " " + st.terminated()[i] + " "
            + st.truncated()[i] + " " + (st.finalObservations().get(i) == null ? "-" : st.finalObservations().get(i)[0]));
      }
    }
    return trace;
  }

  @Property(tries = 10)
  void threadedStepsEqualSequentialStepsWhateverTheNumberOfThreads(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int copies, @ForAll @IntRange(min = 2, max = 4) int threads) {
    try (VectorEnvironment<float[], Integer> seq = VectorEnvironment.of(Walk::new, copies);
        VectorEnvironment<float[], Integer> par = VectorEnvironment.threaded(Walk::new, copies, threads)) {
      assertEquals(play(seq, seed, 60), play(par, seed, 60));
    }
  }

  @Property(tries = 10)
  void aSavedVectorEnvironmentResumesWithTheSameStepsAutomaticResetsIncludedThreadedOrNot(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5) int copies, @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 0, max = 40) int before) {
    List<String> expected;
    CheckpointFile written = new CheckpointFile();
    try (VectorEnvironment<float[], Integer> v = VectorEnvironment.threaded(Walk::new, copies, threads)) {
      assertTrue(v.isRestorable());
      play(v, seed, before);
      v.writeState(written, "vector.");
      expected = steps(v, new SplittableRandom(~seed), 60);
    }
    CheckpointFile read = CheckpointFile.fromBytes(written.toBytes(), "the vector environment's state");
    for (int t : new int[] {1, threads + 1}) {
      try (VectorEnvironment<float[], Integer> w = VectorEnvironment.threaded(Walk::new, copies, t)) {
        play(w, seed + 1, 7);
        w.readState(read, "vector.");
        assertEquals(expected, steps(w, new SplittableRandom(~seed), 60), "read into a used one on " + t + " threads");
      }
    }
  }

  @Test
  void aStateWrittenBeforeTheFirstResetRestoresOneNotStarted() {
    CheckpointFile written = new CheckpointFile();
    try (VectorEnvironment<float[], Integer> v = VectorEnvironment.of(Walk::new, 2);
        VectorEnvironment<float[], Integer> w = VectorEnvironment.of(Walk::new, 2)) {
      v.writeState(written, "");
      play(w, 3, 5);
      w.readState(written, "");
      assertTrue(assertThrows(IllegalStateException.class, () -> w.step(List.of(0, 0))).getMessage()
          .contains("before reset"));
      assertEquals(play(v, 8, 30), play(w, 8, 30));
    }
  }

  @Test
  void aDamagedStateIsRefusedNamingTheEntryAndChangesNothingNotEvenTheCopiesReadBeforeIt() {
    CheckpointFile written = new CheckpointFile();
    try (VectorEnvironment<float[], Integer> v = VectorEnvironment.of(Walk::new, 3)) {
      play(v, 5, 9);
      v.writeState(written, "v.");
    }
    List<CheckpointFile> damaged = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    damaged.add(copy(written).putLong("v.resets.1", -1));
    messages.add("the entry 'v.resets.1' is -1; allowed are 0 to ");
    damaged.add(copy(written).putLong("v.copies", 4));
    messages.add("the entry 'v.copies' is 4, but this vector environment has 3 copies");
    damaged.add(copy(written).putLong("v.started", 2));
    messages.add("the entry 'v.started' is 2; a flag is 0 or 1");
    // the last copy's state is refused after the first two were read: they must be put back
    damaged.add(copy(written).putDoubles("v.copy.2.x", new double[] {Double.NaN}));
    messages.add("the entry 'v.copy.2.x' holds NaN at index 0; every value must be finite");
    for (int d = 0; d < damaged.size(); d++) {
      try (VectorEnvironment<float[], Integer> target = VectorEnvironment.of(Walk::new, 3);
          VectorEnvironment<float[], Integer> twin = VectorEnvironment.of(Walk::new, 3)) {
        play(target, 11, 4);
        play(twin, 11, 4);
        CheckpointFile bad = damaged.get(d);
        CheckpointException e = assertThrows(CheckpointException.class, () -> target.readState(bad, "v."));
        assertTrue(e.getMessage().contains(messages.get(d)), e.getMessage());
        assertEquals(steps(twin, new SplittableRandom(d), 40), steps(target, new SplittableRandom(d), 40),
            "after refusing " + messages.get(d));
      }
    }
  }

  @Test
  void aCopyThatCannotRestoreIsNamed() {
    try (VectorEnvironment<float[], Integer> v = VectorEnvironment.of(PlainWalk::new, 2)) {
      v.reset(1);
      assertFalse(v.isRestorable());
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> v.writeState(new CheckpointFile(), ""));
      assertTrue(e.getMessage().startsWith("copy 0 of the vector environment") && e.getMessage().contains(
          PlainWalk.class.getName()), e.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> v.readState(new CheckpointFile(), ""));
    }
  }

  /** A copy of a checkpoint's entries (all of them longs or double arrays here). */
  private static CheckpointFile copy(CheckpointFile cp) {
    CheckpointFile out = new CheckpointFile();
    for (String name : cp.names()) {
      try {
        out.putLong(name, cp.getLong(name));
      } catch (CheckpointException notLong) {
        out.putDoubles(name, cp.doubles(name));
      }
    }
    return out;
  }

  @Test
  void anEndedEpisodeReportsItsLastObservationAndTheCopyStartsTheNextWithItsOwnSeed() {
    try (VectorEnvironment<float[], Integer> v = VectorEnvironment.of(Walk::new, 3)) {
      v.reset(9);
      int done = 0;
      for (int s = 0; s < 40; s++) {
        VectorStep<float[]> st = v.step(List.of(1, 1, 1));
        for (int i = 0; i < 3; i++) {
          if (st.done(i)) {
            done++;
            assertTrue(st.finalObservations().get(i) != null);
            assertEquals(st.rewards()[i], st.finalObservations().get(i)[0], 1e-6, "the reward belongs to the ended step");
            assertTrue(Math.abs(st.observations().get(i)[0]) <= 2, "the next episode starts near 0");
          } else {
            assertNull(st.finalObservations().get(i));
          }
        }
      }
      assertTrue(done > 3);
    }
  }

  @Test
  void copyIIsResetWithTheDerivedSeed() {
    try (VectorEnvironment<float[], Integer> v = VectorEnvironment.of(Walk::new, 4)) {
      List<float[]> first = v.reset(5);
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(new Walk().reset(Seeds.derive(5, i, Seeds.ENVIRONMENT)), first.get(i));
      }
    }
  }

  @Test
  void misuseIsRejectedWithAClearMessage() {
    try (VectorEnvironment<float[], Integer> v = VectorEnvironment.of(Walk::new, 2)) {
      assertTrue(assertThrows(IllegalStateException.class, () -> v.step(List.of(0, 0))).getMessage().contains("before reset"));
      v.reset(1);
      assertTrue(assertThrows(IllegalArgumentException.class, () -> v.step(List.of(0))).getMessage().contains("one action per copy"));
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> VectorEnvironment.of(Walk::new, 0)).getMessage().contains("at least 1 copy"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> VectorEnvironment.threaded(Walk::new, 2, 0)).getMessage().contains("at least 1 thread"));
  }
}
