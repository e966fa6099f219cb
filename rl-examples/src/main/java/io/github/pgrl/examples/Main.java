package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.check.CheckReport;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.util.Nd4jSetup;
import io.github.pgrl.envs.Environments;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code pgrl} command line: {@code java -jar rl-examples/target/pgrl.jar <command>}.
 *
 * <p>Exit codes: 0 on success, 1 when the work itself failed (for instance an environment failed its
 * checks, or training ran out of memory), 2 for a user error (unknown option, bad value, a file that
 * cannot be read or written), with one message, never a stack trace unless {@code --debug} asks for it.
 *
 * @since 0.1.0
 */
@Command(
    name = "pgrl",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Policy-gradient reinforcement learning on ND4J.",
    subcommands = {TrainCommand.class, EvalCommand.class, PongCommand.class, CartPoleCommand.class, BenchCommand.class, DashboardCommand.class, Main.Check.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of a failure (by default one message says what happened).")
  boolean debug;

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    if (System.getenv("OMP_NUM_THREADS") == null) {
      // measured: one native thread is fastest for policy-sized matrices on small machines
      Nd4jSetup.setThreads(1);
    }
    System.exit(run(args));
  }

  /**
   * Runs the command line without exiting, for tests and embedding.
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int run(String... args) {
    try {
      return commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes errors through; training reports its own with the state of its checkpoint
      System.err.println("pgrl: out of memory (" + e.getMessage() + "); give Java more with java -Xmx…");
      return 1;
    }
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(Cli::handle)
        .setParameterExceptionHandler(Cli::handleParameterError);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing");
  }

  /** Runs the environment checker over the bundled environments. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Check the bundled environments against the Environment contract and the optional contracts they"
          + " implement (ActionMasks, Restorable).")
  static final class Check implements Callable<Integer> {
    /** The bundled classic-control environments that the command checks, by their registered names. */
    static final List<String> CLASSIC_CONTROL =
        List.of("CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1");
    /** The bundled environments with action masks that the command checks (masks included). */
    static final List<String> MASKED = List.of("GridMaze-v0");

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the checks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--steps",
        defaultValue = "10000",
        description = "Steps to play at most while waiting for an episode to end (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() {
      Cli.requireRange(spec.commandLine(), "--steps", steps, 1, Limits.CHECK_STEPS);
      Map<String, Supplier<Environment<?, ?>>> envs = new LinkedHashMap<>();
      for (String name : CLASSIC_CONTROL) {
        envs.put(name, () -> Environments.make(name));
      }
      for (String name : MASKED) {
        envs.put(name, () -> Environments.make(name));
      }
      envs.put("Thermostat (the README's custom environment)", Thermostat::new);
      PrintWriter out = spec.commandLine().getOut();
      EnvironmentChecker checker = EnvironmentChecker.withSeed(seed, steps);
      boolean allPassed = true;
      for (Map.Entry<String, Supplier<Environment<?, ?>>> e : envs.entrySet()) {
        CheckReport report = checker.report(e.getValue());
        out.println(e.getKey() + ": " + report.message());
        allPassed &= report.passed();
      }
      out.flush();
      return allPassed ? 0 : 1;
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"pgrl " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
