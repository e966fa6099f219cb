package io.github.pgrl.examples;

import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.reinforce.UpdateStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The training run of {@code pgrl cartpole train} and {@code pgrl train --env}, in a locked {@link
 * RunFolder}: a fresh run stores its options ({@link RunProperties}) and starts {@value #METRICS}; a
 * resumed one cuts the metrics back to its checkpoint. Then it trains with one metrics row per episode, a
 * progress line every 100 episodes on the error stream, a checkpoint (rotated, {@link
 * RunFolder#CHECKPOINTS_KEPT} kept) every {@link #CHECKPOINT_MINUTES} minutes and at the end, also after
 * Ctrl-C ({@link Cli#trainInterruptibly}).
 */
final class EpisodeTraining {

  static final String CHECKPOINT = "checkpoint.pgrl";
  static final String METRICS = "metrics.csv";
  static final String HEADER = "episode,steps,total_steps,seconds,score,running_score,mean100";
  /**
   * The header of REINFORCE's {@value ActorCriticTraining#UPDATES}: one row per update, the fields of {@link
   * UpdateStats} under the names the actor-critic algorithms' file uses where they mean the same.
   */
  static final String UPDATES_HEADER = "update,steps,episodes,mean_score,running_score,policy_loss,value_loss,entropy,"
      + "gradient_norm,steps_per_second,rollout_seconds,learn_seconds,total_episodes,total_steps";
  /**
   * The files of a run, checkpoint first: a fresh run does not overwrite them. The actor-critic
   * algorithms' {@code updates.csv} is among them, since a folder of {@code pgrl train} or {@code cartpole
   * train} may hold a run of any algorithm.
   */
  static final List<String> RUN_FILES = List.of(CHECKPOINT, METRICS, ActorCriticTraining.UPDATES, RunProperties.FILE);
  /** Minutes between the checkpoints written while training. */
  static final double CHECKPOINT_MINUTES = 2;

  private EpisodeTraining() {}

  /** Makes the trainer of a run: a new one, or one resumed from the checkpoint. */
  interface Trainers {
    Reinforce<?> create();

    Reinforce<?> resume(Path checkpoint);
  }

  /**
   * Trains in a locked folder and prints what was done.
   *
   * @param options the options to store with a fresh run
   * @param resume whether to continue the run in the folder
   * @param what a line printed on the error stream once the trainer is made, such as what is trained, or null
   * @param then a line printed after the summary, such as the command that evaluates the run, or null
   * @return the exit code, 0
   */
  static int run(CommandLine cmd, RunFolder folder, List<String> options, boolean resume, Trainers trainers,
      Budget budget, String what, String then) throws IOException {
    Path dir = folder.dir();
    Path checkpoint = dir.resolve(CHECKPOINT);
    Path metrics = dir.resolve(METRICS);
    Path updates = dir.resolve(ActorCriticTraining.UPDATES);
    try (Reinforce<?> trainer = resume ? trainers.resume(checkpoint) : trainers.create()) {
      if (resume) {
        MetricsFile.resumeAt(metrics, HEADER, trainer.episodes());
      } else {
        RunProperties.save(cmd, dir, options);
        Files.writeString(metrics, HEADER + "\n");
      }
      startUpdates(updates, resume, trainer);
      folder.announce(cmd);
      if (what != null) {
        cmd.getErr().println(what);
        cmd.getErr().flush();
      }
      TrainingSummary summary = train(cmd, trainer, checkpoint, metrics, updates, budget);
      PrintWriter o = cmd.getOut();
      o.printf(Locale.ROOT, "%s %d episodes (%d steps) in %.1f s; running score %.1f; %d episodes in total.%n",
          summary.stopped() ? "Stopped after" : "Trained", summary.episodes(), summary.steps(),
          summary.elapsed().toMillis() / 1000.0, summary.runningScore(), trainer.episodes());
      o.println("Checkpoint: " + checkpoint);
      o.println("Metrics:    " + metrics);
      o.println("Updates:    " + updates);
      if (then != null) {
        o.println(then);
      }
      o.flush();
      return 0;
    }
  }

  private static TrainingSummary train(CommandLine cmd, Reinforce<?> trainer, Path checkpoint, Path metrics, Path updates,
      Budget budget) {
    PrintWriter err = cmd.getErr();
    long start = System.nanoTime();
    long[] lastCheckpoint = {start};
    Window window = new Window();
    try (MetricsFile.Appender csv = new MetricsFile.Appender(metrics);
        MetricsFile.Appender rows = new MetricsFile.Appender(updates)) {
      trainer.addListener(new TrainingListener() {
        @Override
        public void onEpisode(EpisodeStats s) {
          double seconds = (System.nanoTime() - start) / 1e9;
          double mean = row(csv, window, s, seconds);
          if ((s.episode() + 1) % 100 == 0) {
            err.printf(Locale.ROOT, "episode %d: mean of the last 100 = %.1f, %.1f s%n", s.episode() + 1, mean, seconds);
            err.flush();
          }
        }

        @Override
        public void onUpdate(UpdateStats u) {
          csv.flush();
          rows.row("%s", updateRow(u));
          rows.flush();
          long now = System.nanoTime();
          if (now - lastCheckpoint[0] >= CHECKPOINT_MINUTES * 60e9) {
            trainer.save(checkpoint, RunFolder.CHECKPOINTS_KEPT);
            lastCheckpoint[0] = now;
          }
        }
      });
      return Cli.trainInterruptibly(trainer, budget, checkpoint, () -> trainer.save(checkpoint, RunFolder.CHECKPOINTS_KEPT));
    }
  }

  /**
   * Starts REINFORCE's {@value ActorCriticTraining#UPDATES}: its header for a fresh run; for a resumed one, the
   * rows of the updates the checkpoint holds (a run from before the file existed gets a new file).
   */
  static void startUpdates(Path updates, boolean resume, Reinforce<?> trainer) throws IOException {
    if (resume) {
      MetricsFile.resumeAt(updates, UPDATES_HEADER, trainer.updates());
    } else {
      Files.writeString(updates, UPDATES_HEADER + "\n");
    }
  }

  /** A row of REINFORCE's {@value ActorCriticTraining#UPDATES}, in {@link #UPDATES_HEADER}'s order. */
  static String updateRow(UpdateStats u) {
    return String.join(",", Long.toString(u.update()), Integer.toString(u.steps()), Integer.toString(u.episodes()),
        ActorCriticTraining.number(u.meanScore()), ActorCriticTraining.number(u.runningScore()),
        ActorCriticTraining.number(u.loss()), ActorCriticTraining.number(u.valueLoss()),
        ActorCriticTraining.number(u.entropy()), ActorCriticTraining.number(u.gradientNorm()),
        ActorCriticTraining.number(u.stepsPerSecond()), ActorCriticTraining.number(u.rolloutSeconds()),
        ActorCriticTraining.number(u.learnSeconds()), Long.toString(u.totalEpisodes()), Long.toString(u.totalSteps()));
  }

  /**
   * Appends an episode's row of {@value #METRICS} ({@link #HEADER}).
   *
   * @return the mean of the last 100 scores, this one included
   */
  static double row(MetricsFile.Appender csv, Window window, EpisodeStats s, double seconds) {
    double mean = window.add(s.score());
    csv.row("%d,%d,%d,%.3f,%.1f,%.3f,%.3f", s.episode(), s.length(), s.totalSteps(), seconds, s.score(),
        s.runningScore(), mean);
    return mean;
  }

  /** Mean of the last 100 scores. */
  static final class Window {
    private final Deque<Double> last = new ArrayDeque<>();
    private double sum;

    double add(double score) {
      last.addLast(score);
      sum += score;
      if (last.size() > 100) {
        sum -= last.removeFirst();
      }
      return sum / last.size();
    }

    boolean full() {
      return last.size() == 100;
    }
  }
}
