package io.github.pgrl.core;

/**
 * A task that an agent interacts with by observing and acting, one step at a time, in episodes.
 *
 * <p>The life cycle is: {@link #reset(long)} (or {@link #reset()}) starts an episode and returns its first
 * observation; {@link #step(Object)} plays one action and returns a {@link Step}; the episode ends when a
 * step reports {@code terminated} or {@code truncated}; then the next {@code reset} starts a new one.
 * {@link #close()} releases resources and may be called more than once.
 *
 * <p>Every implementation must honour this contract (the {@link
 * io.github.pgrl.core.check.EnvironmentChecker} tests it):
 *
 * <ul>
 *   <li>{@code step} before the first reset, or after a step that ended the episode, throws {@link
 *       IllegalStateException};
 *   <li>an action outside {@link #actionSpace()} throws {@link IllegalArgumentException} whose message
 *       names the action and the space; an environment with a {@code Box} action space may instead clip a
 *       finite action of the right shape to the bounds (as Gymnasium's continuous environments do: it
 *       moves as the clipped action, though its reward may charge the action as given), and then says so
 *       in its documentation;
 *   <li>an environment owns its random generator: {@code reset(seed)} re-seeds it, so the same seed and
 *       the same actions give the same observations, rewards and flags; {@code reset()} continues with
 *       the generator as it is (an environment never reset with a seed behaves as if seeded with 0);
 *   <li>observations lie in {@link #observationSpace()}, rewards are finite.
 * </ul>
 *
 * <p>Environments are not thread-safe; use one instance per thread.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public interface Environment<O, A> extends AutoCloseable {

  /**
   * The space every observation of this environment belongs to.
   *
   * @return the observation space, constant over the environment's life
   */
  Space<O> observationSpace();

  /**
   * The space of the actions that {@link #step(Object)} accepts.
   *
   * @return the action space, constant over the environment's life
   */
  Space<A> actionSpace();

  /**
   * Starts a new episode after re-seeding the environment's own random generator.
   *
   * @param seed the seed; the same seed gives the same episode for the same actions
   * @return the first observation of the episode
   */
  O reset(long seed);

  /**
   * Starts a new episode, continuing the environment's random generator where it stands.
   *
   * @return the first observation of the episode
   */
  O reset();

  /**
   * Plays one action.
   *
   * @param action an element of {@link #actionSpace()}; an environment must not rely on keeping an array
   *     action after the call, as the caller may change or reuse it. The REINFORCE trainer hands {@code
   *     step} a copy, so an environment that clips the array in place does not change the action recorded
   *     for the gradient
   * @return the outcome of the action
   * @throws IllegalStateException if no episode is running (never reset, or the last step ended it)
   * @throws IllegalArgumentException if the action is not in the action space; the message names both
   */
  Step<O> step(A action);

  /** Releases resources; calling it again does nothing. */
  @Override
  void close();
}
