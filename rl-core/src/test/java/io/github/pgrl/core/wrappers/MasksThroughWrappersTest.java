package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.vector.VectorEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wrappers that keep the actions forward the wrapped environment's {@link ActionMasks}, and say when it
 * has none; an action wrapper does not; a vector environment gives every copy's mask.
 */
class MasksThroughWrappersTest {

  /** The counter with a mask: action 0 valid on even counts, action 1 on odd ones. */
  static final class MaskedCounter extends Wrapper<float[], Integer> {
    private int count;

    MaskedCounter() {
      super(new CounterEnvironment(5));
    }

    @Override
    public boolean[] validActions() {
      boolean even = count % 2 == 0;
      return new boolean[] {even, !even};
    }

    @Override
    public boolean hasActionMasks() {
      return true;
    }

    @Override
    public float[] reset(long seed) {
      float[] x = super.reset(seed);
      count = (int) x[0];
      return x;
    }

    @Override
    public io.github.pgrl.core.Step<float[]> step(Integer action) {
      io.github.pgrl.core.Step<float[]> s = super.step(action);
      count = (int) s.observation()[0];
      return s;
    }
  }

  private static final class Identity extends ObservationWrapper<float[], float[], Integer> {
    Identity(Environment<float[], Integer> env) {
      super(env);
    }

    @Override
    protected float[] observation(float[] observation) {
      return observation;
    }

    @Override
    public Space<float[]> observationSpace() {
      return env.observationSpace();
    }
  }

  @Test
  void wrappersThatKeepTheActionsForwardTheMask() {
    List<Environment<float[], Integer>> wrapped = List.of(TimeLimit.of(new MaskedCounter(), 10),
        ShapeReward.of(new MaskedCounter(), (o, a, s) -> s.reward()), new Identity(new MaskedCounter()),
        TimeLimit.of(new Identity(TimeLimit.of(new MaskedCounter(), 10)), 10));
    for (Environment<float[], Integer> env : wrapped) {
      ActionMasks masks = ActionMasks.of(env);
      assertNotNull(masks, env + " forwards the masks");
      env.reset(0);
      assertArrayEquals(new boolean[] {true, false}, masks.validActions(), env + " after reset");
      env.step(0);
      assertArrayEquals(new boolean[] {false, true}, masks.validActions(), env + " after a step");
    }
  }

  @Test
  void aWrapperAroundAnEnvironmentWithoutMasksHasNone() {
    TimeLimit<float[], Integer> env = TimeLimit.of(new CounterEnvironment(5), 10);
    assertFalse(env.hasActionMasks());
    assertNull(ActionMasks.of(env));
    env.reset(0);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, env::validActions);
    assertTrue(e.getMessage().contains("has no action masks"), e.getMessage());
    assertNull(ActionMasks.of(new Identity(new CounterEnvironment(5))));
  }

  @Test
  void anActionWrapperDoesNotForwardTheMasksOfOtherActions() {
    ActionWrapper<float[], Integer, Integer> flipped = new ActionWrapper<>(new MaskedCounter()) {
      @Override
      protected Integer action(Integer action) {
        return 1 - action;
      }

      @Override
      public Space<Integer> actionSpace() {
        return Discrete.of(2);
      }
    };
    assertNull(ActionMasks.of(flipped));
  }

  @Test
  void aVectorEnvironmentGivesEveryCopysMaskAfterItsAutomaticReset() {
    try (VectorEnvironment<float[], Integer> vec = VectorEnvironment.of(MaskedCounter::new, 2)) {
      assertTrue(vec.hasActionMasks());
      assertThrows(IllegalStateException.class, vec::validActions);
      vec.reset(3);
      assertArrayEquals(new boolean[] {true, false}, vec.validActions().get(1));
      vec.step(List.of(0, 0));
      List<boolean[]> masks = vec.validActions();
      assertEquals(2, masks.size());
      assertArrayEquals(new boolean[] {false, true}, masks.get(0));
    }
    try (VectorEnvironment<float[], Integer> plain = VectorEnvironment.of(() -> new CounterEnvironment(3), 2)) {
      assertFalse(plain.hasActionMasks());
      plain.reset(0);
      assertThrows(UnsupportedOperationException.class, plain::validActions);
    }
  }

  @Test
  void theMaskContractRefusesAMaskOfAnotherLengthOrWithoutAValidAction() {
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> ActionMasks.requireValid(new boolean[] {true}, 2));
    assertEquals("the mask has 1 entries, for 2 actions it must have 2", length.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ActionMasks.requireValid(new boolean[2], 2));
    assertTrue(none.getMessage().startsWith("a mask with no valid action"), none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ActionMasks.requireValid(null, 2));
  }
}
