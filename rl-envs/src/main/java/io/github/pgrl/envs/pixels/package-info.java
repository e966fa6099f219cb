/**
 * Preprocessing for pixel environments, as composable observation wrappers: {@link
 * io.github.pgrl.envs.pixels.PixelPipeline} turns 8-bit frames ({@link io.github.pgrl.core.space.ByteImage})
 * into float images (crop, downsample, channel or grayscale, binarize or scale), {@link
 * io.github.pgrl.envs.pixels.FrameDifference} observes the change between frames and {@link
 * io.github.pgrl.envs.pixels.FrameStack} the last few frames.
 *
 * <p>The classic pong-from-pixels input is {@code FrameDifference.of(PixelPipeline.classic(env))}. Every
 * wrapper returns a new array per observation unless asked to reuse one buffer, which a caller that keeps
 * observations must then copy.
 */
package io.github.pgrl.envs.pixels;
