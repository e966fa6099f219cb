package io.github.pgrl.core.checkpoint;

/**
 * A checkpoint file could not be read because it is not a regular file of a readable size, not a pgrl
 * checkpoint, damaged, of an unsupported format version, or because a stored value is missing, out of
 * range or inconsistent with the others; the message says which, and names the file (and the entry).
 *
 * @since 0.1.0
 */
public final class CheckpointException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what is wrong with which file
   */
  public CheckpointException(String message) {
    super(message);
  }

  /**
   * An exception with a message and a cause.
   *
   * @param message what is wrong with which file
   * @param cause the underlying failure
   */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
