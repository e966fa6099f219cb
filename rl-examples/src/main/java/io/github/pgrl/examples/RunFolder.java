package io.github.pgrl.examples;

import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A training folder ({@code --out}), held by one trainer at a time: the user's data, never overwritten,
 * never mixed with another run's.
 *
 * <p>{@link #open} creates the folder, locks it for the whole run and then checks what it holds:
 *
 * <ul>
 *   <li><b>One trainer per folder.</b> The lock is an operating-system lock on {@value #LOCK} ({@link
 *       FileChannel#tryLock()}), which the system releases when the process ends in any way, SIGKILL
 *       included, so a killed run never leaves the folder locked. A second trainer, in this process or
 *       another, is refused with the folder's name and the holder's process id.
 *   <li><b>A run is continued or moved aside, never overwritten.</b> A fresh start into a folder that
 *       holds a run's files is refused with the two ways on: {@code --resume}, or {@code --start-over},
 *       which moves the old run's files to a sibling folder {@code NAME.old-yyyyMMdd-HHmmss}.
 *   <li><b>Run files are regular files.</b> A run file that is a symbolic link is refused: appending to
 *       it would write through to its target, while a checkpoint's atomic rename would replace the link,
 *       and either surprises someone. The folder itself may be a link.
 *   <li><b>Nothing stale.</b> Temporary files that a killed write left behind (a checkpoint's or the
 *       metrics file's) are deleted: with the lock held, no other writer can own them.
 * </ul>
 */
final class RunFolder implements AutoCloseable {

  /** The lock file; it stays in the folder (deleting a lock file races with a process about to lock it). */
  static final String LOCK = ".pgrl.lock";

  /** What a trainer intends with the folder. */
  enum Start {
    /** A new run; the folder must not hold one. */
    FRESH,
    /** Continue the run the folder holds. */
    RESUME,
    /** A new run; an old run's files are first moved to a sibling folder. */
    START_OVER;

    /**
     * The intent of {@code --resume} and {@code --start-over}.
     *
     * @throws CommandLine.ParameterException if both are given
     */
    static Start of(CommandLine cmd, boolean resume, boolean startOver) {
      if (resume && startOver) {
        throw new CommandLine.ParameterException(cmd,
            "--resume and --start-over exclude each other: continue the run, or move it aside");
      }
      return resume ? RESUME : startOver ? START_OVER : FRESH;
    }
  }

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;
  private final Path movedTo;

  private RunFolder(Path dir, FileChannel channel, FileLock lock, Path movedTo) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
    this.movedTo = movedTo;
  }

  /**
   * Creates and locks the folder, then checks its run files against {@code start}.
   *
   * @param cmd the command, for user errors
   * @param dir the folder
   * @param start what the trainer intends
   * @param runFiles the names of the files a run writes here; the first is its checkpoint
   * @return the locked folder; close it when the run ends
   * @throws CommandLine.ParameterException for every user error: the folder cannot be created or is in
   *     use, a run is in the way of a fresh start, there is no run to resume, a run file is a link
   */
  static RunFolder open(CommandLine cmd, Path dir, Start start, List<String> runFiles) {
    Cli.outputFolder(cmd, dir);
    Path lockFile = dir.resolve(LOCK);
    FileChannel ch;
    try {
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "cannot lock the output folder " + dir + ": " + Cli.describe(e));
    }
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      close(ch);
      throw new CommandLine.ParameterException(cmd, "cannot lock the output folder " + dir + ": " + Cli.describe(e));
    }
    if (lock == null) {
      String holder = holder(lockFile);
      close(ch);
      throw new CommandLine.ParameterException(cmd, "the output folder " + dir + " is in use by another training run"
          + holder + "; wait for it to end, or choose another --out");
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(pid), 0);
      RunFolder folder = new RunFolder(dir, ch, lock, prepare(cmd, dir, start, runFiles));
      lock = null;
      return folder;
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "cannot prepare the output folder " + dir + ": " + Cli.describe(e));
    } finally {
      if (lock != null) {
        close(ch);
      }
    }
  }

  private static Path prepare(CommandLine cmd, Path dir, Start start, List<String> runFiles) throws IOException {
    List<String> present = new ArrayList<>();
    for (String name : runFiles) {
      for (String file : List.of(name, name + ".1", name + ".2")) {
        Path p = dir.resolve(file);
        if (Files.isSymbolicLink(p)) {
          throw new CommandLine.ParameterException(cmd, p + " is a symbolic link; pgrl writes a run's files itself"
              + " and does not follow links there (the output folder itself may be one): replace it by the file");
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          present.add(file);
        }
      }
    }
    Path checkpoint = dir.resolve(runFiles.get(0));
    CheckpointFile.deleteTemporaries(checkpoint);
    deleteOldMetricsTemporaries(dir);
    switch (start) {
      case RESUME -> {
        if (!Files.exists(checkpoint) && !Files.exists(dir.resolve(runFiles.get(0) + ".1"))) {
          throw new CommandLine.ParameterException(cmd, "--resume: there is no checkpoint to resume in " + dir);
        }
        return null;
      }
      case FRESH -> {
        if (!present.isEmpty()) {
          throw new CommandLine.ParameterException(cmd, dir + " holds a training run (" + String.join(", ", present)
              + "): continue it with --resume, or start a new run in another --out folder, or with --start-over,"
              + " which moves this run's files to " + dir.getFileName() + ".old-<date-time> beside it");
        }
        return null;
      }
      default -> {
        if (present.isEmpty()) {
          return null;
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
          throw new CommandLine.ParameterException(cmd, "--start-over: the run in " + abs + " has no folder beside it"
              + " to move to; start the new run in another --out folder");
        }
        String aside0 = abs.getFileName() + ".old-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = abs.resolveSibling(aside0);
        for (int k = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); k++) {
          aside = abs.resolveSibling(aside0 + "-" + k);
        }
        Files.createDirectory(aside);
        for (String file : present) {
          Files.move(dir.resolve(file), aside.resolve(file));
        }
        return aside;
      }
    }
  }

  /** Deletes the {@code .metrics*.csv} temporaries that a killed resume of earlier versions left. */
  private static void deleteOldMetricsTemporaries(Path dir) throws IOException {
    try (var files = Files.newDirectoryStream(dir, ".metrics*.csv")) {
      for (Path f : files) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(f);
        }
      }
    }
  }

  /** " (process N)" from the lock file, or "" if it does not say. */
  private static String holder(Path lockFile) {
    try {
      String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
      return pid.matches("\\d{1,19}") ? " (process " + pid + ")" : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void close(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing releases the lock; nothing else to do
    }
  }

  /**
   * Where {@link Start#START_OVER} moved the old run's files.
   *
   * @return the sibling folder, or {@code null} if nothing was moved
   */
  Path movedTo() {
    return movedTo;
  }

  /** The folder. */
  Path dir() {
    return dir;
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    close(channel);
  }
}
