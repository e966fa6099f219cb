package io.github.pgrl.core.actorcritic;

import io.github.pgrl.core.reinforce.EpisodeStats;

/**
 * Receives metrics while {@link ActorCritic} trains: after every episode that ends and after every update.
 * Both methods do nothing by default. Listeners run on the training thread; keep them quick.
 *
 * @since 0.1.0
 */
public interface ActorCriticListener {

  /**
   * Called, after the update of its rollout, for each episode that ended in the rollout.
   *
   * @param stats the episode's metrics
   */
  default void onEpisode(EpisodeStats stats) {}

  /**
   * Called after each update.
   *
   * @param metrics the update's metrics
   */
  default void onUpdate(UpdateMetrics metrics) {}
}
