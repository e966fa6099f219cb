package io.github.pgrl.envs.mountaincar;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.envs.ClassicControl;
import java.util.random.RandomGenerator;

/**
 * A car at the bottom of a sinusoidal valley, too weak to drive straight up the right hill; the agent
 * applies a continuous force and must rock the car back and forth to reach the flag. This is Gymnasium's
 * {@code MountainCarContinuous-v0}, to the constant and, in float32, to the rounding.
 *
 * <h2>Description</h2>
 *
 * The mountain car problem of A. W. Moore, "Efficient Memory-based Learning for Robot Control" (PhD
 * thesis, University of Cambridge, 1990), in the continuous-action form of Gymnasium's {@code
 * Continuous_MountainCarEnv} ({@code gymnasium/envs/classic_control/continuous_mountain_car.py}). With the
 * force {@code f = min(max(a, −1), 1)} of the action {@code a}, one step is
 *
 * <pre>
 *   v ← v + f·0.0015 − 0.0025·cos(3x), clipped to [−0.07, 0.07]
 *   x ← x + v,                         clipped to [−1.2, 0.6]
 *   v ← 0 if x = −1.2 and v &lt; 0       (an inelastic collision with the left wall)
 * </pre>
 *
 * <p>Gymnasium keeps this environment's state in a float32 array, and so does this class, rounding
 * wherever NumPy rounds. Under NumPy 2's promotion rules (NEP 50) Gymnasium's step reads the state as
 * float32 scalars, and a Python float combined with a float32 scalar is first rounded to float32: so
 * {@code 3x}, {@code f·0.0015} (for an action within [−1, 1]; the clipped force ±1.0 is a Python float and
 * its product a double), the difference with the double {@code 0.0025·cos(3x)}, {@code v + …}, {@code x +
 * v} and the comparisons with the bounds, the goal and the wall are float32 operations, while {@code
 * cos} and the reward are computed in double. The exception is the first step of an episode: Gymnasium's
 * reset stores the state as float64 (only its observation is float32), so the first step adds in double
 * and rounds the result to float32 when it stores it. The state reads the same here ({@link #state()}),
 * and every step returns what Gymnasium 1.x returns under NumPy 2. (NumPy 1 computed float32 scalar
 * arithmetic with Python floats in double, so under it a trajectory can differ in the last float bit.)
 * Cosine comes from {@link Math}, which for a few arguments differs from the C library's in the last bit.
 *
 * <h2>Action Space</h2>
 *
 * {@code Box(−1, 1, (1,))}: a {@code float[1]} holding the force, negative to the left. As in Gymnasium a
 * finite value outside {@code [−1, 1]} is accepted and clipped to it for the dynamics, while the reward
 * charges the action as given. An array that is {@code null} or not of length 1, or whose value is NaN or
 * infinite, throws {@link IllegalArgumentException} naming the action and the space: NaN cannot be clipped,
 * and an infinite action would make the reward infinite.
 *
 * <h2>Observation Space</h2>
 *
 * {@code float[2]}: the car's position, within {@code [−1.2, 0.6]}, and velocity, within {@code [−0.07,
 * 0.07]}, the state as float32 (the bounds are the float32 values of these decimals). Each step returns a
 * new array.
 *
 * <h2>Rewards</h2>
 *
 * {@code −0.1·a²} on every step, with {@code a} the action as given (Gymnasium's {@code
 * math.pow(action[0], 2) * 0.1}, not the clipped force), plus 100 on the step that reaches the goal.
 *
 * <h2>Starting State</h2>
 *
 * Position uniform in {@code [−0.6, −0.4)}, drawn in double from the environment's own generator; velocity
 * 0.
 *
 * <h2>Episode End</h2>
 *
 * Terminated when the position reaches the goal, {@code x ≥ 0.45}, with {@code v ≥ 0}. Truncated after
 * {@link #maxEpisodeSteps()} steps (999 for v0). A step after the end throws {@link
 * IllegalStateException}. Gymnasium's reward threshold for the task is 90.
 *
 * <h2>Arguments</h2>
 *
 * {@link #v0()}, or {@link #withMaxEpisodeSteps(int)} for another limit. Gymnasium's {@code goal_velocity}
 * (0) and reset bounds ({@code options}) are not offered.
 *
 * <h2>Version History</h2>
 *
 * <ul>
 *   <li>0.1.0: first version, equal to Gymnasium's MountainCarContinuous-v0.
 * </ul>
 *
 * @since 0.1.0
 */
public final class MountainCarContinuous extends ClassicControl<float[]> {

  /** The smallest force; smaller actions are clipped to it. */
  public static final double MIN_ACTION = -1.0;
  /** The largest force; larger actions are clipped to it. */
  public static final double MAX_ACTION = 1.0;
  /** The left wall. */
  public static final double MIN_POSITION = -1.2;
  /** The right end of the track. */
  public static final double MAX_POSITION = 0.6;
  /** The largest speed in either direction. */
  public static final double MAX_SPEED = 0.07;
  /** The position of the flag. */
  public static final double GOAL_POSITION = 0.45;
  /** The least velocity at the flag that ends the episode. */
  public static final double GOAL_VELOCITY = 0.0;
  /** The velocity change per unit of force per step. */
  public static final double POWER = 0.0015;
  /** The factor of {@code cos(3x)} in the velocity change per step: gravity along the valley. */
  public static final double GRAVITY = 0.0025;
  /** The reward for reaching the goal. */
  public static final double GOAL_REWARD = 100.0;
  /** The factor of the squared action in the cost per step. */
  public static final double ACTION_COST = 0.1;

  private static final float MIN_POSITION_F = (float) MIN_POSITION;
  private static final float MAX_POSITION_F = (float) MAX_POSITION;
  private static final float MAX_SPEED_F = (float) MAX_SPEED;
  private static final float GOAL_POSITION_F = (float) GOAL_POSITION;
  private static final float POWER_F = (float) POWER;

  private static final Box ACTIONS = Box.of((float) MIN_ACTION, (float) MAX_ACTION, 1);
  private static final Box OBSERVATIONS =
      Box.of(new float[] {MIN_POSITION_F, -MAX_SPEED_F}, new float[] {MAX_POSITION_F, MAX_SPEED_F});

  private double position;
  private double velocity;
  /** Whether the state holds float32 values (after a step), or the float64 ones of a reset. */
  private boolean float32;

  private MountainCarContinuous(int maxEpisodeSteps) {
    super(maxEpisodeSteps, OBSERVATIONS, ACTIONS);
  }

  /**
   * MountainCarContinuous-v0: truncated after 999 steps.
   *
   * @return a new environment
   */
  public static MountainCarContinuous v0() {
    return new MountainCarContinuous(999);
  }

  /**
   * MountainCarContinuous with another step limit.
   *
   * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
   * @return a new environment
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   */
  public static MountainCarContinuous withMaxEpisodeSteps(int maxEpisodeSteps) {
    return new MountainCarContinuous(maxEpisodeSteps);
  }

  @Override
  protected void drawStartingState(RandomGenerator rng) {
    position = rng.nextDouble(-0.6, -0.4);
    velocity = 0.0;
    float32 = false;
  }

  @Override
  public Step<float[]> step(float[] action) {
    float a = finiteScalarAction(action, ACTIONS, "force", "1");
    checkRunning();
    // Gymnasium: force = min(max(action[0], -1.0), 1.0), a float32 scalar if within, else a Python float.
    boolean within = a >= MIN_ACTION && a <= MAX_ACTION;
    double cos = GRAVITY * Math.cos(float32 ? (double) (3 * (float) position) : 3 * position);
    // force * power - 0.0025 * cos(3 * position): float32 for a float32 force, else double.
    double change = within ? a * POWER_F - (float) cos : (a > 0 ? MAX_ACTION : MIN_ACTION) * POWER - cos;
    boolean terminated;
    if (float32) {
      float v = (float) velocity + (float) change;
      v = Math.max(-MAX_SPEED_F, Math.min(MAX_SPEED_F, v));
      float x = (float) position + v;
      x = Math.max(MIN_POSITION_F, Math.min(MAX_POSITION_F, x));
      if (x == MIN_POSITION_F && v < 0) {
        v = 0f;
      }
      terminated = x >= GOAL_POSITION_F && v >= GOAL_VELOCITY;
      position = x;
      velocity = v;
    } else {
      double v = velocity + change;
      v = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, v));
      double x = position + v;
      x = Math.max(MIN_POSITION, Math.min(MAX_POSITION, x));
      if (x == MIN_POSITION && v < 0) {
        v = 0.0;
      }
      terminated = x >= GOAL_POSITION && v >= GOAL_VELOCITY;
      position = (float) x;
      velocity = (float) v;
      float32 = true;
    }
    double reward = (terminated ? GOAL_REWARD : 0.0) - (double) a * a * ACTION_COST;
    return endStep(reward, terminated);
  }

  /** The position, the velocity, and 1 if they hold float32 values (after a step), else 0. */
  @Override
  protected double[] savedState() {
    return new double[] {position, velocity, float32 ? 1 : 0};
  }

  /**
   * Checks that the position and velocity lie within their clips (float32 values when the flag says so) and
   * that the flag is 0 or 1, then sets them.
   */
  @Override
  protected void restoreState(double[] s) {
    requireWithin("the position", s[0], MIN_POSITION_F, MAX_POSITION_F);
    requireWithin("the velocity", s[1], -MAX_SPEED_F, MAX_SPEED_F);
    if (s[2] != 0 && s[2] != 1) {
      throw new IllegalArgumentException("the float32 flag is " + s[2] + "; it is 0 or 1");
    }
    if (s[2] == 1 && ((float) s[0] != s[0] || (float) s[1] != s[1])) {
      throw new IllegalArgumentException("the state [" + s[0] + ", " + s[1] + "] is flagged float32 but does not hold"
          + " float32 values");
    }
    position = s[0];
    velocity = s[1];
    float32 = s[2] == 1;
  }

  /**
   * The state, position and velocity, as Gymnasium holds it: float64 after a reset, float32 values after a
   * step.
   *
   * @return a new array
   */
  public double[] state() {
    return new double[] {position, velocity};
  }

  /**
   * Puts the car where a step leaves it, at float32 values, without changing the episode's step count; for
   * tests that start from a chosen state.
   */
  void setState(float position, float velocity) {
    this.position = position;
    this.velocity = velocity;
    this.float32 = true;
  }

  @Override
  protected float[] observation() {
    return new float[] {(float) position, (float) velocity};
  }
}
