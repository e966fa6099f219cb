/**
 * The acrobot swing-up task, {@link io.github.pgrl.envs.acrobot.Acrobot}: Gymnasium's Acrobot-v1 to the
 * constant (the book dynamics, one Runge–Kutta step per action), with {@code float[6]} observations and
 * three torques.
 */
package io.github.pgrl.envs.acrobot;
