package io.github.pgrl.core.checkpoint;

import java.util.Objects;

/**
 * Reads the entries one component wrote under a prefix of a {@link CheckpointFile}, checking each value
 * as it is read: a checkpoint is untrusted input, so a count out of its range, a flag other than 0 or 1, an
 * array of another length or a value that is not finite is refused with a {@link CheckpointException}
 * naming the entry and what is allowed, as a missing or mistyped entry is.
 *
 * <pre>{@code
 * StateReader in = new StateReader(checkpoint, prefix);
 * int elapsed = (int) in.count("elapsed", 0, maxEpisodeSteps);
 * boolean running = in.flag("running");
 * double[] state = in.doubles("state", 4);
 * }</pre>
 *
 * <p>Read and check everything first, then change the component, so that a refused checkpoint leaves it as
 * it was ({@link io.github.pgrl.core.Restorable} asks for that).
 *
 * @since 0.1.0
 */
public final class StateReader {

  private final CheckpointFile checkpoint;
  private final String prefix;

  /**
   * A reader of the entries whose names start with {@code prefix}.
   *
   * @param checkpoint the checkpoint
   * @param prefix the prefix of the names, possibly empty
   * @throws NullPointerException if an argument is {@code null}
   */
  public StateReader(CheckpointFile checkpoint, String prefix) {
    this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * The full name of an entry.
   *
   * @param entry the name after the prefix
   * @return {@code prefix + entry}
   */
  public String name(String entry) {
    return prefix + entry;
  }

  /**
   * Whether the checkpoint has an entry.
   *
   * @param entry the name after the prefix
   * @return whether {@code prefix + entry} exists
   */
  public boolean has(String entry) {
    return checkpoint.has(name(entry));
  }

  /**
   * A long entry, any value.
   *
   * @param entry the name after the prefix
   * @return the value
   * @throws CheckpointException if the entry is missing or not a long
   */
  public long getLong(String entry) {
    return checkpoint.getLong(name(entry));
  }

  /**
   * A long entry within a range, such as a counter.
   *
   * @param entry the name after the prefix
   * @param min the least value allowed
   * @param max the largest value allowed
   * @return the value
   * @throws CheckpointException if the entry is missing, not a long, or outside {@code [min, max]}
   */
  public long count(String entry, long min, long max) {
    long v = getLong(entry);
    if (v < min || v > max) {
      throw invalid(entry, "is " + v + "; allowed are " + min + " to " + max);
    }
    return v;
  }

  /**
   * A flag, stored as the long 0 or 1.
   *
   * @param entry the name after the prefix
   * @return {@code true} for 1
   * @throws CheckpointException if the entry is missing, not a long, or neither 0 nor 1
   */
  public boolean flag(String entry) {
    long v = getLong(entry);
    if (v != 0 && v != 1) {
      throw invalid(entry, "is " + v + "; a flag is 0 or 1");
    }
    return v == 1;
  }

  /**
   * A double array of a given length with finite values.
   *
   * @param entry the name after the prefix
   * @param length the length it must have
   * @return a copy of the values
   * @throws CheckpointException if the entry is missing, not a double array, of another length or holds a
   *     value that is not finite
   */
  public double[] doubles(String entry, int length) {
    double[] v = checkpoint.doubles(name(entry));
    requireLength(entry, v.length, length);
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw invalid(entry, "holds " + v[i] + " at index " + i + "; every value must be finite");
      }
    }
    return v;
  }

  /**
   * A float array of a given length with finite values.
   *
   * @param entry the name after the prefix
   * @param length the length it must have
   * @return a copy of the values
   * @throws CheckpointException if the entry is missing, not a float array, of another length or holds a
   *     value that is not finite
   */
  public float[] floats(String entry, int length) {
    float[] v = checkpoint.floats(name(entry));
    requireLength(entry, v.length, length);
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw invalid(entry, "holds " + v[i] + " at index " + i + "; every value must be finite");
      }
    }
    return v;
  }

  private void requireLength(String entry, int actual, int length) {
    if (actual != length) {
      throw invalid(entry, "has " + actual + " values; it must have " + length);
    }
  }

  /**
   * Requires a string entry to be a given text, such as the description of the component that wrote it.
   *
   * @param entry the name after the prefix
   * @param expected the text it must be
   * @param why what a mismatch means, for the message
   * @throws CheckpointException if the entry is missing, not a string, or another text
   */
  public void requireEqual(String entry, String expected, String why) {
    String v = checkpoint.getString(name(entry));
    if (!v.equals(expected)) {
      throw invalid(entry, "is '" + v + "', but it must be '" + expected + "': " + why);
    }
  }

  /**
   * The exception for an entry whose value is not allowed.
   *
   * @param entry the name after the prefix
   * @param problem what is wrong and what is allowed, as the rest of a sentence about the entry ("is −1;
   *     allowed are 0 to 500")
   * @return a {@link CheckpointException} naming the checkpoint and the entry
   */
  public CheckpointException invalid(String entry, String problem) {
    return new CheckpointException(checkpoint.describe() + ": the entry '" + name(entry) + "' " + problem);
  }
}
