/**
 * Environments bundled with pgrl. Each lives in a sub-package and is documented in Gymnasium's sections
 * (Description, Action Space, Observation Space, Rewards, Starting State, Episode End, Arguments, Version
 * History).
 *
 * <ul>
 *   <li>{@link io.github.pgrl.envs.cartpole.CartPole}: Gymnasium's CartPole-v1, exactly.
 *   <li>{@link io.github.pgrl.envs.pong.PongEnvironment}: Pong from pixels, in the Atari layout.
 *   <li>{@link io.github.pgrl.envs.Environments}: makes them by name.
 * </ul>
 *
 * <p>Beside them: {@code io.github.pgrl.envs.pixels}, preprocessing for any pixel environment (crop,
 * downsample, binarize, frame difference, frame stack), and {@code io.github.pgrl.envs.render}, frames as
 * PNG files, animated GIFs and terminal text.
 */
package io.github.pgrl.envs;
