/**
 * Environments bundled with pgrl. Each lives in a sub-package and is documented in Gymnasium's sections
 * (Description, Action Space, Observation Space, Rewards, Starting State, Episode End, Arguments, Version
 * History).
 *
 * <ul>
 *   <li>{@link io.github.pgrl.envs.cartpole.CartPole}: Gymnasium's CartPole-v1, exactly.
 *   <li>{@link io.github.pgrl.envs.Environments}: makes them by name.
 * </ul>
 */
package io.github.pgrl.envs;
