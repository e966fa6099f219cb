/**
 * Environments bundled with pgrl, and what pixel environments need around them. Each environment lives in
 * a sub-package and is documented in Gymnasium's sections (Description, Action Space, Observation Space,
 * Rewards, Starting State, Episode End, Arguments, Version History); {@link
 * io.github.pgrl.envs.Environments} makes them by name ({@code "CartPole-v1"}, {@code "Pong-binary-v0"},
 * …).
 *
 * <p>The packages of {@code rl-envs}:
 *
 * <ul>
 *   <li>{@link io.github.pgrl.envs}: {@code Environments}, the bundled environments by name, and {@code
 *       ClassicControl}, the episode lifecycle the classic-control environments share (this package);
 *   <li>{@link io.github.pgrl.envs.cartpole}: {@code CartPole}, Gymnasium's CartPole-v1, exactly;
 *   <li>{@link io.github.pgrl.envs.acrobot}: {@code Acrobot}, Gymnasium's Acrobot-v1, exactly;
 *   <li>{@link io.github.pgrl.envs.mountaincar}: {@code MountainCar}, Gymnasium's MountainCar-v0, exactly, and
 *       {@code MountainCarContinuous}, Gymnasium's MountainCarContinuous-v0, with its float32 state;
 *   <li>{@link io.github.pgrl.envs.pendulum}: {@code Pendulum}, Gymnasium's Pendulum-v1;
 *   <li>{@link io.github.pgrl.envs.pong}: {@code PongEnvironment}, Pong from pixels in the Atari layout,
 *       with its physics, rules, scripted players and reward shaping;
 *   <li>{@link io.github.pgrl.envs.pixels}: preprocessing for any pixel environment (crop, downsample,
 *       binarize, frame difference, frame stack);
 *   <li>{@link io.github.pgrl.envs.render}: frames as PNG files, animated GIFs and terminal text.
 * </ul>
 */
package io.github.pgrl.envs;
