package io.github.pgrl.core.reinforce;

/**
 * What one update did.
 *
 * @param update the update's index since training began (0-based)
 * @param episodes the episodes in the batch
 * @param steps the steps in the batch
 * @param loss the negative policy-gradient objective of the batch
 * @param entropy the mean entropy of the policy over the batch, in nats
 * @param gradientNorm the L2 norm of the gradient before clipping
 * @param valueLoss the value function's mean squared error before its update, NaN without one
 * @param meanScore the mean raw score of the batch's episodes
 * @param runningScore the running score after the batch
 * @param stepsPerSecond environment steps per second of wall time for this batch, updates included
 * @param rolloutSeconds wall time spent playing the batch's episodes (on all rollout threads at once)
 * @param learnSeconds wall time spent learning from them: credit, gradient, optimizer steps, value
 *     function; with {@code rolloutSeconds}, where the time of an update went
 * @param totalEpisodes episodes since training began
 * @param totalSteps steps since training began
 * @since 0.1.0
 */
public record UpdateStats(
    long update,
    int episodes,
    int steps,
    double loss,
    double entropy,
    double gradientNorm,
    double valueLoss,
    double meanScore,
    double runningScore,
    double stepsPerSecond,
    double rolloutSeconds,
    double learnSeconds,
    long totalEpisodes,
    long totalSteps) {}
