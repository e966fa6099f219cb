package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Discrete;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservationWrapperTest {

  /**
   * Turns the count into an Integer plus the count of the previous observation (a stateful transform,
   * like a frame difference), forgetting the previous episode on reset. Logs every call.
   */
  private static final class SumOfLastTwo extends ObservationWrapper<float[], Integer, Integer> {
    final List<String> log = new ArrayList<>();
    private int previous;

    SumOfLastTwo(Environment<float[], Integer> env) {
      super(env);
    }

    @Override
    public Space<Integer> observationSpace() {
      return Discrete.of(100);
    }

    @Override
    protected void onReset() {
      log.add("onReset");
      previous = 0;
    }

    @Override
    protected Integer observation(float[] observation) {
      log.add("observation(" + observation[0] + ")");
      int now = (int) observation[0];
      int out = now + previous;
      previous = now;
      return out;
    }
  }

  @Test
  void transformsTheFirstObservationAndEveryStepsObservation() {
    SumOfLastTwo env = new SumOfLastTwo(new CounterEnvironment(3));
    assertEquals(0, env.reset());
    assertEquals(1, env.step(1).observation());
    assertEquals(3, env.step(1).observation());
    assertEquals(5, env.step(1).observation());
  }

  @Test
  void callsOnResetBeforeTransformingTheFirstObservationOfEveryEpisode() {
    SumOfLastTwo env = new SumOfLastTwo(new CounterEnvironment(2));
    env.reset();
    env.step(0);
    env.step(0);
    assertEquals(0, env.reset(5L), "the previous episode must be forgotten");
    assertEquals(
        List.of("onReset", "observation(0.0)", "observation(1.0)", "observation(2.0)", "onReset", "observation(0.0)"),
        env.log);
  }

  @Test
  void keepsRewardFlagsAndInfo() {
    SumOfLastTwo env = new SumOfLastTwo(TimeLimit.of(new CounterEnvironment(2), 2));
    env.reset();
    Step<Integer> s1 = env.step(1);
    assertEquals(1.0, s1.reward());
    Step<Integer> s2 = env.step(0);
    assertEquals(0.0, s2.reward());
    assertTrue(s2.terminated());
    assertTrue(s2.truncated());
    assertEquals(2, s2.info().get(CounterEnvironment.COUNT));
  }

  @Test
  void delegatesTheActionSpaceAndClose() {
    CounterEnvironment inner = new CounterEnvironment(2);
    SumOfLastTwo env = new SumOfLastTwo(inner);
    assertSame(inner.actionSpace(), env.actionSpace());
    assertEquals(Discrete.of(100), env.observationSpace());
    assertSame(inner, env.inner());
    env.close();
    assertEquals(1, inner.closes());
  }
}
