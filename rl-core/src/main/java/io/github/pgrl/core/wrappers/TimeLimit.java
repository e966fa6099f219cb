package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;

/**
 * Cuts every episode after a maximum number of steps by reporting {@code truncated} on the last one.
 *
 * <p>A truncated episode did not reach a terminal state, so learning bootstraps from the value of its last
 * observation (see {@link io.github.pgrl.core.Trajectory}). After the step that ends an episode,
 * terminated by the environment or truncated here, {@code step} throws {@link IllegalStateException}
 * until the next reset, whatever the wrapped environment would do.
 *
 * <p>It is {@link io.github.pgrl.core.Restorable} when the wrapped environment is: its state is the step
 * count of the episode ({@code elapsed}) and whether an episode runs ({@code running}).
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public final class TimeLimit<O, A> extends Wrapper<O, A> {

  private final int maxEpisodeSteps;
  private int elapsed;
  private boolean running;

  private TimeLimit(Environment<O, A> env, int maxEpisodeSteps) {
    super(env);
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /**
   * Limits the episodes of an environment.
   *
   * @param env the environment
   * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
   * @param <O> the observation type
   * @param <A> the action type
   * @return the wrapped environment
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public static <O, A> TimeLimit<O, A> of(Environment<O, A> env, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException("maxEpisodeSteps must be at least 1, got " + maxEpisodeSteps);
    }
    return new TimeLimit<>(env, maxEpisodeSteps);
  }

  /**
   * The step limit.
   *
   * @return the maximum number of steps in an episode
   */
  public int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  /**
   * The number of steps played in the current episode.
   *
   * @return the count since the last reset
   */
  public int elapsedSteps() {
    return elapsed;
  }

  @Override
  public O reset(long seed) {
    O first = env.reset(seed);
    start();
    return first;
  }

  @Override
  public O reset() {
    O first = env.reset();
    start();
    return first;
  }

  private void start() {
    elapsed = 0;
    running = true;
  }

  /** {@return {@code true}: the step count and the running flag are written} */
  @Override
  protected boolean restoresOwnState() {
    return true;
  }

  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    super.writeState(checkpoint, prefix);
    checkpoint.putLong(prefix + "elapsed", elapsed);
    checkpoint.putLong(prefix + "running", running ? 1 : 0);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.pgrl.core.checkpoint.CheckpointException also if {@code elapsed} is outside {@code 0..}
   *     {@link #maxEpisodeSteps()}, or is the limit while an episode runs
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    StateReader in = new StateReader(checkpoint, prefix);
    boolean running = in.flag("running");
    int elapsed = (int) in.count("elapsed", 0, running ? maxEpisodeSteps - 1 : maxEpisodeSteps);
    super.readState(checkpoint, prefix);
    this.elapsed = elapsed;
    this.running = running;
  }

  @Override
  public Step<O> step(A action) {
    if (!running) {
      throw new IllegalStateException(
          elapsed == 0
              ? "step() called before reset(); call reset() to start an episode"
              : "step() called after the episode ended; call reset() to start a new one");
    }
    Step<O> s = env.step(action);
    elapsed++;
    if (elapsed >= maxEpisodeSteps) {
      s = s.asTruncated();
    }
    if (s.done()) {
      running = false;
    }
    return s;
  }
}
