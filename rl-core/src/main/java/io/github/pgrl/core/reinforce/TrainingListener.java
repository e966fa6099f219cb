package io.github.pgrl.core.reinforce;

/**
 * Receives metrics while {@link Reinforce} trains: after every episode and after every update. Both
 * methods do nothing by default. Listeners run on the training thread; keep them quick.
 *
 * @since 0.1.0
 */
public interface TrainingListener {

  /**
   * Called after each episode.
   *
   * @param stats the episode's metrics
   */
  default void onEpisode(EpisodeStats stats) {}

  /**
   * Called after each update.
   *
   * @param stats the update's metrics
   */
  default void onUpdate(UpdateStats stats) {}
}
