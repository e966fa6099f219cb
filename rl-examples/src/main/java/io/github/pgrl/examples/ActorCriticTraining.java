package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.ActorCriticListener;
import io.github.pgrl.core.actorcritic.UpdateMetrics;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.vector.VectorEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The training run of an actor-critic algorithm ({@code --algo a2c} or {@code --algo ppo}) of {@code
 * train --env}, {@code cartpole train} and {@code pong train}, in a locked {@link RunFolder}: the
 * counterpart of {@link EpisodeTraining}.
 *
 * <p>A fresh run stores its options ({@link RunProperties}) and starts {@value #METRICS} (one row per
 * episode, as REINFORCE's) and {@value #UPDATES} (one row per update, every {@link UpdateMetrics} field); a
 * resumed one first checks that the checkpoint is of the run's algorithm, then cuts both files back to the
 * checkpoint ({@link MetricsFile#resumeAt}). It trains {@link ActorCritic} on a {@link VectorEnvironment}
 * (sequential, or on {@code --threads} threads: the results are the same), prints a progress line about
 * every {@value #PROGRESS_STEPS} steps on the error stream, and saves a checkpoint (rotated, {@link
 * RunFolder#CHECKPOINTS_KEPT} kept) every few minutes and at the end, also after Ctrl-C ({@link
 * Cli#trainInterruptibly}).
 */
final class ActorCriticTraining {

  static final String CHECKPOINT = EpisodeTraining.CHECKPOINT;
  static final String METRICS = EpisodeTraining.METRICS;
  static final String UPDATES = "updates.csv";
  /** Every field of {@link UpdateMetrics}, in its order. */
  static final String UPDATES_HEADER = "update,steps,episodes,mean_score,running_score,policy_loss,value_loss,entropy,"
      + "approx_kl,clip_fraction,explained_variance,gradient_norm,learning_rate,clip_range,epochs,steps_per_second,"
      + "rollout_seconds,learn_seconds,total_episodes,total_steps";
  /** About this many environment steps between progress lines (at least one update). */
  static final int PROGRESS_STEPS = 10_000;

  private ActorCriticTraining() {}

  /**
   * What a command trains.
   *
   * @param factory makes one environment copy; every call a new one that returns new observation arrays
   * @param copies the number of copies
   * @param threads the threads that step them
   * @param policy a new policy of the run for an environment of the factory's
   * @param config the configuration
   * @param <A> the action type
   */
  record Run<A>(Supplier<? extends Environment<float[], A>> factory, int copies, int threads,
      Function<Environment<float[], A>, TrainablePolicy<float[], A>> policy, ActorCriticConfig config) {}

  /** How a command records its episodes: {@value #METRICS}'s header and rows, and what it does besides. */
  interface Log {
    /** The header of {@value #METRICS}. */
    String header();

    /** Appends an episode's row. */
    void episode(MetricsFile.Appender csv, EpisodeStats s, double seconds);

    /** Called when a resumed run has cut {@value #METRICS} back to its checkpoint. */
    default void resumed(Path metrics) {}

    /** Called after each update, at {@link System#nanoTime()} {@code now}. */
    default void updated(long now) {}

    /** Called after the last checkpoint of the run is saved. */
    default void finished() {}
  }

  /** {@value #METRICS} as REINFORCE's runs of {@code train --env} and {@code cartpole train} write it. */
  static Log classicLog() {
    EpisodeTraining.Window window = new EpisodeTraining.Window();
    return new Log() {
      @Override
      public String header() {
        return EpisodeTraining.HEADER;
      }

      @Override
      public void episode(MetricsFile.Appender csv, EpisodeStats s, double seconds) {
        EpisodeTraining.row(csv, window, s, seconds);
      }
    };
  }

  /**
   * What a run did.
   *
   * @param summary what this call did
   * @param updates updates since the run began
   * @param steps steps since the run began
   * @param episodes episodes since the run began
   */
  record Result(TrainingSummary summary, long updates, long steps, long episodes) {}

  /**
   * Trains in a locked folder.
   *
   * @param resume whether to continue the run in the folder
   * @param algo the run's algorithm (a2c or ppo), which a resumed checkpoint must be of
   * @param storeOptions writes the options of a fresh run, once the trainer is made
   * @param checkpointMinutes minutes between the checkpoints written while training
   * @param what a line printed on the error stream once the trainer is made
   * @return what was done
   * @throws IllegalArgumentException if the checkpoint to resume is of another algorithm or run (exit 2)
   */
  static <A> Result train(CommandLine cmd, RunFolder folder, boolean resume, String algo, Run<A> run, Budget budget,
      Runnable storeOptions, Log log, double checkpointMinutes, String what) throws IOException {
    Path dir = folder.dir();
    Path checkpoint = dir.resolve(CHECKPOINT);
    Path metrics = dir.resolve(METRICS);
    Path updates = dir.resolve(UPDATES);
    if (resume) {
      CheckpointFile.Loaded latest = CheckpointFile.readLatest(checkpoint);
      Cli.requireAlgorithm(latest.checkpoint(), latest.file().toString(), algo);
    }
    TrainablePolicy<float[], A> policy;
    try (Environment<float[], A> probe = run.factory().get()) {
      policy = run.policy().apply(probe);
    }
    try (VectorEnvironment<float[], A> envs = run.threads() > 1
            ? VectorEnvironment.threaded(run.factory(), run.copies(), run.threads())
            : VectorEnvironment.of(run.factory(), run.copies());
        ActorCritic<?> trainer = resume ? ActorCritic.resume(checkpoint, envs, policy, run.config())
            : ActorCritic.create(envs, policy, run.config())) {
      if (resume) {
        MetricsFile.resumeAt(metrics, log.header(), trainer.episodes());
        MetricsFile.resumeAt(updates, UPDATES_HEADER, trainer.updates());
        log.resumed(metrics);
      } else {
        storeOptions.run();
        Files.writeString(metrics, log.header() + "\n");
        Files.writeString(updates, UPDATES_HEADER + "\n");
      }
      folder.announce(cmd);
      cmd.getErr().println(what);
      cmd.getErr().flush();
      int progressEvery = Math.max(1, PROGRESS_STEPS / (run.copies() * run.config().rolloutSteps()));
      TrainingSummary summary = train(cmd, trainer, checkpoint, metrics, updates, budget, log, checkpointMinutes,
          progressEvery);
      return new Result(summary, trainer.updates(), trainer.steps(), trainer.episodes());
    }
  }

  private static TrainingSummary train(CommandLine cmd, ActorCritic<?> trainer, Path checkpoint, Path metrics,
      Path updates, Budget budget, Log log, double checkpointMinutes, int progressEvery) {
    PrintWriter err = cmd.getErr();
    long start = System.nanoTime();
    long[] lastCheckpoint = {start};
    try (MetricsFile.Appender episodes = new MetricsFile.Appender(metrics);
        MetricsFile.Appender rows = new MetricsFile.Appender(updates)) {
      trainer.addListener(new ActorCriticListener() {
        @Override
        public void onEpisode(EpisodeStats s) {
          log.episode(episodes, s, (System.nanoTime() - start) / 1e9);
        }

        @Override
        public void onUpdate(UpdateMetrics m) {
          rows.row("%s", row(m));
          episodes.flush();
          rows.flush();
          if ((m.update() + 1) % progressEvery == 0) {
            err.println(progress(m));
            err.flush();
          }
          long now = System.nanoTime();
          if (now - lastCheckpoint[0] >= checkpointMinutes * 60e9) {
            trainer.save(checkpoint, RunFolder.CHECKPOINTS_KEPT);
            lastCheckpoint[0] = now;
          }
          log.updated(now);
        }
      });
      return Cli.trainInterruptibly(trainer, budget, checkpoint, () -> {
        trainer.save(checkpoint, RunFolder.CHECKPOINTS_KEPT);
        log.finished();
      });
    }
  }

  /** A row of {@value #UPDATES}: every field of the metrics, in the header's order. */
  static String row(UpdateMetrics m) {
    return String.join(",", Long.toString(m.update()), Integer.toString(m.steps()), Integer.toString(m.episodes()),
        number(m.meanScore()), number(m.runningScore()), number(m.policyLoss()), number(m.valueLoss()),
        number(m.entropy()), number(m.approxKl()), number(m.clipFraction()), number(m.explainedVariance()),
        number(m.gradientNorm()), number(m.learningRate()), number(m.clipRange()), Integer.toString(m.epochs()),
        number(m.stepsPerSecond()), number(m.rolloutSeconds()), number(m.learnSeconds()),
        Long.toString(m.totalEpisodes()), Long.toString(m.totalSteps()));
  }

  /** A number to 7 significant digits ({@code float}'s), {@code NaN} where there is none. */
  static String number(double v) {
    return Float.toString((float) v);
  }

  /** The progress line of an update. */
  static String progress(UpdateMetrics m) {
    return String.format(Locale.ROOT, "update %d, %,d steps, %,d episodes: running score %.2f, policy loss %.4f, value loss"
        + " %.4g, entropy %.3f, KL %.4f, clip fraction %.3f, explained variance %.2f, %,.0f steps/s", m.update() + 1,
        m.totalSteps(), m.totalEpisodes(), m.runningScore(), m.policyLoss(), m.valueLoss(), m.entropy(), m.approxKl(),
        m.clipFraction(), m.explainedVariance(), m.stepsPerSecond());
  }

  /**
   * Prints what a run did on the command's output: the summary line, the files and {@code more} lines.
   *
   * @param unit what an episode is called (episodes, games)
   */
  static void printSummary(CommandLine cmd, Result r, Path dir, String unit, List<String> more) {
    PrintWriter o = cmd.getOut();
    TrainingSummary s = r.summary();
    double seconds = s.elapsed().toMillis() / 1000.0;
    o.printf(Locale.ROOT, "%s %d update%s (%d steps, %d %s) in %.1f s, %.0f steps/s; running score %.2f; %d update%s"
        + " (%d steps, %d %s) in total.%n", s.stopped() ? "Stopped after" : "Trained", s.updates(),
        s.updates() == 1 ? "" : "s", s.steps(), s.episodes(), unit, seconds, s.steps() / Math.max(seconds, 1e-9),
        s.runningScore(), r.updates(), r.updates() == 1 ? "" : "s", r.steps(), r.episodes(), unit);
    o.println("Checkpoint: " + dir.resolve(CHECKPOINT));
    o.println("Metrics:    " + dir.resolve(METRICS));
    o.println("Updates:    " + dir.resolve(UPDATES));
    more.forEach(o::println);
    o.flush();
  }
}
