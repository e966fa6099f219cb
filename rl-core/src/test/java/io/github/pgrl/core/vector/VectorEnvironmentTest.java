package io.github.pgrl.core.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VectorEnvironmentTest {

  /** A random walk from a seeded start; ends (terminated) beyond ±5 or (truncated) after 12 steps. */
  static final class Walk implements Environment<float[], Integer> {
    private SplittableRandom rng = new SplittableRandom(0);
    private double x;
    private int t;
    private boolean running;

    @Override public Space<float[]> observationSpace() { return Box.of(-100f, 100f, 1); }
    @Override public Space<Integer> actionSpace() { return Discrete.of(2); }
    @Override public float[] reset(long seed) { rng = new SplittableRandom(seed); return reset(); }
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
  }

  private static List<String> play(VectorEnvironment<float[], Integer> v, long seed, int steps) {
    List<String> trace = new ArrayList<>();
    SplittableRandom actions = new SplittableRandom(seed);
    for (float[] o : v.reset(seed)) {
      trace.add("reset " + o[0]);
    }
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
