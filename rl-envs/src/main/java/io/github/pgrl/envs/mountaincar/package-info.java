/**
 * The mountain car task of A. W. Moore (1990): a car in a valley, too weak to climb the right hill
 * directly, must rock back and forth to reach the flag. Gymnasium's two versions live here: {@link
 * io.github.pgrl.envs.mountaincar.MountainCar} with three discrete pushes ({@code MountainCar-v0}) and {@link
 * io.github.pgrl.envs.mountaincar.MountainCarContinuous} with a continuous force ({@code
 * MountainCarContinuous-v0}), each equal to Gymnasium's.
 */
package io.github.pgrl.envs.mountaincar;
