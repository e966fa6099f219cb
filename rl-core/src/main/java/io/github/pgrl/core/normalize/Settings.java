package io.github.pgrl.core.normalize;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;

/** The checks of the normalisers' settings, when they are made and when a checkpoint is read. */
final class Settings {

  private Settings() {}

  static double checkClip(double clip) {
    if (!(clip > 0.0) || clip == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("the clip must be positive and finite, got " + clip);
    }
    return clip;
  }

  /**
   * Refuses a checkpoint whose stored setting is not {@code value} (to the bit).
   *
   * @throws CheckpointException naming the entry and both values, or if the entry is missing
   */
  static void requireSame(CheckpointFile checkpoint, String name, String setting, double value, Object normalizer) {
    double stored = checkpoint.getDouble(name);
    if (Double.doubleToLongBits(stored) != Double.doubleToLongBits(value)) {
      throw new CheckpointException("the checkpoint entry '" + name + "' holds a " + setting + " of " + stored
          + "; this normaliser's is " + value + " (" + normalizer + "): make the normaliser with the stored "
          + setting);
    }
  }
}
