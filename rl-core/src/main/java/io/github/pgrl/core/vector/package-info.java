/**
 * {@link io.github.pgrl.core.vector.VectorEnvironment}: several copies of an environment stepped in
 * lockstep, on one thread or on a fixed pool, with automatic resets.
 */
package io.github.pgrl.core.vector;
