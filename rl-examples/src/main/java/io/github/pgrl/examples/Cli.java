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

  /** Reports exceptions from commands as one line, without a stack trace. */
  static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    boolean userError = e instanceof IllegalArgumentException || e instanceof UncheckedIOException;
    cmd.getErr().println("pgrl: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    if (userError) {
      cmd.getErr().print(cmd.getHelp().fullSynopsis());
      cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    }
    cmd.getErr().flush();
    return userError ? USAGE : 1;
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
   * Trains until the budget is used up or the process is asked to stop (Ctrl-C, SIGTERM): then the
   * trainer finishes its episode, drops the unfinished batch, {@code save} runs, and the command returns
   * normally. A second signal stops the process at once.
   *
   * <p>The signals are caught (rather than left to the JVM's shutdown) because a JVM that is shutting down
   * frees ND4J's native memory in its own shutdown hooks, concurrently with any saving still going on.
   * A shutdown hook remains as the fallback for other ways of ending the JVM.
   *
   * @param trainer the trainer
   * @param budget the budget
   * @param save writes the checkpoint (and anything else) after training, also after a signal
   * @return what training did
   */
  static io.github.pgrl.core.reinforce.TrainingSummary trainInterruptibly(
      io.github.pgrl.core.reinforce.Reinforce trainer, io.github.pgrl.core.reinforce.Budget budget, Runnable save) {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Thread hook = new Thread(() -> {
      trainer.requestStop();
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
          System.err.println(System.lineSeparator() + "pgrl: stopping after the current game and saving a checkpoint"
              + " (signal again to stop at once)");
          trainer.requestStop();
        }));
      } catch (IllegalArgumentException unsupported) {
        // this platform has no such signal; the shutdown hook covers it
      }
    }
    try {
      io.github.pgrl.core.reinforce.TrainingSummary summary = trainer.train(budget);
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

  /** Creates the folder (and its parents) and checks that it is writable. */
  static Path outputFolder(CommandLine cmd, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "cannot create the output folder " + dir + ": " + e.getMessage());
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

  /** A checkpoint given as a file, or as a training folder holding {@code checkpoint.pgrl}. */
  static Path checkpointFile(CommandLine cmd, Path path) {
    Path file = Files.isDirectory(path) ? path.resolve(CartPoleCommand.CHECKPOINT) : path;
    if (!Files.exists(file)) {
      throw new CommandLine.ParameterException(cmd,
          "no checkpoint at " + file + (Files.isDirectory(path) ? " (the folder has no " + CartPoleCommand.CHECKPOINT + ")" : ""));
    }
    return file;
  }
}
