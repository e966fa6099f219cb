package io.github.pgrl.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * PPO updates on Pong with the convolutional policy ({@link ActorCriticBenchmark}'s {@code pongConv} task,
 * one thread), acting one copy at a time ({@code perCopy}) and with one batched pass per lockstep step
 * ({@code observeAll}), two trainers whose updates alternate, so that a machine busy with other work
 * weighs on both alike. Prints per update the CPU time of the training thread (rollouts, with the copies
 * stepped on it, and updates; ND4J on one thread, the same), the wall time and the rollout's wall time,
 * and the environment steps per CPU second.
 *
 * <pre>java -cp rl-benchmarks/target/benchmarks.jar io.github.pgrl.benchmarks.PpoConvCost 6 perCopy,observeAll</pre>
 */
public final class PpoConvCost {

  private PpoConvCost() {}

  /**
   * Prints one line per update.
   *
   * @param args the updates per trainer (default 6), and the order of the trainers (default {@code
   *     perCopy,observeAll})
   */
  public static void main(String[] args) {
    int updates = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    String[] acting = (args.length > 1 ? args[1] : "perCopy,observeAll").split(",");
    ActorCriticBenchmark[] runs = new ActorCriticBenchmark[acting.length];
    for (int k = 0; k < runs.length; k++) {
      runs[k] = new ActorCriticBenchmark();
      runs[k].task = "pongConv";
      runs[k].threads = 1;
      runs[k].acting = acting[k];
      runs[k].setUp();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try {
      for (int u = 0; u < updates; u++) {
        for (int k = 0; k < runs.length; k++) {
          ActorCriticBenchmark.Steps counter = new ActorCriticBenchmark.Steps();
          long c0 = threads.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          runs[k].update(counter);
          long cpu = threads.getCurrentThreadCpuTime() - c0;
          long wall = System.nanoTime() - w0;
          System.out.println(String.format(Locale.ROOT, "update %d %s: %d steps, %.2f s CPU, %.2f s wall (rollout %.2f s"
              + " wall, learn %.2f s wall), %.0f steps per CPU second", u, acting[k], counter.steps, cpu / 1e9, wall / 1e9,
              counter.rolloutNanos / 1e9, counter.learnNanos / 1e9, counter.steps / (cpu / 1e9)));
        }
      }
    } finally {
      for (ActorCriticBenchmark run : runs) {
        run.tearDown();
      }
    }
  }
}
