/**
 * Actor-critic policy gradients: {@link io.github.pgrl.core.actorcritic.ActorCritic} trains any {@link
 * io.github.pgrl.core.TrainablePolicy} with PPO (Schulman et al. 2017) or A2C (Mnih et al. 2016) on the copies
 * of a {@link io.github.pgrl.core.vector.VectorEnvironment}, with GAE (Schulman et al. 2016) as the credit
 * and a {@link io.github.pgrl.core.policy.ValueFunction} as the critic; one configuration record, {@link
 * io.github.pgrl.core.actorcritic.ActorCriticConfig}; {@link io.github.pgrl.core.actorcritic.Schedule}s for
 * the learning rate and the clip range; listeners of per-update metrics; exact checkpoints.
 *
 * <p>One update reads top to bottom in {@code ActorCritic.Run}: collect ({@code RolloutCollector}), assign
 * credit ({@code RolloutBuffer}, which owns GAE), and step on each minibatch's loss ({@code PpoLoss} or
 * {@code A2cLoss}, a few lines each).
 */
package io.github.pgrl.core.actorcritic;
