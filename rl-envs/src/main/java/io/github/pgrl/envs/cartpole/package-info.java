/** The classic cart-pole balancing task, {@link io.github.pgrl.envs.cartpole.CartPole}. */
package io.github.pgrl.envs.cartpole;
