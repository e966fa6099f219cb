package io.github.pgrl.core.internal;

import io.github.pgrl.core.checkpoint.CheckpointException;

/**
 * Internal, not API: how the trainers' checkpoint readers report an entry that a component refuses, so
 * that REINFORCE's and the actor-critic checkpoints name the file and the entry in the same words.
 */
public final class CheckpointEntries {

  private CheckpointEntries() {}

  /**
   * Runs {@code restore}, reporting a value it refuses as a {@link CheckpointException} that names the
   * checkpoint and the entry.
   *
   * @param source the checkpoint's name, for messages
   * @param entry the entry being restored
   * @param restore the restoring code; an {@link IllegalArgumentException} from it means a bad value
   * @throws CheckpointException if {@code restore} refused the entry's value
   */
  public static void restore(String source, String entry, Runnable restore) {
    try {
      restore.run();
    } catch (CheckpointException e) {
      if (e.getMessage() != null && e.getMessage().contains(source)) {
        throw e;
      }
      throw new CheckpointException(source + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(source + ": the entry " + entry + " is invalid: " + e.getMessage(), e);
    }
  }
}
