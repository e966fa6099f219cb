/**
 * The bundled {@link io.github.pgrl.core.Space} implementations: {@link io.github.pgrl.core.space.Discrete}
 * for a finite set of actions, {@link io.github.pgrl.core.space.MultiDiscrete} for several discrete choices
 * at once, {@link io.github.pgrl.core.space.Box} for bounded float vectors and images,
 * and {@link io.github.pgrl.core.space.ByteImage} for raw 8-bit frames.
 */
package io.github.pgrl.core.space;
