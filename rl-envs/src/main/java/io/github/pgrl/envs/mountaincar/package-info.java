/**
 * The mountain-car task, {@link io.github.pgrl.envs.mountaincar.MountainCar}: Gymnasium's MountainCar-v0 to
 * the constant, with {@code float[2]} observations and three actions.
 */
package io.github.pgrl.envs.mountaincar;
