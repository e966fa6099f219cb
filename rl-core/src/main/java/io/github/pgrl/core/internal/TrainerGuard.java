package io.github.pgrl.core.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Who may use a trainer when: it trains on one thread at a time, and not after it was closed; while it
 * trains, only the training thread (a listener) may save or close it. The checks and the
 * claim hold one lock, so that a save or a close never races the start of training.
 */
public final class TrainerGuard {

  /** What closing the trainer did, and its listeners' type, for messages. */
  private final String closing;
  private final String listener;

  /**
   * A guard of an open trainer that is not training.
   *
   * @param closing what closing the trainer does, such as "its threads stopped and its environments closed"
   * @param listener the name of the trainer's listener type, such as "TrainingListener"
   */
  public TrainerGuard(String closing, String listener) {
    this.closing = closing;
    this.listener = listener;
  }

  /** The thread running train(), if one is. */
  private final AtomicReference<Thread> trainingThread = new AtomicReference<>();
  private volatile boolean closed;

  /**
   * Claims the trainer for the calling thread's train().
   *
   * @throws IllegalStateException if it was closed or trains on another thread
   */
  public synchronized void claim() {
    requireOpen();
    Thread running = trainingThread.compareAndExchange(null, Thread.currentThread());
    if (running != null) {
      throw new IllegalStateException("training is already running on the thread '" + running.getName()
          + "': a trainer trains on one thread at a time; wait for that train() to return");
    }
  }

  /** Ends the claim of {@link #claim()}. */
  public void release() {
    trainingThread.set(null);
  }

  /**
   * Refuses a closed trainer.
   *
   * @throws IllegalStateException if the trainer was closed
   */
  public void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this trainer was closed (" + closing + "), so it"
          + " cannot train; create or resume a new one");
    }
  }

  /**
   * Runs {@code action} ({@code what}: "save" or "close") unless train() runs on another thread.
   *
   * @throws IllegalStateException if it does
   */
  public synchronized void outsideTraining(String what, Runnable action) {
    Thread running = trainingThread.get();
    if (running != null && running != Thread.currentThread()) {
      throw new IllegalStateException("cannot " + what + " this trainer while it trains on the thread '"
          + running.getName() + "': call requestStop() and wait for train() to return, then " + what
          + " (or " + what + " from a " + listener + ", on the training thread)");
    }
    action.run();
  }

  /** Runs {@code close} once, as {@link #outsideTraining}; later calls do nothing. */
  public synchronized void closeOnce(Runnable close) {
    if (!closed) {
      outsideTraining("close", () -> {
        closed = true;
        close.run();
      });
    }
  }
}
