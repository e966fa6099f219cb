package io.github.pgrl.core.actorcritic;

/**
 * Which actor-critic objective {@link ActorCritic} optimises.
 *
 * @since 0.1.0
 */
public enum Algorithm {
  /**
   * Advantage actor-critic, the synchronous form of A3C (Mnih et al., "Asynchronous methods for deep
   * reinforcement learning", ICML 2016): one gradient step per rollout on {@code mean_t A_t·log μ(a_t|s_t)}.
   * The configuration's epochs and minibatches are ignored: the whole rollout is one batch.
   */
  A2C,
  /**
   * Proximal policy optimisation (Schulman, Wolski, Dhariwal, Radford, Klimov, "Proximal policy
   * optimization algorithms", arXiv:1707.06347, 2017): several epochs of minibatch steps on the clipped
   * surrogate {@code mean_t min(r_t·A_t, clip(r_t, 1 − ε, 1 + ε)·A_t)} with {@code r_t = μ_θ(a_t|s_t) /
   * μ_old(a_t|s_t)}.
   */
  PPO
}
