/**
 * The classic cart-pole balancing task, {@link io.github.pgrl.envs.cartpole.CartPole}: Gymnasium's
 * CartPole-v1 (and v0) to the constant, with {@code float[4]} observations and two actions.
 */
package io.github.pgrl.envs.cartpole;
