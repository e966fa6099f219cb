package io.github.pgrl.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgrl dashboard --runs DIR,DIR}: the live page of finished or running runs, side by side, until stopped. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = {"Serve a web page comparing runs: learning curves by episode and by wall time, per-update statistics,"
        + " options and machine. Runs still training are followed live. Stop with Ctrl-C."})
final class DashboardCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--runs", required = true, split = ",", paramLabel = "DIR",
      description = "Run folders (of pong train, cartpole train or train), separated by commas.")
  List<Path> runs;

  @Option(names = "--port", defaultValue = "" + DashboardOptions.DEFAULT_PORT,
      description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  /** Released when the JVM shuts down (Ctrl-C); tests release it themselves. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    CommandLine cmd = spec.commandLine();
    for (Path run : runs) {
      if (run.toString().isEmpty()) {
        throw new CommandLine.ParameterException(cmd, "--runs: an empty folder name (two commas, or one at an end?)");
      }
      if (!Files.isDirectory(run)) {
        throw new CommandLine.ParameterException(cmd, "--runs: " + run + " is not a folder");
      }
      if (!Files.exists(run.resolve(EpisodeTraining.METRICS)) && !Files.exists(run.resolve(RunProperties.FILE))) {
        throw new CommandLine.ParameterException(cmd, "--runs: " + run + " has neither " + EpisodeTraining.METRICS
            + " nor " + RunProperties.FILE + ": is it the folder of a train command (its --out)?");
      }
    }
    try (Dashboard d = DashboardOptions.serve(cmd, runs, host, port, "--host/--port")) {
      Thread hook = new Thread(stop::countDown);
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stop.await();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook is running
        }
      }
    }
    return 0;
  }
}
