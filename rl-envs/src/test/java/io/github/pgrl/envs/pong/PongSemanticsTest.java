package io.github.pgrl.envs.pong;

import static io.github.pgrl.envs.pong.PongGame.COURT_BOTTOM;
import static io.github.pgrl.envs.pong.PongGame.COURT_TOP;
import static io.github.pgrl.envs.pong.PongGame.PADDLE_HEIGHT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.envs.pong.PongTesting.State;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/** What the options mean: frame skip, sticky actions, the two action sets, and the errors of a step. */
class PongSemanticsTest {

  // ---- frame skip ----

  /**
   * A step with {@code frameSkip(k)} is k frames of the same action: after n steps the game is where an
   * environment with one frame per step is after the n·k steps that repeat each action k times, from the
   * same seed. This holds exactly, sticky actions included, because the environment's generator is drawn
   * in the same order either way (per frame: the sticky draw, then the serve's draws after a point); only a
   * frame skip range adds a draw per step (the number of frames) and breaks the correspondence. The
   * episode ends within a step at the frame that decides it, so the single-frame environment ends with it.
   */
  @Property(tries = 60)
  void aStepWithFrameSkipKIsKSingleFrameStepsOfTheSameAction(@ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll @DoubleRange(min = 0, max = 0.9) double stickiness, @ForAll boolean sticky,
      @ForAll @IntRange(min = 1, max = 3) int pointsToWin, @ForAll long seed, @ForAll long actionSeed) {
    PongConfig base = PongConfig.builder().stickiness(sticky ? stickiness : 0).pointsToWin(pointsToWin)
        .reuseObservation(true).build();
    PongEnvironment.Binary skipping = PongEnvironment.binary(base.toBuilder().frameSkip(k).build(), 2);
    PongEnvironment.Binary single = PongEnvironment.binary(base.toBuilder().frameSkip(1).build(), 2);
    skipping.reset(seed);
    single.reset(seed);
    SplittableRandom actions = new SplittableRandom(actionSeed);
    for (int n = 0; n < 5_000; n++) {
      int action = actions.nextInt(3);
      Step<float[]> big = skipping.step(action);
      double reward = 0;
      Step<float[]> small = null;
      for (int f = 0; f < k; f++) {
        small = single.step(action);
        reward += small.reward();
        if (small.done()) {
          break;
        }
      }
      String where = "step " + n + " with frame skip " + k + " from seed " + seed;
      assertEquals(State.of(single), State.of(skipping), where);
      assertEquals(reward, big.reward(), where + ": the reward is the sum over the frames");
      assertEquals(small.terminated(), big.terminated(), where);
      assertArrayEquals(small.observation(), big.observation(), where + ": the observation");
      if (big.done()) {
        return;
      }
    }
  }

  /**
   * With a frame skip range [min, max], each step lasts a uniformly drawn number of frames. Seen from
   * outside: without sticky actions the agent's paddle moves {@code agentSpeed} rows per frame, so, steered
   * towards the middle where no bar can stop it, it moves {@code frames · agentSpeed} rows in a step; the
   * frame counts read off it pass a chi-square test. (Which steps are counted does not depend on their
   * frames, unlike reading the frames off the ball, which only works in steps without a hit or a point:
   * longer steps have more of those, so that count is biased towards short steps.)
   */
  @Example
  void aFrameSkipRangeDrawsEachStepsFrameCountUniformly() {
    for (int[] range : new int[][] {{2, 4}, {1, 5}, {3, 3}}) {
      PongConfig config = PongConfig.builder().frameSkip(range[0], range[1]).reuseObservation(true).build();
      PongEnvironment.Binary env = PongEnvironment.binary(config, 2);
      double middle = (COURT_TOP + COURT_BOTTOM - PADDLE_HEIGHT) / 2.0;
      env.reset(5);
      long[] counts = new long[range[1] - range[0] + 1];
      long ends = 0;
      for (int t = 0; t < 30_000; t++) {
        double y = env.game().agentY();
        int action = y > middle ? 1 : 2;
        Step<float[]> step = env.step(action);
        if (step.done()) { // the deciding point may end a step early: not counted
          ends++;
          env.reset();
          continue;
        }
        double frames = Math.abs(env.game().agentY() - y) / config.agentSpeed();
        int whole = (int) Math.round(frames);
        if (frames != whole || whole < range[0] || whole > range[1]) {
          fail("step " + t + " moved the paddle " + frames + " frames' worth with frame skip " + Arrays.toString(range));
        }
        counts[whole - range[0]]++;
      }
      assertTrue(ends < 100, "games ended: " + ends);
      if (counts.length > 1) {
        double[] expected = new double[counts.length];
        Arrays.fill(expected, 1.0);
        double p = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(p > 0.001, "frames per step are not uniform on " + Arrays.toString(range) + ": "
            + Arrays.toString(counts) + ", p = " + p);
      }
    }
  }

  /**
   * In a step without a hit or a point the ball moves exactly {@code frames · ballVx} columns, for a whole
   * number of frames within the range, sticky actions or not.
   */
  @Property(tries = 20)
  void inAStepWithoutEventsTheBallMovesAWholeNumberOfFramesWithinTheRange(
      @ForAll @IntRange(min = 1, max = 4) int min, @ForAll @IntRange(min = 0, max = 3) int extra,
      @ForAll @DoubleRange(min = 0, max = 0.5) double stickiness, @ForAll long seed) {
    PongConfig config = PongConfig.builder().frameSkip(min, min + extra).stickiness(stickiness).build();
    PongEnvironment.Binary env = PongEnvironment.binary(config, 2);
    SplittableRandom actions = new SplittableRandom(seed);
    env.reset(seed);
    for (int t = 0; t < 2_000; t++) {
      double x = env.game().ballX();
      double vx = env.game().ballVx();
      Step<float[]> step = env.step(actions.nextInt(3));
      if (step.info().isEmpty()) {
        double frames = (env.game().ballX() - x) / vx;
        assertTrue(frames == Math.rint(frames) && frames >= min && frames <= min + extra,
            "step " + t + " moved the ball " + frames + " frames' worth with " + config);
      }
      if (step.done()) {
        env.reset();
      }
    }
  }

  // ---- sticky actions ----

  /** The paddle command that a step executed, read off the paddle's move; -1 when the move is ambiguous. */
  private static int executed(double before, double after, double speed) {
    if (before - speed < COURT_TOP || before + speed > COURT_BOTTOM - PADDLE_HEIGHT) {
      return -1; // near a wall a blocked move looks like staying
    }
    double dy = after - before;
    if (dy == -speed) {
      return PongGame.UP;
    } else if (dy == speed) {
      return PongGame.DOWN;
    } else if (dy == 0) {
      return PongGame.STAY;
    }
    throw new AssertionError("the paddle moved " + dy + " rows in one frame at speed " + speed);
  }

  /** Counts, over random play, how often a changed command was replaced by the previous frame's. */
  private static long[] stickyCounts(double stickiness, boolean twoActions, long seed, int steps) {
    PongConfig config = PongConfig.builder().stickiness(stickiness).twoActions(twoActions).reuseObservation(true)
        .build();
    PongEnvironment.Binary env = PongEnvironment.binary(config, 2);
    SplittableRandom actions = new SplittableRandom(seed);
    env.reset(seed);
    int previous = PongGame.STAY;
    long changes = 0;
    long repeats = 0;
    for (int t = 0; t < steps; t++) {
      int action = actions.nextInt(twoActions ? 2 : 3);
      int requested = twoActions ? action + 1 : action;
      double before = env.game().agentY();
      Step<float[]> step = env.step(action);
      int done = executed(before, env.game().agentY(), config.agentSpeed());
      if (previous >= 0 && done >= 0) {
        if (done != requested && done != previous) {
          fail("step " + t + " executed " + done + ", neither the requested " + requested + " nor the previous "
              + previous);
        }
        if (requested != previous) {
          changes++;
          if (done == previous) {
            repeats++;
          }
        }
      }
      previous = done;
      if (step.done()) {
        env.reset();
        previous = PongGame.STAY;
      }
    }
    return new long[] {changes, repeats};
  }

  @Example
  void withStickinessPAChangedActionIsReplacedByThePreviousOneAboutAFractionPOfTheTime() {
    for (double p : new double[] {0.1, 0.25, 0.5, 0.9}) {
      for (boolean two : new boolean[] {false, true}) {
        long[] counts = stickyCounts(p, two, 2_024, 60_000);
        double pValue = new BinomialTest().binomialTest((int) counts[0], (int) counts[1], p,
            AlternativeHypothesis.TWO_SIDED);
        String what = "stickiness " + p + (two ? " (two actions)" : "") + ": the previous command was kept "
            + counts[1] + " times of " + counts[0] + " changes (" + (double) counts[1] / counts[0] + ")";
        assertTrue(counts[0] > 10_000, what);
        assertTrue(pValue > 0.001, what + ", binomial p = " + pValue);
      }
    }
  }

  @Example
  void withoutStickinessEveryChangedActionTakesEffectAtOnce() {
    for (boolean two : new boolean[] {false, true}) {
      long[] counts = stickyCounts(0, two, 7, 30_000);
      assertTrue(counts[0] > 5_000);
      assertEquals(0, counts[1], "repeats of the previous command without stickiness");
    }
  }

  // ---- the action sets ----

  @Example
  void twoActionsMeanUpAndDownAndThreeMeanStayUpAndDown() {
    PongEnvironment.Binary two = PongEnvironment.binary(PongConfig.builder().twoActions(true).build(), 2);
    PongEnvironment.Binary three = PongEnvironment.binary(PongConfig.defaults(), 2);
    assertEquals(Discrete.of(2), two.actionSpace());
    assertEquals(Discrete.of(3), three.actionSpace());
    double speed = PongConfig.defaults().agentSpeed();

    two.reset(1);
    double y = two.game().agentY();
    two.step(0);
    assertEquals(y - speed, two.game().agentY(), "two actions: 0 is UP");
    two.step(1);
    two.step(1);
    assertEquals(y + speed, two.game().agentY(), "two actions: 1 is DOWN");

    three.reset(1);
    y = three.game().agentY();
    three.step(0);
    assertEquals(y, three.game().agentY(), "three actions: 0 is NOOP");
    three.step(1);
    assertEquals(y - speed, three.game().agentY(), "three actions: 1 is UP");
    three.step(2);
    three.step(2);
    assertEquals(y + speed, three.game().agentY(), "three actions: 2 is DOWN");
  }

  @Example
  void theAgentsPaddleStopsAtTheBars() {
    PongEnvironment.Binary env = PongEnvironment.binary(PongConfig.defaults(), 2);
    env.reset(2);
    for (int t = 0; t < 100; t++) {
      env.step(1);
    }
    assertEquals(COURT_TOP, env.game().agentY());
    for (int t = 0; t < 100; t++) {
      env.step(2);
    }
    assertEquals(COURT_BOTTOM - PADDLE_HEIGHT, env.game().agentY());
  }

  // ---- errors ----

  @Example
  void actionsOutsideTheSpaceThrowIllegalArgumentExceptionNamingActionAndSpaceAndChangeNothing() {
    for (boolean two : new boolean[] {false, true}) {
      PongEnvironment.Rgb env = PongEnvironment.rgb(PongConfig.builder().twoActions(two).build());
      String space = two ? "Discrete(2)" : "Discrete(3)";
      env.reset(4);
      env.step(0);
      State before = State.of(env);
      byte[] frame = env.renderRgb();
      for (Integer action : Arrays.asList(two ? 2 : 3, -1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE, null)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(action),
            "step(" + action + ") with " + space);
        String message = e.getMessage();
        assertTrue(message.contains(space), message);
        assertTrue(message.replace(space, "").contains(String.valueOf(action)), message);
        assertTrue(message.contains(two ? "0 UP, 1 DOWN" : "0 NOOP, 1 UP, 2 DOWN"), message);
        assertEquals(before, State.of(env), "after the rejected action " + action);
        assertTrue(Arrays.equals(frame, env.renderRgb()));
      }
      assertDoesNotThrow(() -> env.step(1));
    }
  }

  @Example
  void aStepBeforeTheFirstResetThrowsIllegalStateExceptionSayingToReset() {
    for (PongEnvironment<?> env : List.of(PongEnvironment.rgb(), PongEnvironment.binary())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
      assertTrue(e.getMessage().contains("before reset()"), e.getMessage());
    }
  }

  @Example
  void aStepAfterTerminationOrTruncationThrowsIllegalStateExceptionUntilTheNextReset() {
    PongEnvironment.Binary terminated = PongEnvironment.binary(PongConfig.builder().pointsToWin(1).build(), 2);
    terminated.reset(0);
    Step<float[]> last;
    int steps = 0;
    do {
      last = terminated.step(0);
      steps++;
    } while (!last.done() && steps < 10_000);
    assertTrue(last.terminated());
    assertFalse(last.truncated());
    assertEquals(1, Math.abs(last.reward()), "the deciding point is rewarded");

    PongEnvironment.Binary truncated = PongEnvironment.binary(PongConfig.builder().maxSteps(5).build(), 2);
    truncated.reset(0);
    for (int t = 1; t <= 5; t++) {
      Step<float[]> s = truncated.step(0);
      assertEquals(t == 5, s.truncated(), "step " + t + " of 5");
      assertFalse(s.terminated());
    }

    for (PongEnvironment.Binary env : List.of(terminated, truncated)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
      assertTrue(e.getMessage().contains("after the episode ended") && e.getMessage().contains("reset()"),
          e.getMessage());
      assertThrows(IllegalStateException.class, () -> env.step(1));
      env.reset();
      assertDoesNotThrow(() -> env.step(1));
    }
  }

  @Example
  void aStepAfterCloseThrowsIllegalStateException() {
    PongEnvironment.Binary env = PongEnvironment.binary();
    env.reset(0);
    env.close();
    assertThrows(IllegalStateException.class, () -> env.step(0));
  }
}
