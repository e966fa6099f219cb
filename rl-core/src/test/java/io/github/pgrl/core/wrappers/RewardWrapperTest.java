package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;
import org.junit.jupiter.api.Test;

class RewardWrapperTest {

  /** Maps every reward r to 10 r - 1. */
  private static final class Affine extends RewardWrapper<float[], Integer> {
    Affine(Environment<float[], Integer> env) {
      super(env);
    }

    @Override
    protected double reward(double reward) {
      return 10.0 * reward - 1.0;
    }
  }

  @Test
  void transformsEveryRewardAndNothingElse() {
    CounterEnvironment inner = new CounterEnvironment(2);
    Affine env = new Affine(inner);
    assertArrayEquals(new float[] {0f}, env.reset());
    Step<float[]> s1 = env.step(1);
    assertEquals(9.0, s1.reward());
    assertArrayEquals(new float[] {1f}, s1.observation());
    assertFalse(s1.done());
    assertEquals(1, s1.info().get(CounterEnvironment.COUNT));
    Step<float[]> s2 = env.step(0);
    assertEquals(-1.0, s2.reward());
    assertTrue(s2.terminated());
    assertFalse(s2.truncated());
    assertEquals(2, s2.info().get(CounterEnvironment.COUNT));
  }

  @Test
  void keepsTheTruncatedFlagOfAnInnerTimeLimit() {
    Affine env = new Affine(TimeLimit.of(new CounterEnvironment(5), 1));
    env.reset();
    Step<float[]> s = env.step(1);
    assertTrue(s.truncated());
    assertEquals(9.0, s.reward());
  }

  @Test
  void delegatesSpacesResetAndClose() {
    CounterEnvironment inner = new CounterEnvironment(2);
    Affine env = new Affine(inner);
    assertSame(inner.actionSpace(), env.actionSpace());
    assertSame(inner.observationSpace(), env.observationSpace());
    env.reset(11L);
    assertEquals(1, inner.resets());
    env.close();
    assertEquals(1, inner.closes());
  }
}
