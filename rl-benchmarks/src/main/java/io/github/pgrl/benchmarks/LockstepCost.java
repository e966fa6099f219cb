package io.github.pgrl.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link LockstepBenchmark}'s lockstep steps in CPU time of the measuring thread, the paths interleaved
 * round by round, so that a machine busy with other work changes the comparison less than wall time
 * does (ND4J runs on one thread, the calling one). Arguments: the policy, the copies and the paths, as
 * the benchmark's parameters; prints per round and path the CPU and wall microseconds per environment
 * step (a lockstep step divided by the copies).
 *
 * <pre>java -cp rl-benchmarks/target/benchmarks.jar io.github.pgrl.benchmarks.LockstepCost conv 16 perCopy,observeAll</pre>
 */
public final class LockstepCost {

  private LockstepCost() {}

  /**
   * Prints one line per round and path.
   *
   * @param args policy, copies, comma-separated paths, and optionally the rounds (default 7) and the
   *     lockstep steps per round (default 200)
   */
  public static void main(String[] args) {
    String[] paths = args[2].split(",");
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    int steps = args.length > 4 ? Integer.parseInt(args[4]) : 200;
    LockstepBenchmark[] benches = new LockstepBenchmark[paths.length];
    for (int p = 0; p < paths.length; p++) {
      benches[p] = new LockstepBenchmark();
      benches[p].policy = args[0];
      benches[p].copies = Integer.parseInt(args[1]);
      benches[p].path = paths[p];
      benches[p].blasThreads = 1;
      benches[p].setUp();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int copies = benches[0].copies;
    for (int round = 0; round < rounds; round++) {
      for (int p = 0; p < paths.length; p++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        int sink = 0;
        for (int s = 0; s < steps; s++) {
          sink += benches[p].step();
        }
        long c1 = threads.getCurrentThreadCpuTime();
        long w1 = System.nanoTime();
        double per = 1e3 * steps * copies;
        System.out.println(String.format(Locale.ROOT, "round %d %s %d copies %s: %.1f us CPU, %.1f us wall per env step (%d)",
            round, args[0], copies, paths[p], (c1 - c0) / per, (w1 - w0) / per, sink % 10));
      }
    }
  }
}
