/**
 * Rendering for people: {@link io.github.pgrl.envs.render.Frames} turns RGB frames into images and PNG
 * files, {@link io.github.pgrl.envs.render.GifRecorder} records them into a looping animated GIF, and
 * {@link io.github.pgrl.envs.render.Ansi} draws them (or preprocessed binary images) as terminal text. Only
 * the JDK is used (AWT images and {@code javax.imageio}); no display is needed.
 */
package io.github.pgrl.envs.render;
