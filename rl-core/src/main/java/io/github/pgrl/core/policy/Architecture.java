package io.github.pgrl.core.policy;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.Set;

/**
 * The architecture a policy of this package writes into a checkpoint beside its parameters, as (name,
 * value) pairs, and the comparison that refuses a checkpoint of another architecture before a parameter
 * is read. One place for the four policies, so that each treats a missing entry the same way: an entry
 * that checkpoints of earlier versions lack (an optional one) is compared only where it is present; any
 * other must be there. Every policy writes a {@code head} entry, so that two policies whose parameter
 * counts happen to agree still refuse each other's checkpoints.
 */
final class Architecture {

  private Architecture() {}

  /** Writes the (name, value) pairs under {@code prefix}. */
  static void write(CheckpointFile checkpoint, String prefix, String[][] fields) {
    for (String[] field : fields) {
      checkpoint.putString(prefix + field[0], field[1]);
    }
  }

  /**
   * Writes the pairs but {@code optional} where its value is {@code implied}, the value of every policy
   * written before the entry existed (a {@code valueOutput} of {@code false}): such a policy's checkpoint
   * stays as it was, and {@link #requireSame} still compares the entry where it is present.
   */
  static void write(CheckpointFile checkpoint, String prefix, String[][] fields, String optional, String implied) {
    for (String[] field : fields) {
      if (!(field[0].equals(optional) && field[1].equals(implied))) {
        checkpoint.putString(prefix + field[0], field[1]);
      }
    }
  }

  /**
   * Refuses a checkpoint whose stored architecture differs from {@code fields}.
   *
   * @param optional the names that checkpoints of earlier versions may lack
   * @param policy the policy reading the checkpoint, for messages
   * @throws CheckpointException naming the entry and both values, or the missing entry
   */
  static void requireSame(CheckpointFile checkpoint, String prefix, String[][] fields, Set<String> optional,
      Object policy) {
    for (String[] field : fields) {
      String name = prefix + field[0];
      if (!checkpoint.has(name)) {
        if (optional.contains(field[0])) {
          continue;
        }
        throw new CheckpointException("the checkpoint has no entry '" + name + "': it holds no policy of the"
            + " architecture of " + policy);
      }
      String stored = checkpoint.getString(name);
      if (!stored.equals(field[1])) {
        throw new CheckpointException("the checkpoint holds a policy whose " + field[0] + " is " + stored
            + ", this one's is " + field[1] + " (" + policy + ")");
      }
    }
  }
}
