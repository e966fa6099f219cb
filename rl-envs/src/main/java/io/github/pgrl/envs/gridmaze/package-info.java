/**
 * A small maze with invalid actions, {@link io.github.pgrl.envs.gridmaze.GridMaze}: moves into walls are
 * masked out ({@link io.github.pgrl.core.ActionMasks}), for training and testing masked policies.
 */
package io.github.pgrl.envs.gridmaze;
