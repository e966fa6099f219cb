/**
 * The inverted-pendulum swing-up, {@link io.github.pgrl.envs.pendulum.Pendulum}: Gymnasium's Pendulum-v1
 * to the constant, with {@code float[3]} observations and a continuous torque.
 */
package io.github.pgrl.envs.pendulum;
