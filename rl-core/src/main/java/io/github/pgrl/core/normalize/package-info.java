/**
 * Running normalisation of observations and rewards, as Stable-Baselines3's {@code VecNormalize}, with the
 * statistics kept in checkpoints.
 *
 * <ul>
 *   <li>{@link io.github.pgrl.core.normalize.RunningMeanStd}: the running mean and variance per dimension,
 *       updated a batch at a time (Chan, Golub and LeVeque's parallel combination);
 *   <li>{@link io.github.pgrl.core.normalize.ObservationNormalizer}: observations centred and scaled by
 *       those statistics and clipped, frozen for evaluation ({@link
 *       io.github.pgrl.core.wrappers.NormalizeObservation} applies a frozen one to an environment);
 *   <li>{@link io.github.pgrl.core.normalize.RewardNormalizer}: rewards scaled by the running deviation of
 *       each copy's discounted return, a whole lockstep rollout at a time.
 * </ul>
 *
 * <p>Every normaliser writes its state into a {@link io.github.pgrl.core.checkpoint.CheckpointFile} under
 * a prefix and reads it back as untrusted input, so that a resumed run and an evaluation normalise as the
 * trained policy saw. All arithmetic is plain Java in double precision; normalised observations are
 * float32.
 */
package io.github.pgrl.core.normalize;
