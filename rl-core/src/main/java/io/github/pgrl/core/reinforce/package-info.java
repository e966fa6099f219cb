/**
 * REINFORCE (Williams, 1992): the trainer {@link io.github.pgrl.core.reinforce.Reinforce}, its one
 * configuration record {@link io.github.pgrl.core.reinforce.ReinforceConfig}, training budgets, listeners
 * for metrics, and resumable checkpoints.
 *
 * <p>One update reads top to bottom in {@link io.github.pgrl.core.reinforce.Reinforce#train}: collect a
 * batch of episodes, shape the rewards, assign credit, subtract a baseline, standardise, take the
 * gradient of {@code Σ w·log μ(a|s)} plus an entropy bonus, clip it, and step the optimizer.
 *
 * <p>The episodes are played on the trainer's own threads, or elsewhere through a {@link
 * io.github.pgrl.core.reinforce.RolloutBackend} (rl-spark's plays them as Spark tasks), which plays them
 * with {@link io.github.pgrl.core.reinforce.EpisodePlayer} and returns them as {@link
 * io.github.pgrl.core.reinforce.PlayedEpisode}s; the learning is the same either way.
 */
package io.github.pgrl.core.reinforce;
