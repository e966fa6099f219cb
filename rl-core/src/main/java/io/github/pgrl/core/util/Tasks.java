package io.github.pgrl.core.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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

  /**
   * Runs the parts of one computation: the first on the calling thread, the others on the executor (or
   * all on the calling thread, in order, without one), and returns when all have ended.
   *
   * @param parts the work, each part on data of its own
   * @param executor where to run the parts after the first, or {@code null}
   * @throws RuntimeException the first failure: the calling thread's own, else the first part's in order
   */
  public static void runParts(Runnable[] parts, Executor executor) {
    if (executor == null || parts.length == 1) {
      for (Runnable r : parts) {
        r.run();
      }
      return;
    }
    List<CompletableFuture<Void>> others = new ArrayList<>();
    for (int k = 1; k < parts.length; k++) {
      others.add(CompletableFuture.runAsync(parts[k], executor));
    }
    RuntimeException failure = null;
    try {
      parts[0].run();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (CompletableFuture<Void> f : others) {
      try {
        f.join();
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException re ? re : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
