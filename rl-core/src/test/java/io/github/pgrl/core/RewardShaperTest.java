package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardShaperTest {

  private static Step<String> outcome(double reward) {
    return new Step<>("next", reward, false, true, Map.of("k", 7));
  }

  @Test
  void identityLeavesTheRewardAsItIs() {
    RewardShaper<String, Integer> id = RewardShaper.identity();
    assertEquals(-3.25, id.shape("s", 1, outcome(-3.25)));
    assertEquals(0.0, id.shape("s", 1, outcome(0.0)));
  }

  @Test
  void scaledMultipliesTheReward() {
    assertEquals(-7.5, RewardShaper.<String, Integer>scaled(2.5).shape("s", 0, outcome(-3.0)));
    assertEquals(0.0, RewardShaper.<String, Integer>scaled(0.0).shape("s", 0, outcome(5.0)));
    assertEquals(3.0, RewardShaper.<String, Integer>scaled(-1.0).shape("s", 0, outcome(-3.0)));
  }

  @Test
  void clippedKeepsTheRewardWithinItsBounds() {
    RewardShaper<String, Integer> clip = RewardShaper.clipped(-1.0, 2.0);
    assertEquals(2.0, clip.shape("s", 0, outcome(5.0)));
    assertEquals(-1.0, clip.shape("s", 0, outcome(-5.0)));
    assertEquals(0.25, clip.shape("s", 0, outcome(0.25)));
    assertEquals(2.0, clip.shape("s", 0, outcome(2.0)));
    assertEquals(-1.0, clip.shape("s", 0, outcome(-1.0)));
  }

  @Test
  void clippedToASinglePointGivesThatPoint() {
    RewardShaper<String, Integer> clip = RewardShaper.clipped(0.5, 0.5);
    assertEquals(0.5, clip.shape("s", 0, outcome(-9.0)));
    assertEquals(0.5, clip.shape("s", 0, outcome(9.0)));
  }

  @Test
  void andThenAppliesTheSecondShaperToTheFirstOnesResult() {
    RewardShaper<String, Integer> scaleThenClip =
        RewardShaper.<String, Integer>scaled(10.0).andThen(RewardShaper.clipped(-1.0, 1.0));
    RewardShaper<String, Integer> clipThenScale =
        RewardShaper.<String, Integer>clipped(-1.0, 1.0).andThen(RewardShaper.scaled(10.0));
    assertEquals(1.0, scaleThenClip.shape("s", 0, outcome(0.5)));
    assertEquals(5.0, clipThenScale.shape("s", 0, outcome(0.5)));
    assertEquals(10.0, clipThenScale.shape("s", 0, outcome(3.0)));
  }

  @Test
  void andThenShowsTheSecondShaperEverythingButTheRewardUnchanged() {
    List<Object> seen = new ArrayList<>();
    Step<String> original = outcome(2.0);
    RewardShaper<String, Integer> second =
        (o, a, s) -> {
          seen.add(o);
          seen.add(a);
          seen.add(s);
          return s.reward() + 1;
        };
    double shaped = RewardShaper.<String, Integer>scaled(3.0).andThen(second).shape("before", 4, original);
    assertEquals(7.0, shaped);
    assertEquals("before", seen.get(0));
    assertEquals(4, seen.get(1));
    assertEquals(original.withReward(6.0), seen.get(2));
  }

  @Test
  void andThenIsAssociativeInEffect() {
    RewardShaper<String, Integer> add1 = (o, a, s) -> s.reward() + 1;
    RewardShaper<String, Integer> times3 = RewardShaper.scaled(3.0);
    RewardShaper<String, Integer> clip = RewardShaper.clipped(-10.0, 10.0);
    for (double r : new double[] {-5, -1, 0, 0.5, 2, 4}) {
      assertEquals(
          add1.andThen(times3).andThen(clip).shape("s", 0, outcome(r)),
          add1.andThen(times3.andThen(clip)).shape("s", 0, outcome(r)));
    }
    assertEquals(10.0, add1.andThen(times3).andThen(clip).shape("s", 0, outcome(4)));
    assertEquals(9.0, add1.andThen(times3).andThen(clip).shape("s", 0, outcome(2)));
  }

  @Test
  void identityIsNeutralForAndThen() {
    RewardShaper<String, Integer> times3 = RewardShaper.scaled(3.0);
    assertEquals(6.0, times3.andThen(RewardShaper.identity()).shape("s", 0, outcome(2.0)));
    assertEquals(6.0, RewardShaper.<String, Integer>identity().andThen(times3).shape("s", 0, outcome(2.0)));
  }

  @Test
  void andThenRejectsNull() {
    assertThrows(NullPointerException.class, () -> RewardShaper.<String, Integer>identity().andThen(null));
  }

  @Test
  void stepWithRewardChangesOnlyTheReward() {
    Step<String> s = outcome(2.0);
    Step<String> t = s.withReward(-1.0);
    assertEquals(-1.0, t.reward());
    assertEquals(s.observation(), t.observation());
    assertEquals(s.terminated(), t.terminated());
    assertEquals(s.truncated(), t.truncated());
    assertEquals(s.info(), t.info());
    assertTrue(t.done());
    assertSame(s, s.asTruncated(), "already truncated");
  }
}
