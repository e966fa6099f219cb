/**
 * Running normalisation of observations and rewards, as Stable-Baselines3's {@code VecNormalize}, with the
 * statistics kept in checkpoints.
 *
 * <ul>
 *   <li>{@link io.github.pgrl.core.normalize.RunningMeanStd}: the running mean and variance per dimension,
 *       updated a batch at a time (Chan, Golub and LeVeque's parallel combination).
 * </ul>
 */
package io.github.pgrl.core.normalize;
