package io.github.pgrl.examples;

import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.io.IOException;
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

  /** How many checkpoints a run keeps: {@code checkpoint.pgrl}, {@code .1} and {@code .2}. */
  static final int CHECKPOINTS_KEPT = 3;

  private final Path dir;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private final Path movedTo;

  private RunFolder(Path dir, Path key, FileChannel channel, FileLock lock, Path movedTo) {
    this.dir = dir;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
    this.movedTo = movedTo;
  }

  /**
   * Folders locked by this process. An operating-system file lock belongs to the process: another lock
   * attempt in the same process must not even open the lock file, because on Linux closing any handle to
   * it releases every lock the process holds on it.
   */
  private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
    if (start == Start.RESUME && !Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(cmd, "--resume: there is no run folder " + dir);
    }
    Cli.outputFolder(cmd, dir);
    Path key;
    try {
      key = dir.toRealPath();
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "cannot lock the output folder " + dir + ": " + Cli.describe(e));
    }
    if (!HELD.add(key)) {
      throw inUse(cmd, dir, " (in this process)");
    }
    FileChannel ch = null;
    boolean opened = false;
    try {
      // not through a link: the pid written below must not land in another file
      ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw inUse(cmd, dir, holder(ch));
      }
      byte[] pid = (ProcessHandle.current().pid() + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(pid), 0);
      RunFolder folder = new RunFolder(dir, key, ch, lock, prepare(cmd, dir, start, runFiles));
      opened = true;
      return folder;
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "cannot lock the output folder " + dir + ": " + Cli.describe(e));
    } finally {
      if (!opened) {
        if (ch != null) {
          close(ch);
        }
        HELD.remove(key);
      }
    }
  }

  private static CommandLine.ParameterException inUse(CommandLine cmd, Path dir, String holder) {
    return new CommandLine.ParameterException(cmd, "the output folder " + dir + " is in use by another training run"
        + holder + "; wait for it to end, or choose another --out");
  }

  private static Path prepare(CommandLine cmd, Path dir, Start start, List<String> runFiles) throws IOException {
    List<String> present = new ArrayList<>();
    boolean checkpoints = false;
    for (String name : runFiles) {
      for (int i = 0; i < CHECKPOINTS_KEPT; i++) {
        String file = i == 0 ? name : name + "." + i;
        Path p = dir.resolve(file);
        if (Files.isSymbolicLink(p)) {
          throw new CommandLine.ParameterException(cmd, p + " is a symbolic link; pgrl writes a run's files itself"
              + " and does not follow links there (the output folder itself may be one): replace it by the file");
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          present.add(file);
          checkpoints |= name.equals(runFiles.get(0));
        }
      }
    }
    Path checkpoint = dir.resolve(runFiles.get(0));
    if (start == Start.RESUME && !checkpoints) {
      throw new CommandLine.ParameterException(cmd, "--resume: there is no checkpoint to resume in " + dir);
    }
    if (start == Start.FRESH && !present.isEmpty()) {
      throw new CommandLine.ParameterException(cmd, dir + " holds a training run (" + String.join(", ", present) + "): "
          + (checkpoints ? "continue it with --resume, or " : "it has no checkpoint to resume; ") + "start a new run in"
          + " another --out folder, or with --start-over, which moves this run's files to " + dir.getFileName()
          + ".old-<date-time> beside it");
    }
    // nothing else writes here while the lock is held: what killed writes left can go
    CheckpointFile.deleteTemporaries(checkpoint);
    deleteOldMetricsTemporaries(dir);
    if (start != Start.START_OVER || present.isEmpty()) {
      return null;
    }
    Path abs = dir.toAbsolutePath().normalize();
    if (abs.getParent() == null) {
      throw new CommandLine.ParameterException(cmd, "--start-over: the run in " + abs + " has no folder beside it"
          + " to move to; start the new run in another --out folder");
    }
    String name = abs.getFileName() + ".old-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path aside = abs.resolveSibling(name);
    for (int k = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); k++) {
      aside = abs.resolveSibling(name + "-" + k);
    }
    Files.createDirectory(aside);
    List<String> moved = new ArrayList<>();
    try {
      for (String file : present) {
        Files.move(dir.resolve(file), aside.resolve(file));
        moved.add(file);
      }
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "--start-over: moving the run in " + dir + " to " + aside
          + " failed after " + moved.size() + " of " + present.size() + " files (" + String.join(", ", moved)
          + " are there now): " + Cli.describe(e));
    }
    return aside;
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

  /** " (process N)" from the lock file's content, read through the channel already open. */
  private static String holder(FileChannel ch) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      ch.read(buf, 0);
      String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
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
    HELD.remove(key);
  }

  /** Says on the command's error stream where {@link Start#START_OVER} moved the old run, if it did. */
  void announce(CommandLine cmd) {
    if (movedTo != null) {
      cmd.getErr().println("The run that was in " + dir + " is now in " + movedTo + ".");
      cmd.getErr().flush();
    }
  }
}
