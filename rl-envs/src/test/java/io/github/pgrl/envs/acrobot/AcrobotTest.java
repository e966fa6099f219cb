package io.github.pgrl.envs.acrobot;

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
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Acrobot honours the environment contract and is Gymnasium's Acrobot-v1: the book dynamics integrated by
 * one Runge–Kutta step, the wrapping and clipping, the starting states, rewards, episode ends, spaces and
 * errors.
 *
 * <p>Two references, each independent of the class under test: {@link #gymnasiumStep}, the equations written
 * again here in plain double arithmetic, and numbers printed by Gymnasium 1.3.0 itself ({@code
 * gym.make("Acrobot-v1")} on NumPy 2.4.6, the state set through {@code env.unwrapped.state} as a float64
 * array, then stepped), copied below as hexadecimal literals so that every bit is compared.
 */
class AcrobotTest implements EnvironmentContract<float[], Integer> {

  private static final double PI = Math.PI;

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return Acrobot.v1();
  }

  // ---- an independent reference: Gymnasium's AcrobotEnv.step, book dynamics, rk4 over [0, dt] ----

  /**
   * The derivative of the augmented state {@code [θ1, θ2, θ̇1, θ̇2, torque]} under the book dynamics (Sutton
   * &amp; Barto), with Gymnasium's constants and order of operations (powers first, then left to right).
   */
  static double[] bookDynamics(double[] s) {
    double m1 = 1.0;
    double m2 = 1.0;
    double l1 = 1.0;
    double lc1 = 0.5;
    double lc2 = 0.5;
    double inertia1 = 1.0;
    double inertia2 = 1.0;
    double g = 9.8;
    double a = s[4];
    double theta1 = s[0];
    double theta2 = s[1];
    double dtheta1 = s[2];
    double dtheta2 = s[3];
    double lc1Squared = lc1 * lc1;
    double lc2Squared = lc2 * lc2;
    double l1Squared = l1 * l1;
    double d1 = m1 * lc1Squared + m2 * (l1Squared + lc2Squared + 2 * l1 * lc2 * Math.cos(theta2)) + inertia1 + inertia2;
    double d2 = m2 * (lc2Squared + l1 * lc2 * Math.cos(theta2)) + inertia2;
    double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - PI / 2.0);
    double dtheta2Squared = dtheta2 * dtheta2;
    double phi1 = -m2 * l1 * lc2 * dtheta2Squared * Math.sin(theta2)
        - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2)
        + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - PI / 2)
        + phi2;
    double dtheta1Squared = dtheta1 * dtheta1;
    double d2Squared = d2 * d2;
    double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1Squared * Math.sin(theta2) - phi2)
        / (m2 * lc2Squared + inertia2 - d2Squared / d1);
    double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0};
  }

  /** {@code y + h·k} for vectors. */
  private static double[] axpy(double[] y, double h, double[] k) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] + h * k[i];
    }
    return out;
  }

  /**
   * One step of Gymnasium's Acrobot-v1: the state augmented by the torque, one classical Runge–Kutta step
   * from 0 to 0.2, both angles wrapped into {@code [−π, π]} by whole turns, the velocities clipped.
   */
  static double[] gymnasiumStep(double[] state, int action) {
    double[] torques = {-1.0, 0.0, 1.0};
    double[] y0 = {state[0], state[1], state[2], state[3], torques[action]};
    double dt = 0.2 - 0;
    double dt2 = dt / 2.0;
    double[] k1 = bookDynamics(y0);
    double[] k2 = bookDynamics(axpy(y0, dt2, k1));
    double[] k3 = bookDynamics(axpy(y0, dt2, k2));
    double[] k4 = bookDynamics(axpy(y0, dt, k3));
    double[] y1 = new double[5];
    for (int i = 0; i < 5; i++) {
      double sum = k1[i] + 2 * k2[i];
      sum = sum + 2 * k3[i];
      sum = sum + k4[i];
      y1[i] = y0[i] + dt / 6.0 * sum;
    }
    double turn = PI - -PI;
    double theta1 = y1[0];
    while (theta1 > PI) {
      theta1 -= turn;
    }
    while (theta1 < -PI) {
      theta1 += turn;
    }
    double theta2 = y1[1];
    while (theta2 > PI) {
      theta2 -= turn;
    }
    while (theta2 < -PI) {
      theta2 += turn;
    }
    double dtheta1 = Math.min(Math.max(y1[2], -4 * PI), 4 * PI);
    double dtheta2 = Math.min(Math.max(y1[3], -9 * PI), 9 * PI);
    return new double[] {theta1, theta2, dtheta1, dtheta2};
  }

  /** Gymnasium's termination test: the free end more than one link length above the pivot. */
  static boolean gymnasiumTerminal(double[] state) {
    return -Math.cos(state[0]) - Math.cos(state[1] + state[0]) > 1.0;
  }

  private static float[] observationOf(double[] s) {
    return new float[] {
      (float) Math.cos(s[0]), (float) Math.sin(s[0]), (float) Math.cos(s[1]), (float) Math.sin(s[1]),
      (float) s[2], (float) s[3]
    };
  }

  private static void assertSameBits(double[] expected, double[] actual, String where) {
    if (!Arrays.equals(expected, actual)) {
      fail(where + ": expected the state " + hex(expected) + " but was " + hex(actual));
    }
  }

  private static String hex(double[] values) {
    return Arrays.stream(values).mapToObj(Double::toHexString).toList().toString();
  }

  private static Acrobot startedFrom(double... state) {
    Acrobot env = Acrobot.v1();
    env.startFrom(state[0], state[1], state[2], state[3]);
    return env;
  }

  // ---- (a) physics ----

  @Example
  void physicalConstantsAreGymnasiums() {
    assertEquals(0.2, Acrobot.DT);
    assertEquals(1.0, Acrobot.LINK_LENGTH_1);
    assertEquals(1.0, Acrobot.LINK_LENGTH_2);
    assertEquals(1.0, Acrobot.LINK_MASS_1);
    assertEquals(1.0, Acrobot.LINK_MASS_2);
    assertEquals(0.5, Acrobot.LINK_COM_POS_1);
    assertEquals(0.5, Acrobot.LINK_COM_POS_2);
    assertEquals(1.0, Acrobot.LINK_MOI);
    assertEquals(9.8, Acrobot.GRAVITY);
    assertEquals(4 * Math.PI, Acrobot.MAX_VEL_1);
    assertEquals(9 * Math.PI, Acrobot.MAX_VEL_2);
    assertEquals(-100.0, Acrobot.REWARD_THRESHOLD);
    assertEquals(500, Acrobot.v1().maxEpisodeSteps());
  }

  /** Gymnasium 1.3.0's states after each of six steps from {@code [0.3, −0.2, 1.0, −2.0]}. */
  private static final double[][] SIX_STEPS = {
      {0x1.bed254778e4dep-2, -0x1.fdd2fcb8656dcp-2, 0x1.55611c6638d68p-2, -0x1.d8956b6d8ddd8p-1},
      {0x1.cf6f065083cf9p-2, -0x1.3eea67f696f76p-1, -0x1.6808f2a1393d0p-3, -0x1.3d01c5bf1f4e2p-2},
      {0x1.6ca2e3d9d6c70p-2, -0x1.2cca53ef5f807p-1, -0x1.8a40b05c2c0f4p-1, 0x1.4d2b37bc4120dp-1},
      {0x1.277979ef38eadp-3, -0x1.5e28fb75b5656p-2, -0x1.4dc6304228b3bp+0, 0x1.bf2ffee77428ep+0},
      {-0x1.211b997bceffbp-3, 0x1.2bf709cd2d08cp-4, -0x1.7a6930a0585cbp+0, 0x1.23bc730bf127bp+1},
      {-0x1.8eecbda033f1ep-2, 0x1.c8eac81a998a3p-2, -0x1.e5c0d0a5baaf1p-1, 0x1.5b342bcc4b59cp+0},
  };

  /** Gymnasium 1.3.0's float32 observations after the same six steps. */
  private static final float[][] SIX_OBSERVATIONS = {
      {0x1.d006a4p-1f, 0x1.b0c6dcp-2f, 0x1.c1d7c4p-1f, -0x1.e9056cp-2f, 0x1.55611cp-2f, -0x1.d8956cp-1f},
      {0x1.cc7462p-1f, 0x1.bfc654p-2f, 0x1.9fd8bep-1f, -0x1.2ab094p-1f, -0x1.6808f2p-3f, -0x1.3d01c6p-2f},
      {0x1.dfe176p-1f, 0x1.64faap-2f, 0x1.aa2866p-1f, -0x1.1bc8c8p-1f, -0x1.8a40bp-1f, 0x1.4d2b38p-1f},
      {0x1.faae38p-1f, 0x1.267356p-3f, 0x1.e25b2p-1f, -0x1.57603p-2f, -0x1.4dc63p+0f, 0x1.bf2ffep+0f},
      {0x1.fae82ep-1f, -0x1.202608p-3f, 0x1.fea0aep-1f, 0x1.2bb26ap-4f, -0x1.7a693p+0f, 0x1.23bc74p+1f},
      {0x1.d9a2dap-1f, -0x1.84e90cp-2f, 0x1.cddebcp-1f, 0x1.b9e7bap-2f, -0x1.e5c0dp-1f, 0x1.5b342cp+0f},
  };

  @Example
  void sixStepsFromASetStateGiveGymnasiumsStatesAndObservationsBitForBit() {
    double[] start = {0.3, -0.2, 1.0, -2.0};
    int[] actions = {2, 0, 1, 2, 2, 0};
    Acrobot env = startedFrom(start);
    double[] reference = start;
    for (int t = 0; t < actions.length; t++) {
      Step<float[]> step = env.step(actions[t]);
      reference = gymnasiumStep(reference, actions[t]);
      String where = "step " + t + " (action " + actions[t] + ")";

      assertSameBits(SIX_STEPS[t], reference, where + " of the reference written here");
      assertSameBits(SIX_STEPS[t], env.state(), where);
      assertArrayEquals(SIX_OBSERVATIONS[t], step.observation(), where);
      assertEquals(-1.0, step.reward(), where);
      assertFalse(step.done(), where);
    }
  }

  @Property(tries = 100)
  void everyStepOfRandomPlayEqualsTheReferenceBitForBit(@ForAll long seed,
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 2) Integer> actions) {
    Acrobot env = Acrobot.v1();
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
      boolean terminal = gymnasiumTerminal(expected);
      assertEquals(terminal, step.terminated(), where);
      assertEquals(terminal ? 0.0 : -1.0, step.reward(), where);
      if (step.done()) {
        env.reset();
        expected = env.state();
      }
    }
  }

  /** Torque in the direction the second link turns: swings the acrobot up within a hundred steps. */
  private static final ToIntFunction<double[]> PUMP = s -> s[3] > 0 ? 2 : 0;

  /** Torque in the direction both links turn together. */
  private static final ToIntFunction<double[]> PUMP_BOTH = s -> s[2] + s[3] > 0 ? 2 : 0;

  /** No torque: the acrobot swings gently and never reaches the line. */
  private static final ToIntFunction<double[]> IDLE = s -> 1;

  /** Plays a controller from a set state to the end of the episode; returns the steps, the last one last. */
  private static List<Step<float[]>> playFrom(Acrobot env, ToIntFunction<double[]> controller) {
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
   * controller from the same state: two swing-ups that terminate and an idle episode truncated at 500. Two
   * end in the same bits; in the second swing-up NumPy and {@link Math} round {@code cos(−0x1.aaf2e9b6ad1f3p+0)}
   * (an argument met inside the fourth step's Runge–Kutta stages) to neighbouring doubles, a near tie that
   * {@code Math} gets right, and the difference grows to about 1e-12 by the end, on the same step.
   */
  @Example
  void wholeEpisodesEndWhenAndWhereGymnasiumsEnd() {
    record Case(double[] start, ToIntFunction<double[]> controller, int steps, boolean terminated, double[] end,
        double tolerance) {}
    List<Case> cases = List.of(
        new Case(new double[] {0.05, -0.03, 0.02, 0.01}, PUMP, 73, true,
            new double[] {-0x1.c3550c9dc36bfp+0, -0x1.bd78c975ba2a2p+0, -0x1.e687ace520212p+0, 0x1.efe0a77c5cd6ep+1},
            0),
        new Case(new double[] {-0.08, 0.06, -0.01, 0.04}, PUMP_BOTH, 94, true,
            new double[] {-0x1.aa3336e17ca45p+0, -0x1.38ec260a57848p+0, -0x1.acb48e8d663f1p+1, 0x1.82afc1db203a3p+1},
            1e-9),
        new Case(new double[] {0.05, -0.03, 0.02, 0.01}, IDLE, 500, false,
            new double[] {0x1.552f7e814b1c2p-7, 0x1.05f06e7097be0p-5, 0x1.c282c9deff3f0p-4, -0x1.fc84d2228ca6dp-4},
            0));
    for (Case c : cases) {
      Acrobot env = startedFrom(c.start());
      List<Step<float[]>> steps = playFrom(env, c.controller());
      String where = "from " + Arrays.toString(c.start());

      assertEquals(c.steps(), steps.size(), where);
      if (c.tolerance() == 0) {
        assertSameBits(c.end(), env.state(), where);
      } else {
        assertArrayEquals(c.end(), env.state(), c.tolerance(), where);
      }
      Step<float[]> last = steps.get(steps.size() - 1);
      assertEquals(c.terminated(), last.terminated(), where);
      assertEquals(!c.terminated(), last.truncated(), where);
    }
  }

  // ---- (b) wrapping, clipping, termination, rewards ----

  @Example
  void angularVelocitiesAreClippedToFourPiAndNinePiWithGymnasiumsResults() {
    record Case(double[] start, int action, double[] state, float[] observation) {}
    List<Case> cases = List.of(
        new Case(new double[] {0, 0, 12.5, 28.0}, 2,
            new double[] {-0x1.1561940891be0p+1, -0x1.2469901437d2bp+1, 0x1.921fb54442d18p+3, 0x1.8242bf8397eb8p+4},
            new float[] {-0x1.1f81fcp-1f, -0x1.a7a79ap-1f, -0x1.4f29e4p-1f, -0x1.830d56p-1f, 0x1.921fb6p+3f, 0x1.8242cp+4f}),
        new Case(new double[] {0, 0, -12.5, -28.0}, 0,
            new double[] {0x1.1561940891be0p+1, 0x1.2469901437d2bp+1, -0x1.921fb54442d18p+3, -0x1.8242bf8397eb8p+4},
            new float[] {-0x1.1f81fcp-1f, 0x1.a7a79ap-1f, -0x1.4f29e4p-1f, 0x1.830d56p-1f, -0x1.921fb6p+3f, -0x1.8242cp+4f}),
        new Case(new double[] {0, 0, 0, 28.0}, 2,
            new double[] {0x1.c13730f160fe9p-1, -0x1.42b0a8959bb48p+0, 0x1.cf18cb03d6488p-1, 0x1.c463abeccb2bbp+4},
            new float[] {0x1.4741a6p-1f, 0x1.89c2a6p-1f, 0x1.38a93ep-2f, -0x1.e78cbcp-1f, 0x1.cf18ccp-1f, 0x1.c463acp+4f}),
        new Case(new double[] {0, 0, 0, -28.27}, 0,
            new double[] {-0x1.a4e580602b2edp-1, 0x1.29697ece39f1cp+0, -0x1.509d1c0d6d100p-2, -0x1.c463abeccb2bbp+4},
            new float[] {0x1.5c862ap-1f, -0x1.77110ep-1f, 0x1.9743ep-2f, 0x1.d5c378p-1f, -0x1.509d1cp-2f, -0x1.c463acp+4f}));
    for (Case c : cases) {
      Acrobot env = startedFrom(c.start());
      Step<float[]> step = env.step(c.action());
      String where = "from " + Arrays.toString(c.start()) + " with action " + c.action();

      assertSameBits(c.state(), env.state(), where);
      assertSameBits(c.state(), gymnasiumStep(c.start(), c.action()), where + ", the reference written here");
      assertArrayEquals(c.observation(), step.observation(), where);
      assertTrue(env.observationSpace().contains(step.observation()), where);
    }
    // Exactly at the bounds: 4π and 9π, the values Gymnasium's bound() returns.
    assertEquals(4 * Math.PI, stepped(new double[] {0, 0, 12.5, 28.0}, 2)[2]);
    assertEquals(-4 * Math.PI, stepped(new double[] {0, 0, -12.5, -28.0}, 0)[2]);
    assertEquals(9 * Math.PI, stepped(new double[] {0, 0, 0, 28.0}, 2)[3]);
    assertEquals(-9 * Math.PI, stepped(new double[] {0, 0, 0, -28.27}, 0)[3]);
  }

  private static double[] stepped(double[] start, int action) {
    Acrobot env = startedFrom(start);
    env.step(action);
    return env.state();
  }

  @Example
  void anglesPastPiAreWrappedByAWholeTurnAsGymnasiumWrapsThem() {
    // From θ1 = 3, θ̇1 = 2 the first link turns past π; from θ2 = −3, θ̇2 = −3 the second turns past −π.
    double[] start = {3.0, -3.0, 2.0, -3.0};
    Acrobot env = startedFrom(start);
    Step<float[]> step = env.step(1);

    double[] gymnasium = {-0x1.711d20689daaep+1, 0x1.57f1aa862f196p+1, 0x1.0be6aa1bc8f42p+1, -0x1.83fe5a632ab32p+1};
    assertSameBits(gymnasium, env.state(), "after one step from " + Arrays.toString(start));
    assertArrayEquals(new float[] {-0x1.ef117p-1f, -0x1.0529c4p-2f, -0x1.cc03ecp-1f, 0x1.c193bep-2f, 0x1.0be6aap+1f,
        -0x1.83fe5ap+1f}, step.observation());
    assertTrue(env.state()[0] < 0 && env.state()[1] > 0, "both angles changed sign: " + hex(env.state()));

    double[] mirrored = {-3.0, 3.0, -2.0, 3.0};
    Acrobot other = startedFrom(mirrored);
    other.step(1);
    assertSameBits(new double[] {0x1.711d20689daaep+1, -0x1.57f1aa862f196p+1, -0x1.0be6aa1bc8f41p+1,
        0x1.83fe5a632ab31p+1}, other.state(), "after one step from " + Arrays.toString(mirrored));
  }

  @Property(tries = 200)
  void anglesStayWithinPiAndVelocitiesWithinTheirBoundsFromAnyState(
      @ForAll @IntRange(min = -1000, max = 1000) int a, @ForAll @IntRange(min = -1000, max = 1000) int b,
      @ForAll @IntRange(min = -1000, max = 1000) int c, @ForAll @IntRange(min = -1000, max = 1000) int d,
      @ForAll @IntRange(min = 0, max = 2) int action) {
    double[] start = {a * PI / 1000, b * PI / 1000, c * 4 * PI / 1000, d * 9 * PI / 1000};
    double[] state = stepped(start, action);

    String where = "after one step from " + Arrays.toString(start) + ": " + Arrays.toString(state);
    assertTrue(state[0] >= -PI && state[0] <= PI, where);
    assertTrue(state[1] >= -PI && state[1] <= PI, where);
    assertTrue(Math.abs(state[2]) <= 4 * PI, where);
    assertTrue(Math.abs(state[3]) <= 9 * PI, where);
    assertSameBits(gymnasiumStep(start, action), state, "from " + Arrays.toString(start));
  }

  @Example
  void theStepThatRaisesTheFreeEndAboveTheLineTerminatesWithRewardZero() {
    // Gymnasium 1.3.0 from [2.0, 0.5, 0, 0] with no torque: the end stays above the line, reward 0.
    Acrobot env = startedFrom(2.0, 0.5, 0.0, 0.0);
    Step<float[]> step = env.step(1);

    assertSameBits(new double[] {0x1.e1a968947464cp+0, 0x1.3937296e1324ep-1, -0x1.311ddc30ce2dap+0,
        0x1.1c306606936f7p+0}, env.state(), "after the terminating step");
    assertArrayEquals(new float[] {-0x1.390ecp-2f, 0x1.e77c74p-1f, 0x1.a3256ap-1f, 0x1.260aaap-1f, -0x1.311ddcp+0f,
        0x1.1c3066p+0f}, step.observation());
    assertTrue(step.terminated());
    assertFalse(step.truncated());
    assertEquals(0.0, step.reward());
    double height = -Math.cos(env.state()[0]) - Math.cos(env.state()[1] + env.state()[0]);
    assertTrue(height > 1.0, "height " + height);
    assertThrows(IllegalStateException.class, () -> env.step(1));
  }

  @Example
  void everyStepBeforeTheLastOfASwingUpRewardsMinusOneAndTheLastZero() {
    List<Step<float[]>> steps = playFrom(startedFrom(0.05, -0.03, 0.02, 0.01), PUMP);

    for (int t = 0; t < steps.size() - 1; t++) {
      assertEquals(-1.0, steps.get(t).reward(), "step " + t);
      assertFalse(steps.get(t).done(), "step " + t);
    }
    Step<float[]> last = steps.get(steps.size() - 1);
    assertTrue(last.terminated());
    assertEquals(0.0, last.reward());
    // Gymnasium's return for this episode: 72 steps at −1, then 0.
    assertEquals(-72.0, steps.stream().mapToDouble(Step::reward).sum());
  }

  // ---- (c) truncation ----

  @Example
  void v1TruncatesAnIdleEpisodeAtStep500WithRewardMinusOne() {
    Acrobot env = Acrobot.v1();
    for (long seed = 0; seed < 3; seed++) {
      env.reset(seed);
      List<Step<float[]>> steps = playFrom(env, IDLE);

      assertEquals(500, steps.size(), "from seed " + seed);
      Step<float[]> last = steps.get(499);
      assertTrue(last.truncated(), "from seed " + seed);
      assertFalse(last.terminated(), "from seed " + seed);
      assertEquals(-1.0, last.reward());
      assertTrue(steps.subList(0, 499).stream().noneMatch(Step::done), "from seed " + seed);
      assertThrows(IllegalStateException.class, () -> env.step(1), "a step after the truncation");
    }
  }

  // ---- (d) starting state ----

  @Property(tries = 100)
  void resetDrawsEveryStateVariableWithinATenthOfZeroAsAFloat(@ForAll long seed) {
    Acrobot env = Acrobot.v1();
    for (int episode = 0; episode < 4; episode++) {
      float[] observation = episode == 0 ? env.reset(seed) : env.reset();
      double[] state = env.state();
      for (int i = 0; i < 4; i++) {
        double value = state[i];
        String where = "state variable " + i + " after reset number " + episode + " from seed " + seed;
        assertTrue(value >= (float) -0.1 && value <= (float) 0.1, () -> where + " is " + value);
        assertEquals(value, (double) (float) value, () -> where + " is not a float32 value: " + value);
      }
      assertArrayEquals(observationOf(state), observation);
    }
  }

  @Example
  void theSameSeedStartsTheSameWayAndOtherSeedsDifferently() {
    Acrobot env = Acrobot.v1();
    env.reset(5);
    double[] first = env.state();
    env.step(2);
    env.reset();
    double[] second = env.state();
    env.reset(5);
    assertSameBits(first, env.state(), "reset(5) again");
    Acrobot other = Acrobot.v1();
    other.reset(5);
    assertSameBits(first, other.state(), "reset(5) on another instance");
    assertNotEquals(Arrays.toString(first), Arrays.toString(second));
    other.reset(6);
    assertNotEquals(Arrays.toString(first), Arrays.toString(other.state()));
  }

  // ---- (e) spaces ----

  @Example
  void theObservationSpaceIsGymnasiumsBox() {
    Box box = assertInstanceOf(Box.class, Acrobot.v1().observationSpace());

    float fourPi = 12.566371f;
    float ninePi = 28.274334f;
    assertEquals((float) (4 * Math.PI), fourPi);
    assertEquals((float) (9 * Math.PI), ninePi);
    assertArrayEquals(new float[] {1, 1, 1, 1, fourPi, ninePi}, box.high());
    assertArrayEquals(new float[] {-1, -1, -1, -1, -fourPi, -ninePi}, box.low());
    assertArrayEquals(new int[] {6}, box.shape());
  }

  @Example
  void theActionSpaceIsDiscreteThree() {
    assertEquals(Discrete.of(3), assertInstanceOf(Discrete.class, Acrobot.v1().actionSpace()));
  }

  // ---- (f) errors ----

  @Example
  void stepAfterTerminationThrowsIllegalStateExceptionUntilTheNextReset() {
    Acrobot env = startedFrom(2.0, 0.5, 0.0, 0.0);
    assertTrue(env.step(1).terminated());

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
    assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    env.reset();
    assertDoesNotThrow(() -> env.step(0));
  }

  @Example
  void actionsOutsideDiscreteThreeThrowIllegalArgumentExceptionNamingActionAndSpaceAndChangeNothing() {
    Acrobot env = Acrobot.v1();
    env.reset(11);
    double[] before = env.state();

    for (Integer action : Arrays.asList(3, -1, null)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(action));
      String message = e.getMessage();
      assertTrue(message.contains("Discrete(3)"), message);
      assertTrue(message.replace("Discrete(3)", "").contains(String.valueOf(action)), message);
      assertSameBits(before, env.state(), "after the rejected action " + action);
    }
    env.step(2);
    assertSameBits(gymnasiumStep(before, 2), env.state(), "the first accepted step after rejected ones");
  }

  @Example
  void startFromRefusesAStateThatIsNotFinite() {
    Acrobot env = Acrobot.v1();
    assertThrows(IllegalArgumentException.class, () -> env.startFrom(Double.NaN, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> env.startFrom(0, 0, 0, Double.POSITIVE_INFINITY));
  }

  // ---- (g) the checker ----

  @Example
  void passesTheEnvironmentCheckerAsV1AndWithAShortLimit() {
    assertDoesNotThrow(() -> EnvironmentChecker.check(Acrobot::v1));
    assertDoesNotThrow(() -> EnvironmentChecker.check(() -> Acrobot.withMaxEpisodeSteps(20)));
  }
}
