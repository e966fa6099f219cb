package io.github.pgrl.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Shared command-line plumbing: error handling (exit 2 for user errors) and output folders. */
final class Cli {

  /** Exit code of a user error: a bad option, a missing or foreign file, an unwritable folder. */
  static final int USAGE = 2;

  private Cli() {}

  /**
   * Reports exceptions from commands as one line, without a stack trace unless {@code --debug} was given.
   * User errors (a bad value, a file that cannot be read or written) exit with {@link #USAGE}; anything
   * else with 1.
   */
  static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    boolean fileError = e instanceof UncheckedIOException || e instanceof IOException;
    boolean userError = e instanceof IllegalArgumentException || fileError;
    String message = e instanceof IOException io ? describe(io) : e.getMessage() == null ? e.toString() : e.getMessage();
    cmd.getErr().println("pgrl: " + message);
    if (debug(parseResult)) {
      e.printStackTrace(cmd.getErr());
    }
    if (userError && !fileError) { // a full disk is no command-line mistake: the usage would not help
      cmd.getErr().print(cmd.getHelp().fullSynopsis());
      cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    }
    cmd.getErr().flush();
    return userError ? USAGE : 1;
  }

  /** Whether {@code --debug} was given, on any command of the line. */
  static boolean debug(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /**
   * What went wrong with a file, as a person reads it: the path and the cause ("No space left on device",
   * "no such file or folder"), not only the path that {@link java.nio.file.NoSuchFileException} gives.
   */
  static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return n.getFile() + ": no such file or folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /**
   * Writes a file whole or not at all: to a temporary file beside it, then moved into place.
   *
   * @throws UncheckedIOException naming the file and the cause; the file is then as it was
   */
  static void writeAtomically(Path file, byte[] bytes) {
    Path tmp = null;
    try {
      // a new file of a random name: a planted link cannot redirect the write
      tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
      java.nio.file.attribute.PosixFileAttributeView view =
          Files.getFileAttributeView(tmp, java.nio.file.attribute.PosixFileAttributeView.class);
      if (view != null) {
        view.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.write(tmp, bytes);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // a hidden temporary is left; the file itself is as it was
      }
      throw new UncheckedIOException("cannot write " + file + ": " + describe(e), e);
    }
  }

  /** Reports a bad command line as one line plus the synopsis. */
  static int handleParameterError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println("pgrl: " + e.getMessage());
    cmd.getErr().print(cmd.getHelp().fullSynopsis());
    cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    cmd.getErr().flush();
    return USAGE;
  }

  /**
   * A run that ended by a failure, not by the user: its message says what happened and what became of
   * the checkpoint. Exit code 1.
   */
  static final class RunFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Trains until the budget is used up or the process is asked to stop (Ctrl-C, SIGTERM): then the
   * trainer finishes its episode, drops the unfinished batch, {@code save} runs, and the command returns
   * normally. A second signal stops the process at once.
   *
   * <p>The signals are caught (rather than left to the JVM's shutdown) because a JVM that is shutting down
   * frees ND4J's native memory in its own shutdown hooks, concurrently with any saving still going on.
   * A shutdown hook remains as the fallback for other ways of ending the JVM.
   *
   * <p>A failure while training (out of memory, a non-finite gradient, an environment's error) ends in a
   * {@link RunFailure} that says what happened and that the last checkpoint is intact (training never
   * writes one after a failure).
   *
   * @param trainer the trainer
   * @param budget the budget
   * @param checkpoint the run's checkpoint, for the message after a failure
   * @param save writes the checkpoint (and anything else) after training, also after a signal
   * @return what training did
   * @throws RunFailure if training failed
   */
  static io.github.pgrl.core.reinforce.TrainingSummary trainInterruptibly(
      io.github.pgrl.core.reinforce.Reinforce trainer, io.github.pgrl.core.reinforce.Budget budget, Path checkpoint,
      Runnable save) {
    return trainInterruptibly(trainer::requestStop, () -> trainer.train(budget), "game", checkpoint, save);
  }

  /**
   * Trains an actor-critic run as {@link #trainInterruptibly(io.github.pgrl.core.reinforce.Reinforce,
   * io.github.pgrl.core.reinforce.Budget, Path, Runnable)} trains REINFORCE: a signal stops it after the
   * current update, then {@code save} runs.
   *
   * @throws RunFailure if training failed
   */
  static io.github.pgrl.core.reinforce.TrainingSummary trainInterruptibly(
      io.github.pgrl.core.actorcritic.ActorCritic<?> trainer, io.github.pgrl.core.reinforce.Budget budget,
      Path checkpoint, Runnable save) {
    return trainInterruptibly(trainer::requestStop, () -> trainer.train(budget), "update", checkpoint, save);
  }

  /** The signal handling of both: {@code requestStop} asks training to stop after the current {@code unit}. */
  private static io.github.pgrl.core.reinforce.TrainingSummary trainInterruptibly(Runnable requestStop,
      java.util.function.Supplier<io.github.pgrl.core.reinforce.TrainingSummary> train, String unit, Path checkpoint,
      Runnable save) {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Thread hook = new Thread(() -> {
      requestStop.run();
      try {
        done.await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(hook);
    java.util.Map<String, sun.misc.SignalHandler> previous = new java.util.HashMap<>();
    java.util.concurrent.atomic.AtomicBoolean signalled = new java.util.concurrent.atomic.AtomicBoolean();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        previous.put(name, sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
          if (signalled.getAndSet(true)) {
            Runtime.getRuntime().halt(130);
          }
          System.err.println(System.lineSeparator() + "pgrl: stopping after the current " + unit + " and saving a"
              + " checkpoint (signal again to stop at once)");
          requestStop.run();
        }));
      } catch (IllegalArgumentException unsupported) {
        // this platform has no such signal; the shutdown hook covers it
      }
    }
    try {
      io.github.pgrl.core.reinforce.TrainingSummary summary;
      try {
        summary = train.get();
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        throw failure(e, checkpoint);
      }
      save.run();
      return summary;
    } finally {
      done.countDown();
      previous.forEach((name, handler) -> sun.misc.Signal.handle(new sun.misc.Signal(name), handler));
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is ending by another way; the hook has waited for us
      }
    }
  }

  private static RunFailure failure(Throwable e, Path checkpoint) {
    Throwable oom = e;
    while (oom != null && !(oom instanceof OutOfMemoryError)) {
      oom = oom.getCause();
    }
    String what = oom != null
        ? "training ran out of memory (" + oom.getMessage() + "); give Java more (java -Xmx…) or use fewer --envs,"
            + " a smaller --batch or --hidden"
        : "training failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    String kept;
    try {
      // training writes no checkpoint after a failure: the newest valid one is as it was
      Path file = io.github.pgrl.core.checkpoint.CheckpointFile.readLatest(checkpoint).file();
      kept = "the last checkpoint, " + file + " (written " + java.time.LocalTime.ofInstant(modified(file),
          java.time.ZoneId.systemDefault()).withNano(0) + "), is intact: continue with --resume";
    } catch (RuntimeException none) {
      kept = "no checkpoint had been written yet";
    }
    return new RunFailure(what + "; " + kept + ".", e);
  }

  private static java.time.Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return java.time.Instant.now();
    }
  }

  /** Creates the folder (and its parents) and checks that it is writable. */
  static Path outputFolder(CommandLine cmd, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "cannot create the output folder " + dir + ": " + describe(e));
    }
    if (!Files.isWritable(dir)) {
      throw new CommandLine.ParameterException(cmd, "the output folder " + dir + " is not writable");
    }
    return dir;
  }

  static void requirePositive(CommandLine cmd, String option, long value) {
    if (value < 1) {
      throw new CommandLine.ParameterException(cmd, option + " must be at least 1, got " + value);
    }
  }

  static void requirePositive(CommandLine cmd, String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new CommandLine.ParameterException(cmd, option + " must be a positive number, got " + value);
    }
  }

  /** Refuses a number outside {@code [min, max]} (NaN included), naming the option and the bounds. */
  static void requireRange(CommandLine cmd, String option, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new CommandLine.ParameterException(cmd, option + " must lie between " + min + " and " + max + ", got " + value);
    }
  }

  /** Refuses a value outside {@code [min, max]}, naming the option and the bounds. */
  static void requireRange(CommandLine cmd, String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new CommandLine.ParameterException(cmd, String.format(java.util.Locale.ROOT,
          "%s must lie between %,d and %,d, got %,d", option, min, max, value));
    }
  }

  /** The longest time option: about 1.9 years, far beyond any run, and far from overflowing a duration. */
  static final double MAX_MINUTES = 1_000_000;

  /**
   * A time option in minutes as a duration.
   *
   * @throws CommandLine.ParameterException naming the option unless {@code 0 < minutes ≤} {@value #MAX_MINUTES}
   *     and the duration is at least a nanosecond
   */
  static java.time.Duration minutes(CommandLine cmd, String option, double minutes) {
    long nanos = minutes > 0 && minutes <= MAX_MINUTES ? Math.round(minutes * 60e9) : 0;
    if (nanos < 1) {
      throw new CommandLine.ParameterException(cmd, String.format(java.util.Locale.ROOT,
          "%s must be a number of minutes greater than 0 and at most %,.0f, got %s", option, MAX_MINUTES, minutes));
    }
    return java.time.Duration.ofNanos(nanos);
  }

  /**
   * A policy read from a checkpoint for evaluation.
   *
   * @param file the checkpoint file it was read from
   * @param folder that file's folder (the training folder)
   * @param policy the policy
   */
  record Checkpoint(Path file, Path folder, io.github.pgrl.core.policy.MlpPolicy policy) {}

  /**
   * A checkpoint file read for evaluation.
   *
   * @param file the file it was read from
   * @param folder that file's folder (the training folder)
   * @param entries what it holds
   */
  record CheckpointRead(Path file, Path folder, io.github.pgrl.core.checkpoint.CheckpointFile entries) {}

  /**
   * Reads the MLP of a checkpoint given as a file or as a training folder, as {@link #readCheckpointFile}.
   *
   * @throws CommandLine.ParameterException if nothing is there
   * @throws io.github.pgrl.core.checkpoint.CheckpointException if the checkpoint is not a valid one (exit 2)
   */
  static Checkpoint readCheckpoint(CommandLine cmd, Path path, String name) {
    CheckpointRead read = readCheckpointFile(cmd, path, name);
    return new Checkpoint(read.file(), read.folder(),
        io.github.pgrl.core.reinforce.ReinforceCheckpoint.loadPolicy(read.entries(), read.file().toString()));
  }

  /**
   * Reads the MLP of a checkpoint of any algorithm, given as a file or as a training folder: REINFORCE's
   * from the architecture it stores ({@link #readCheckpoint(CommandLine, Path, String)}), an actor-critic
   * run's by {@code actorCritic}, which builds the policy of the run's options and reads the state into it
   * ({@link #readInto}).
   *
   * @throws CommandLine.ParameterException if nothing is there
   * @throws IllegalArgumentException if the checkpoint is not a valid one or does not fit (exit 2)
   */
  static Checkpoint readCheckpoint(CommandLine cmd, Path path, String name,
      java.util.function.Function<CheckpointRead, io.github.pgrl.core.policy.MlpPolicy> actorCritic) {
    CheckpointRead read = readCheckpointFile(cmd, path, name);
    io.github.pgrl.core.checkpoint.CheckpointFile cp = read.entries();
    boolean ac = cp.has("kind") && "actor-critic".equals(cp.getString("kind"));
    return new Checkpoint(read.file(), read.folder(), ac ? actorCritic.apply(read)
        : io.github.pgrl.core.reinforce.ReinforceCheckpoint.loadPolicy(cp, read.file().toString()));
  }

  /**
   * Reads a checkpoint's policy state ({@code policy.}) into a policy built from its run's options.
   *
   * @return the policy
   * @throws IllegalArgumentException naming the file if the state does not fit the policy
   */
  static <P extends io.github.pgrl.core.TrainablePolicy<float[], ?>> P readInto(P policy, CheckpointRead read) {
    try {
      policy.readState(read.entries(), "policy.");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(read.file() + " does not fit the policy of its run's options: " + e.getMessage(), e);
    }
    return policy;
  }

  /**
   * Reads a checkpoint given as a file or as a training folder. A file named explicitly is that file,
   * valid or not. A folder gives its newest valid checkpoint ({@code NAME}, else {@code NAME.1}, {@code
   * NAME.2}); passing over a damaged newer one is said on the command's error stream.
   *
   * @throws CommandLine.ParameterException if nothing is there
   * @throws io.github.pgrl.core.checkpoint.CheckpointException if the checkpoint is not a valid one (exit 2)
   */
  static CheckpointRead readCheckpointFile(CommandLine cmd, Path path, String name) {
    if (!Files.exists(path)) {
      throw new CommandLine.ParameterException(cmd, "no checkpoint at " + path + ": no such file or folder");
    }
    if (Files.isDirectory(path)) {
      io.github.pgrl.core.checkpoint.CheckpointFile.Loaded latest =
          io.github.pgrl.core.checkpoint.CheckpointFile.readLatest(path.resolve(name));
      if (!latest.skipped().isEmpty()) {
        cmd.getErr().println("pgrl: using " + latest.file() + ", the newest valid checkpoint in " + path
            + "; passed over: " + latest.skipped());
        cmd.getErr().flush();
      }
      return new CheckpointRead(latest.file(), latest.file().toAbsolutePath().getParent(), latest.checkpoint());
    }
    return new CheckpointRead(path, path.toAbsolutePath().getParent(), io.github.pgrl.core.checkpoint.CheckpointFile.read(path));
  }

  /**
   * Refuses a checkpoint of another algorithm than its run's: a REINFORCE checkpoint beside the options of
   * an actor-critic run, a PPO one beside an A2C run's, or the reverse. A checkpoint that says nothing of
   * its algorithm is left to the reader's own checks.
   *
   * @param source where the checkpoint was read from, for the message
   * @param algo the run's algorithm: reinforce, a2c or ppo
   * @throws IllegalArgumentException naming the file and both algorithms (exit 2)
   */
  static void requireAlgorithm(io.github.pgrl.core.checkpoint.CheckpointFile cp, String source, String algo) {
    String kind = cp.has("kind") ? cp.getString("kind") : "";
    String stored = kind.equals("reinforce") ? "reinforce"
        : kind.equals("actor-critic") && cp.has("config.algorithm")
            ? cp.getString("config.algorithm").toLowerCase(java.util.Locale.ROOT) : null;
    if (stored != null && !stored.equals(algo)) {
      String name = stored.toUpperCase(java.util.Locale.ROOT);
      throw new IllegalArgumentException(source + " is a checkpoint of " + (name.startsWith("A") ? "an " : "a ") + name
          + " run, but its run's options (" + RunProperties.FILE + ") are those of --algo " + algo
          + ": the two belong to different runs");
    }
  }

  /** A JSON string literal. */
  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> b.append(c < 0x20 ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return b.append('"').toString();
  }
}
