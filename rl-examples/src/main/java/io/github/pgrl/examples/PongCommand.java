package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Policy;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.reinforce.UpdateStats;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongGame;
import io.github.pgrl.envs.pong.PongPlayers;
import io.github.pgrl.envs.render.Ansi;
import io.github.pgrl.envs.render.Frames;
import io.github.pgrl.envs.render.GifRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgrl pong train|eval|watch|record|plot}: REINFORCE (or, with {@code train --algo}, A2C or PPO)
 * learns Pong from pixels.
 */
@Command(
    name = "pong",
    mixinStandardHelpOptions = true,
    description = "Learn Pong from pixels with REINFORCE, A2C or PPO; evaluate, watch and record the agent.",
    subcommands = {PongCommand.Train.class, PongCommand.Eval.class, PongCommand.Watch.class, PongCommand.Record.class,
        PongCommand.Plot.class})
final class PongCommand implements Runnable {

  static final String CHECKPOINT = "checkpoint.pgrl";
  static final String METRICS = "metrics.csv";
  static final String CURVE = "learning-curve.png";
  /** Checkpoints kept: checkpoint.pgrl and its two predecessors, checkpoint.pgrl.1 and .2. */
  static final int KEEP = RunFolder.CHECKPOINTS_KEPT;
  static final String HEADER = "episode,steps,total_steps,seconds,score,running_score,points_won,points_lost,agent_hits";
  /** The files of a run, checkpoint first: a fresh run does not overwrite them. */
  static final List<String> RUN_FILES =
      List.of(CHECKPOINT, METRICS, PongSetup.PROPERTIES, CURVE, ActorCriticTraining.UPDATES);

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a pong command is missing (train, eval, watch, record or plot)");
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = {"Train an agent that sees only pixels; writes metrics.csv, learning-curve.png, run.properties and",
          "checkpoint.pgrl (and, for a2c and ppo, updates.csv) to --out. Options marked 'a2c, ppo' or 'reinforce'",
          "are for those algorithms only. Ctrl-C saves a checkpoint and exits."})
  static final class Train implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin PongSetup setup = new PongSetup();
    @CommandLine.Mixin DashboardOptions dashboard = new DashboardOptions();

    @Option(names = "--minutes", description = "Wall-time budget (default: 60 when no other budget is given).")
    Double minutes;

    @Option(names = "--episodes", description = "Budget in games.")
    Long episodes;

    @Option(names = "--steps", description = "Budget in agent steps.")
    Long steps;

    @Option(names = "--envs", description = "Games played in parallel: reinforce, one thread each (default: 2); a2c, ppo, the"
        + " copies stepped in lockstep on --threads threads (default: 8).")
    Integer envs;

    @Option(names = "--out", defaultValue = "runs/pong", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint, with its stored options.")
    boolean resume;

    @Option(names = "--checkpoint-minutes", defaultValue = "2", description = "Minutes between checkpoints (default: ${DEFAULT-VALUE}).")
    double checkpointMinutes;

    @Option(names = "--debug-nan", description = "Check every ND4J operation for NaN and infinity (slow; for debugging).")
    boolean debugNan;

    @Option(names = "--start-over",
        description = "Start a new run even if --out holds one: its files are first moved to a sibling folder NAME.old-<date-time>.")
    boolean startOver;

    @Override
    public Integer call() throws IOException {
      CommandLine cmd = spec.commandLine();
      if (envs != null) {
        Cli.requireRange(cmd, "--envs", envs, 1, Limits.ENVS);
      }
      Cli.minutes(cmd, "--checkpoint-minutes", checkpointMinutes);
      Duration time = minutes != null ? Cli.minutes(cmd, "--minutes", minutes)
          : episodes == null && steps == null ? Duration.ofMinutes(60) : null;
      if (episodes != null) {
        Cli.requirePositive(cmd, "--episodes", episodes);
      }
      if (steps != null) {
        Cli.requirePositive(cmd, "--steps", steps);
      }
      if (!resume) {
        envs = setup.resolve(cmd, envs, true);
        setup.validate(cmd);
        requireMemory(cmd); // before --start-over moves a run
      }
      RunFolder.Start start = RunFolder.Start.of(cmd, resume, startOver);
      try (Dashboard page = dashboard.start(cmd, out);
          RunFolder folder = RunFolder.open(cmd, out, start, RUN_FILES)) {
        return start(cmd, folder, new Budget(episodes == null ? 0 : episodes, steps == null ? 0 : steps, 0, time));
      }
    }

    private int start(CommandLine cmd, RunFolder folder, Budget budget) throws IOException {
      Path dir = folder.dir();
      Path checkpoint = dir.resolve(CHECKPOINT);
      Path metrics = dir.resolve(METRICS);
      if (resume) {
        setup.load(cmd, dir);
        envs = setup.resolve(cmd, envs, false);
        requireMemory(cmd);
      }
      if (debugNan) {
        io.github.pgrl.core.util.Nd4jSetup.nanPanic(true);
      }
      if (setup.isActorCritic()) {
        return actorCritic(cmd, folder, budget);
      }

      Reinforce<MlpPolicy> trainer = resume ? Reinforce.resume(checkpoint, setup::environment, setup.config(), envs)
          : Reinforce.create(setup::environment, setup.config(), envs);
      try (trainer) {
        List<double[]> curve = new ArrayList<>();
        if (resume) {
          MetricsFile.resumeAt(metrics, HEADER, trainer.episodes());
          curve.addAll(MetricsFile.curve(metrics));
        } else {
          RunProperties.save(cmd, dir, PongSetup.OPTIONS);
          Files.writeString(metrics, HEADER + "\n");
        }
        EpisodeTraining.startUpdates(dir.resolve(ActorCriticTraining.UPDATES), resume, trainer);
        folder.announce(cmd);
        return train(cmd, dir, trainer, curve, budget);
      }
    }

    /** Refuses a run that cannot fit this JVM's heap. */
    private void requireMemory(CommandLine cmd) {
      if (!setup.isActorCritic()) {
        Limits.requireMemory(cmd, envs, setup.hidden, setup.batch, setup.actions);
        return;
      }
      int[] hidden = {setup.hidden};
      int inputs = 80 * 80;
      long bytes = Limits.networkBytes(inputs, hidden, setup.actions == 2 ? 1 : setup.actions)
          + Limits.networkBytes(inputs, hidden, 1) + Limits.rolloutBytes((long) envs * setup.ac.rollout, inputs, hidden)
          + envs * (2L << 20);
      Limits.requireMemory(cmd, bytes, "--envs " + envs + " × --rollout " + setup.ac.rollout + " with --hidden "
          + setup.hidden);
    }

    /** Trains A2C or PPO on {@code --envs} copies of the game ({@link ActorCriticTraining}). */
    private int actorCritic(CommandLine cmd, RunFolder folder, Budget budget) throws IOException {
      Path dir = folder.dir();
      int threads = setup.ac.threads != null ? setup.ac.threads : Math.min(envs, Runtime.getRuntime().availableProcessors());
      ActorCriticConfig config = setup.actorCriticConfig();
      ActorCriticTraining.Run<Integer> run = new ActorCriticTraining.Run<>(setup::freshEnvironment, envs, threads,
          e -> setup.actorCriticPolicy(), config);
      ActorCriticTraining.Result r = ActorCriticTraining.train(cmd, folder, resume, setup.algo, run, budget,
          () -> RunProperties.save(cmd, dir, setup.storedOptions(), RunProperties.config(config.describe())),
          new PongLog(dir), checkpointMinutes, "Training Pong from pixels: " + setup.describe(envs) + ", " + threads
              + " thread" + (threads == 1 ? "" : "s") + ".");
      ActorCriticTraining.printSummary(cmd, r, dir, "games", List.of("Learning curve: " + dir.resolve(CURVE),
          "Evaluate with: java -jar rl-examples/target/pgrl.jar pong eval --checkpoint " + dir + " --games 100"));
      return 0;
    }

    /** Pong's metrics rows (points and hits) and learning curve, for the actor-critic algorithms. */
    private final class PongLog implements ActorCriticTraining.Log {
      private final Path dir;
      private final List<double[]> curve = new ArrayList<>();
      private long lastPlot = System.nanoTime();

      PongLog(Path dir) {
        this.dir = dir;
      }

      @Override
      public String header() {
        return HEADER;
      }

      @Override
      public void resumed(Path metrics) {
        curve.addAll(MetricsFile.curve(metrics));
      }

      @Override
      public void episode(MetricsFile.Appender csv, EpisodeStats s, double seconds) {
        row(csv, s, seconds);
        curve.add(new double[] {s.episode(), s.runningScore()});
      }

      @Override
      public void updated(long now) {
        if (now - lastPlot >= 30e9) {
          finished();
          lastPlot = now;
        }
      }

      @Override
      public void finished() {
        Plots.learningCurve(List.of(new Plots.Series(setup.shaping.equals("hits") ? "hit shaping" : "sparse", curve)),
            dir.resolve(CURVE));
      }
    }

    /** Appends an episode's row of {@value #METRICS} ({@link #HEADER}). */
    private static void row(MetricsFile.Appender csv, EpisodeStats s, double seconds) {
      csv.row("%d,%d,%d,%.2f,%.0f,%.4f,%.0f,%.0f,%.0f", s.episode(), s.length(), s.totalSteps(), seconds,
          s.score(), s.runningScore(), s.infoTotal(PongEnvironment.AGENT_POINTS),
          s.infoTotal(PongEnvironment.OPPONENT_POINTS), s.infoTotal(PongEnvironment.AGENT_HITS));
    }

    private int train(CommandLine cmd, Path dir, Reinforce trainer, List<double[]> curve, Budget budget) throws IOException {
      Path checkpoint = dir.resolve(CHECKPOINT);
      Path metrics = dir.resolve(METRICS);
      PrintWriter err = cmd.getErr();
      err.println("Training Pong from pixels: " + setup.describe() + ", " + envs + " games in parallel.");
      err.flush();
      long start = System.nanoTime();
      long[] lastCheckpoint = {start};
      long[] lastPlot = {start};
      ProgressBarBuilder pbb = new ProgressBarBuilder()
          .setTaskName("pong")
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(1000)
          .showSpeed();
      if (budget.time() != null) {
        pbb.setInitialMax(budget.time().toSeconds()).setUnit(" s", 1);
      } else if (budget.episodes() > 0) {
        pbb.setInitialMax(budget.episodes()).setUnit(" games", 1);
      } else {
        pbb.setInitialMax(budget.steps()).setUnit(" steps", 1);
      }
      TrainingSummary summary;
      try (ProgressBar bar = pbb.build();
          MetricsFile.Appender csv = new MetricsFile.Appender(metrics);
          MetricsFile.Appender rows = new MetricsFile.Appender(dir.resolve(ActorCriticTraining.UPDATES))) {
        long firstEpisode = trainer.episodes();
        long firstStep = trainer.steps();
        trainer.addListener(new TrainingListener() {
          @Override
          public void onEpisode(EpisodeStats s) {
            row(csv, s, (System.nanoTime() - start) / 1e9);
            curve.add(new double[] {s.episode(), s.runningScore()});
          }

          @Override
          public void onUpdate(UpdateStats u) {
            csv.flush();
            rows.row("%s", EpisodeTraining.updateRow(u));
            rows.flush();
            long now = System.nanoTime();
            if (budget.time() != null) {
              bar.stepTo(Math.min(budget.time().toSeconds(), (now - start) / 1_000_000_000L));
            } else if (budget.episodes() > 0) {
              bar.stepTo(u.totalEpisodes() - firstEpisode);
            } else {
              bar.stepTo(u.totalSteps() - firstStep);
            }
            bar.setExtraMessage(String.format(Locale.ROOT, "running score %.2f, %.0f steps/s", u.runningScore(), u.stepsPerSecond()));
            if (now - lastCheckpoint[0] >= checkpointMinutes * 60e9) {
              trainer.save(checkpoint, KEEP);
              lastCheckpoint[0] = now;
            }
            if (now - lastPlot[0] >= 30e9) {
              Plots.learningCurve(List.of(new Plots.Series(setup.shaping.equals("hits") ? "hit shaping" : "sparse", curve)),
                  dir.resolve(CURVE));
              lastPlot[0] = now;
            }
          }
        });
        summary = Cli.trainInterruptibly(trainer, budget, checkpoint, () -> {
          trainer.save(checkpoint, KEEP);
          Plots.learningCurve(List.of(new Plots.Series(setup.shaping.equals("hits") ? "hit shaping" : "sparse", curve)),
              dir.resolve(CURVE));
        });
      }
      PrintWriter o = cmd.getOut();
      o.printf(Locale.ROOT, "%s %d games (%d steps) in %.1f min, %.0f steps/s; running score %.2f after %d games in total.%n",
          summary.stopped() ? "Stopped after" : "Trained", summary.episodes(), summary.steps(),
          summary.elapsed().toMillis() / 60000.0, summary.steps() / Math.max(1e-9, summary.elapsed().toMillis() / 1000.0),
          summary.runningScore(), trainer.episodes());
      o.println("Checkpoint:     " + checkpoint);
      o.println("Metrics:        " + metrics);
      o.println("Updates:        " + dir.resolve(ActorCriticTraining.UPDATES));
      o.println("Learning curve: " + dir.resolve(CURVE));
      o.println("Evaluate with:  java -jar rl-examples/target/pgrl.jar pong eval --checkpoint " + dir + " --games 100");
      o.flush();
      return 0;
    }
  }

  /** A policy of a checkpoint, playing Pong from the difference frames as in training. */
  static final class Agent {
    final PongEnvironment.Binary game;
    final Environment<float[], Integer> env;
    final MlpPolicy policy;
    final boolean greedy;
    /** The checkpoint file played. */
    final Path file;

    Agent(CommandLine cmd, Path checkpointOrFolder, boolean greedy) {
      Cli.Checkpoint cp = Cli.readCheckpoint(cmd, checkpointOrFolder, CHECKPOINT, read -> {
        PongSetup run = PongSetup.read(cmd, read.folder());
        Cli.requireAlgorithm(read.entries(), read.file().toString(), run.algo == null ? "reinforce" : run.algo);
        return Cli.readInto(run.actorCriticPolicy(), read);
      });
      PongSetup setup = PongSetup.read(cmd, cp.folder());
      this.file = cp.file();
      this.policy = cp.policy();
      this.game = PongEnvironment.binary(setup.game(true), 2);
      this.env = FrameDifference.of(game, true);
      if (policy.inputs() != 6400 || policy.actions() != setup.actions) {
        throw new IllegalArgumentException(file + " holds a policy for " + policy.inputs() + " inputs and "
            + policy.actions() + " actions, not the pong agent of its run (6400 and " + setup.actions + ")");
      }
      this.greedy = greedy;
    }

    int act(float[] obs, SplittableRandom rng) {
      return greedy ? policy.greedyAction(obs) : policy.act(obs, rng);
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = "Play --games games with a trained agent; the last line is JSON.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A training folder, or a checkpoint file in one.")
    Path checkpoint;

    @Option(names = "--games", defaultValue = "100", description = "Games to play (default: ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--seed", defaultValue = "2024", description = "Seed of the games (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--gif", description = "Record the first game as an animated GIF.")
    Path gif;

    @Option(names = "--greedy", description = "Play the most probable action instead of sampling the policy.")
    boolean greedy;

    @Override
    public Integer call() throws IOException {
      CommandLine cmd = spec.commandLine();
      Cli.requireRange(cmd, "--games", games, 1, Limits.GAMES);
      Agent agent = new Agent(cmd, checkpoint, greedy);
      SummaryStatistics scores = new SummaryStatistics();
      long won = 0;
      long lost = 0;
      int wins = 0;
      GifRecorder recorder = gif == null ? null : GifRecorder.create(gif, PongGame.HEIGHT, PongGame.WIDTH, 40, 2);
      try {
        for (int g = 0; g < games; g++) {
          SplittableRandom rng = Seeds.generator(seed, g, Seeds.ACTIONS);
          float[] obs = agent.env.reset(Seeds.derive(seed, g, Seeds.ENVIRONMENT));
          boolean record = recorder != null && g == 0;
          while (true) {
            Step<float[]> s = agent.env.step(agent.act(obs, rng));
            if (record) {
              recorder.add(agent.game.renderRgb());
            }
            obs = s.observation();
            if (s.done()) {
              break;
            }
          }
          int a = agent.game.game().agentScore();
          int o = agent.game.game().opponentScore();
          scores.addValue(a - o);
          won += a;
          lost += o;
          wins += a > o ? 1 : 0;
        }
        if (recorder != null) {
          recorder.close(); // the GIF appears only when every game was played
        }
      } finally {
        if (recorder != null) {
          recorder.abort(); // after a failure: no partial GIF, an earlier file stays; after close: nothing
        }
      }
      double mean = scores.getMean();
      double half = games > 1
          ? new TDistribution(games - 1).inverseCumulativeProbability(0.975) * scores.getStandardDeviation() / Math.sqrt(games)
          : Double.NaN;
      PrintWriter out = cmd.getOut();
      out.printf(Locale.ROOT, "%d games against the built-in opponent (%s actions): mean score %+.2f (95%% CI %+.2f to %+.2f),"
          + " won %d of %d games, points %d:%d%n", games, greedy ? "greedy" : "sampled", mean, mean - half, mean + half, wins,
          games, won, lost);
      if (gif != null) {
        out.println("GIF of the first game: " + gif);
      }
      out.printf(Locale.ROOT, "{\"games\":%d,\"mean_score\":%.4f,\"win_rate\":%.4f,\"points_won\":%d,\"points_lost\":%d,"
          + "\"checkpoint\":%s}%n", games, mean, wins / (double) games, won, lost, Cli.jsonString(agent.file.toString()));
      out.flush();
      return 0;
    }
  }

  @Command(name = "watch", mixinStandardHelpOptions = true, description = "Watch a trained agent play in the terminal.")
  static final class Watch implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A training folder, or a checkpoint file in one.")
    Path checkpoint;

    @Option(names = "--games", defaultValue = "1", description = "Games to show (default: ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--fps", defaultValue = "30", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--columns", defaultValue = "80", description = "Width in characters (default: ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the games (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
      CommandLine cmd = spec.commandLine();
      Cli.requireRange(cmd, "--games", games, 1, Limits.GAMES);
      Cli.requireRange(cmd, "--fps", fps, 1, Limits.FPS);
      Cli.requireRange(cmd, "--columns", columns, 1, Limits.COLUMNS);
      Agent agent = new Agent(cmd, checkpoint, false);
      PrintWriter out = cmd.getOut();
      for (int g = 0; g < games; g++) {
        SplittableRandom rng = Seeds.generator(seed, g, Seeds.ACTIONS);
        float[] obs = agent.env.reset(Seeds.derive(seed, g, Seeds.ENVIRONMENT));
        while (true) {
          Step<float[]> s = agent.env.step(agent.act(obs, rng));
          out.print("\u001b[H\u001b[2J");
          out.print(Ansi.render(agent.game.renderRgb(), PongGame.HEIGHT, PongGame.WIDTH, columns));
          out.printf("agent %d : %d opponent%n", agent.game.game().agentScore(), agent.game.game().opponentScore());
          out.flush();
          Thread.sleep(1000L / fps);
          obs = s.observation();
          if (s.done()) {
            break;
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "record", mixinStandardHelpOptions = true,
      description = {"Write raw frames (PNG) and the actions taken (CSV): the labelled data set a supervised",
          "approach would need, which reinforcement learning does without."})
  static final class Record implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--steps", defaultValue = "200", description = "Steps to record (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--policy", defaultValue = "random", description = "random, tracker or checkpoint (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--checkpoint", description = "The checkpoint (or training folder) for --policy checkpoint.")
    Path checkpoint;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
      CommandLine cmd = spec.commandLine();
      Cli.requireRange(cmd, "--steps", steps, 1, Limits.RECORD_STEPS);
      if (!List.of("random", "tracker", "checkpoint").contains(policy)) {
        throw new CommandLine.ParameterException(cmd, "--policy must be random, tracker or checkpoint, got " + policy);
      }
      if (policy.equals("checkpoint") && checkpoint == null) {
        throw new CommandLine.ParameterException(cmd, "--policy checkpoint needs --checkpoint PATH");
      }
      Path dir = Cli.outputFolder(cmd, out);
      try (var old = Files.newDirectoryStream(dir, f -> Files.isRegularFile(f)
          && f.getFileName().toString().matches("actions\\.csv|frame_\\d+\\.png"))) {
        if (old.iterator().hasNext()) {
          throw new CommandLine.ParameterException(cmd, dir + " holds a recording (actions.csv or frame_*.png): record"
              + " into another --out folder, or remove it first");
        }
      }
      Agent agent = policy.equals("checkpoint") ? new Agent(cmd, checkpoint, false) : null;
      PongEnvironment.Binary game = agent != null ? agent.game : PongEnvironment.binary(PongConfig.builder().twoActions(true).build(), 2);
      Environment<float[], Integer> env = agent != null ? agent.env : game;
      Policy<float[], Integer> scripted = policy.equals("tracker") ? PongPlayers.tracker(game, 6) : PongPlayers.random(game);
      SplittableRandom rng = new SplittableRandom(seed);
      float[] obs = env.reset(seed);
      StringBuilder csv = new StringBuilder("step,frame,action,action_name,reward\n");
      List<Path> written = new ArrayList<>();
      try {
        for (int t = 0; t < steps; t++) {
          Path frame = dir.resolve(String.format(Locale.ROOT, "frame_%06d.png", t));
          Frames.writePng(game.renderRgb(), PongGame.HEIGHT, PongGame.WIDTH, frame);
          written.add(frame);
          int action = agent != null ? agent.act(obs, rng) : scripted.act(obs, rng);
          Step<float[]> s = env.step(action);
          String name = game.config().twoActions() ? (action == 0 ? "UP" : "DOWN") : List.of("NOOP", "UP", "DOWN").get(action);
          csv.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%.0f%n", t, frame.getFileName(), action, name, s.reward()));
          obs = s.observation();
          if (s.done()) {
            obs = env.reset();
          }
        }
        Cli.writeAtomically(dir.resolve("actions.csv"), csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        for (Path f : written) {
          Files.deleteIfExists(f); // this recording's own: the folder held none before
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
          IOException io = e instanceof IOException i ? i : ((UncheckedIOException) e).getCause();
          throw new UncheckedIOException(e.getMessage() + "; the " + written.size() + " frames written before were"
              + " removed", io);
        }
        throw e;
      }
      cmd.getOut().println("Recorded " + steps + " frames and actions.csv in " + dir);
      cmd.getOut().flush();
      return 0;
    }
  }

  @Command(name = "plot", mixinStandardHelpOptions = true,
      description = "Plot the learning curves of training folders in one PNG (for example sparse against hit shaping).")
  static final class Plot implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", required = true, split = ",", description = "Training folders, comma-separated.")
    List<Path> runs;

    @Option(names = "--out", defaultValue = "learning-curves.png", description = "The PNG to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
      CommandLine cmd = spec.commandLine();
      List<Plots.Series> series = new ArrayList<>();
      for (Path run : runs) {
        Path metrics = run.resolve(METRICS);
        if (!Files.exists(metrics)) {
          throw new CommandLine.ParameterException(cmd, "no " + METRICS + " in " + run);
        }
        String label = run.getFileName().toString();
        try {
          label += " (" + PongSetup.read(cmd, run).shaping + ")";
        } catch (CommandLine.ParameterException e) {
          // no run.properties: keep the folder name
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        series.forEach(x -> used.add(x.label()));
        String unique = label;
        for (int k = 2; used.contains(unique); k++) {
          unique = label + " #" + k;
        }
        series.add(new Plots.Series(unique, MetricsFile.curve(metrics)));
      }
      Plots.learningCurve(series, out);
      cmd.getOut().println("Wrote " + out);
      cmd.getOut().flush();
      return 0;
    }
  }
}
