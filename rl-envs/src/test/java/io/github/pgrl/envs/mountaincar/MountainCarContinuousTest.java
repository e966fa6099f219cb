package io.github.pgrl.envs.mountaincar;

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

/**
 * MountainCarContinuous honours the environment contract and is Gymnasium's MountainCarContinuous-v0:
 * the equations step by step (computed again here, in the float32 and double arithmetic that Gymnasium's
 * NumPy code performs), whole episodes bit for bit against Gymnasium's own step run in NumPy, the
 * clipping, the wall, the goal, the time limit, the spaces and the errors.
 */
class MountainCarContinuousTest implements EnvironmentContract<float[], float[]> {

  private static final Box ACTIONS = Box.of(-1f, 1f, 1);

  @Override
  public Environment<float[], float[]> createEnvironment() {
    return MountainCarContinuous.v0();
  }

  private static Step<float[]> step(MountainCarContinuous env, float action) {
    return env.step(new float[] {action});
  }

  private static void assertState(double position, double velocity, MountainCarContinuous env, String where) {
    double[] state = env.state();
    if (Double.compare(position, state[0]) != 0 || Double.compare(velocity, state[1]) != 0) {
      fail(where + ": expected the state [" + position + ", " + velocity + "] but was " + Arrays.toString(state));
    }
  }

  // ---- (a) constants ----

  @Example
  void constantsAreGymnasiums() {
    assertEquals(-1.0, MountainCarContinuous.MIN_ACTION);
    assertEquals(1.0, MountainCarContinuous.MAX_ACTION);
    assertEquals(-1.2, MountainCarContinuous.MIN_POSITION);
    assertEquals(0.6, MountainCarContinuous.MAX_POSITION);
    assertEquals(0.07, MountainCarContinuous.MAX_SPEED);
    assertEquals(0.45, MountainCarContinuous.GOAL_POSITION);
    assertEquals(0.0, MountainCarContinuous.GOAL_VELOCITY);
    assertEquals(0.0015, MountainCarContinuous.POWER);
    assertEquals(0.0025, MountainCarContinuous.GRAVITY);
    assertEquals(100.0, MountainCarContinuous.GOAL_REWARD);
    assertEquals(0.1, MountainCarContinuous.ACTION_COST);
    assertEquals(999, MountainCarContinuous.v0().maxEpisodeSteps());
  }

  // ---- (b) the equations, step by step ----

  /**
   * Gymnasium's reset stores {@code np.array([x, 0])}, float64, so its first step adds in double: the
   * float32 force term, minus the float32 rounding of the double gravity term (NumPy 2 rounds the Python
   * float to the float32 operand's type), added to the double velocity and position, then stored as
   * float32.
   */
  @Example
  void theFirstStepAfterAResetAddsInDoubleAndStoresFloat32() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    float[] first = env.reset(0);
    double x0 = env.state()[0];
    assertEquals(0.0, env.state()[1]);
    assertArrayEquals(new float[] {(float) x0, 0f}, first);

    Step<float[]> step = step(env, 0.5f);

    float forceTerm = 0.5f * 0.0015f;
    double gravityTerm = 0.0025 * Math.cos(3 * x0);
    float change = forceTerm - (float) gravityTerm;
    double v = 0.0 + change;
    double x = x0 + v;
    assertState((float) x, (float) v, env, "after the first step from reset(0)");
    assertArrayEquals(new float[] {(float) x, (float) v}, step.observation());
    assertEquals(-0.025, step.reward());
    assertFalse(step.terminated());
    assertFalse(step.truncated());
  }

  /** After a step the state is float32 and so is the arithmetic, except cos and the double gravity term. */
  @Example
  void laterStepsComputeInFloat32AsNumpyDoesWithAFloat32State() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(0);
    env.setState(-0.5f, 0.01f);

    Step<float[]> step = step(env, 0.5f);

    float threeX = 3f * -0.5f;
    float change = 0.5f * 0.0015f - (float) (0.0025 * Math.cos(threeX));
    float v = 0.01f + change;
    float x = -0.5f + v;
    assertState(x, v, env, "one step from [-0.5, 0.01] with the force 0.5");
    assertArrayEquals(new float[] {x, v}, step.observation());
    // the same from the decimals: cos(1.5) = 0.0707372016677029
    assertEquals(0.01 + 0.00075 - 0.0025 * 0.0707372016677029, v, 1e-8);
    assertEquals(-0.5 + 0.01 + 0.00075 - 0.0025 * 0.0707372016677029, x, 1e-7);
    assertEquals(-(double) 0.5f * 0.5f * 0.1, step.reward());

    Step<float[]> next = step(env, -0.25f);

    float change2 = -0.25f * 0.0015f - (float) (0.0025 * Math.cos(3f * x));
    float v2 = v + change2;
    float x2 = x + v2;
    assertState(x2, v2, env, "the step after, with the force -0.25");
    assertEquals(-(double) 0.25f * 0.25f * 0.1, next.reward());
  }

  /**
   * Gymnasium's {@code min(max(action[0], -1.0), 1.0)} gives the Python float ±1.0 for an action outside,
   * whose product with the power is a double; the reward charges the action as given.
   */
  @Example
  void aForceOutsideMinusOneToOneIsClippedButTheRewardChargesTheActionAsGiven() {
    for (float action : new float[] {3f, -3f, 1.0000001f, -250f}) {
      MountainCarContinuous env = MountainCarContinuous.v0();
      env.reset(0);
      env.setState(-0.5f, 0.01f);

      Step<float[]> step = step(env, action);

      double force = action > 0 ? 1.0 : -1.0;
      double change = force * 0.0015 - 0.0025 * Math.cos(3f * -0.5f);
      float v = 0.01f + (float) change;
      float x = -0.5f + v;
      assertState(x, v, env, "the action " + action);
      assertEquals(-((double) action * action) * 0.1, step.reward(), "the reward of the action " + action);
    }
  }

  @Example
  void actionsAtTheBoundsAreNotClippedAndStayFloat32() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(0);
    env.setState(-0.5f, 0.01f);

    Step<float[]> step = step(env, 1f);

    float v = 0.01f + (1f * 0.0015f - (float) (0.0025 * Math.cos(3f * -0.5f)));
    assertState(-0.5f + v, v, env, "the action 1");
    assertEquals(-0.1, step.reward());
  }

  @Example
  void theSpeedIsClippedToSevenHundredths() {
    MountainCarContinuous right = MountainCarContinuous.v0();
    right.reset(0);
    right.setState(-0.8f, 0.068f); // cos(-2.4) < 0: gravity and force both speed the car to the right
    Step<float[]> fast = step(right, 1f);
    float unclipped = 0.068f + (1f * 0.0015f - (float) (0.0025 * Math.cos(3f * -0.8f)));
    assertTrue(unclipped > 0.0713f, "unclipped: " + unclipped);
    assertState(-0.8f + 0.07f, 0.07f, right, "driving right at full speed");
    assertArrayEquals(new float[] {-0.8f + 0.07f, 0.07f}, fast.observation());

    MountainCarContinuous left = MountainCarContinuous.v0();
    left.reset(0);
    left.setState(-0.3f, -0.068f); // cos(-0.9) > 0: both slow it further to the left
    step(left, -1f);
    assertState(-0.3f - 0.07f, -0.07f, left, "driving left at full speed");
  }

  @Example
  void theLeftWallStopsACarMovingLeft() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(0);
    env.setState(-1.19f, -0.05f);

    Step<float[]> step = step(env, -1f);

    assertState(-1.2f, 0f, env, "at the wall");
    assertArrayEquals(new float[] {-1.2f, 0f}, step.observation());
    assertFalse(step.done());

    Step<float[]> away = step(env, 1f); // cos(-3.6) < 0: the slope and the force push it back out
    float v = 0f + (1f * 0.0015f - (float) (0.0025 * Math.cos(3f * -1.2f)));
    assertTrue(v > 0);
    assertState(-1.2f + v, v, env, "leaving the wall");
    assertArrayEquals(new float[] {-1.2f + v, v}, away.observation());
  }

  @Example
  void reachingTheGoalTerminatesWithOneHundredMinusTheActionCost() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(0);
    env.setState(0.44f, 0.02f);

    Step<float[]> step = step(env, 0.5f);

    float v = 0.02f + (0.5f * 0.0015f - (float) (0.0025 * Math.cos(3f * 0.44f)));
    float x = 0.44f + v;
    assertTrue(x >= 0.45f && v >= 0);
    assertState(x, v, env, "at the goal");
    assertTrue(step.terminated());
    assertFalse(step.truncated());
    assertEquals(100.0 - 0.025, step.reward());
    assertThrows(IllegalStateException.class, () -> step(env, 0f));
  }

  @Example
  void theRightEndClipsThePositionAndCountsAsTheGoal() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(0);
    env.setState(0.59f, 0.05f);

    Step<float[]> step = step(env, 0f);

    float v = 0.05f + (0f * 0.0015f - (float) (0.0025 * Math.cos(3f * 0.59f)));
    assertState(0.6f, v, env, "at the right end");
    assertTrue(step.terminated());
    assertEquals(100.0, step.reward());
  }

  @Example
  void beyondTheGoalMovingLeftDoesNotTerminate() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(0);
    env.setState(0.5f, -0.01f);

    Step<float[]> step = step(env, -1f);

    assertTrue(env.state()[0] >= 0.45 && env.state()[1] < 0, Arrays.toString(env.state()));
    assertFalse(step.terminated());
    assertEquals(-0.1, step.reward());
  }

  // ---- (c) whole episodes against Gymnasium's own code ----

  /** Pushes with the sign of the observed velocity, magnitudes 0.75, 1, 1.5 (clipped) and 0.3 in turn. */
  private static float pump(float[] observation, int t) {
    float magnitude = new float[] {0.75f, 1f, 1.5f, 0.3f}[t % 4];
    return observation[1] >= 0 ? magnitude : -magnitude;
  }

  /**
   * The steps, final state and return of whole episodes from {@code reset(seed)} driven by {@link
   * #pump}, as computed by the body of Gymnasium's {@code Continuous_MountainCarEnv.step} (Gymnasium 1.x,
   * {@code gymnasium/envs/classic_control/continuous_mountain_car.py}) run verbatim in NumPy 2.4, from the
   * float64 state {@code np.array([x, 0])} that Gymnasium's reset stores, with {@code x} the position that
   * {@code reset(seed)} draws here. Seeds 1 and 2 touch the left wall once on the way.
   */
  @Example
  void wholeEpisodesEndWhereGymnasiumsNumpyArithmeticEnds() {
    Object[][] expected = {
        {124, 0x1.e754f80000000p-2, 0x1.b38f280000000p-5, 0x1.5f9be76b0e560p+6},
        {112, 0x1.0199d40000000p-1, 0x1.b8cb780000000p-5, 0x1.644ac081ba5e3p+6},
        {112, 0x1.d71bd40000000p-2, 0x1.b4bc080000000p-5, 0x1.644ac081ba5e3p+6},
    };
    for (int seed = 0; seed < expected.length; seed++) {
      MountainCarContinuous env = MountainCarContinuous.v0();
      float[] observation = env.reset(seed);
      double total = 0;
      int walls = 0;
      Step<float[]> step;
      int t = 0;
      do {
        step = step(env, pump(observation, t));
        observation = step.observation();
        total += step.reward();
        walls += observation[0] == -1.2f ? 1 : 0;
        t++;
      } while (!step.done());

      assertEquals(expected[seed][0], t, "steps from seed " + seed);
      assertTrue(step.terminated(), "seed " + seed);
      assertEquals(seed == 0 ? 0 : 1, walls, "steps at the wall from seed " + seed);
      assertState((double) expected[seed][1], (double) expected[seed][2], env, "the end from seed " + seed);
      assertEquals(Double.toHexString((double) expected[seed][3]), Double.toHexString(total),
          "the return from seed " + seed);
    }
  }

  // ---- (d) starting state ----

  @Property(tries = 200)
  void resetPutsTheCarBetweenMinusSixAndMinusFourTenthsAtRest(@ForAll long seed) {
    MountainCarContinuous env = MountainCarContinuous.v0();
    for (int episode = 0; episode < 3; episode++) {
      float[] observation = episode == 0 ? env.reset(seed) : env.reset();
      double[] state = env.state();
      assertTrue(state[0] >= -0.6 && state[0] < -0.4, Arrays.toString(state));
      assertEquals(0.0, state[1]);
      assertArrayEquals(new float[] {(float) state[0], 0f}, observation);
    }
  }

  @Property(tries = 50)
  void resetWithTheSameSeedStartsAlikeOnAnyInstance(@ForAll long seed) {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(seed);
    double[] first = env.state();
    step(env, 1f);
    env.reset();
    env.reset(seed);
    MountainCarContinuous other = MountainCarContinuous.withMaxEpisodeSteps(5);
    other.reset(seed);

    assertArrayEquals(first, env.state());
    assertArrayEquals(first, other.state());
  }

  // ---- (e) truncation ----

  @Example
  void v0TruncatesAt999StepsWhenTheGoalIsNotReached() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(4);
    for (int t = 1; t < 999; t++) {
      Step<float[]> step = step(env, 0f);
      assertFalse(step.done(), "step " + t);
      assertEquals(0.0, step.reward());
    }
    Step<float[]> last = step(env, 0f);

    assertTrue(last.truncated());
    assertFalse(last.terminated());
    assertThrows(IllegalStateException.class, () -> step(env, 0f), "a step after the truncation");
    env.reset();
    assertDoesNotThrow(() -> step(env, 0f));
  }

  // ---- (f) spaces ----

  @Example
  void theSpacesAreGymnasiums() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    Box actions = assertInstanceOf(Box.class, env.actionSpace());
    Box observations = assertInstanceOf(Box.class, env.observationSpace());

    assertEquals(ACTIONS, actions);
    assertArrayEquals(new int[] {1}, actions.shape());
    assertArrayEquals(new float[] {-1.2f, -0.07f}, observations.low());
    assertArrayEquals(new float[] {0.6f, 0.07f}, observations.high());
    assertArrayEquals(new int[] {2}, observations.shape());
  }

  // ---- (g) errors ----

  @Example
  void actionsThatAreNullOfAnotherLengthOrNotFiniteThrowNamingActionSpaceAndShapeAndChangeNothing() {
    MountainCarContinuous env = MountainCarContinuous.v0();
    env.reset(11);
    double[] before = env.state();
    List<float[]> invalid = Arrays.asList(null, new float[0], new float[2], new float[] {Float.NaN},
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
      MountainCarContinuous env = MountainCarContinuous.v0();
      env.reset(0);
      env.setState(-0.5f, 0.01f);
      if (action.length != 1 || Float.isNaN(action[0])) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(action));
        assertTrue(e.getMessage().contains(ACTIONS.toString()), e.getMessage());
        continue;
      }
      Step<float[]> step = env.step(action);

      double force = action[0] > 0 ? 1.0 : -1.0;
      float v = 0.01f + (float) (force * 0.0015 - 0.0025 * Math.cos(3f * -0.5f));
      assertArrayEquals(new float[] {-0.5f + v, v}, step.observation(), ACTIONS.describe(action));
      assertEquals(-((double) action[0] * action[0]) * 0.1, step.reward());
    }
  }

  // ---- (h) the checker and the trainer ----

  @Example
  void passesTheEnvironmentCheckerAsMadeByName() {
    assertDoesNotThrow(() -> EnvironmentChecker.check(MountainCarContinuous::v0));
  }

  @Example
  @SuppressWarnings("unchecked")
  void theConfigurationsMlpRefusesTheBoxActionsNamingTheActionSpace() {
    Environment<?, ?> env = MountainCarContinuous.v0();
    Environment<float[], Integer> asDiscrete = (Environment<float[], Integer>) env;

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(asDiscrete, ReinforceConfig.builder().seed(1).build()));

    assertEquals("the MlpPolicy built from the configuration needs a Discrete action space, got Box(low=[-1.0], high=[1.0]) from "
        + "MountainCarContinuous(maxEpisodeSteps=999); for other action spaces pass a policy that takes them, such as GaussianPolicy for a Box or MultiDiscretePolicy for a MultiDiscrete", e.getMessage());
  }
}
