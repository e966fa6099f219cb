/**
 * {@link io.github.pgrl.core.vector.VectorEnvironment}: several copies of an environment stepped in
 * lockstep, on one thread or on a fixed pool, with automatic resets, saved and restored in the middle of
 * their episodes when the copies are {@link io.github.pgrl.core.Restorable}.
 */
package io.github.pgrl.core.vector;
