package io.github.pgrl.core.reinforce;

import java.util.List;

/**
 * Plays the episodes of a REINFORCE update somewhere other than the trainer's rollout threads (on a
 * cluster, say), for a trainer made with {@link Reinforce#create(io.github.pgrl.core.Environment,
 * ReinforceConfig, RolloutBackend)}; the learner stays the trainer's. Without one, a trainer plays its
 * episodes on its own threads.
 *
 * <p>An implementation must play episode {@code e} exactly as {@link EpisodePlayer#play} does with the
 * given parameters: its randomness then depends on {@code (seed, e)} alone, so the trainer's results are
 * bit-identical to a local run's, and playing an episode twice (a retried task) gives the same episode.
 * It is called from the training thread only, between updates, never concurrently.
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public interface RolloutBackend<A> extends AutoCloseable {

  /**
   * Plays episodes {@code from, from + 1, …, to − 1} of an update with the policy's parameters.
   *
   * @param update the update's number, from 0 (for messages and metrics)
   * @param from the first episode index, at least 0
   * @param to the index after the last, greater than {@code from}
   * @param parameters the policy's parameters ({@link io.github.pgrl.core.TrainablePolicy#parameters()}); a
   *     copy the backend may keep but must not change
   * @return the {@code to − from} episodes, in index order
   * @throws RuntimeException if an episode cannot be played; the trainer then stops with the parameters of
   *     its last update
   */
  List<PlayedEpisode<A>> play(long update, long from, long to, float[] parameters);

  /** Releases what the backend holds; by default nothing. The trainer's {@code close} calls it. */
  @Override
  default void close() {}
}
