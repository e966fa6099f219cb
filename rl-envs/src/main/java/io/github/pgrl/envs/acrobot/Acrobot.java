package io.github.pgrl.envs.acrobot;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.envs.ClassicControl;
import java.util.random.RandomGenerator;

/**
 * Two links joined in a chain that hangs from a fixed pivot; the agent applies a torque at the joint
 * between the links to swing the free end above a line. This is Gymnasium's {@code Acrobot-v1}, to the
 * constant.
 *
 * <h2>Description</h2>
 *
 * The acrobot of Sutton, "Generalization in Reinforcement Learning: Successful Examples Using Sparse Coarse
 * Coding" (NIPS 1995), with the equations of motion of Sutton &amp; Barto, <i>Reinforcement Learning: An
 * Introduction</i> (the "book" dynamics, which Gymnasium uses by default; the paper left out a term). Both
 * links have length 1.0, mass 1.0, centre of mass at 0.5 and moment of inertia 1.0; gravity 9.8; time step
 * 0.2 s. Each step integrates the state, augmented by the torque, with one classical fourth-order
 * Runge–Kutta step over {@code [0, 0.2]}, as Gymnasium's {@code rk4} does over {@code [0, dt]}; then wraps
 * both angles into {@code [−π, π]} by whole turns (Gymnasium's {@code wrap}, which keeps exactly ±π) and
 * clips the angular velocities to ±4π and ±9π. The arithmetic follows Gymnasium's order of operations; sine
 * and cosine come from {@link Math}, which for a few angles differs from NumPy's in the last bit, and only
 * there can a trajectory differ from Gymnasium's.
 *
 * <h2>Action Space</h2>
 *
 * {@code Discrete(3)}: the torque on the joint between the links, −1 for action 0, 0 for action 1 and +1
 * for action 2 (N·m). No noise is added to the torque (Gymnasium's {@code torque_noise_max} is 0).
 *
 * <h2>Observation Space</h2>
 *
 * {@code float[6]}: {@code cos θ1}, {@code sin θ1}, {@code cos θ2}, {@code sin θ2} (bounds ±1), {@code θ̇1}
 * (bounds ±4π) and {@code θ̇2} (bounds ±9π), where {@code θ1} is the angle of the first link from straight
 * down and {@code θ2} that of the second link relative to the first. The state {@code [θ1, θ2, θ̇1, θ̇2]}
 * itself is kept in double precision ({@link #state()}); each step returns a new array.
 *
 * <h2>Rewards</h2>
 *
 * −1 for every step, and 0 for the step on which the free end reaches the line. Gymnasium registers a
 * reward threshold of −100 ({@link #REWARD_THRESHOLD}).
 *
 * <h2>Starting State</h2>
 *
 * All four state variables uniform in {@code [−0.1, 0.1]}, drawn from the environment's own generator and
 * rounded to float32, as Gymnasium stores its starting state: both links hang down, nearly at rest.
 *
 * <h2>Episode End</h2>
 *
 * Terminated when the free end is more than one link length above the pivot: {@code −cos θ1 − cos(θ2 + θ1)
 * > 1.0}. Truncated after {@link #maxEpisodeSteps()} steps (500 for v1). A step after the end throws {@link
 * IllegalStateException}.
 *
 * <h2>Arguments</h2>
 *
 * {@link #v1()}, or {@link #withMaxEpisodeSteps(int)} for another limit. Gymnasium's alternatives (the
 * paper's dynamics, torque noise, other reset bounds) are not offered.
 *
 * <h2>Version History</h2>
 *
 * <ul>
 *   <li>0.1.0: first version, equal to Gymnasium's Acrobot-v1.
 * </ul>
 *
 * @since 0.1.0
 */
public final class Acrobot extends ClassicControl<Integer> {

  /** Seconds between state updates. */
  public static final double DT = 0.2;
  /** Length of the first link, m. */
  public static final double LINK_LENGTH_1 = 1.0;
  /** Length of the second link, m. */
  public static final double LINK_LENGTH_2 = 1.0;
  /** Mass of the first link, kg. */
  public static final double LINK_MASS_1 = 1.0;
  /** Mass of the second link, kg. */
  public static final double LINK_MASS_2 = 1.0;
  /** Position of the first link's centre of mass, m from the pivot. */
  public static final double LINK_COM_POS_1 = 0.5;
  /** Position of the second link's centre of mass, m from the joint. */
  public static final double LINK_COM_POS_2 = 0.5;
  /** Moment of inertia of either link. */
  public static final double LINK_MOI = 1.0;
  /** Gravity, m/s². */
  public static final double GRAVITY = 9.8;
  /** The bound of the first link's angular velocity, 4π rad/s. */
  public static final double MAX_VEL_1 = 4 * Math.PI;
  /** The bound of the second link's angular velocity, 9π rad/s. */
  public static final double MAX_VEL_2 = 9 * Math.PI;
  /** The 100-episode mean return at which Gymnasium considers Acrobot-v1 solved. */
  public static final double REWARD_THRESHOLD = -100.0;

  private static final double[] TORQUES = {-1.0, 0.0, +1.0};

  private static final Discrete ACTIONS = Discrete.of(3);
  private static final Box OBSERVATIONS =
      Box.of(
          new float[] {-1f, -1f, -1f, -1f, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
          new float[] {1f, 1f, 1f, 1f, (float) MAX_VEL_1, (float) MAX_VEL_2});

  private double theta1;
  private double theta2;
  private double dtheta1;
  private double dtheta2;

  private Acrobot(int maxEpisodeSteps) {
    super(maxEpisodeSteps, OBSERVATIONS, ACTIONS);
  }

  /**
   * Acrobot-v1: truncated after 500 steps.
   *
   * @return a new environment
   */
  public static Acrobot v1() {
    return new Acrobot(500);
  }

  /**
   * Acrobot with another step limit.
   *
   * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
   * @return a new environment
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   */
  public static Acrobot withMaxEpisodeSteps(int maxEpisodeSteps) {
    return new Acrobot(maxEpisodeSteps);
  }

  @Override
  protected void drawStartingState(RandomGenerator rng) {
    theta1 = (float) rng.nextDouble(-0.1, 0.1);
    theta2 = (float) rng.nextDouble(-0.1, 0.1);
    dtheta1 = (float) rng.nextDouble(-0.1, 0.1);
    dtheta2 = (float) rng.nextDouble(-0.1, 0.1);
  }

  /**
   * Starts an episode from a given state instead of a random one, so that the tests of this package can
   * begin where the equations are easy to follow (Gymnasium's tests set {@code env.unwrapped.state}).
   *
   * @throws IllegalArgumentException if a value is not finite
   */
  void startFrom(double theta1, double theta2, double dtheta1, double dtheta2) {
    if (!(Double.isFinite(theta1) && Double.isFinite(theta2) && Double.isFinite(dtheta1) && Double.isFinite(dtheta2))) {
      throw new IllegalArgumentException("the state must be finite, got [" + theta1 + ", " + theta2 + ", " + dtheta1
          + ", " + dtheta2 + "]");
    }
    this.theta1 = theta1;
    this.theta2 = theta2;
    this.dtheta1 = dtheta1;
    this.dtheta2 = dtheta2;
    start();
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + ACTIONS
          + " (0 applies a torque of -1, 1 none, 2 a torque of +1)");
    }
    checkRunning();
    double torque = TORQUES[action];
    double[] y = {theta1, theta2, dtheta1, dtheta2};
    // One step of Gymnasium's rk4 over [0, DT]; the torque, the fifth component of the augmented state,
    // has a zero derivative and so stays as it is.
    double half = DT / 2.0;
    double[] k1 = derivatives(y, torque);
    double[] k2 = derivatives(plus(y, half, k1), torque);
    double[] k3 = derivatives(plus(y, half, k2), torque);
    double[] k4 = derivatives(plus(y, DT, k3), torque);
    double sixth = DT / 6.0;
    double[] next = new double[4];
    for (int i = 0; i < 4; i++) {
      next[i] = y[i] + sixth * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    theta1 = wrap(next[0], -Math.PI, Math.PI);
    theta2 = wrap(next[1], -Math.PI, Math.PI);
    dtheta1 = Math.min(Math.max(next[2], -MAX_VEL_1), MAX_VEL_1);
    dtheta2 = Math.min(Math.max(next[3], -MAX_VEL_2), MAX_VEL_2);

    boolean terminated = -Math.cos(theta1) - Math.cos(theta2 + theta1) > 1.0;
    return endStep(terminated ? 0.0 : -1.0, terminated);
  }

  /** {@code y + h·k}, component by component. */
  private static double[] plus(double[] y, double h, double[] k) {
    return new double[] {y[0] + h * k[0], y[1] + h * k[1], y[2] + h * k[2], y[3] + h * k[3]};
  }

  /**
   * The time derivative of {@code [θ1, θ2, θ̇1, θ̇2]} under the book dynamics, in the order of operations of
   * Gymnasium's {@code AcrobotEnv._dsdt}.
   */
  private static double[] derivatives(double[] s, double torque) {
    double m1 = LINK_MASS_1;
    double m2 = LINK_MASS_2;
    double l1 = LINK_LENGTH_1;
    double lc1 = LINK_COM_POS_1;
    double lc2 = LINK_COM_POS_2;
    double i1 = LINK_MOI;
    double i2 = LINK_MOI;
    double g = GRAVITY;
    double th1 = s[0];
    double th2 = s[1];
    double dth1 = s[2];
    double dth2 = s[3];
    double cos2 = Math.cos(th2);
    double sin2 = Math.sin(th2);
    double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
    double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
    double phi2 = m2 * lc2 * g * Math.cos(th1 + th2 - Math.PI / 2.0);
    double phi1 = -m2 * l1 * lc2 * (dth2 * dth2) * sin2
        - 2 * m2 * l1 * lc2 * dth2 * dth1 * sin2
        + (m1 * lc1 + m2 * l1) * g * Math.cos(th1 - Math.PI / 2)
        + phi2;
    double ddth2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * (dth1 * dth1) * sin2 - phi2)
        / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
    double ddth1 = -(d2 * ddth2 + phi1) / d1;
    return new double[] {dth1, dth2, ddth1, ddth2};
  }

  /** Gymnasium's {@code wrap}: whole turns added or taken away until {@code low <= x <= high}. */
  private static double wrap(double x, double low, double high) {
    double turn = high - low;
    while (x > high) {
      x = x - turn;
    }
    while (x < low) {
      x = x + turn;
    }
    return x;
  }

  @Override
  protected double[] savedState() {
    return state();
  }

  /** Checks that the angles are wrapped and the velocities within their clips, then sets them. */
  @Override
  protected void restoreState(double[] s) {
    requireWithin("θ1", s[0], -Math.PI, Math.PI);
    requireWithin("θ2", s[1], -Math.PI, Math.PI);
    requireWithin("the angular velocity θ̇1", s[2], -MAX_VEL_1, MAX_VEL_1);
    requireWithin("the angular velocity θ̇2", s[3], -MAX_VEL_2, MAX_VEL_2);
    theta1 = s[0];
    theta2 = s[1];
    dtheta1 = s[2];
    dtheta2 = s[3];
  }

  /**
   * The full state in double precision: the two angles and the two angular velocities, {@code [θ1, θ2, θ̇1,
   * θ̇2]}.
   *
   * @return a new array
   */
  public double[] state() {
    return new double[] {theta1, theta2, dtheta1, dtheta2};
  }

  @Override
  protected float[] observation() {
    return new float[] {
      (float) Math.cos(theta1), (float) Math.sin(theta1), (float) Math.cos(theta2), (float) Math.sin(theta2),
      (float) dtheta1, (float) dtheta2
    };
  }
}
