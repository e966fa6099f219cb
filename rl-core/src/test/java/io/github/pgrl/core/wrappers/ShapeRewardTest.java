package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.shaping.PotentialBasedShaper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeRewardTest {

  @Test
  void returnsTheShapedRewardAndKeepsTheRawOneInInfo() {
    ShapeReward<float[], Integer> env =
        ShapeReward.of(new CounterEnvironment(3), RewardShaper.<float[], Integer>scaled(10.0).andThen((o, a, s) -> s.reward() + 0.5));
    env.reset();
    Step<float[]> s = env.step(1);
    assertEquals(10.5, s.reward());
    assertEquals(Double.valueOf(1.0), s.info().get(ShapeReward.RAW_REWARD));
    Step<float[]> s2 = env.step(0);
    assertEquals(0.5, s2.reward());
    assertEquals(Double.valueOf(0.0), s2.info().get(ShapeReward.RAW_REWARD));
  }

  @Test
  void keepsObservationFlagsAndTheWrappedInfo() {
    ShapeReward<float[], Integer> env = ShapeReward.of(new CounterEnvironment(2), RewardShaper.scaled(-1.0));
    env.reset();
    env.step(0);
    Step<float[]> last = env.step(1);
    assertArrayEquals(new float[] {2f}, last.observation());
    assertTrue(last.terminated());
    assertFalse(last.truncated());
    assertEquals(2, last.info().get(CounterEnvironment.COUNT));
    assertEquals(2, last.info().size());
  }

  @Test
  void showsTheShaperTheObservationBeforeTheActionTheActionAndTheOutcome() {
    record Call(float before, int action, float after, double reward) {}
    List<Call> calls = new ArrayList<>();
    RewardShaper<float[], Integer> recording =
        (o, a, s) -> {
          calls.add(new Call(o[0], a, s.observation()[0], s.reward()));
          return s.reward();
        };
    ShapeReward<float[], Integer> env = ShapeReward.of(new CounterEnvironment(2), recording);
    env.reset();
    env.step(1);
    env.step(0);
    env.reset(42L);
    env.step(1);
    assertEquals(
        List.of(new Call(0f, 1, 1f, 1.0), new Call(1f, 0, 2f, 0.0), new Call(0f, 1, 1f, 1.0)), calls,
        "after a reset the shaper must see the new episode's first observation");
  }

  @Test
  void rejectsAShaperThatReturnsNaN() {
    ShapeReward<float[], Integer> env = ShapeReward.of(new CounterEnvironment(3), (o, a, s) -> Double.NaN);
    env.reset();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(1));
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("finite"), e.getMessage());
  }

  @Test
  void rejectsAShaperThatReturnsAnInfiniteReward() {
    ShapeReward<float[], Integer> env =
        ShapeReward.of(new CounterEnvironment(3), (o, a, s) -> a == 1 ? Double.NEGATIVE_INFINITY : s.reward());
    env.reset();
    assertEquals(0.0, env.step(0).reward());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(1));
    assertTrue(e.getMessage().contains("-Infinity"), e.getMessage());
  }

  @Test
  void shapesAPotentialBasedEpisodeSoThatItsUndiscountedReturnTelescopes() {
    // gamma = 1, phi(s) = 2 * count: terminated by default, so the shaped return is the raw one minus phi(s_0) = 0
    // but with the terminal potential kept it gains phi(s_T) = 2 * 4.
    PotentialBasedShaper<float[], Integer> shaper = PotentialBasedShaper.of(1.0, o -> 2.0 * o[0]);
    ShapeReward<float[], Integer> keep = ShapeReward.of(new CounterEnvironment(4), shaper.keepingTerminalPotential());
    ShapeReward<float[], Integer> zero = ShapeReward.of(new CounterEnvironment(4), shaper);
    keep.reset();
    zero.reset();
    double kept = 0;
    double zeroed = 0;
    double raw = 0;
    for (int t = 0; t < 4; t++) {
      int a = t % 2;
      Step<float[]> k = keep.step(a);
      kept += k.reward();
      zeroed += zero.step(a).reward();
      raw += (Double) k.info().get(ShapeReward.RAW_REWARD);
    }
    assertEquals(2.0, raw);
    assertEquals(2.0 + 8.0, kept, 1e-12);
    assertEquals(2.0, zeroed, 1e-12);
  }

  @Test
  void rejectsANullShaper() {
    assertThrows(NullPointerException.class, () -> ShapeReward.of(new CounterEnvironment(1), null));
  }
}
