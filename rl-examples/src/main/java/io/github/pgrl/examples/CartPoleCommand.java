package io.github.pgrl.examples;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.envs.cartpole.CartPole;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgrl cartpole train|eval|bench}: REINFORCE on Gymnasium's CartPole-v1; {@code train --algo a2c|ppo}
 * trains the actor-critic algorithms as {@code pgrl train --env CartPole-v1} does.
 */
@Command(
    name = "cartpole",
    mixinStandardHelpOptions = true,
    description = "Train, evaluate and benchmark REINFORCE (or train A2C and PPO) on CartPole-v1.",
    subcommands = {CartPoleCommand.Train.class, CartPoleCommand.Eval.class, CartPoleCommand.Bench.class})
final class CartPoleCommand implements Runnable {

  static final String CHECKPOINT = EpisodeTraining.CHECKPOINT;
  /** The options that define a training run, stored in its folder for {@code --resume}. */
  static final List<String> OPTIONS = List.of("--hidden", "--lr", "--gamma", "--batch", "--seed");

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a cartpole command is missing (train, eval or bench)");
  }

  /** The hyperparameters shared by train and bench. */
  static final class Hyper {
    @Option(names = "--hidden", defaultValue = "64", description = "Hidden units of the policy (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--lr", defaultValue = "0.01", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--gamma", defaultValue = "0.99", description = "Discount factor in [0, 1] (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--batch", defaultValue = "1", description = "Episodes per update (default: ${DEFAULT-VALUE}).")
    int batch;

    ReinforceConfig config(CommandLine cmd, long seed) {
      Cli.requireRange(cmd, "--hidden", hidden, 1, Limits.HIDDEN);
      Cli.requirePositive(cmd, "--lr", lr);
      Cli.requireRange(cmd, "--batch", batch, 1, Limits.BATCH);
      if (!(gamma >= 0 && gamma <= 1)) {
        throw new CommandLine.ParameterException(cmd, "--gamma must lie in [0, 1], got " + gamma);
      }
      return ReinforceConfig.builder()
          .seed(seed)
          .hidden(hidden)
          .optimizer(OptimizerConfig.Adam.of(lr))
          .gamma(gamma)
          .batchEpisodes(batch)
          .build();
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = {"Train a policy; writes metrics.csv, run.properties and checkpoint.pgrl (and, for a2c and ppo,",
          "updates.csv) to --out. With --algo a2c or ppo it is 'pgrl train --env CartPole-v1' with --out runs/cartpole,",
          "the defaults of CartPole-v1 for the algorithm and one hidden layer of --hidden units if given."})
  static final class Train implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin Hyper hyper = new Hyper();

    @Option(names = "--algo", description = "The algorithm: reinforce, a2c or ppo (default: reinforce).")
    String algo;

    @Option(names = "--steps", description = "a2c, ppo: budget in environment steps (default: per algorithm).")
    Long steps;

    @Option(names = "--envs", description = "a2c, ppo: environment copies stepped in lockstep (default: per algorithm).")
    Integer envs;

    @Option(names = "--ent", description = "a2c, ppo: weight of the entropy bonus, at least 0 (default: 0).")
    Double ent;

    @CommandLine.Mixin ActorCriticOptions ac = new ActorCriticOptions();
    @CommandLine.Mixin DashboardOptions dashboard = new DashboardOptions();

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--episodes", defaultValue = "1000", description = "Episodes to train (default: ${DEFAULT-VALUE}).")
    long episodes;

    @Option(names = "--minutes", description = "Stop after this many minutes of wall time.")
    Double minutes;

    @Option(names = "--out", defaultValue = "runs/cartpole", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint, with its stored options.")
    boolean resume;

    @Option(names = "--start-over",
        description = "Start a new run even if --out holds one: its files are first moved to a sibling folder NAME.old-<date-time>.")
    boolean startOver;

    /** The options {@code --algo a2c|ppo} hands to {@code pgrl train --env CartPole-v1}. */
    private static final List<String> FORWARDED = List.of("--hidden", "--lr", "--gamma", "--batch", "--seed", "--envs",
        "--ent", "--rollout", "--epochs", "--minibatch", "--lambda", "--clip", "--anneal", "--normalize", "--threads");

    @Override
    public Integer call() throws Exception {
      CommandLine cmd = spec.commandLine();
      String algorithm = algorithm(cmd);
      if (!algorithm.equals("reinforce")) {
        return actorCritic(cmd, algorithm);
      }
      Map<String, Set<String>> appliesTo = new LinkedHashMap<>(ActorCriticOptions.appliesTo());
      appliesTo.put("--steps", Set.of("a2c", "ppo"));
      ActorCriticOptions.refuseInapplicable(cmd, algorithm, appliesTo);
      Cli.requirePositive(cmd, "--episodes", episodes);
      Duration time = minutes == null ? null : Cli.minutes(cmd, "--minutes", minutes);
      if (!resume) {
        hyper.config(cmd, seed); // checks the options before anything is written
      }
      RunFolder.Start start = RunFolder.Start.of(cmd, resume, startOver);
      try (Dashboard page = dashboard.start(cmd, out);
          RunFolder folder = RunFolder.open(cmd, out, start, EpisodeTraining.RUN_FILES)) {
        if (resume && Files.exists(folder.dir().resolve(RunProperties.FILE))) {
          RunProperties.load(cmd, folder.dir(), OPTIONS); // runs of earlier versions have none: their options are given again
        }
        return start(cmd, folder, hyper.config(cmd, seed), new Budget(episodes, 0, 0, time));
      }
    }

    /**
     * The run's algorithm: the one given, else (with {@code --resume}) the one the run stored, else
     * reinforce (runs of REINFORCE store none).
     *
     * @throws CommandLine.ParameterException if it is unknown, or differs from the run's
     */
    private String algorithm(CommandLine cmd) {
      String stored = resume ? RunProperties.stored(out, "algo") : null;
      String run = stored == null ? "reinforce" : stored;
      if (resume && algo != null && !algo.equals(run)) {
        throw new CommandLine.ParameterException(cmd, "--algo " + algo + " differs from the run's " + run + " (stored in "
            + out.resolve(RunProperties.FILE) + ")");
      }
      String a = algo != null ? algo : resume ? run : "reinforce";
      ActorCriticOptions.requireKnown(cmd, a);
      return a;
    }

    /** Trains as {@code pgrl train --env CartPole-v1 --algo ALGO} with the options given. */
    private int actorCritic(CommandLine cmd, String algorithm) throws IOException {
      CommandLine.ParseResult parsed = cmd.getParseResult();
      List<String> args = new ArrayList<>(List.of("--env", "CartPole-v1", "--algo", algorithm));
      for (String option : FORWARDED) {
        if (parsed.hasMatchedOption(option)) {
          args.add(option);
          args.add(parsed.matchedOption(option).originalStringValues().get(0));
        }
      }
      Budget given = TrainCommand.budget(cmd, steps, parsed.hasMatchedOption("--episodes") ? episodes : null, minutes);
      CommandLine options = EnvSetup.parse(args);
      try {
        return TrainCommand.train(cmd, options, EnvSetup.of(options), given, out, resume, startOver, dashboard);
      } catch (CommandLine.ParameterException e) {
        if (e.getCommandLine() == options) {
          throw new CommandLine.ParameterException(cmd, e.getMessage(), e);
        }
        throw e;
      }
    }

    private int start(CommandLine cmd, RunFolder folder, ReinforceConfig config, Budget budget) throws IOException {
      return EpisodeTraining.run(cmd, folder, OPTIONS, resume, new EpisodeTraining.Trainers() {
        @Override
        public Reinforce<?> create() {
          return Reinforce.create(CartPole.v1(), config);
        }

        @Override
        public Reinforce<?> resume(Path checkpoint) {
          return Reinforce.resume(checkpoint, CartPole.v1(), config);
        }
      }, budget, null, null);
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a trained policy; the last line is JSON.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A checkpoint file, or a training folder.")
    Path checkpoint;

    @Option(names = "--episodes", defaultValue = "100", description = "Episodes to play (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "12345", description = "Seed of the evaluation episodes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sample", description = "Sample actions from the policy instead of playing the most probable one.")
    boolean sample;

    @Override
    public Integer call() {
      CommandLine cmd = spec.commandLine();
      Cli.requireRange(cmd, "--episodes", episodes, 1, Limits.GAMES);
      Cli.Checkpoint loaded = Cli.readCheckpoint(cmd, checkpoint, CHECKPOINT, read -> actorCriticPolicy(cmd, read));
      MlpPolicy policy = loaded.policy();
      SummaryStatistics stats = new SummaryStatistics();
      try (CartPole env = CartPole.v1()) {
        if (policy.inputs() != 4 || policy.actions() != 2) {
          throw new IllegalArgumentException(loaded.file() + " holds a policy for " + policy.inputs() + " inputs and "
              + policy.actions() + " actions, not for CartPole (4 and 2)");
        }
        for (int e = 0; e < episodes; e++) {
          SplittableRandom rng = Seeds.generator(seed, e, Seeds.ACTIONS);
          float[] obs = env.reset(Seeds.derive(seed, e, Seeds.ENVIRONMENT));
          double score = 0;
          while (true) {
            int a = sample ? policy.act(obs, rng) : policy.greedyAction(obs);
            Step<float[]> s = env.step(a);
            score += s.reward();
            obs = s.observation();
            if (s.done()) {
              break;
            }
          }
          stats.addValue(score);
        }
      }
      PrintWriter o = cmd.getOut();
      o.printf(Locale.ROOT, "%d episodes (%s actions): mean return %.2f (std %.2f, min %.0f, max %.0f)%n", episodes,
          sample ? "sampled" : "greedy", stats.getMean(), stats.getStandardDeviation(), stats.getMin(), stats.getMax());
      o.printf(Locale.ROOT, "{\"episodes\":%d,\"mean_return\":%.4f,\"std_return\":%.4f,\"checkpoint\":%s}%n", episodes,
          stats.getMean(), stats.getStandardDeviation(), Cli.jsonString(loaded.file().toString()));
      o.flush();
      return 0;
    }
  }

  /** The MLP of a run of {@code --algo a2c|ppo}, built from its options and read from its checkpoint. */
  private static MlpPolicy actorCriticPolicy(CommandLine cmd, Cli.CheckpointRead read) {
    EnvSetup setup = EnvSetup.read(cmd, read.folder());
    Cli.requireAlgorithm(read.entries(), read.file().toString(), setup.algo);
    if (read.entries().has("normalize.observations.clip")) {
      throw new IllegalArgumentException(read.file() + " holds a run trained on normalised observations, which this"
          + " command plays raw: evaluate it with pgrl eval --checkpoint " + read.folder());
    }
    try (io.github.pgrl.core.Environment<float[], ?> env = setup.environment()) {
      if (!(setup.policy(cmd, setup.env, env) instanceof MlpPolicy mlp)) {
        throw new IllegalArgumentException(read.file() + " holds a run of " + setup.env + ", whose actions are not"
            + " CartPole's: evaluate it with pgrl eval");
      }
      return Cli.readInto(mlp, read);
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true,
      description = "Learning benchmark: episodes and wall time until the 100-episode mean reaches --target, per seed.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin Hyper hyper = new Hyper();

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1..N to run (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--episodes", defaultValue = "1000", description = "Episode budget per seed (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--target", defaultValue = "475", description = "Target 100-episode mean (default: ${DEFAULT-VALUE}).")
    double target;

    @Override
    public Integer call() {
      CommandLine cmd = spec.commandLine();
      Cli.requireRange(cmd, "--seeds", seeds, 1, Limits.GAMES);
      Cli.requireRange(cmd, "--episodes", episodes, 1, Limits.GAMES);
      if (!Double.isFinite(target)) {
        throw new CommandLine.ParameterException(cmd, "--target must be a finite number (a 100-episode mean return), got " + target);
      }
      PrintWriter o = cmd.getOut();
      o.printf(Locale.ROOT, "%-6s %-22s %-10s %-12s %s%n", "seed", "episodes to target", "seconds", "steps/s", "best mean100");
      List<String> json = new ArrayList<>();
      int reached = 0;
      for (int s = 1; s <= seeds; s++) {
        Reinforce<MlpPolicy> r = Reinforce.create(CartPole.v1(), hyper.config(cmd, s));
        EpisodeTraining.Window window = new EpisodeTraining.Window();
        long[] at = {-1};
        double[] best = {Double.NEGATIVE_INFINITY};
        long start = System.nanoTime();
        double[] seconds = {Double.NaN};
        r.addListener(new TrainingListener() {
          @Override
          public void onEpisode(EpisodeStats st) {
            double mean = window.add(st.score());
            if (window.full()) {
              best[0] = Math.max(best[0], mean);
              if (mean >= target && at[0] < 0) {
                at[0] = st.episode() + 1;
                seconds[0] = (System.nanoTime() - start) / 1e9;
                r.requestStop();
              }
            }
          }
        });
        try (r) {
          r.train(Budget.episodes(episodes));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (at[0] > 0) {
          reached++;
        }
        o.printf(Locale.ROOT, "%-6d %-22s %-10.1f %-12.0f %.1f%n", s, at[0] > 0 ? Long.toString(at[0]) : "not within " + episodes,
            at[0] > 0 ? seconds[0] : elapsed, r.steps() / elapsed, best[0]);
        o.flush();
        json.add(String.format(Locale.ROOT, "{\"seed\":%d,\"episodes_to_target\":%d,\"seconds\":%.2f}", s, at[0],
            at[0] > 0 ? seconds[0] : elapsed));
      }
      o.printf(Locale.ROOT, "%d of %d seeds reached a 100-episode mean of %.0f within %d episodes%n", reached, seeds, target, episodes);
      o.printf(Locale.ROOT, "{\"target\":%.1f,\"episodes\":%d,\"reached\":%d,\"seeds\":[%s]}%n", target, episodes, reached,
          String.join(",", json));
      o.flush();
      return 0;
    }
  }
}
