package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.space.Discrete;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionWrapperTest {

  /** Three actions onto the counter's two: 0 -> 0, 1 -> 1, 2 -> 1. Counts translations. */
  private static final class ThreeOntoTwo extends ActionWrapper<float[], Integer, Integer> {
    int translations;

    ThreeOntoTwo(Environment<float[], Integer> env) {
      super(env);
    }

    @Override
    public Space<Integer> actionSpace() {
      return Discrete.of(3);
    }

    @Override
    protected Integer action(Integer action) {
      translations++;
      return action == 0 ? 0 : 1;
    }
  }

  @Test
  void translatesActionsBeforeTheyReachTheWrappedEnvironment() {
    CounterEnvironment inner = new CounterEnvironment(5);
    ThreeOntoTwo env = new ThreeOntoTwo(inner);
    env.reset();
    assertEquals(1.0, env.step(2).reward());
    assertEquals(0.0, env.step(0).reward());
    assertEquals(1.0, env.step(1).reward());
    assertEquals(List.of(1, 0, 1), inner.received());
  }

  @Test
  void rejectsAnActionOutsideItsOwnSpaceNamingActionAndSpace() {
    CounterEnvironment inner = new CounterEnvironment(5);
    ThreeOntoTwo env = new ThreeOntoTwo(inner);
    env.reset();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(3));
    assertTrue(e.getMessage().contains("3"), e.getMessage());
    assertTrue(e.getMessage().contains("Discrete(3)"), "must name the wrapper's space: " + e.getMessage());
    assertEquals(0, env.translations, "a rejected action must not be translated");
    assertTrue(inner.received().isEmpty());
  }

  @Test
  void rejectsNegativeAndNullActions() {
    ThreeOntoTwo env = new ThreeOntoTwo(new CounterEnvironment(5));
    env.reset();
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> env.step(-1));
    assertTrue(negative.getMessage().contains("-1") && negative.getMessage().contains("Discrete(3)"), negative.getMessage());
    IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> env.step(null));
    assertTrue(absent.getMessage().contains("null") && absent.getMessage().contains("Discrete(3)"), absent.getMessage());
  }

  @Test
  void acceptsAnActionTheWrappedSpaceWouldRefuse() {
    CounterEnvironment inner = new CounterEnvironment(5);
    ThreeOntoTwo env = new ThreeOntoTwo(inner);
    env.reset();
    assertFalse(inner.actionSpace().contains(2));
    assertEquals(1.0, env.step(2).reward());
  }

  @Test
  void passesTheWrappedEnvironmentsStateErrorsThrough() {
    ThreeOntoTwo env = new ThreeOntoTwo(new CounterEnvironment(1));
    IllegalStateException before = assertThrows(IllegalStateException.class, () -> env.step(1));
    assertEquals(CounterEnvironment.NOT_STARTED, before.getMessage());
    env.reset();
    env.step(1);
    IllegalStateException after = assertThrows(IllegalStateException.class, () -> env.step(1));
    assertEquals(CounterEnvironment.ENDED, after.getMessage());
  }

  @Test
  void delegatesObservationSpaceResetAndClose() {
    CounterEnvironment inner = new CounterEnvironment(2);
    ThreeOntoTwo env = new ThreeOntoTwo(inner);
    assertSame(inner.observationSpace(), env.observationSpace());
    assertSame(inner, env.inner());
    env.reset(1L);
    env.reset();
    assertEquals(2, inner.resets());
    env.close();
    assertEquals(1, inner.closes());
  }
}
