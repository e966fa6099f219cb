package io.github.pgrl.envs.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file written whole or not at all: the bytes go to a temporary file beside the target, which is moved
 * over the target only when complete. The target is a new name or a regular file (not a link or a
 * device, which the move would replace). A failure (a full disk, a missing folder) deletes the temporary and
 * leaves the target as it was, and its exception names the target and the cause, such as "No space left
 * on device" — not only a path, as {@link NoSuchFileException} does, nor "I/O error writing PNG file!", as
 * ImageIO does.
 *
 * <p>Before the move the temporary is forced to disk and given the POSIX permissions of the file it
 * replaces, or rw-r--r-- for a new file (not a temporary file's owner-only ones); a file system without
 * POSIX permissions keeps what it gives.
 */
final class AtomicOutput {

  private final Path target;
  private final Path tmp;
  private final FileChannel channel;
  private final OutputStream out;
  private boolean done;

  private AtomicOutput(Path target, Path tmp, FileChannel channel) {
    this.target = target;
    this.tmp = tmp;
    this.channel = channel;
    this.out = Channels.newOutputStream(channel);
  }

  /** Starts writing {@code target}; nothing appears under its name before {@link #commit()}. */
  static AtomicOutput create(Path target) throws IOException {
    if (Files.isDirectory(target)) {
      throw new IOException("cannot write " + target + ": it is a folder");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      // moving a new file over it would replace a link or a device (say /dev/null) instead of writing to it
      throw new IOException("cannot write " + target + ": it is not a regular file (a link, a device or a pipe);"
          + " the file is replaced whole when complete, so give a regular file or a new name");
    }
    Path abs = target.toAbsolutePath();
    Path tmp;
    try {
      tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw failure(target, e);
    }
    try {
      return new AtomicOutput(target, tmp, FileChannel.open(tmp, StandardOpenOption.WRITE));
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw failure(target, e);
    }
  }

  /** Where to write. */
  OutputStream stream() {
    return out;
  }

  /**
   * Forces the file to disk, gives it the permissions of the target it replaces (rw-r--r-- for a new
   * one), closes it and moves it into place; on failure as {@link #abort}.
   */
  void commit() throws IOException {
    if (done) {
      return;
    }
    done = true;
    try {
      try {
        channel.force(true);
      } finally {
        out.close();
      }
      copyPermissions(target, tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw failure(target, e);
    }
  }

  /** Drops what was written: closes the stream and deletes the temporary file. */
  void abort() {
    if (done) {
      return;
    }
    done = true;
    try {
      out.close();
    } catch (IOException ignored) {
      // the file is deleted next; a failed close changes nothing
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // a hidden temporary that could not be deleted; the target is untouched
    }
  }

  /**
   * Gives {@code file} the permissions of {@code target} (or of the file a link there points to), or
   * rw-r--r-- if there is none, as CheckpointFile does; ignored on a file system without POSIX
   * permissions.
   */
  private static void copyPermissions(Path target, Path file) {
    try {
      Files.setPosixFilePermissions(file, Files.exists(target)
          ? Files.getPosixFilePermissions(target)
          : PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system (or the target vanished meanwhile): keep what it gives
    }
  }

  /** An exception that names the target and the cause of {@code e}. */
  static IOException failure(Path target, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) {
      why = "the folder " + target.toAbsolutePath().getParent() + " does not exist";
    } else if (e instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      why = f.getReason();
    } else {
      // ImageIO's "I/O error writing PNG file!" carries the system's reason as its cause
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      why = root.getMessage() != null ? root.getMessage() : e.toString();
    }
    return new IOException("cannot write " + target + ": " + why, e);
  }
}
