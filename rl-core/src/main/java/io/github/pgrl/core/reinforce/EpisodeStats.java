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
    long totalSteps) {}
