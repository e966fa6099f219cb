package io.github.pgrl.envs;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.util.RestorableRandom;
import java.util.random.RandomGenerator;

/**
 * The episode lifecycle shared by the classic-control environments ({@code CartPole}, {@code Acrobot},
 * {@code MountainCar}, {@code MountainCarContinuous}, {@code Pendulum}) and by {@code GridMaze}: the
 * environment's own generator, re-seeded by {@link #reset(long)} and continued by {@link #reset()}; the
 * step count and the step limit after which an episode is truncated; the {@link IllegalStateException} of
 * a step before the first reset or after the end of an episode; the observation and action spaces; and
 * the {@link Restorable} state. A subclass keeps its physics, its spaces and its messages about actions.
 *
 * <p><b>Restorable.</b> {@link #writeState} writes the environment's description ({@code environment},
 * its {@code toString()}, which a state is read back only into an equal one), its generator's seed and
 * draws ({@code rng.seed}, {@code rng.draws}), the step count ({@code elapsed}), whether it was ever reset
 * ({@code started}) and whether an episode runs ({@code running}), and once started the subclass's
 * physical state ({@code state}, {@link #savedState()}). The generator draws exactly what {@code new
 * SplittableRandom(seed)} draws, and counts it ({@link RestorableRandom}).
 *
 * <p>This class is part of the implementation of the bundled environments, not an extension point: use
 * {@link Environment} for an environment of your own.
 *
 * @param <A> the type of actions
 * @since 0.1.0
 */
public abstract class ClassicControl<A> implements Environment<float[], A>, Restorable {

  private final int maxEpisodeSteps;
  private final Space<float[]> observationSpace;
  private final Space<A> actionSpace;
  private RestorableRandom rng = new RestorableRandom(0);
  private int elapsed;
  private boolean running;
  private boolean everReset;

  /**
   * An environment that truncates its episodes after {@code maxEpisodeSteps} steps.
   *
   * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
   * @param observationSpace the observation space
   * @param actionSpace the action space
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   */
  protected ClassicControl(int maxEpisodeSteps, Space<float[]> observationSpace, Space<A> actionSpace) {
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException("maxEpisodeSteps must be at least 1, got " + maxEpisodeSteps);
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
    this.observationSpace = observationSpace;
    this.actionSpace = actionSpace;
  }

  /**
   * The step limit.
   *
   * @return the number of steps after which an episode is truncated
   */
  public final int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  @Override
  public final Space<float[]> observationSpace() {
    return observationSpace;
  }

  @Override
  public final Space<A> actionSpace() {
    return actionSpace;
  }

  @Override
  public final float[] reset(long seed) {
    rng = new RestorableRandom(seed);
    return reset();
  }

  @Override
  public final float[] reset() {
    drawStartingState(rng);
    return start();
  }

  /**
   * Sets the starting state of an episode, drawn from the environment's generator.
   *
   * @param random the environment's generator, which draws what {@code new SplittableRandom(seed)} draws
   */
  protected abstract void drawStartingState(RandomGenerator random);

  /**
   * The physical state that a step reads, as exact doubles, for {@link #writeState}.
   *
   * @return a new array, of the same length for every state
   */
  protected abstract double[] savedState();

  /**
   * Sets the physical state that {@link #savedState()} gave, after checking it: {@link #readState} has
   * checked that it has that length and finite values, this method checks the ranges before it changes
   * anything.
   *
   * @param state the values
   * @throws IllegalArgumentException naming the value out of its range and the range; nothing changed
   */
  protected abstract void restoreState(double[] state);

  /**
   * Refuses a value of a restored state outside {@code [low, high]}.
   *
   * @param what the value's name, for the message
   * @param value the value
   * @param low the least allowed
   * @param high the largest allowed
   * @throws IllegalArgumentException if {@code value} is outside {@code [low, high]}
   */
  protected static void requireWithin(String what, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw new IllegalArgumentException(what + " is " + value + ", outside [" + low + ", " + high + "]");
    }
  }

  @Override
  public final void writeState(CheckpointFile checkpoint, String prefix) {
    checkpoint.putString(prefix + "environment", toString());
    checkpoint.putLong(prefix + "rng.seed", rng.seed());
    checkpoint.putLong(prefix + "rng.draws", rng.draws());
    checkpoint.putLong(prefix + "elapsed", elapsed);
    checkpoint.putLong(prefix + "started", everReset ? 1 : 0);
    checkpoint.putLong(prefix + "running", running ? 1 : 0);
    if (everReset) {
      checkpoint.putDoubles(prefix + "state", savedState());
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.pgrl.core.checkpoint.CheckpointException also if the state was written by another
   *     environment (its {@code toString()} differs), {@code elapsed} is outside {@code 0..}{@link
   *     #maxEpisodeSteps()} (or is the limit while an episode runs, or not 0 before the first reset), an
   *     episode runs that never started, or the physical state is out of its ranges
   */
  @Override
  public final void readState(CheckpointFile checkpoint, String prefix) {
    StateReader in = new StateReader(checkpoint, prefix);
    in.requireEqual("environment", toString(), "a state is read into an environment built the same way");
    long seed = in.getLong("rng.seed");
    long draws = in.count("rng.draws", 0, Long.MAX_VALUE);
    boolean started = in.flag("started");
    boolean running = in.flag("running");
    if (running && !started) {
      throw in.invalid("running", "is 1, but 'started' is 0: an episode runs only after a reset");
    }
    int elapsed = (int) in.count("elapsed", 0, !started ? 0 : running ? maxEpisodeSteps - 1 : maxEpisodeSteps);
    if (started) {
      double[] state = in.doubles("state", savedState().length);
      try {
        restoreState(state);
      } catch (IllegalArgumentException e) {
        throw in.invalid("state", "is not a state of " + this + ": " + e.getMessage());
      }
    }
    this.rng = RestorableRandom.at(seed, draws);
    this.elapsed = elapsed;
    this.everReset = started;
    this.running = running;
  }

  /**
   * Starts an episode from the state as it is: no step taken yet.
   *
   * @return the first observation
   */
  protected final float[] start() {
    elapsed = 0;
    running = true;
    everReset = true;
    return observation();
  }

  /**
   * Throws unless an episode is under way; a step calls it after checking its action.
   *
   * @throws IllegalStateException before the first reset, or after the end of an episode
   */
  protected final void checkRunning() {
    if (!running) {
      throw new IllegalStateException(
          !everReset
              ? "step() called before reset(); call reset() to start an episode"
              : "step() called after the episode ended; call reset() to start a new one");
    }
  }

  /**
   * Ends a step whose physics has been applied: counts it, truncates the episode at the step limit and
   * observes the new state.
   *
   * @param reward the step's reward
   * @param terminated whether the step reached a terminal state
   * @return the step
   */
  protected final Step<float[]> endStep(double reward, boolean terminated) {
    elapsed++;
    boolean truncated = elapsed >= maxEpisodeSteps;
    running = !(terminated || truncated);
    return Step.of(observation(), reward, terminated, truncated);
  }

  /**
   * The observation of the current state.
   *
   * @return a new array
   */
  protected abstract float[] observation();

  /**
   * The one value of a continuous action of shape (1,), which the environment clips to {@code [-bound,
   * bound]} itself; refused when it cannot be clipped.
   *
   * @param action the action
   * @param space the action space, for messages
   * @param quantity what the value is, for messages ("force", "torque")
   * @param bound the bound of the interval the value is clipped to, for messages
   * @return the value, finite
   * @throws IllegalArgumentException if the action is null, not of length 1, or not finite
   */
  protected static float finiteScalarAction(float[] action, Space<float[]> space, String quantity, String bound) {
    String problem;
    if (action == null) {
      problem = "it is null";
    } else if (action.length != 1) {
      problem = "it has " + action.length + " elements";
    } else if (!Float.isFinite(action[0])) {
      problem = "its " + quantity + " is " + action[0] + ", which cannot be clipped to [-" + bound + ", " + bound + "]";
    } else {
      return action[0];
    }
    throw new IllegalArgumentException("the action " + space.describe(action) + " is not in the action space "
        + space + ": " + problem + "; expected a float[] of shape (1,) holding a finite " + quantity + " (values"
        + " outside [-" + bound + ", " + bound + "] are clipped)");
  }

  @Override
  public final void close() {
    running = false;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(maxEpisodeSteps=" + maxEpisodeSteps + ")";
  }
}
