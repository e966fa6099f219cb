package io.github.pgrl.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TasksTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void everyTaskRunsBeforeRunAllReturns() {
    AtomicInteger done = new AtomicInteger();
    Callable<Void> task = () -> {
      Thread.sleep(20);
      done.incrementAndGet();
      return null;
    };
    Tasks.runAll(pool, List.of(task, task, task), "counting");
    assertEquals(3, done.get());
  }

  @Test
  void aRuntimeExceptionIsRethrownAsItIs() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad action 7");
    List<Callable<Void>> tasks = List.of(() -> null, () -> {
      throw thrown;
    });
    assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> Tasks.runAll(pool, tasks, "stepping")));
  }

  @Test
  void aCheckedExceptionIsWrappedWithWhatWasBeingDone() {
    List<Callable<Void>> tasks = List.of(() -> {
      throw new IOException("disk gone");
    });
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tasks.runAll(pool, tasks, "stepping"));
    assertTrue(e.getMessage().contains("failed while stepping") && e.getMessage().contains("disk gone"), e.getMessage());
    assertTrue(e.getCause() instanceof IOException);
  }

  @Test
  void anInterruptedWaitSaysSoAndKeepsTheInterruptFlag() {
    List<Callable<Void>> tasks = List.of(() -> {
      Thread.sleep(10_000);
      return null;
    });
    Thread.currentThread().interrupt();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tasks.runAll(pool, tasks, "playing"));
      assertTrue(e.getMessage().contains("interrupted while playing"), e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
