package io.github.pgrl.core.reinforce;

/**
 * What one training episode was.
 *
 * @param episode the episode's index since training began (0-based)
 * @param length the number of steps
 * @param score the sum of the environment's raw rewards
 * @param shapedReturn the sum of the rewards learned from (after the {@link io.github.pgrl.core.RewardShaper})
 * @param runningScore the running score after this episode: {@code 0.99·previous + 0.01·score}, starting
 *     at the first episode's score
 * @param terminated whether the episode reached a terminal state
 * @param truncated whether it was cut short
 * @param totalSteps the environment steps since training began, this episode included
 * @param infoTotals the sum over the episode's steps of every numeric value the environment reported in
 *     {@link io.github.pgrl.core.Step#info()}, by key (for Pong: hits and points)
 * @since 0.1.0
 */
public record EpisodeStats(
    long episode,
    int length,
    double score,
    double shapedReturn,
    double runningScore,
    boolean terminated,
    boolean truncated,
    long totalSteps,
    java.util.Map<String, Double> infoTotals) {

  /**
   * Copies the totals.
   *
   * @throws NullPointerException if {@code infoTotals} is {@code null}
   */
  public EpisodeStats {
    infoTotals = java.util.Map.copyOf(infoTotals);
  }

  /**
   * The total of one info key over the episode.
   *
   * @param key the key
   * @return the sum, 0 if the key never appeared
   */
  public double infoTotal(String key) {
    return infoTotals.getOrDefault(key, 0.0);
  }
}
