package io.github.pgrl.core.util;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs tasks on a thread pool and waits for all of them, rethrowing a failure as the caller's own: a
 * helper of pgrl's parallel parts (rollout threads, threaded vector environments).
 *
 * @since 0.1.0
 */
public final class Tasks {

  private Tasks() {}

  /**
   * Runs every task on the pool and waits until all have ended.
   *
   * @param pool the threads
   * @param tasks the work
   * @param what what the tasks do, for messages ("playing episodes")
   * @throws RuntimeException the first failing task's own runtime exception, in task order
   * @throws IllegalStateException if a task failed with a checked exception or an error, or the wait was
   *     interrupted (the interrupt flag is set again)
   */
  public static void runAll(ExecutorService pool, List<? extends Callable<Void>> tasks, String what) {
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("failed while " + what + ": " + e.getCause(), e.getCause());
    }
  }
}
