package io.github.pgrl.envs.cartpole;

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
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * CartPole honours the environment contract and is Gymnasium's CartPole-v1: the same physics to the last
 * bit, starting states, rewards, episode ends, spaces and errors.
 */
class CartPoleTest implements EnvironmentContract<float[], Integer> {

  /** Gymnasium's {@code theta_threshold_radians}, computed the way Gymnasium computes it. */
  private static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;

  /** Gymnasium's {@code x_threshold}. */
  private static final double X_LIMIT = 2.4;

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return CartPole.v1();
  }

  // ---- an independent reference: Gymnasium's CartPoleEnv.step, Euler integrator ----

  /**
   * One step of Gymnasium's CartPole-v1, written again from the formulas with Gymnasium's constants and its
   * order of operations ({@code np.square} first, then left to right), in double precision.
   */
  static double[] gymnasiumStep(double[] state, int action) {
    double gravity = 9.8;
    double massCart = 1.0;
    double massPole = 0.1;
    double totalMass = massPole + massCart;
    double length = 0.5;
    double poleMassLength = massPole * length;
    double forceMag = 10.0;
    double tau = 0.02;

    double x = state[0];
    double xDot = state[1];
    double theta = state[2];
    double thetaDot = state[3];
    double force = action == 1 ? forceMag : -forceMag;
    double cosTheta = Math.cos(theta);
    double sinTheta = Math.sin(theta);
    double thetaDotSquared = thetaDot * thetaDot;
    double cosThetaSquared = cosTheta * cosTheta;
    double temp = (force + poleMassLength * thetaDotSquared * sinTheta) / totalMass;
    double thetaAcc = (gravity * sinTheta - cosTheta * temp)
        / (length * (4.0 / 3.0 - massPole * cosThetaSquared / totalMass));
    double xAcc = temp - poleMassLength * thetaAcc * cosTheta / totalMass;

    double nextX = x + tau * xDot;
    double nextXDot = xDot + tau * xAcc;
    double nextTheta = theta + tau * thetaDot;
    double nextThetaDot = thetaDot + tau * thetaAcc;
    return new double[] {nextX, nextXDot, nextTheta, nextThetaDot};
  }

  /** Ways of choosing actions from the state, to reach every kind of episode end. */
  enum Driver {
    /** Uniformly random pushes: the pole usually falls within a few dozen steps. */
    RANDOM,
    /** Keeps the pole up (and the cart on the track) for at least 500 steps from every start tried. */
    BALANCE,
    /** Keeps the pole leaning right, so the cart accelerates off the right end of the track. */
    LEAN_RIGHT,
    /** Keeps the pole leaning left, so the cart accelerates off the left end of the track. */
    LEAN_LEFT,
    /** Always pushes right: the pole falls to the left. */
    PUSH_RIGHT;

    int action(double[] state, SplittableRandom rng) {
      double theta = state[2];
      double thetaDot = state[3];
      return switch (this) {
        case RANDOM -> rng.nextInt(2);
        case BALANCE -> theta + 0.5 * thetaDot > 0 ? 1 : 0;
        case LEAN_RIGHT -> theta + 0.5 * thetaDot > 0.1 ? 1 : 0;
        case LEAN_LEFT -> theta + 0.5 * thetaDot > -0.1 ? 1 : 0;
        case PUSH_RIGHT -> 1;
      };
    }
  }

  /** One episode played to its end (or to {@code maxSteps}), with the state after every step. */
  record Episode(List<Step<float[]>> steps, List<double[]> states) {

    Step<float[]> last() {
      return steps.get(steps.size() - 1);
    }

    double[] lastState() {
      return states.get(states.size() - 1);
    }
  }

  private static Episode play(CartPole env, long seed, Driver driver, int maxSteps) {
    SplittableRandom rng = new SplittableRandom(~seed);
    env.reset(seed);
    List<Step<float[]>> steps = new ArrayList<>();
    List<double[]> states = new ArrayList<>();
    for (int t = 0; t < maxSteps; t++) {
      Step<float[]> step = env.step(driver.action(env.state(), rng));
      steps.add(step);
      states.add(env.state());
      if (step.done()) {
        break;
      }
    }
    return new Episode(steps, states);
  }

  private static void assertSameBits(double[] expected, double[] actual, String where) {
    if (!Arrays.equals(expected, actual)) {
      fail(where + ": expected the state " + hex(expected) + " but was " + hex(actual));
    }
  }

  private static void assertObservationIsTheCastOf(double[] state, float[] observation, String where) {
    float[] cast = {(float) state[0], (float) state[1], (float) state[2], (float) state[3]};
    assertArrayEquals(cast, observation, () -> where + ": the observation is not the float cast of the state "
        + Arrays.toString(state));
  }

  private static String hex(double[] values) {
    return Arrays.stream(values).mapToObj(Double::toHexString).toList().toString();
  }

  // ---- (a) physics ----

  @Example
  void physicalConstantsAreGymnasiums() {
    assertEquals(9.8, CartPole.GRAVITY);
    assertEquals(1.0, CartPole.MASS_CART);
    assertEquals(0.1, CartPole.MASS_POLE);
    assertEquals(0.5, CartPole.HALF_LENGTH);
    assertEquals(10.0, CartPole.FORCE_MAG);
    assertEquals(0.02, CartPole.TAU);
    assertEquals(X_LIMIT, CartPole.X_THRESHOLD);
    assertEquals(THETA_LIMIT, CartPole.THETA_THRESHOLD);
    assertEquals(0.2094395, CartPole.THETA_THRESHOLD, 1e-7);
  }

  @Property(tries = 100)
  void everyStepOfRandomPlayEqualsGymnasiumsStepBitForBit(@ForAll long seed,
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 1) Integer> actions) {
    CartPole env = CartPole.v1();
    float[] first = env.reset(seed);
    double[] expected = env.state();
    assertObservationIsTheCastOf(expected, first, "after reset(" + seed + ")");
    for (int t = 0; t < actions.size(); t++) {
      int action = actions.get(t);
      expected = gymnasiumStep(expected, action);
      Step<float[]> step = env.step(action);
      String where = "step " + t + " (action " + action + ") after reset(" + seed + ")";
      assertSameBits(expected, env.state(), where);
      assertObservationIsTheCastOf(expected, step.observation(), where);
      if (step.done()) {
        float[] observation = env.reset();
        expected = env.state();
        assertObservationIsTheCastOf(expected, observation, "after reset() at step " + t);
      }
    }
  }

  @Property(tries = 25)
  void everyStepOfWholeEpisodesEqualsGymnasiumsStepBitForBit(@ForAll long seed, @ForAll Driver driver) {
    CartPole env = CartPole.v1();
    env.reset(seed);
    double[] expected = env.state();
    SplittableRandom rng = new SplittableRandom(seed);
    Step<float[]> step;
    int t = 0;
    do {
      int action = driver.action(env.state(), rng);
      expected = gymnasiumStep(expected, action);
      step = env.step(action);
      String where = driver + " step " + t + " (action " + action + ") after reset(" + seed + ")";
      assertSameBits(expected, env.state(), where);
      assertObservationIsTheCastOf(expected, step.observation(), where);
      t++;
    } while (!step.done());
  }

  /**
   * The state after 500 balanced steps from {@code reset(seed)}, as computed by the body of Gymnasium's
   * {@code CartPoleEnv.step} (Gymnasium 1.x, Euler integrator) run verbatim in NumPy 2.4 with {@code np.cos},
   * {@code np.sin} and {@code np.square}, starting from the state that {@code reset(seed)} draws here and
   * choosing every action with {@link Driver#BALANCE}.
   */
  @Example
  void wholeBalancedEpisodesEndWhereGymnasiumsNumpyArithmeticEnds() {
    double[][] expected = {
        {-0x1.af1c8fc5495c4p+0, -0x1.86b20a29fdef6p-2, 0x1.02a4d89561321p-13, 0x1.2841d5baf6974p-2},
        {0x1.0734d9eeb6676p+1, 0x1.6bc43112e1890p-7, -0x1.701e2a3f352d4p-8, 0x1.2ac0063a45d8bp-2},
        {0x1.1c6fd8f750c9fp-2, 0x1.ae0730d2f7530p-6, 0x1.57492e92cb02bp-8, -0x1.742f4383e3600p-9},
    };
    for (int seed = 0; seed < expected.length; seed++) {
      Episode episode = play(CartPole.v1(), seed, Driver.BALANCE, 500);

      assertEquals(500, episode.steps().size(), "seed " + seed);
      assertSameBits(expected[seed], episode.lastState(), "after 500 balanced steps from reset(" + seed + ")");
    }
  }

  @Example
  void changingReturnedObservationsOrStatesChangesNothingInside() {
    CartPole env = CartPole.v1();
    float[] first = env.reset(3);
    double[] start = env.state();
    first[0] = 99f;
    env.state()[1] = 99.0;
    assertSameBits(start, env.state(), "after changing the arrays that reset and state() returned");

    Step<float[]> step = env.step(1);
    double[] afterOne = gymnasiumStep(start, 1);
    assertSameBits(afterOne, env.state(), "the first step after changing the returned arrays");
    step.observation()[2] = 99f;
    Step<float[]> next = env.step(0);
    assertSameBits(gymnasiumStep(afterOne, 0), env.state(), "the step after changing a step's observation");
    assertObservationIsTheCastOf(env.state(), next.observation(), "the step after changing a step's observation");
  }

  // ---- (b) starting state ----

  @Property(tries = 200)
  void resetDrawsEveryStateVariableWithinFiveHundredthsOfZero(@ForAll long seed) {
    CartPole env = CartPole.v1();
    for (int episode = 0; episode < 5; episode++) {
      float[] observation = episode == 0 ? env.reset(seed) : env.reset();
      double[] state = env.state();
      for (int i = 0; i < 4; i++) {
        double value = state[i];
        String where = "state variable " + i + " after reset number " + episode + " from seed " + seed;
        assertTrue(value >= -0.05 && value <= 0.05, () -> where + " is " + value);
      }
      assertObservationIsTheCastOf(state, observation, "reset number " + episode + " from seed " + seed);
    }
  }

  @Property(tries = 50)
  void resetWithTheSameSeedGivesTheSameStatesAgainAndOnAnotherInstance(@ForAll long seed) {
    CartPole env = CartPole.v1();
    double[][] first = startingStates(env, seed, 4);
    env.step(0);
    env.step(1);
    double[][] again = startingStates(env, seed, 4);
    double[][] elsewhere = startingStates(CartPole.v0(), seed, 4);

    for (int i = 0; i < first.length; i++) {
      assertSameBits(first[i], again[i], "start " + i + " after reset(" + seed + ") again on the same instance");
      assertSameBits(first[i], elsewhere[i], "start " + i + " after reset(" + seed + ") on another instance");
    }
  }

  /** The state after {@code reset(seed)}, then after each of {@code count - 1} further {@code reset()} calls. */
  private static double[][] startingStates(CartPole env, long seed, int count) {
    double[][] states = new double[count][];
    env.reset(seed);
    states[0] = env.state();
    for (int i = 1; i < count; i++) {
      env.reset();
      states[i] = env.state();
    }
    return states;
  }

  @Example
  void differentSeedsAndLaterResetsStartDifferently() {
    CartPole env = CartPole.v1();
    double[][] fromZero = startingStates(env, 0, 3);
    double[][] fromOne = startingStates(env, 1, 1);

    assertNotEquals(Arrays.toString(fromZero[0]), Arrays.toString(fromOne[0]));
    assertNotEquals(Arrays.toString(fromZero[0]), Arrays.toString(fromZero[1]));
    assertNotEquals(Arrays.toString(fromZero[1]), Arrays.toString(fromZero[2]));
  }

  @Example
  void startingStatesAreUniformAndUncorrelatedByChiSquareAndCorrelationTests() {
    int starts = 20_000;
    int bins = 10;
    double[][] samples = new double[starts][];
    long[][] counts = new long[4][bins];
    CartPole env = CartPole.v1();
    for (int n = 0; n < starts; n++) {
      if (n % 100 == 0) {
        env.reset(n);
      } else {
        env.reset();
      }
      samples[n] = env.state();
      for (int i = 0; i < 4; i++) {
        int bin = (int) Math.floor((samples[n][i] + 0.05) / 0.1 * bins);
        counts[i][Math.min(bin, bins - 1)]++;
      }
    }
    double[] expected = new double[bins];
    Arrays.fill(expected, (double) starts / bins);
    for (int i = 0; i < 4; i++) {
      double p = new ChiSquareTest().chiSquareTest(expected, counts[i]);
      int index = i;
      assertTrue(p > 0.001, () -> "state variable " + index + " is not uniform on [-0.05, 0.05]: p = " + p
          + ", counts " + Arrays.toString(counts[index]));
    }
    double[][] correlations = new PearsonsCorrelation(samples).getCorrelationMatrix().getData();
    for (int i = 0; i < 4; i++) {
      for (int j = i + 1; j < 4; j++) {
        double r = correlations[i][j];
        String pair = i + " and " + j;
        // The standard error of r is 1/sqrt(20,000) ≈ 0.007; 0.035 is five of them.
        assertTrue(Math.abs(r) < 0.035, () -> "state variables " + pair + " are correlated: r = " + r);
      }
    }
  }

  // ---- (c) rewards ----

  @Property(tries = 40)
  void everyStepRewardsOneIncludingTheLastOne(@ForAll long seed, @ForAll Driver driver) {
    Episode episode = play(CartPole.v1(), seed, driver, 500);

    assertTrue(episode.last().done(), "a v1 episode ends within 500 steps");
    for (int t = 0; t < episode.steps().size(); t++) {
      assertEquals(1.0, episode.steps().get(t).reward(), driver + " step " + t + " of an episode from seed " + seed);
    }
  }

  @Example
  void theStepThatTipsThePoleOverIsRewardedWithOne() {
    Episode episode = play(CartPole.v1(), 5, Driver.PUSH_RIGHT, 500);

    assertTrue(episode.last().terminated());
    assertFalse(episode.last().truncated());
    assertEquals(1.0, episode.last().reward());
  }

  // ---- (d) termination ----

  @Property(tries = 100)
  void terminatesExactlyWhenTheCartLeavesTheTrackOrThePoleLeansMoreThanTwelveDegrees(@ForAll long seed,
      @ForAll Driver driver) {
    Episode episode = play(CartPole.v1(), seed, driver, 500);

    for (int t = 0; t < episode.steps().size(); t++) {
      double[] state = episode.states().get(t);
      boolean out = Math.abs(state[0]) > X_LIMIT || Math.abs(state[2]) > THETA_LIMIT;
      assertEquals(out, episode.steps().get(t).terminated(),
          driver + " step " + t + " from seed " + seed + ", state " + Arrays.toString(state));
      assertEquals(t == 499, episode.steps().get(t).truncated(), driver + " step " + t + " from seed " + seed);
    }
  }

  @Example
  void theCartLeavingEitherEndOfTheTrackTerminatesWithThePoleStillUp() {
    for (long seed = 0; seed < 5; seed++) {
      Episode right = play(CartPole.v1(), seed, Driver.LEAN_RIGHT, 500);
      Episode left = play(CartPole.v1(), seed, Driver.LEAN_LEFT, 500);

      assertTrue(right.last().terminated(), "leaning right from seed " + seed);
      assertTrue(right.lastState()[0] > X_LIMIT, () -> Arrays.toString(right.lastState()));
      assertTrue(Math.abs(right.lastState()[2]) <= THETA_LIMIT, () -> Arrays.toString(right.lastState()));
      assertTrue(left.last().terminated(), "leaning left from seed " + seed);
      assertTrue(left.lastState()[0] < -X_LIMIT, () -> Arrays.toString(left.lastState()));
      assertTrue(Math.abs(left.lastState()[2]) <= THETA_LIMIT, () -> Arrays.toString(left.lastState()));
    }
  }

  @Example
  void thePoleFallingPastTwelveDegreesTerminatesWithTheCartStillOnTheTrack() {
    for (long seed = 0; seed < 5; seed++) {
      Episode episode = play(CartPole.v1(), seed, Driver.PUSH_RIGHT, 500);

      assertTrue(episode.last().terminated(), "pushing right from seed " + seed);
      assertTrue(episode.lastState()[2] < -THETA_LIMIT, () -> Arrays.toString(episode.lastState()));
      assertTrue(Math.abs(episode.lastState()[0]) <= X_LIMIT, () -> Arrays.toString(episode.lastState()));
      double[] before = episode.states().get(episode.states().size() - 2);
      assertTrue(before[2] >= -THETA_LIMIT, "the step before the end was within 12 degrees");
    }
  }

  // ---- (e) truncation ----

  @Example
  void v1TruncatesABalancedEpisodeAtStep500() {
    assertEquals(500, CartPole.v1().maxEpisodeSteps());
    for (long seed = 0; seed < 10; seed++) {
      assertTruncatedAt(CartPole.v1(), seed, 500);
    }
  }

  @Example
  void v0TruncatesABalancedEpisodeAtStep200() {
    assertEquals(200, CartPole.v0().maxEpisodeSteps());
    for (long seed = 0; seed < 10; seed++) {
      assertTruncatedAt(CartPole.v0(), seed, 200);
    }
  }

  @Property(tries = 20)
  void withMaxEpisodeStepsTruncatesAtTheGivenStep(@ForAll @IntRange(min = 1, max = 500) int limit,
      @ForAll @IntRange(min = 0, max = 1_000) long seed) {
    CartPole env = CartPole.withMaxEpisodeSteps(limit);

    assertEquals(limit, env.maxEpisodeSteps());
    assertTruncatedAt(env, seed, limit);
  }

  /** Plays the balancing controller after {@code reset(seed)}: no end before {@code limit}, truncation there. */
  private static void assertTruncatedAt(CartPole env, long seed, int limit) {
    Episode episode = play(env, seed, Driver.BALANCE, limit + 1);

    assertEquals(limit, episode.steps().size(), () -> env + " from seed " + seed + " ended early");
    for (int t = 0; t < limit - 1; t++) {
      assertFalse(episode.steps().get(t).done(), env + " step " + t + " from seed " + seed);
    }
    assertTrue(episode.last().truncated(), env + " after " + limit + " steps from seed " + seed);
    assertFalse(episode.last().terminated(), env + " after " + limit + " steps from seed " + seed);
    assertThrows(IllegalStateException.class, () -> env.step(1), "a step after the truncation");
  }

  @Example
  void aResetInTheMiddleOfAnEpisodeRestartsTheStepCount() {
    CartPole env = CartPole.v1();
    play(env, 8, Driver.BALANCE, 300);

    assertTruncatedAt(env, 9, 500);
  }

  // ---- (f) spaces ----

  @Example
  void theObservationSpaceIsGymnasiumsBox() {
    Box box = assertInstanceOf(Box.class, CartPole.v1().observationSpace());

    float thetaBound = 0.41887903f;
    assertEquals((float) (2 * THETA_LIMIT), thetaBound);
    assertArrayEquals(new float[] {-4.8f, -Float.MAX_VALUE, -thetaBound, -Float.MAX_VALUE}, box.low());
    assertArrayEquals(new float[] {4.8f, Float.MAX_VALUE, thetaBound, Float.MAX_VALUE}, box.high());
    assertArrayEquals(new int[] {4}, box.shape());
  }

  @Example
  void theActionSpaceIsDiscreteTwo() {
    Discrete actions = assertInstanceOf(Discrete.class, CartPole.v1().actionSpace());

    assertEquals(2, actions.n());
    assertEquals(Discrete.of(2), actions);
  }

  // ---- (g) errors ----

  @Example
  void stepAfterTerminationOrTruncationThrowsIllegalStateExceptionUntilTheNextReset() {
    CartPole terminated = CartPole.v1();
    assertTrue(play(terminated, 1, Driver.PUSH_RIGHT, 500).last().terminated());
    CartPole truncated = CartPole.withMaxEpisodeSteps(7);
    assertTrue(play(truncated, 1, Driver.BALANCE, 500).last().truncated());

    for (CartPole env : List.of(terminated, truncated)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0), env::toString);
      assertTrue(e.getMessage().contains("reset()"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> env.step(1), env::toString);
      env.reset();
      assertDoesNotThrow(() -> env.step(1), env::toString);
    }
  }

  @Example
  void actionsOutsideDiscreteTwoThrowIllegalArgumentExceptionNamingActionAndSpaceAndChangeNothing() {
    CartPole env = CartPole.v1();
    env.reset(11);
    double[] before = env.state();

    for (Integer action : Arrays.asList(2, -1, null)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(action),
          "step(" + action + ")");
      String message = e.getMessage();
      assertTrue(message.contains("Discrete(2)"), message);
      assertTrue(message.replace("Discrete(2)", "").contains(String.valueOf(action)), message);
      assertSameBits(before, env.state(), "after the rejected action " + action);
    }
    env.step(1);
    assertSameBits(gymnasiumStep(before, 1), env.state(), "the first accepted step after rejected ones");
  }

  // ---- (h) the checker ----

  @Example
  void passesTheEnvironmentCheckerAsV1AndAsV0() {
    assertDoesNotThrow(() -> EnvironmentChecker.check(CartPole::v1));
    assertDoesNotThrow(() -> EnvironmentChecker.check(CartPole::v0));
  }
}
