/**
 * Pong from pixels: {@link io.github.pgrl.envs.pong.PongEnvironment} (210×160 RGB frames in the Atari
 * layout, or the classic 80×80 binary image rendered directly), its physics ({@link
 * io.github.pgrl.envs.pong.PongGame}), rules ({@link io.github.pgrl.envs.pong.PongConfig}), scripted
 * players, and the paddle-hit reward shaping ({@link io.github.pgrl.envs.pong.PongShaping}).
 */
package io.github.pgrl.envs.pong;
