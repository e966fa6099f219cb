package io.github.pgrl.core;

import io.github.pgrl.core.checkpoint.CheckpointFile;

/**
 * An environment that can write its state in the middle of an episode into a checkpoint and read it back,
 * so that a run stopped between two steps resumes exactly where it stood.
 *
 * <p>Trainers that step copies of an environment in lockstep over fixed-length rollouts (A2C, PPO) leave
 * the copies in mid-episode between updates; for "train N updates, save, resume, train M" to equal "train
 * N + M" bit for bit, each copy's state goes into the checkpoint. Environments without this contract
 * resume by starting fresh episodes.
 *
 * <p><b>Contract.</b> Let {@code b} be built as {@code a} was (same class, same constructor arguments or
 * configuration). After {@code b.readState(cp, p)}, where {@code cp} holds what {@code a.writeState(cp,
 * p)} wrote, {@code a} and {@code b} give identical {@link Step}s (observation values to the bit, rewards,
 * {@code terminated}, {@code truncated} and info) for the same actions, through the ends of episodes and
 * the {@link Environment#reset() reset()} calls that follow them, until the next {@link
 * Environment#reset(long) reset(seed)}. So the state holds everything a step or a {@code reset()} reads:
 * the physical state, step counters, flags such as whether an episode runs, and the position of the
 * environment's random generator ({@link io.github.pgrl.core.util.RestorableRandom} can save one). The
 * current observation is not part of it: the caller keeps the one it received last; but an environment
 * that is also {@link SparseObservations} answers {@code nonZeroIndices} for it as {@code a} does. A state
 * written before the first reset restores "not started": {@code step} throws {@link
 * IllegalStateException}, and {@code reset()} starts as it would on a new instance. {@code b} may be new or
 * used.
 *
 * <p><b>Names.</b> Every entry written has a name that starts with {@code prefix}. A wrapper writes its
 * own state and the state of the environment it wraps under {@code prefix + "inner."}.
 *
 * <p><b>Untrusted input.</b> {@code readState} checks every value before it changes anything (lengths,
 * finite numbers, ranges, counters at least 0, consistency) and refuses a checkpoint with a {@link
 * io.github.pgrl.core.checkpoint.CheckpointException} (a missing or mistyped entry, or a value out of
 * range, as {@link io.github.pgrl.core.checkpoint.StateReader} reports them) or an {@link
 * IllegalArgumentException}, naming the entry and what is allowed; the environment is then unchanged.
 *
 * <p><b>Wrappers.</b> The wrapper base classes implement this interface, but can restore only when their
 * whole chain can: {@link #canRestore()} says so, and {@link #of(Environment)} answers {@code null}
 * otherwise, so test with {@code of}, never with {@code instanceof} alone. A wrapper class the library
 * does not know to be stateless does not claim the contract (see {@code
 * io.github.pgrl.core.wrappers.Wrapper#restoresOwnState()}). {@link
 * io.github.pgrl.core.check.EnvironmentChecker} verifies a round trip, and the test-jar's {@code
 * EnvironmentContract} checks the contract on random play.
 *
 * @since 0.1.0
 */
public interface Restorable {

  /**
   * Writes everything this environment needs to continue exactly as it would now.
   *
   * @param checkpoint receives the entries
   * @param prefix the start of every entry's name, possibly empty
   * @throws UnsupportedOperationException if {@link #canRestore()} is {@code false}; the message names the
   *     class that cannot
   */
  void writeState(CheckpointFile checkpoint, String prefix);

  /**
   * Restores what {@link #writeState} wrote into an environment built the same way.
   *
   * @param checkpoint holds the entries
   * @param prefix the prefix they were written under
   * @throws io.github.pgrl.core.checkpoint.CheckpointException if an entry is missing or mistyped, or a
   *     value is out of range or inconsistent; the message names the entry and what is allowed, and the
   *     environment is unchanged
   * @throws IllegalArgumentException if the state is otherwise not one this environment can be in; the
   *     environment is unchanged
   * @throws UnsupportedOperationException if {@link #canRestore()} is {@code false}
   */
  void readState(CheckpointFile checkpoint, String prefix);

  /**
   * Whether this environment can write and read its state: {@code true} unless it is a wrapper whose own
   * class or whose wrapped environment cannot.
   *
   * @return whether {@link #writeState} and {@link #readState} may be called
   */
  default boolean canRestore() {
    return true;
  }

  /**
   * The environment as {@link Restorable}, if it and every environment it wraps can restore.
   *
   * @param env an environment
   * @return {@code env} as {@link Restorable}, or {@code null} if it cannot restore its state
   */
  static Restorable of(Environment<?, ?> env) {
    return env instanceof Restorable r && r.canRestore() ? r : null;
  }
}
