package io.github.pgrl.envs.cartpole;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.envs.ClassicControl;
import java.util.random.RandomGenerator;

/**
 * A pole hinged on a cart that moves along a frictionless track; the agent pushes the cart left or right
 * to keep the pole upright. This is Gymnasium's {@code CartPole-v1}, to the constant.
 *
 * <h2>Description</h2>
 *
 * The cart-pole problem of Barto, Sutton &amp; Anderson, "Neuronlike adaptive elements that can solve
 * difficult learning control problems" (1983). Gravity 9.8, cart mass 1.0, pole mass 0.1, half pole
 * length 0.5, force magnitude 10.0, time step 0.02 s, explicit Euler integration. The arithmetic follows
 * Gymnasium's order of operations; sine and cosine come from {@link Math}, which for a few angles differs
 * from NumPy's in the last bit, and only there can a trajectory differ from Gymnasium's.
 *
 * <h2>Action Space</h2>
 *
 * {@code Discrete(2)}: 0 pushes the cart to the left, 1 to the right, with a force of 10 N.
 *
 * <h2>Observation Space</h2>
 *
 * {@code float[4]}: cart position (bounds ±4.8), cart velocity (unbounded), pole angle in radians (bounds
 * ±0.418879, i.e. ±24°) and pole angular velocity (unbounded); as in Gymnasium the unbounded coordinates
 * are bounded by the largest float. The state itself is kept in double precision; each step returns a new
 * array.
 *
 * <h2>Rewards</h2>
 *
 * +1 for every step, including the step on which the episode terminates.
 *
 * <h2>Starting State</h2>
 *
 * All four state variables uniform in {@code [−0.05, 0.05]}, drawn from the environment's own generator.
 *
 * <h2>Episode End</h2>
 *
 * Terminated when the cart position leaves {@code [−2.4, 2.4]} or the pole angle leaves {@code [−12°,
 * 12°]} (±0.2094395 rad). Truncated after {@link #maxEpisodeSteps()} steps (500 for v1, 200 for v0). A
 * step after the end throws {@link IllegalStateException}.
 *
 * <h2>Arguments</h2>
 *
 * {@link #v1()}, {@link #v0()}, or {@link #withMaxEpisodeSteps(int)} for another limit.
 *
 * <h2>Version History</h2>
 *
 * <ul>
 *   <li>0.1.0: first version, equal to Gymnasium's CartPole-v1 (and v0 with the 200-step limit).
 * </ul>
 *
 * @since 0.1.0
 */
public final class CartPole extends ClassicControl<Integer> {

  /** Gravity, m/s². */
  public static final double GRAVITY = 9.8;
  /** Mass of the cart, kg. */
  public static final double MASS_CART = 1.0;
  /** Mass of the pole, kg. */
  public static final double MASS_POLE = 0.1;
  /** Half the pole's length, m. */
  public static final double HALF_LENGTH = 0.5;
  /** Magnitude of the push, N. */
  public static final double FORCE_MAG = 10.0;
  /** Seconds between state updates. */
  public static final double TAU = 0.02;
  /** The pole angle beyond which the episode terminates: 12 degrees in radians. */
  public static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
  /** The cart position beyond which the episode terminates. */
  public static final double X_THRESHOLD = 2.4;

  private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
  private static final double POLE_MASS_LENGTH = MASS_POLE * HALF_LENGTH;

  private static final Discrete ACTIONS = Discrete.of(2);
  private static final Box OBSERVATIONS =
      Box.of(
          new float[] {(float) (-X_THRESHOLD * 2), -Float.MAX_VALUE, (float) (-THETA_THRESHOLD * 2), -Float.MAX_VALUE},
          new float[] {(float) (X_THRESHOLD * 2), Float.MAX_VALUE, (float) (THETA_THRESHOLD * 2), Float.MAX_VALUE});

  private double x;
  private double xDot;
  private double theta;
  private double thetaDot;

  private CartPole(int maxEpisodeSteps) {
    super(maxEpisodeSteps, OBSERVATIONS, ACTIONS);
  }

  /**
   * CartPole-v1: truncated after 500 steps.
   *
   * @return a new environment
   */
  public static CartPole v1() {
    return new CartPole(500);
  }

  /**
   * CartPole-v0: truncated after 200 steps.
   *
   * @return a new environment
   */
  public static CartPole v0() {
    return new CartPole(200);
  }

  /**
   * CartPole with another step limit.
   *
   * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
   * @return a new environment
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   */
  public static CartPole withMaxEpisodeSteps(int maxEpisodeSteps) {
    return new CartPole(maxEpisodeSteps);
  }

  @Override
  protected void drawStartingState(RandomGenerator rng) {
    x = rng.nextDouble(-0.05, 0.05);
    xDot = rng.nextDouble(-0.05, 0.05);
    theta = rng.nextDouble(-0.05, 0.05);
    thetaDot = rng.nextDouble(-0.05, 0.05);
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException(
          "action " + action + " is not in the action space " + ACTIONS + " (0 pushes left, 1 pushes right)");
    }
    checkRunning();
    double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    // Gymnasium's order of operations, squares first: (a * b * b) rounds differently from (a * (b * b)).
    double temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sin) / TOTAL_MASS;
    double thetaAcc =
        (GRAVITY * sin - cos * temp) / (HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * (cos * cos) / TOTAL_MASS));
    double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
    x = x + TAU * xDot;
    xDot = xDot + TAU * xAcc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaAcc;

    boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
    return endStep(1.0, terminated);
  }

  @Override
  protected double[] savedState() {
    return state();
  }

  /** Checks that the observation of the state lies in the observation space, then sets it. */
  @Override
  protected void restoreState(double[] s) {
    requireWithin("the cart position", s[0], -X_THRESHOLD * 2, X_THRESHOLD * 2);
    requireWithin("the cart velocity", s[1], -Float.MAX_VALUE, Float.MAX_VALUE);
    requireWithin("the pole angle", s[2], -THETA_THRESHOLD * 2, THETA_THRESHOLD * 2);
    requireWithin("the pole's angular velocity", s[3], -Float.MAX_VALUE, Float.MAX_VALUE);
    x = s[0];
    xDot = s[1];
    theta = s[2];
    thetaDot = s[3];
  }

  /**
   * The full state in double precision: position, velocity, angle, angular velocity.
   *
   * @return a new array
   */
  public double[] state() {
    return new double[] {x, xDot, theta, thetaDot};
  }

  @Override
  protected float[] observation() {
    return new float[] {(float) x, (float) xDot, (float) theta, (float) thetaDot};
  }
}
