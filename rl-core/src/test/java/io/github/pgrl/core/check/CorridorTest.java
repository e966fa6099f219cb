package io.github.pgrl.core.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Step;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class CorridorTest implements EnvironmentContract<float[], Integer> {

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return Corridor.correct();
  }

  @Property(tries = 20)
  void walkingRightCostsOneHundredthPerStepAndPaysOneAtTheTerminatingEnd(@ForAll long seed) {
    try (Corridor corridor = Corridor.correct()) {
      int start = (int) corridor.reset(seed)[0];
      int stepsToEnd = Corridor.LENGTH - 1 - start;
      for (int t = 1; t < stepsToEnd; t++) {
        Step<float[]> step = corridor.step(1);
        assertEquals(-0.01, step.reward());
        assertFalse(step.done(), "step " + t + " of " + stepsToEnd);
      }
      Step<float[]> last = corridor.step(1);
      assertEquals(1.0, last.reward());
      assertTrue(last.terminated());
      assertFalse(last.truncated());
      assertArrayEquals(new float[] {Corridor.LENGTH - 1}, last.observation());
    }
  }

  @Example
  void theLeftWallStopsTheWalker() {
    try (Corridor corridor = Corridor.correct()) {
      corridor.reset(3);
      for (int t = 0; t < Corridor.LENGTH; t++) {
        corridor.step(0);
      }
      assertEquals(0, corridor.position());
      assertArrayEquals(new float[] {0f}, corridor.step(0).observation());
    }
  }

  @Property(tries = 20)
  void startsSomewhereLeftOfTheEnd(@ForAll long seed) {
    try (Corridor corridor = Corridor.correct()) {
      float start = corridor.reset(seed)[0];
      assertTrue(start >= 0 && start <= Corridor.LENGTH - 2, "start " + start);
    }
  }

  /** The contract must copy observations: this environment writes every one into the same array. */
  @Example
  void reusesOneObservationBuffer() {
    try (Corridor corridor = Corridor.correct()) {
      float[] first = corridor.reset(1);
      assertSame(first, corridor.step(1).observation());
    }
  }
}
