/**
 * pgrl's own checkpoint file format ({@link io.github.pgrl.core.checkpoint.CheckpointFile}): a small
 * versioned header, named entries of raw little-endian numbers and text, and a CRC-32 checksum, written
 * atomically. No ND4J serialization and no Java object streams are involved, so a checkpoint can be read
 * by any later pgrl version that supports its format version, and loading one never runs code. {@link
 * io.github.pgrl.core.checkpoint.StateReader} reads one component's entries and checks each value, since a
 * checkpoint is untrusted input.
 */
package io.github.pgrl.core.checkpoint;
