package io.github.pgrl.envs.mountaincar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * MountainCar honours the environment contract and is Gymnasium's MountainCar-v0: the same update, clipping,
 * wall, goal, starting states, rewards, episode ends, spaces and errors.
 *
 * <p>Two references, each independent of the class under test: {@link #gymnasiumStep}, the equations written
 * again here, and numbers printed by Gymnasium 1.3.0 itself ({@code gym.make("MountainCar-v0")} on NumPy
 * 2.4.6, the state set through {@code env.unwrapped.state} as a float64 array, then stepped), copied below
 * as hexadecimal literals so that every bit is compared.
 */
class MountainCarTest implements EnvironmentContract<float[], Integer> {

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return MountainCar.v0();
  }

  // ---- an independent reference: Gymnasium's MountainCarEnv.step ----

  /** One step of Gymnasium's MountainCar-v0 with its constants and order of operations. */
  static double[] gymnasiumStep(double[] state, int action) {
    double force = 0.001;
    double gravity = 0.0025;
    double maxSpeed = 0.07;
    double minPosition = -1.2;
    double maxPosition = 0.6;
    double position = state[0];
    double velocity = state[1];
    double push = (action - 1) * force;
    double slope = Math.cos(3 * position) * -gravity;
    velocity = velocity + (push + slope);
    velocity = velocity < -maxSpeed ? -maxSpeed : velocity > maxSpeed ? maxSpeed : velocity;
    position = position + velocity;
    position = position < minPosition ? minPosition : position > maxPosition ? maxPosition : position;
    if (position == minPosition && velocity < 0) {
      velocity = 0;
    }
    return new double[] {position, velocity};
  }

  /** Gymnasium's goal test with the default goal velocity of 0. */
  static boolean gymnasiumTerminal(double[] state) {
    return state[0] >= 0.5 && state[1] >= 0;
  }

  private static float[] observationOf(double[] state) {
    return new float[] {(float) state[0], (float) state[1]};
  }

  private static void assertSameBits(double[] expected, double[] actual, String where) {
    if (!Arrays.equals(expected, actual)) {
      fail(where + ": expected the state " + hex(expected) + " but was " + hex(actual));
    }
  }

  private static String hex(double[] values) {
    return Arrays.stream(values).mapToObj(Double::toHexString).toList().toString();
  }

  private static MountainCar startedFrom(double position, double velocity) {
    MountainCar env = MountainCar.v0();
    env.startFrom(position, velocity);
    return env;
  }

  // ---- (a) physics ----

  @Example
  void constantsAreGymnasiums() {
    assertEquals(-1.2, MountainCar.MIN_POSITION);
    assertEquals(0.6, MountainCar.MAX_POSITION);
    assertEquals(0.07, MountainCar.MAX_SPEED);
    assertEquals(0.5, MountainCar.GOAL_POSITION);
    assertEquals(0.0, MountainCar.GOAL_VELOCITY);
    assertEquals(0.001, MountainCar.FORCE);
    assertEquals(0.0025, MountainCar.GRAVITY);
    assertEquals(-110.0, MountainCar.REWARD_THRESHOLD);
    assertEquals(200, MountainCar.v0().maxEpisodeSteps());
  }

  /** Gymnasium 1.3.0's states after each of seven steps from {@code [−0.5, 0]}. */
  private static final double[][] SEVEN_STEPS = {
      {-0x1.ff2836de7e655p-2, 0x1.af92430335600p-11},
      {-0x1.fd7a41d7645fap-2, 0x1.adf5071a05b3ep-10},
      {-0x1.faf958115e854p-2, 0x1.4074e302ed31ap-9},
      {-0x1.f9b68db4ffcd0p-2, 0x1.42ca5c5eb83edp-10},
      {-0x1.f9b44c2704ebep-2, 0x1.20c6fd7092580p-17},
      {-0x1.f9ec72dabd195p-2, -0x1.c1359dc16ba1fp-13},
      {-0x1.f9587190958a5p-2, 0x1.2802944f1df78p-11},
  };

  /** Gymnasium 1.3.0's float32 observations after the same seven steps. */
  private static final float[][] SEVEN_OBSERVATIONS = {
      {-0x1.ff2836p-2f, 0x1.af9244p-11f},
      {-0x1.fd7a42p-2f, 0x1.adf508p-10f},
      {-0x1.faf958p-2f, 0x1.4074e4p-9f},
      {-0x1.f9b68ep-2f, 0x1.42ca5cp-10f},
      {-0x1.f9b44cp-2f, 0x1.20c6fep-17f},
      {-0x1.f9ec72p-2f, -0x1.c1359ep-13f},
      {-0x1.f95872p-2f, 0x1.280294p-11f},
  };

  @Example
  void sevenStepsFromTheValleyFloorGiveGymnasiumsStatesAndObservationsBitForBit() {
    int[] actions = {2, 2, 2, 0, 0, 1, 2};
    MountainCar env = startedFrom(-0.5, 0.0);
    double[] reference = {-0.5, 0.0};
    // The first step by hand: v = 0 + (1·0.001 + cos(−1.5)·(−0.0025)) = 0.001 − 0.0025·0.0707372 ≈ 0.000823157.
    for (int t = 0; t < actions.length; t++) {
      Step<float[]> step = env.step(actions[t]);
      reference = gymnasiumStep(reference, actions[t]);
      String where = "step " + t + " (action " + actions[t] + ")";

      assertSameBits(SEVEN_STEPS[t], reference, where + " of the reference written here");
      assertSameBits(SEVEN_STEPS[t], env.state(), where);
      assertArrayEquals(SEVEN_OBSERVATIONS[t], step.observation(), where);
      assertEquals(-1.0, step.reward(), where);
      assertFalse(step.done(), where);
    }
    assertEquals(0.001 - 0.0025 * Math.cos(-1.5), SEVEN_STEPS[0][1], 1e-18);
  }

  @Property(tries = 100)
  void everyStepOfRandomPlayEqualsTheReferenceBitForBit(@ForAll long seed,
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 2) Integer> actions) {
    MountainCar env = MountainCar.v0();
    float[] first = env.reset(seed);
    double[] expected = env.state();
    assertArrayEquals(observationOf(expected), first, "the observation after reset(" + seed + ")");
    for (int t = 0; t < actions.size(); t++) {
      int action = actions.get(t);
      expected = gymnasiumStep(expected, action);
      Step<float[]> step = env.step(action);
      String where = "step " + t + " (action " + action + ") after reset(" + seed + ")";
      assertSameBits(expected, env.state(), where);
      assertArrayEquals(observationOf(expected), step.observation(), where);
      assertEquals(gymnasiumTerminal(expected), step.terminated(), where);
      assertEquals(-1.0, step.reward(), where);
      if (step.done()) {
        env.reset();
        expected = env.state();
      }
    }
  }

  @Property(tries = 300)
  void everyStepFromAnyStateEqualsTheReferenceAndStaysInTheBox(
      @ForAll @DoubleRange(min = -1.2, max = 0.6) double position,
      @ForAll @DoubleRange(min = -0.07, max = 0.07) double velocity, @ForAll @IntRange(min = 0, max = 2) int action) {
    MountainCar env = startedFrom(position, velocity);
    Step<float[]> step = env.step(action);

    double[] start = {position, velocity};
    assertSameBits(gymnasiumStep(start, action), env.state(), "from " + Arrays.toString(start));
    assertTrue(env.observationSpace().contains(step.observation()), Arrays.toString(step.observation()));
  }

  /** Pushes the way the car moves: rocks it up to the flag. */
  private static final ToIntFunction<double[]> ROCK = s -> s[1] >= 0 ? 2 : 0;

  /** Never pushes: the car rolls back and forth in the valley. */
  private static final ToIntFunction<double[]> COAST = s -> 1;

  private static List<Step<float[]>> playFrom(MountainCar env, ToIntFunction<double[]> controller) {
    List<Step<float[]>> steps = new ArrayList<>();
    Step<float[]> step;
    do {
      step = env.step(controller.applyAsInt(env.state()));
      steps.add(step);
    } while (!step.done());
    return steps;
  }

  /**
   * Whole episodes end on the step, and in the state, where Gymnasium 1.3.0 ends them when it plays the same
   * controller from the same state: two climbs to the flag and a coasting episode truncated at 200.
   */
  @Example
  void wholeEpisodesEndWhenAndWhereGymnasiumsEndBitForBit() {
    record Case(double[] start, ToIntFunction<double[]> controller, int steps, boolean terminated, double[] end) {}
    List<Case> cases = List.of(
        new Case(new double[] {-0.5, 0.0}, ROCK, 124, true, new double[] {0x1.11e4f6d03ad55p-1, 0x1.8ac7ce454ed7ap-5}),
        new Case(new double[] {-0.3, 0.0}, ROCK, 84, true, new double[] {0x1.05009877bfec2p-1, 0x1.60f07fda5c080p-5}),
        new Case(new double[] {-0.5, 0.0}, COAST, 200, false,
            new double[] {-0x1.0b0e2f34eb6fbp-1, 0x1.0bd5e2d953599p-9}));
    for (Case c : cases) {
      MountainCar env = startedFrom(c.start()[0], c.start()[1]);
      List<Step<float[]>> steps = playFrom(env, c.controller());
      String where = "from " + Arrays.toString(c.start());

      assertEquals(c.steps(), steps.size(), where);
      assertSameBits(c.end(), env.state(), where);
      Step<float[]> last = steps.get(steps.size() - 1);
      assertEquals(c.terminated(), last.terminated(), where);
      assertEquals(!c.terminated(), last.truncated(), where);
      assertEquals(-c.steps(), steps.stream().mapToDouble(Step::reward).sum(), where);
    }
  }

  // ---- (b) the wall, clipping, the goal ----

  @Example
  void hittingTheLeftWallStopsTheCar() {
    // Gymnasium 1.3.0: from [−1.19, −0.02] pushing left, the position is clipped to −1.2 and the velocity is 0.
    MountainCar env = startedFrom(-1.19, -0.02);
    Step<float[]> step = env.step(0);

    assertSameBits(new double[] {-1.2, 0.0}, env.state(), "after hitting the wall");
    assertArrayEquals(new float[] {-1.2f, 0f}, step.observation());
    assertFalse(step.done());
    assertEquals(0, Double.compare(0.0, env.state()[1]), "the velocity is +0.0 as in Gymnasium");
  }

  @Example
  void atTheLeftWallACarMovingRightKeepsItsVelocity() {
    // At x = −1.2 the slope pulls right: cos(−3.6)·(−0.0025) ≈ +0.00223, so v > 0 and the wall rule does not apply.
    MountainCar env = startedFrom(-1.2, 0.0);
    env.step(1);

    double expectedVelocity = 0.0 + (0 * 0.001 + Math.cos(3 * -1.2) * -0.0025);
    assertSameBits(new double[] {-1.2 + expectedVelocity, expectedVelocity}, env.state(), "leaving the wall");
    assertTrue(expectedVelocity > 0);
  }

  @Example
  void aCarSentPastTheLeftWallMovingLeftStopsThereEveryTime() {
    for (double velocity : new double[] {-0.07, -0.05, -0.0151}) {
      MountainCar env = startedFrom(-1.19, velocity);
      env.step(0);
      assertSameBits(new double[] {-1.2, 0.0}, env.state(), "from [-1.19, " + velocity + "]");
    }
  }

  @Example
  void theVelocityIsClippedToSevenHundredths() {
    // Gymnasium 1.3.0: at x = −0.5236 (cos(3x) ≈ 0) with v = 0.0695, pushing right gives 0.0705, clipped to 0.07.
    MountainCar env = startedFrom(-0.5236, 0.0695);
    Step<float[]> step = env.step(2);

    assertSameBits(new double[] {-0x1.d07c84b5dcc63p-2, 0x1.1eb851eb851ecp-4}, env.state(), "after clipping");
    assertEquals(0.07, env.state()[1]);
    assertEquals(-0.5236 + 0.07, env.state()[0]);
    assertArrayEquals(new float[] {-0x1.d07c84p-2f, 0x1.1eb852p-4f}, step.observation());

    MountainCar left = startedFrom(-0.5236, -0.0695);
    left.step(0);
    assertEquals(-0.07, left.state()[1]);
  }

  @Example
  void reachingTheFlagMovingRightTerminatesWithRewardMinusOne() {
    // Gymnasium 1.3.0: from [0.49, 0.02] pushing right, x ≈ 0.5107 ≥ 0.5 with v ≈ 0.0207 ≥ 0.
    MountainCar env = startedFrom(0.49, 0.02);
    Step<float[]> step = env.step(2);

    assertSameBits(new double[] {0x1.0580d1a757828p-1, 0x1.53f13f2860f50p-6}, env.state(), "at the flag");
    assertArrayEquals(new float[] {0x1.0580d2p-1f, 0x1.53f14p-6f}, step.observation());
    assertTrue(step.terminated());
    assertFalse(step.truncated());
    assertEquals(-1.0, step.reward());
    assertThrows(IllegalStateException.class, () -> env.step(1));
  }

  @Example
  void beingPastTheFlagWhileMovingLeftDoesNotTerminate() {
    // Gymnasium 1.3.0: from [0.58, −0.01] pushing left, x ≈ 0.5694 ≥ 0.5 but v ≈ −0.0106 < 0.
    MountainCar env = startedFrom(0.58, -0.01);
    Step<float[]> step = env.step(0);

    assertSameBits(new double[] {0x1.238b260281a08p-1, -0x1.5aa72336a21b9p-7}, env.state(), "past the flag");
    assertFalse(step.done());
  }

  @Example
  void theRightEndClipsThePositionButKeepsTheVelocity() {
    // Gymnasium 1.3.0: from [0.59, 0.05] pushing right, x is clipped to 0.6; only the left wall stops the car.
    MountainCar env = startedFrom(0.59, 0.05);
    Step<float[]> step = env.step(2);

    assertSameBits(new double[] {0.6, 0x1.a5d8426207fe8p-5}, env.state(), "at the right end");
    assertTrue(step.terminated());
  }

  // ---- (c) truncation ----

  @Example
  void v0TruncatesACoastingEpisodeAtStep200() {
    MountainCar env = MountainCar.v0();
    for (long seed = 0; seed < 5; seed++) {
      env.reset(seed);
      List<Step<float[]>> steps = playFrom(env, COAST);

      assertEquals(200, steps.size(), "from seed " + seed);
      assertTrue(steps.get(199).truncated());
      assertFalse(steps.get(199).terminated());
      assertTrue(steps.subList(0, 199).stream().noneMatch(Step::done));
      assertThrows(IllegalStateException.class, () -> env.step(1), "a step after the truncation");
    }
  }

  // ---- (d) starting state ----

  @Property(tries = 100)
  void resetPutsTheCarAtRestBetweenMinusPointSixAndMinusPointFour(@ForAll long seed) {
    MountainCar env = MountainCar.v0();
    for (int episode = 0; episode < 4; episode++) {
      float[] observation = episode == 0 ? env.reset(seed) : env.reset();
      double[] state = env.state();
      assertTrue(state[0] >= -0.6 && state[0] <= -0.4, "position " + state[0]);
      assertEquals(0.0, state[1]);
      assertArrayEquals(observationOf(state), observation);
    }
  }

  @Example
  void theSameSeedStartsTheSameWayAndOtherSeedsDifferently() {
    MountainCar env = MountainCar.v0();
    env.reset(5);
    double[] first = env.state();
    env.step(2);
    env.reset();
    double[] second = env.state();
    env.reset(5);
    assertSameBits(first, env.state(), "reset(5) again");
    MountainCar other = MountainCar.v0();
    other.reset(5);
    assertSameBits(first, other.state(), "reset(5) on another instance");
    assertNotEquals(first[0], second[0]);
    other.reset(6);
    assertNotEquals(first[0], other.state()[0]);
  }

  // ---- (e) spaces ----

  @Example
  void theObservationSpaceIsGymnasiumsBox() {
    Box box = assertInstanceOf(Box.class, MountainCar.v0().observationSpace());

    assertArrayEquals(new float[] {-1.2f, -0.07f}, box.low());
    assertArrayEquals(new float[] {0.6f, 0.07f}, box.high());
    assertArrayEquals(new int[] {2}, box.shape());
  }

  @Example
  void theActionSpaceIsDiscreteThree() {
    assertEquals(Discrete.of(3), assertInstanceOf(Discrete.class, MountainCar.v0().actionSpace()));
  }

  // ---- (f) errors ----

  @Example
  void stepAfterTerminationThrowsIllegalStateExceptionUntilTheNextReset() {
    MountainCar env = startedFrom(0.49, 0.02);
    assertTrue(env.step(2).terminated());

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
    assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    env.reset();
    assertDoesNotThrow(() -> env.step(0));
  }

  @Example
  void actionsOutsideDiscreteThreeThrowIllegalArgumentExceptionNamingActionAndSpaceAndChangeNothing() {
    MountainCar env = MountainCar.v0();
    env.reset(11);
    double[] before = env.state();

    for (Integer action : Arrays.asList(3, -1, null)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(action));
      String message = e.getMessage();
      assertTrue(message.contains("Discrete(3)"), message);
      assertTrue(message.replace("Discrete(3)", "").contains(String.valueOf(action)), message);
      assertSameBits(before, env.state(), "after the rejected action " + action);
    }
    env.step(0);
    assertSameBits(gymnasiumStep(before, 0), env.state(), "the first accepted step after rejected ones");
  }

  @Example
  void startFromRefusesAStateThatIsNotFinite() {
    MountainCar env = MountainCar.v0();
    assertThrows(IllegalArgumentException.class, () -> env.startFrom(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> env.startFrom(0, Double.NEGATIVE_INFINITY));
  }

  // ---- (g) the checker ----

  @Example
  void passesTheEnvironmentCheckerAsV0AndWithAShortLimit() {
    assertDoesNotThrow(() -> EnvironmentChecker.check(MountainCar::v0));
    assertDoesNotThrow(() -> EnvironmentChecker.check(() -> MountainCar.withMaxEpisodeSteps(20)));
  }
}
