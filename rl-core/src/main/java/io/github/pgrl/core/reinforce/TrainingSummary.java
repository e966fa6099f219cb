package io.github.pgrl.core.reinforce;

import java.time.Duration;

/**
 * What one call of {@link Reinforce#train(Budget)} did.
 *
 * @param episodes episodes played in the call (of complete batches)
 * @param steps steps played in the call (of complete batches)
 * @param updates updates made in the call
 * @param elapsed the wall time of the call
 * @param runningScore the running score at the end
 * @param stopped {@code true} if {@link Reinforce#requestStop()} ended the call before its budget
 * @since 0.1.0
 */
public record TrainingSummary(long episodes, long steps, long updates, Duration elapsed, double runningScore, boolean stopped) {}
