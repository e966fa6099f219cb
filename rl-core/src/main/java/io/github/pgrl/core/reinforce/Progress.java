package io.github.pgrl.core.reinforce;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The counters of a REINFORCE run and its listeners: an update commits its episodes here, then the
 * listeners hear of every episode and of the update. The counters are part of a checkpoint.
 */
final class Progress {

  private static final double RUNNING_DECAY = 0.99;

  long episodes;
  long steps;
  long updates;
  /** {@code 0.99·previous + 0.01·score} per episode; NaN before the first. */
  double runningScore = Double.NaN;
  final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();

  /** Commits the counters of one update, then tells the listeners about every episode and the update. */
  void commit(List<? extends EpisodeCollector.Episode<?>> played, int batchSteps, ReinforceUpdate.Result result, long t0,
      long collected) {
    List<EpisodeStats> finished = new ArrayList<>();
    double scoreSum = 0;
    double running = runningScore;
    for (EpisodeCollector.Episode<?> ep : played) {
      steps += ep.trajectory().length();
      running = Double.isNaN(running) ? ep.score() : RUNNING_DECAY * running + (1 - RUNNING_DECAY) * ep.score();
      scoreSum += ep.score();
      finished.add(new EpisodeStats(episodes, ep.trajectory().length(), ep.score(), ep.shapedReturn(), running,
          ep.trajectory().terminated(), ep.trajectory().truncated(), steps, ep.info()));
      episodes++;
    }
    runningScore = running;
    long learned = System.nanoTime();
    long update = updates++;
    double seconds = (learned - t0) / 1e9;
    for (EpisodeStats s : finished) {
      for (TrainingListener l : listeners) {
        l.onEpisode(s);
      }
    }
    UpdateStats us = new UpdateStats(update, played.size(), batchSteps, -result.objective().objective(),
        result.objective().meanEntropy(), result.gradientNorm(), result.valueLoss(), scoreSum / played.size(),
        runningScore, batchSteps / Math.max(seconds, 1e-9), (collected - t0) / 1e9, (learned - collected) / 1e9,
        episodes, steps);
    for (TrainingListener l : listeners) {
      l.onUpdate(us);
    }
  }
}
