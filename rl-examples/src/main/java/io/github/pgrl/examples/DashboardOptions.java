package io.github.pgrl.examples;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --dashboard [PORT]} and {@code --dashboard-host} of every train command: the run's live page. */
final class DashboardOptions {

  /** The port when {@code --dashboard} is given without one. */
  static final int DEFAULT_PORT = 8050;

  @Option(names = "--dashboard", arity = "0..1", fallbackValue = "" + DEFAULT_PORT, paramLabel = "PORT",
      description = "Serve a live web page of the run (learning curves, per-update statistics, options) on "
          + "http://HOST:PORT/ while it trains (port ${FALLBACK-VALUE} if none is given; 0 picks a free one).")
  Integer port;

  @Option(names = "--dashboard-host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "The address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for"
          + " every network interface).")
  String host;

  /**
   * Starts the dashboard of a run folder if {@code --dashboard} was given, and says where it is.
   *
   * @return the dashboard, or null without {@code --dashboard}
   * @throws CommandLine.ParameterException if it cannot listen there (a port in use, say)
   */
  Dashboard start(CommandLine cmd, Path dir) {
    return port == null ? null : serve(cmd, List.of(dir), host, port, "--dashboard/--dashboard-host");
  }

  /** Serves runs, turning a bad address into a user error of {@code option}. */
  static Dashboard serve(CommandLine cmd, List<Path> runs, String host, int port, String option) {
    Dashboard d;
    try {
      d = Dashboard.start(runs, host, port);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CommandLine.ParameterException(cmd, option + ": " + e.getMessage());
    }
    cmd.getErr().println("Dashboard: " + d.uri());
    cmd.getErr().flush();
    return d;
  }
}
