package io.github.pgrl.envs.mountaincar;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.envs.ClassicControl;
import java.util.random.RandomGenerator;

/**
 * A car in a valley between two hills, with an engine too weak to climb the right hill directly; the agent
 * pushes left or right to rock the car until it reaches the flag on top of the right hill. This is
 * Gymnasium's {@code MountainCar-v0}, to the constant.
 *
 * <h2>Description</h2>
 *
 * The mountain car of Moore, "Efficient Memory-based Learning for Robot Control" (PhD thesis, University of
 * Cambridge, 1990). Each step sets {@code v ← v + (a − 1)·0.001 + cos(3x)·(−0.0025)}, clips {@code v} to
 * {@code [−0.07, 0.07]}, sets {@code x ← x + v} and clips {@code x} to {@code [−1.2, 0.6]}; a car that stands
 * at the left wall ({@code x == −1.2}) while moving left stops ({@code v ← 0}), an inelastic collision. The
 * arithmetic follows Gymnasium's order of operations; the cosine comes from {@link Math}, which for a few
 * arguments differs from the C library's in the last bit, and only there can a trajectory differ from
 * Gymnasium's.
 *
 * <h2>Action Space</h2>
 *
 * {@code Discrete(3)}: 0 pushes the car to the left, 1 does not push, 2 pushes it to the right, with a force
 * of 0.001.
 *
 * <h2>Observation Space</h2>
 *
 * {@code float[2]}: the car's position (bounds −1.2 and 0.6) and velocity (bounds ±0.07). The state itself
 * is kept in double precision ({@link #state()}); each step returns a new array.
 *
 * <h2>Rewards</h2>
 *
 * −1 for every step, including the step that reaches the goal. Gymnasium registers a reward threshold of
 * −110 ({@link #REWARD_THRESHOLD}).
 *
 * <h2>Starting State</h2>
 *
 * The position uniform in {@code [−0.6, −0.4]}, drawn from the environment's own generator; the velocity 0.
 *
 * <h2>Episode End</h2>
 *
 * Terminated when the car reaches the flag: position at least 0.5 with a velocity of at least 0 (Gymnasium's
 * default {@code goal_velocity}). Truncated after {@link #maxEpisodeSteps()} steps (200 for v0). A step
 * after the end throws {@link IllegalStateException}.
 *
 * <h2>Arguments</h2>
 *
 * {@link #v0()}, or {@link #withMaxEpisodeSteps(int)} for another limit. Gymnasium's alternatives (another
 * goal velocity, other reset bounds) are not offered.
 *
 * <h2>Version History</h2>
 *
 * <ul>
 *   <li>0.1.0: first version, equal to Gymnasium's MountainCar-v0.
 * </ul>
 *
 * @since 0.1.0
 */
public final class MountainCar extends ClassicControl<Integer> {

  /** The left wall: the least position. */
  public static final double MIN_POSITION = -1.2;
  /** The right end of the track: the greatest position. */
  public static final double MAX_POSITION = 0.6;
  /** The bound of the velocity. */
  public static final double MAX_SPEED = 0.07;
  /** The position of the flag. */
  public static final double GOAL_POSITION = 0.5;
  /** The least velocity with which reaching the flag ends the episode. */
  public static final double GOAL_VELOCITY = 0.0;
  /** The push of the engine. */
  public static final double FORCE = 0.001;
  /** The pull of the slope, scaled by {@code cos(3x)}. */
  public static final double GRAVITY = 0.0025;
  /** The 100-episode mean return at which Gymnasium considers MountainCar-v0 solved. */
  public static final double REWARD_THRESHOLD = -110.0;

  private static final Discrete ACTIONS = Discrete.of(3);
  private static final Box OBSERVATIONS =
      Box.of(
          new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
          new float[] {(float) MAX_POSITION, (float) MAX_SPEED});

  private double position;
  private double velocity;

  private MountainCar(int maxEpisodeSteps) {
    super(maxEpisodeSteps, OBSERVATIONS, ACTIONS);
  }

  /**
   * MountainCar-v0: truncated after 200 steps.
   *
   * @return a new environment
   */
  public static MountainCar v0() {
    return new MountainCar(200);
  }

  /**
   * MountainCar with another step limit.
   *
   * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
   * @return a new environment
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   */
  public static MountainCar withMaxEpisodeSteps(int maxEpisodeSteps) {
    return new MountainCar(maxEpisodeSteps);
  }

  @Override
  protected void drawStartingState(RandomGenerator rng) {
    position = rng.nextDouble(-0.6, -0.4);
    velocity = 0.0;
  }

  @Override
  protected double[] savedState() {
    return new double[] {position, velocity};
  }

  /** Checks that the position and velocity lie within their clips, then sets them. */
  @Override
  protected void restoreState(double[] s) {
    requireWithin("the position", s[0], MIN_POSITION, MAX_POSITION);
    requireWithin("the velocity", s[1], -MAX_SPEED, MAX_SPEED);
    position = s[0];
    velocity = s[1];
  }

  /**
   * Starts an episode from a given state instead of a random one, so that the tests of this package can
   * begin where the equations are easy to follow (Gymnasium's tests set {@code env.unwrapped.state}).
   *
   * @throws IllegalArgumentException if a value is not finite
   */
  void startFrom(double position, double velocity) {
    if (!(Double.isFinite(position) && Double.isFinite(velocity))) {
      throw new IllegalArgumentException("the state must be finite, got [" + position + ", " + velocity + "]");
    }
    this.position = position;
    this.velocity = velocity;
    start();
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + ACTIONS
          + " (0 pushes left, 1 does not push, 2 pushes right)");
    }
    checkRunning();
    velocity += (action - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY);
    velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
    position += velocity;
    position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
    if (position == MIN_POSITION && velocity < 0) {
      velocity = 0.0;
    }

    boolean terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
    return endStep(-1.0, terminated);
  }

  /**
   * The full state in double precision: position, velocity.
   *
   * @return a new array
   */
  public double[] state() {
    return new double[] {position, velocity};
  }

  @Override
  protected float[] observation() {
    return new float[] {(float) position, (float) velocity};
  }
}
