package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgrl train --env ID}: trains a policy on a registered environment with vector observations, in
 * a run folder: with REINFORCE as {@code pgrl cartpole train} does ({@link EpisodeTraining}), or with A2C
 * or PPO ({@link ActorCriticTraining}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a policy on an environment with vector observations (CartPole-v1, Acrobot-v1, ...) with",
        "REINFORCE, A2C or PPO; writes metrics.csv, run.properties and checkpoint.pgrl (and, for a2c and ppo,",
        "updates.csv) to --out. Options marked 'a2c, ppo' or 'reinforce' are for those algorithms only; the",
        "defaults per environment and algorithm are tabled in the README. Ctrl-C saves a checkpoint and exits."})
final class TrainCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin EnvSetup setup = new EnvSetup();
  @CommandLine.Mixin DashboardOptions dashboard = new DashboardOptions();

  @Option(names = "--steps", description = "Budget in environment steps (default: per environment and algorithm).")
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
    return train(cmd, cmd, setup, budget(cmd, steps, episodes, minutes), out, resume, startOver, dashboard);
  }

  /**
   * Trains the run of {@code setup}, as {@code pgrl train} does.
   *
   * @param cmd the command that runs, for messages and output
   * @param options the command whose options {@code setup} holds (for {@code cartpole train --algo ppo},
   *     one parsed by {@link EnvSetup#parse}), for {@link RunProperties}
   * @param given the budget given, or {@code null} for the default one
   * @param out the run's folder, or {@code null} for {@code runs/ENV}
   * @param dashboard the {@code --dashboard} options
   * @return the exit code, 0
   */
  static int train(CommandLine cmd, CommandLine options, EnvSetup setup, Budget given, Path out, boolean resume,
      boolean startOver, DashboardOptions dashboard) throws IOException {
    if (!resume) {
      setup.resolve(options, given); // every check before anything is written
      try (Environment<float[], ?> env = setup.environment()) {
        setup.policy(options, setup.env, env); // refuses an action space without a policy
      }
    }
    if (out == null && (resume || setup.env == null)) {
      throw new CommandLine.ParameterException(cmd, "--resume needs --out, the folder of the run to continue");
    }
    Path dir = out != null ? out : Path.of("runs", setup.env);
    RunFolder.Start start = RunFolder.Start.of(cmd, resume, startOver);
    try (Dashboard page = dashboard.start(cmd, dir);
        RunFolder folder = RunFolder.open(cmd, dir, start, EpisodeTraining.RUN_FILES)) {
      if (resume) {
        setup.load(options, folder.dir());
      }
      String then = "Evaluate with: java -jar rl-examples/target/pgrl.jar eval --checkpoint " + dir + " --episodes 100";
      if (setup.isActorCritic()) {
        ActorCriticTraining.Result r = ActorCriticTraining.train(cmd, folder, resume, setup.algo,
            run(options, setup), given != null ? given : setup.defaultBudget(),
            () -> RunProperties.save(options, folder.dir(), setup.storedOptions(), setup.storedConfig(options)),
            ActorCriticTraining.classicLog(), EpisodeTraining.CHECKPOINT_MINUTES,
            "Training " + setup.env + ": " + setup.describe() + ".");
        ActorCriticTraining.printSummary(cmd, r, folder.dir(), "episodes", List.of(then));
        return 0;
      }
      ReinforceConfig config = setup.config(options);
      if (resume) {
        CheckpointFile.Loaded latest = CheckpointFile.readLatest(folder.dir().resolve(EpisodeTraining.CHECKPOINT));
        Cli.requireAlgorithm(latest.checkpoint(), latest.file().toString(), setup.algo);
      }
      return EpisodeTraining.run(cmd, folder, EnvSetup.OPTIONS, resume, new EpisodeTraining.Trainers() {
        @Override
        public Reinforce<?> create() {
          return trainer(null, setup.env, setup.environment(), config);
        }

        @Override
        public Reinforce<?> resume(Path checkpoint) {
          return trainer(checkpoint, setup.env, setup.environment(), config);
        }
      }, given != null ? given : setup.defaultBudget(), "Training " + setup.env + ": " + setup.describe() + ".", then);
    }
  }

  /** What an actor-critic run trains: copies of the environment, the policy of its action space. */
  @SuppressWarnings("unchecked") // the copies are made by one factory: one action type A
  private static <A> ActorCriticTraining.Run<A> run(CommandLine options, EnvSetup setup) {
    ActorCriticConfig config = setup.actorCriticConfig(options);
    Supplier<Environment<float[], A>> factory = () -> (Environment<float[], A>) setup.environment();
    int threads = setup.ac.threads == null ? 1 : setup.ac.threads;
    return new ActorCriticTraining.Run<>(factory, setup.envs, threads, e -> setup.policy(options, setup.env, e), config);
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
   * The budget given on the command line, or {@code null} for the default one.
   *
   * @throws CommandLine.ParameterException if more than one is given, or one is not positive
   */
  static Budget budget(CommandLine cmd, Long steps, Long episodes, Double minutes) {
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
