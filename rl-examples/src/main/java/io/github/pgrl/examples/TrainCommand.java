package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgrl train --env ID}: trains a policy on a registered environment with vector observations, in
 * a run folder as {@code pgrl cartpole train} does ({@link EpisodeTraining}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a policy on an environment with vector observations (CartPole-v1, Acrobot-v1, ...); writes",
        "metrics.csv, run.properties and checkpoint.pgrl to --out. Ctrl-C saves a checkpoint and exits."})
final class TrainCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin EnvSetup setup = new EnvSetup();

  @Option(names = "--steps", description = "Budget in environment steps (default: per environment).")
  Long steps;

  @Option(names = "--episodes", description = "Budget in episodes (default: per environment).")
  Long episodes;

  @Option(names = "--minutes", description = "Budget in minutes of wall time.")
  Double minutes;

  @Option(names = "--out", description = "Output folder (default: runs/ENV).")
  Path out;

  @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint, with its stored options.")
  boolean resume;

  @Option(names = "--start-over",
      description = "Start a new run even if --out holds one: its files are first moved to a sibling folder NAME.old-<date-time>.")
  boolean startOver;

  @Override
  public Integer call() throws IOException {
    CommandLine cmd = spec.commandLine();
    Budget given = budget(cmd);
    if (!resume) {
      setup.resolve(cmd); // every check before anything is written
      try (Environment<float[], ?> env = setup.environment()) {
        Policies.of(setup.env, env, setup.config(cmd)); // refuses an action space without a policy
      }
    }
    if (out == null && (resume || setup.env == null)) {
      throw new CommandLine.ParameterException(cmd, "--resume needs --out, the folder of the run to continue");
    }
    Path dir = out != null ? out : Path.of("runs", setup.env);
    RunFolder.Start start = RunFolder.Start.of(cmd, resume, startOver);
    try (RunFolder folder = RunFolder.open(cmd, dir, start, EpisodeTraining.RUN_FILES)) {
      if (resume) {
        setup.load(cmd, folder.dir());
      }
      ReinforceConfig config = setup.config(cmd);
      return EpisodeTraining.run(cmd, folder, EnvSetup.OPTIONS, resume, new EpisodeTraining.Trainers() {
        @Override
        public Reinforce<?> create() {
          return trainer(null, setup.env, setup.environment(), config);
        }

        @Override
        public Reinforce<?> resume(Path checkpoint) {
          return trainer(checkpoint, setup.env, setup.environment(), config);
        }
      }, given != null ? given : setup.defaults().budget(), "Training " + setup.env + ": " + setup.describe() + ".",
          "Evaluate with: java -jar rl-examples/target/pgrl.jar eval --checkpoint " + dir + " --episodes 100");
    }
  }

  /** A new trainer, or one resumed from {@code checkpoint}, of the policy for the environment's actions. */
  private static <A> Reinforce<?> trainer(Path checkpoint, String name, Environment<float[], A> env, ReinforceConfig config) {
    try {
      TrainablePolicy<float[], A> policy = Policies.of(name, env, config);
      return checkpoint == null ? Reinforce.create(env, policy, config) : Reinforce.resume(checkpoint, env, policy, config);
    } catch (RuntimeException e) {
      env.close();
      throw e;
    }
  }

  /**
   * The budget given on the command line, or {@code null} for the environment's default.
   *
   * @throws CommandLine.ParameterException if more than one is given, or one is not positive
   */
  private Budget budget(CommandLine cmd) {
    List<String> given = new ArrayList<>();
    if (steps != null) {
      given.add("--steps");
      Cli.requirePositive(cmd, "--steps", steps);
    }
    if (episodes != null) {
      given.add("--episodes");
      Cli.requirePositive(cmd, "--episodes", episodes);
    }
    Duration time = null;
    if (minutes != null) {
      given.add("--minutes");
      time = Cli.minutes(cmd, "--minutes", minutes);
    }
    if (given.size() > 1) {
      throw new CommandLine.ParameterException(cmd, "give one budget, --steps, --episodes or --minutes; got "
          + String.join(" and ", given));
    }
    return given.isEmpty() ? null : new Budget(episodes == null ? 0 : episodes, steps == null ? 0 : steps, 0, time);
  }
}
