/**
 * Small utilities shared by the implementations: {@link io.github.pgrl.core.util.Seeds} derives the seed
 * of every episode, environment copy or network from one master seed by index, {@link
 * io.github.pgrl.core.util.Nd4jSetup} puts ND4J into float32 and sets its threads, and {@link
 * io.github.pgrl.core.util.Tasks} runs tasks on a thread pool and rethrows a failure as the caller's own,
 * and {@link io.github.pgrl.core.util.RestorableRandom} is a {@code SplittableRandom} whose position can be
 * saved and restored.
 */
package io.github.pgrl.core.util;
