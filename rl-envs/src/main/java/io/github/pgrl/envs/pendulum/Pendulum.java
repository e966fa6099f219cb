package io.github.pgrl.envs.pendulum;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.envs.ClassicControl;
import java.util.random.RandomGenerator;

/**
 * A pendulum hinged at one end, to be swung up and held upright by a torque too weak to lift it
 * directly. This is Gymnasium's {@code Pendulum-v1}, to the constant.
 *
 * <h2>Description</h2>
 *
 * The inverted-pendulum swing-up of classic control theory, as Gymnasium's {@code PendulumEnv} ({@code
 * gymnasium/envs/classic_control/pendulum.py}) defines it: a rod of mass 1.0 and length 1.0, gravity
 * {@code g} (10.0 unless given), time step 0.05 s, angle θ measured from upright (counter-clockwise
 * positive). With the torque {@code u} clipped to {@code [−2, 2]}, one step is
 *
 * <pre>
 *   θ̇ ← θ̇ + (3g/(2l)·sin θ + 3/(m·l²)·u)·dt,  clipped to [−8, 8]
 *   θ ← θ + θ̇·dt                              (with the new θ̇)
 * </pre>
 *
 * <p>θ itself is never wrapped. The state is kept in double precision, in Gymnasium's order of
 * operations. The action is float32, and under NumPy 2's promotion rules (NEP 50) Gymnasium computes the
 * terms that involve only it and Python constants, {@code 3/(m·l²)·u} and {@code 0.001·u²}, in float32;
 * so does this class. Sine and cosine come from {@link Math}, which for a few angles differs from the C
 * library's in the last bit, and only there can a trajectory differ from Gymnasium's.
 *
 * <h2>Action Space</h2>
 *
 * {@code Box(−2, 2, (1,))}: a {@code float[1]} holding the torque. As in Gymnasium a finite value outside
 * {@code [−2, 2]} is accepted and clipped to it, for the dynamics and for the cost. An array that is
 * {@code null} or not of length 1, or whose value is NaN or infinite, throws {@link
 * IllegalArgumentException} naming the action and the space (NaN cannot be clipped, and infinities are
 * refused with it).
 *
 * <h2>Observation Space</h2>
 *
 * {@code float[3]}: {@code cos θ} and {@code sin θ}, within {@code [−1, 1]}, and the angular velocity
 * θ̇, within {@code [−8, 8]}, each rounded from double to float. Each step returns a new array.
 *
 * <h2>Rewards</h2>
 *
 * {@code −(normalize(θ)² + 0.1·θ̇² + 0.001·u²)}, computed from the state before the step and the clipped
 * torque, where {@code normalize(θ) = ((θ + π) mod 2π) − π} with the remainder taking the sign of the
 * divisor (Python's and NumPy's {@code %}). The reward lies in {@code [−16.2736044, 0]}.
 *
 * <h2>Starting State</h2>
 *
 * θ uniform in {@code [−π, π)} and θ̇ uniform in {@code [−1, 1)}, drawn from the environment's own
 * generator.
 *
 * <h2>Episode End</h2>
 *
 * The episode never terminates. It is truncated after {@link #maxEpisodeSteps()} steps (200 for v1). A
 * step after the end throws {@link IllegalStateException}.
 *
 * <h2>Arguments</h2>
 *
 * {@link #v1()}; {@link #v1(double)} with another gravity, as Gymnasium's {@code gym.make("Pendulum-v1",
 * g=9.81)}; {@link #withMaxEpisodeSteps(double, int)} with another step limit too. Gymnasium's reset
 * bounds ({@code options}) are not offered.
 *
 * <h2>Version History</h2>
 *
 * <ul>
 *   <li>0.1.0: first version, equal to Gymnasium's Pendulum-v1.
 * </ul>
 *
 * @since 0.1.0
 */
public final class Pendulum extends ClassicControl<float[]> {

  /** Gravity unless another is given, m/s². */
  public static final double DEFAULT_GRAVITY = 10.0;
  /** Mass of the rod, kg. */
  public static final double MASS = 1.0;
  /** Length of the rod, m. */
  public static final double LENGTH = 1.0;
  /** Seconds between state updates. */
  public static final double DT = 0.05;
  /** The largest angular velocity in either direction, rad/s. */
  public static final double MAX_SPEED = 8.0;
  /** The largest torque in either direction, N·m; larger actions are clipped to it. */
  public static final double MAX_TORQUE = 2.0;

  private static final float MAX_TORQUE_F = (float) MAX_TORQUE;
  /** Gymnasium's {@code 3.0 / (m * l**2)}, a Python float that NumPy rounds to float32 to multiply u. */
  private static final float TORQUE_GAIN = (float) (3.0 / (MASS * (LENGTH * LENGTH)));
  /** Gymnasium's {@code 0.001}, rounded to float32 to multiply the float32 {@code u**2}. */
  private static final float TORQUE_COST = 0.001f;

  private static final Box ACTIONS = Box.of(-MAX_TORQUE_F, MAX_TORQUE_F, 1);
  private static final Box OBSERVATIONS =
      Box.of(new float[] {-1f, -1f, (float) -MAX_SPEED}, new float[] {1f, 1f, (float) MAX_SPEED});

  private final double g;
  private double theta;
  private double thetaDot;

  private Pendulum(double g, int maxEpisodeSteps) {
    super(maxEpisodeSteps, OBSERVATIONS, ACTIONS);
    this.g = g;
  }

  /**
   * Pendulum-v1: gravity 10.0, truncated after 200 steps.
   *
   * @return a new environment
   */
  public static Pendulum v1() {
    return new Pendulum(DEFAULT_GRAVITY, 200);
  }

  /**
   * Pendulum-v1 with another gravity, truncated after 200 steps.
   *
   * @param g the acceleration of gravity, m/s², finite
   * @return a new environment
   * @throws IllegalArgumentException if {@code g} is NaN or infinite
   */
  public static Pendulum v1(double g) {
    return withMaxEpisodeSteps(g, 200);
  }

  /**
   * Pendulum with another gravity and another step limit.
   *
   * @param g the acceleration of gravity, m/s², finite
   * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
   * @return a new environment
   * @throws IllegalArgumentException if {@code g} is NaN or infinite, or {@code maxEpisodeSteps < 1}
   */
  public static Pendulum withMaxEpisodeSteps(double g, int maxEpisodeSteps) {
    if (!Double.isFinite(g)) {
      throw new IllegalArgumentException("the gravity g must be finite, got " + g);
    }
    return new Pendulum(g, maxEpisodeSteps);
  }

  /**
   * The acceleration of gravity.
   *
   * @return g, m/s²
   */
  public double g() {
    return g;
  }

  @Override
  protected void drawStartingState(RandomGenerator rng) {
    theta = rng.nextDouble(-Math.PI, Math.PI);
    thetaDot = rng.nextDouble(-1.0, 1.0);
  }

  @Override
  public Step<float[]> step(float[] action) {
    float torque = finiteScalarAction(action, ACTIONS, "torque", "2");
    checkRunning();
    float u = Math.max(-MAX_TORQUE_F, Math.min(MAX_TORQUE_F, torque));
    double normalized = angleNormalize(theta);
    double cost = normalized * normalized + 0.1 * (thetaDot * thetaDot) + TORQUE_COST * (u * u);
    double newThetaDot = thetaDot + (3 * g / (2 * LENGTH) * Math.sin(theta) + TORQUE_GAIN * u) * DT;
    newThetaDot = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, newThetaDot));
    theta = theta + newThetaDot * DT;
    thetaDot = newThetaDot;
    return endStep(-cost, false);
  }

  /**
   * Gymnasium's {@code angle_normalize}: {@code ((x + π) mod 2π) − π}, with the remainder of Python's and
   * NumPy's {@code %}, which takes the sign of the divisor, so the result lies in {@code [−π, π]}.
   *
   * @param x an angle, radians
   * @return the same angle in {@code [−π, π]}
   */
  static double angleNormalize(double x) {
    double twoPi = 2 * Math.PI;
    double r = (x + Math.PI) % twoPi; // C's fmod, exact, with the sign of the dividend
    if (r < 0) {
      r += twoPi;
    } else if (r == 0) {
      r = 0.0;
    }
    return r - Math.PI;
  }

  /**
   * The state in double precision: angle (not wrapped) and angular velocity.
   *
   * @return a new array
   */
  public double[] state() {
    return new double[] {theta, thetaDot};
  }

  @Override
  protected double[] savedState() {
    return state();
  }

  /** Checks that the angle is finite (it is not wrapped) and the velocity within its clip, then sets them. */
  @Override
  protected void restoreState(double[] s) {
    requireWithin("the angular velocity", s[1], -MAX_SPEED, MAX_SPEED);
    theta = s[0];
    thetaDot = s[1];
  }

  /** Sets the angle and angular velocity without changing the episode's step count; for tests. */
  void setState(double theta, double thetaDot) {
    this.theta = theta;
    this.thetaDot = thetaDot;
  }

  @Override
  protected float[] observation() {
    return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) thetaDot};
  }

  @Override
  public String toString() {
    return "Pendulum(g=" + g + ", maxEpisodeSteps=" + maxEpisodeSteps() + ")";
  }
}
