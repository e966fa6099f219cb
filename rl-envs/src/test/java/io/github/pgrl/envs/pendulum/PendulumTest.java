package io.github.pgrl.envs.pendulum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Pendulum honours the environment contract and is Gymnasium's Pendulum-v1: the equations step by step
 * (computed again here from the formulas), whole episodes bit for bit against Gymnasium's own step run in
 * NumPy, the clipping, the angle normalisation, the time limit, the spaces, gravity and the errors.
 */
class PendulumTest implements EnvironmentContract<float[], float[]> {

  private static final Box ACTIONS = Box.of(-2f, 2f, 1);

  @Override
  public Environment<float[], float[]> createEnvironment() {
    return Pendulum.v1();
  }

  private static Step<float[]> step(Pendulum env, float torque) {
    return env.step(new float[] {torque});
  }

  /** A v1 pendulum, reset, then put at the given angle and angular velocity. */
  private static Pendulum at(double theta, double thetaDot) {
    Pendulum env = Pendulum.v1();
    env.reset(0);
    env.setState(theta, thetaDot);
    return env;
  }

  private static void assertState(double theta, double thetaDot, Pendulum env, String where) {
    double[] state = env.state();
    if (Double.compare(theta, state[0]) != 0 || Double.compare(thetaDot, state[1]) != 0) {
      fail(where + ": expected the state [" + theta + ", " + thetaDot + "] but was " + Arrays.toString(state));
    }
  }

  private static float[] observationOf(double theta, double thetaDot) {
    return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) thetaDot};
  }

  // ---- (a) constants ----

  @Example
  void constantsAreGymnasiums() {
    assertEquals(10.0, Pendulum.DEFAULT_GRAVITY);
    assertEquals(1.0, Pendulum.MASS);
    assertEquals(1.0, Pendulum.LENGTH);
    assertEquals(0.05, Pendulum.DT);
    assertEquals(8.0, Pendulum.MAX_SPEED);
    assertEquals(2.0, Pendulum.MAX_TORQUE);
    assertEquals(10.0, Pendulum.v1().g());
    assertEquals(200, Pendulum.v1().maxEpisodeSteps());
  }

  // ---- (b) the equations, step by step ----

  /**
   * {@code u} is float32, so NumPy 2 computes {@code 3.0 / (m * l**2) * u} and {@code 0.001 * (u**2)} in
   * float32 (the Python floats rounded to float32) and everything else in double.
   */
  @Example
  void oneStepFromASetStateFollowsTheEquations() {
    Pendulum env = at(1.0, 0.5);

    Step<float[]> step = step(env, 1.5f);

    double normalized = ((1.0 + Math.PI) % (2 * Math.PI)) - Math.PI;
    double cost = normalized * normalized + 0.1 * (0.5 * 0.5) + (double) (0.001f * (1.5f * 1.5f));
    double thetaDot = 0.5 + (3 * 10.0 / (2 * 1.0) * Math.sin(1.0) + (double) (3f * 1.5f)) * 0.05;
    double theta = 1.0 + thetaDot * 0.05;
    assertState(theta, thetaDot, env, "one step from [1, 0.5] with the torque 1.5");
    assertEquals(-cost, step.reward());
    assertArrayEquals(observationOf(theta, thetaDot), step.observation());
    // the same from the decimals: sin(1) = 0.8414709848078965
    assertEquals(0.5 + (15 * 0.8414709848078965 + 4.5) * 0.05, thetaDot, 1e-12);
    assertEquals(1 + 0.025 + 0.00225, cost, 1e-9);
    assertFalse(step.terminated());
    assertFalse(step.truncated());
  }

  @Example
  void theCostIsThatOfTheStateBeforeTheUpdate() {
    Pendulum env = at(0.0, 0.0);

    Step<float[]> first = step(env, 2f);

    assertEquals(-(double) (0.001f * (2f * 2f)), first.reward(), "upright and still: only the torque costs");
    double thetaDot = 0.0 + (15.0 * Math.sin(0.0) + 3.0 * 2.0) * 0.05;
    double theta = 0.0 + thetaDot * 0.05;
    assertEquals(0.3, thetaDot, 1e-15);
    assertState(theta, thetaDot, env, "after the first step");

    Step<float[]> second = step(env, 0f);

    double normalized = ((theta + Math.PI) % (2 * Math.PI)) - Math.PI; // π added and taken away: not exactly θ
    assertEquals(-(normalized * normalized + 0.1 * (thetaDot * thetaDot)), second.reward(), "the moved state's cost");
    assertEquals(-(0.015 * 0.015 + 0.1 * 0.09), second.reward(), 1e-15);
  }

  @Example
  void aTorqueOutsideMinusTwoToTwoIsClippedForTheDynamicsAndTheCost() {
    for (float[] pair : new float[][] {{5f, 2f}, {-7f, -2f}, {2.0000002f, 2f}, {Float.MAX_VALUE, 2f}}) {
      Pendulum clipped = at(0.3, -0.2);
      Pendulum bound = at(0.3, -0.2);

      Step<float[]> step = step(clipped, pair[0]);
      Step<float[]> reference = step(bound, pair[1]);

      assertArrayEquals(bound.state(), clipped.state(), "the torque " + pair[0]);
      assertEquals(reference.reward(), step.reward(), "the torque " + pair[0]);
      assertArrayEquals(reference.observation(), step.observation(), "the torque " + pair[0]);
    }
    Pendulum env = at(0.0, 0.0);
    assertEquals(-(double) (0.001f * 4f), step(env, 100f).reward());
  }

  @Example
  void theAngularVelocityIsClippedToEightBeforeTheAngleMoves() {
    Pendulum up = at(Math.PI / 2, 7.9);
    step(up, 2f);
    double unclipped = 7.9 + (15.0 * Math.sin(Math.PI / 2) + 6.0) * 0.05;
    assertTrue(unclipped > 8.9, "unclipped: " + unclipped);
    assertState(Math.PI / 2 + 8.0 * 0.05, 8.0, up, "spinning up to the limit");

    Pendulum down = at(-Math.PI / 2, -7.9);
    Step<float[]> step = step(down, -2f);
    assertState(-Math.PI / 2 + -8.0 * 0.05, -8.0, down, "spinning down to the limit");
    assertEquals(-8f, step.observation()[2]);
  }

  /**
   * Gymnasium's {@code ((x + np.pi) % (2 * np.pi)) - np.pi}, whose remainder takes the sign of the divisor;
   * the hexadecimal values are what NumPy 2.4 returns for a float64 {@code x}.
   */
  @Example
  void angleNormalizationIsNumpysFloorRemainder() {
    double[][] numpy = {
        {0.0, 0x0.0p+0},
        {Math.PI, -0x1.921fb54442d18p+1},
        {-Math.PI, -0x1.921fb54442d18p+1},
        {1.0, 0x1.0000000000000p+0},
        {7.0, 0x1.6f0255dde9740p-1},
        {-7.0, -0x1.6f0255dde9740p-1},
        {-4.0, 0x1.243f6a8885a30p+1},
        {100.0, -0x1.0fdaa22168be0p-1},
        {-100.0, 0x1.0fdaa22168c20p-1},
        {3 * Math.PI, -0x1.921fb54442d18p+1},
    };
    for (double[] pair : numpy) {
      assertEquals(Double.toHexString(pair[1]), Double.toHexString(Pendulum.angleNormalize(pair[0])), "x = " + pair[0]);
    }
    // and by hand: 7 - 2π, -4 + 2π
    assertEquals(7 - 2 * Math.PI, Pendulum.angleNormalize(7.0), 1e-15);
    assertEquals(-4 + 2 * Math.PI, Pendulum.angleNormalize(-4.0), 1e-15);
  }

  @Property(tries = 200)
  void normalizedAnglesLieWithinPiAndDifferByWholeTurns(@ForAll @DoubleRange(min = -1e4, max = 1e4) double x) {
    double normalized = Pendulum.angleNormalize(x);

    assertTrue(normalized >= -Math.PI && normalized <= Math.PI, x + " -> " + normalized);
    double turns = (x - normalized) / (2 * Math.PI);
    assertEquals(Math.rint(turns), turns, 1e-9, x + " -> " + normalized);
  }

  @Example
  void theCostUsesTheNormalizedAngleWhileTheStateKeepsTurning() {
    double theta = 2 * Math.PI + 0.5;
    Pendulum env = at(theta, 0.0);

    Step<float[]> step = step(env, 0f);

    double normalized = ((theta + Math.PI) % (2 * Math.PI)) - Math.PI;
    assertEquals(0.5, normalized, 1e-15);
    assertEquals(-(normalized * normalized), step.reward());
    assertTrue(env.state()[0] > 2 * Math.PI, "the angle is not wrapped: " + env.state()[0]);
  }

  @Example
  void gravityIsAnArgument() {
    Pendulum env = Pendulum.v1(9.81);
    env.reset(0);
    env.setState(1.0, 0.5);

    step(env, 1.5f);

    double thetaDot = 0.5 + (3 * 9.81 / (2 * 1.0) * Math.sin(1.0) + (double) (3f * 1.5f)) * 0.05;
    assertState(1.0 + thetaDot * 0.05, thetaDot, env, "with g = 9.81");
    assertEquals(9.81, env.g());
    assertEquals(200, env.maxEpisodeSteps());
  }

  // ---- (c) whole episodes against Gymnasium's own code ----

  /** Torques -2.5 (clipped), 1.3, 0.4, 2, -0.77 and 3.1 (clipped) in turn, with the sign of the observed θ̇. */
  private static float driver(float[] observation, int t) {
    float u = new float[] {-2.5f, 1.3f, 0.4f, 2f, -0.77f, 3.1f}[t % 6];
    return observation[2] >= 0 ? u : -u;
  }

  /**
   * The final state, the return and the last observation of 200 steps from {@code reset(seed)} driven by
   * {@link #driver}, as computed by the body of Gymnasium's {@code PendulumEnv.step} (Gymnasium 1.x, {@code
   * gymnasium/envs/classic_control/pendulum.py}) and its {@code _get_obs}, run verbatim in NumPy 2.4 from
   * the state that {@code reset(seed)} draws here; the angular velocity hits its limit of 8 on 10, 28 and
   * 29 of the steps. The last row is seed 0 with {@code g = 9.81}.
   */
  @Example
  void wholeEpisodesEndWhereGymnasiumsNumpyArithmeticEnds() {
    double[][] expected = {
        {-0x1.5da76377125a8p+4, -0x1.0000000000000p+3, -0x1.23b1267066148p+10},
        {0x1.bd977733eaa7ep+5, 0x1.3620ff2e59b6fp+2, -0x1.286577e1539d6p+10},
        {0x1.bf1369dc5b852p+5, 0x1.029003a053c30p+2, -0x1.2939fdcccc86bp+10},
        {-0x1.6e63b6f0fd38ap+4, -0x1.d9b1799523431p+2, -0x1.300107b4ca957p+10},
    };
    float[][] lastObservations = {
        {-0x1.fb25d6p-1f, -0x1.19493ap-3f, -0x1.0p+3f},
        {0x1.5205dep-1f, -0x1.808ebap-1f, 0x1.3621p+2f},
        {0x1.93285cp-1f, -0x1.3b9b72p-1f, 0x1.029004p+2f},
        {-0x1.3af774p-1f, 0x1.93a888p-1f, -0x1.d9b17ap+2f},
    };
    int[] clippedSteps = {10, 28, 29, 12};
    for (int row = 0; row < expected.length; row++) {
      int seed = row < 3 ? row : 0;
      Pendulum env = row < 3 ? Pendulum.v1() : Pendulum.v1(9.81);
      float[] observation = env.reset(seed);
      double total = 0;
      int clipped = 0;
      Step<float[]> step = null;
      for (int t = 0; t < 200; t++) {
        step = step(env, driver(observation, t));
        observation = step.observation();
        total += step.reward();
        clipped += Math.abs(env.state()[1]) == 8 ? 1 : 0;
      }

      String where = "200 steps of " + env + " from seed " + seed;
      assertState(expected[row][0], expected[row][1], env, where);
      assertEquals(Double.toHexString(expected[row][2]), Double.toHexString(total), where);
      assertArrayEquals(lastObservations[row], observation, where);
      assertEquals(clippedSteps[row], clipped, where);
      assertTrue(step.truncated() && !step.terminated(), where);
    }
  }

  // ---- (d) starting state ----

  @Property(tries = 200)
  void resetDrawsTheAngleWithinPiAndTheVelocityWithinOne(@ForAll long seed) {
    Pendulum env = Pendulum.v1();
    for (int episode = 0; episode < 3; episode++) {
      float[] observation = episode == 0 ? env.reset(seed) : env.reset();
      double[] state = env.state();
      assertTrue(state[0] >= -Math.PI && state[0] < Math.PI, Arrays.toString(state));
      assertTrue(state[1] >= -1 && state[1] < 1, Arrays.toString(state));
      assertArrayEquals(observationOf(state[0], state[1]), observation);
    }
  }

  @Property(tries = 50)
  void resetWithTheSameSeedStartsAlikeOnAnyInstance(@ForAll long seed) {
    Pendulum env = Pendulum.v1();
    env.reset(seed);
    double[] first = env.state();
    step(env, 1f);
    env.reset();
    env.reset(seed);
    Pendulum other = Pendulum.withMaxEpisodeSteps(3.0, 5);
    other.reset(seed);

    assertArrayEquals(first, env.state());
    assertArrayEquals(first, other.state());
  }

  // ---- (e) episode end ----

  @Example
  void v1NeverTerminatesAndTruncatesAtStep200() {
    Pendulum env = Pendulum.v1();
    env.reset(5);
    for (int t = 1; t < 200; t++) {
      Step<float[]> step = step(env, t % 2 == 0 ? 2f : -2f);
      assertFalse(step.done(), "step " + t);
    }
    Step<float[]> last = step(env, 0f);

    assertTrue(last.truncated());
    assertFalse(last.terminated());
    assertThrows(IllegalStateException.class, () -> step(env, 0f), "a step after the truncation");
    env.reset();
    assertDoesNotThrow(() -> step(env, 0f));
  }

  @Example
  void badArgumentsAreRefusedSayingWhatIsAllowed() {
    for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Pendulum.withMaxEpisodeSteps(10.0, limit));
      assertTrue(e.getMessage().contains("at least 1") && e.getMessage().contains(String.valueOf(limit)),
          e.getMessage());
    }
    for (double g : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pendulum.v1(g));
      assertTrue(e.getMessage().contains("finite") && e.getMessage().contains(String.valueOf(g)), e.getMessage());
    }
  }

  // ---- (f) spaces ----

  @Example
  void theSpacesAreGymnasiums() {
    Pendulum env = Pendulum.v1();
    Box actions = assertInstanceOf(Box.class, env.actionSpace());
    Box observations = assertInstanceOf(Box.class, env.observationSpace());

    assertEquals(ACTIONS, actions);
    assertArrayEquals(new int[] {1}, actions.shape());
    assertArrayEquals(new float[] {-1f, -1f, -8f}, observations.low());
    assertArrayEquals(new float[] {1f, 1f, 8f}, observations.high());
  }

  // ---- (g) errors ----

  @Example
  void actionsThatAreNullOfAnotherLengthOrNotFiniteThrowNamingActionSpaceAndShapeAndChangeNothing() {
    Pendulum env = Pendulum.v1();
    env.reset(11);
    double[] before = env.state();
    List<float[]> invalid = Arrays.asList(null, new float[0], new float[] {1f, 1f}, new float[] {Float.NaN},
        new float[] {Float.POSITIVE_INFINITY}, new float[] {Float.NEGATIVE_INFINITY});
    for (float[] action : invalid) {
      String shown = ACTIONS.describe(action);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(action), shown);
      String message = e.getMessage();
      assertTrue(message.contains(ACTIONS.toString()), message);
      assertTrue(message.replace(ACTIONS.toString(), "").contains(shown), message);
      assertTrue(message.contains("shape (1,)"), message);
      assertArrayEquals(before, env.state(), "after the rejected action " + shown);
    }
    assertDoesNotThrow(() -> step(env, 0f));
  }

  @Example
  void theContractsActionsOutsideTheBoxAreRefusedOrClipped() {
    List<float[]> outside = EnvironmentContract.actionsOutside(ACTIONS);
    assertTrue(outside.size() >= 4, "the contract's actions: " + outside.size());
    for (float[] action : outside) {
      Pendulum env = at(0.3, -0.2);
      if (action.length != 1 || Float.isNaN(action[0])) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(action));
        assertTrue(e.getMessage().contains(ACTIONS.toString()), e.getMessage());
        continue;
      }
      Pendulum bound = at(0.3, -0.2);

      Step<float[]> step = env.step(action);
      Step<float[]> reference = step(bound, action[0] > 0 ? 2f : -2f);

      assertArrayEquals(reference.observation(), step.observation(), ACTIONS.describe(action));
      assertEquals(reference.reward(), step.reward(), ACTIONS.describe(action));
    }
  }

  // ---- (h) the checker and the trainer ----

  @Example
  void passesTheEnvironmentCheckerWithTheDefaultAndAnotherGravity() {
    assertDoesNotThrow(() -> EnvironmentChecker.check(Pendulum::v1));
    assertDoesNotThrow(() -> EnvironmentChecker.check(() -> Pendulum.v1(9.81)));
  }

  @Example
  @SuppressWarnings("unchecked")
  void theConfigurationsMlpRefusesTheBoxActionsNamingTheActionSpace() {
    Environment<?, ?> env = Pendulum.v1();
    Environment<float[], Integer> asDiscrete = (Environment<float[], Integer>) env;

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(asDiscrete, ReinforceConfig.builder().seed(1).build()));

    assertEquals("the MlpPolicy built from the configuration needs a Discrete action space, got Box(low=[-2.0], high=[2.0]) from "
        + "Pendulum(g=10.0, maxEpisodeSteps=200); for other action spaces pass a policy that takes them, such as GaussianPolicy for a Box or MultiDiscretePolicy for a MultiDiscrete", e.getMessage());
  }
}
