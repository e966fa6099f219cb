package io.github.pgrl.core.vector;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.core.util.Tasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code n} copies of an environment stepped in lockstep, resetting each copy automatically when its
 * episode ends (see {@link VectorStep} for how an ended episode is reported).
 *
 * <p>Seeds: {@link #reset(long)} resets copy {@code i} with {@code Seeds.derive(seed, i, ENVIRONMENT)};
 * the {@code k}-th automatic reset of copy {@code i} uses {@code Seeds.derive(seed, i + n·(k + 1),
 * ENVIRONMENT)}. So every copy's sequence of episodes depends only on the seed, the copy and the actions:
 * a {@link #threaded} vector environment gives exactly what the sequential one gives, whatever the number
 * of threads. Copies must not share state.
 *
 * <p>The final observation of an ended episode is the array the copy returned; a copy that reuses one
 * observation array for every step (such as {@code PongConfig.reuseObservation(true)}) overwrites it when
 * it is reset, so use copies that return new arrays. Not thread-safe itself: call it from one thread.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public final class VectorEnvironment<O, A> implements AutoCloseable {

  private final List<Environment<O, A>> copies;
  private final ExecutorService pool;
  private final int threads;
  private final long[] resets;
  private long seed;
  private boolean started;

  private VectorEnvironment(List<Environment<O, A>> copies, int threads) {
    this.copies = copies;
    this.threads = threads;
    this.resets = new long[copies.size()];
    this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pgrl-vector-env");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Copies stepped one after the other on the caller's thread.
   *
   * @param factory makes one new environment per call
   * @param copies the number of copies, at least 1
   * @param <O> the observation type
   * @param <A> the action type
   * @return the vector environment
   * @throws IllegalArgumentException if {@code copies < 1} or the copies' spaces differ
   */
  public static <O, A> VectorEnvironment<O, A> of(Supplier<? extends Environment<O, A>> factory, int copies) {
    return threaded(factory, copies, 1);
  }

  /**
   * Copies stepped on a fixed pool of threads; the results equal those of {@link #of}.
   *
   * @param factory makes one new environment per call
   * @param copies the number of copies, at least 1
   * @param threads the pool size, at least 1 (more than {@code copies} is pointless)
   * @param <O> the observation type
   * @param <A> the action type
   * @return the vector environment; {@link #close()} it to stop its threads
   * @throws IllegalArgumentException if a count is below 1 or the copies' spaces differ
   */
  public static <O, A> VectorEnvironment<O, A> threaded(
      Supplier<? extends Environment<O, A>> factory, int copies, int threads) {
    Objects.requireNonNull(factory, "factory");
    if (copies < 1) {
      throw new IllegalArgumentException("a vector environment needs at least 1 copy, got " + copies);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("a vector environment needs at least 1 thread, got " + threads);
    }
    List<Environment<O, A>> list = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      Environment<O, A> e = Objects.requireNonNull(factory.get(), "the factory returned null");
      if (i > 0 && (!e.observationSpace().equals(list.get(0).observationSpace())
          || !e.actionSpace().equals(list.get(0).actionSpace()))) {
        throw new IllegalArgumentException("copy " + i + " has other spaces than copy 0: " + e.observationSpace() + ", "
            + e.actionSpace());
      }
      list.add(e);
    }
    return new VectorEnvironment<>(list, Math.min(threads, copies));
  }

  /**
   * The number of copies.
   *
   * @return n
   */
  public int size() {
    return copies.size();
  }

  /**
   * The observation space of one copy.
   *
   * @return the space
   */
  public Space<O> observationSpace() {
    return copies.get(0).observationSpace();
  }

  /**
   * The action space of one copy.
   *
   * @return the space
   */
  public Space<A> actionSpace() {
    return copies.get(0).actionSpace();
  }

  /**
   * Resets every copy, copy {@code i} with {@code Seeds.derive(seed, i, ENVIRONMENT)}.
   *
   * @param seed the master seed
   * @return the first observation of each copy
   */
  public List<O> reset(long seed) {
    this.seed = seed;
    Arrays.fill(resets, 0);
    started = true;
    List<O> out = new ArrayList<>(copies.size());
    for (int i = 0; i < copies.size(); i++) {
      out.add(copies.get(i).reset(Seeds.derive(seed, i, Seeds.ENVIRONMENT)));
    }
    return out;
  }

  /**
   * Steps every copy with its action, resetting those whose episode ends.
   *
   * @param actions one action per copy
   * @return the outcome of each copy
   * @throws IllegalStateException if {@link #reset(long)} was never called
   * @throws IllegalArgumentException if the number of actions differs from {@link #size()}, or an action
   *     is outside the action space (the copy's own message)
   */
  public VectorStep<O> step(List<A> actions) {
    if (!started) {
      throw new IllegalStateException("step() called before reset(seed); call reset(seed) first");
    }
    int n = copies.size();
    if (actions.size() != n) {
      throw new IllegalArgumentException("need one action per copy: " + n + " copies, " + actions.size() + " actions");
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Step<O>[] steps = new Step[n];
    @SuppressWarnings("unchecked")
    O[] next = (O[]) new Object[n];
    if (pool == null) {
      for (int i = 0; i < n; i++) {
        stepCopy(i, actions.get(i), steps, next);
      }
    } else {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        tasks.add(() -> {
          for (int i = first; i < n; i += threads) {
            stepCopy(i, actions.get(i), steps, next);
          }
          return null;
        });
      }
      Tasks.runAll(pool, tasks, "stepping the copies");
    }
    double[] rewards = new double[n];
    boolean[] terminated = new boolean[n];
    boolean[] truncated = new boolean[n];
    List<O> observations = new ArrayList<>(n);
    List<O> finals = new ArrayList<>(n);
    List<Map<String, Object>> infos = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Step<O> s = steps[i];
      rewards[i] = s.reward();
      terminated[i] = s.terminated();
      truncated[i] = s.truncated();
      infos.add(s.info());
      observations.add(next[i]);
      finals.add(s.done() ? s.observation() : null);
    }
    return new VectorStep<>(observations, rewards, terminated, truncated, finals, infos);
  }

  private void stepCopy(int i, A action, Step<O>[] steps, O[] next) {
    Step<O> s = copies.get(i).step(action);
    steps[i] = s;
    if (s.done()) {
      resets[i]++;
      next[i] = copies.get(i).reset(Seeds.derive(seed, i + (long) copies.size() * resets[i], Seeds.ENVIRONMENT));
    } else {
      next[i] = s.observation();
    }
  }

  /**
   * Whether the copies have {@link ActionMasks}.
   *
   * @return {@code true} if {@link #validActions()} may be called
   */
  public boolean hasActionMasks() {
    return ActionMasks.of(copies.get(0)) != null;
  }

  /**
   * The valid actions of every copy for its current observation (the one {@link #reset(long)} or {@link
   * #step} returned last, the first of a new episode where one ended), as MaskablePPO's vectorised {@code
   * action_masks()}.
   *
   * @return one mask per copy, each a copy of what the copy's {@link ActionMasks#validActions()} gave
   * @throws IllegalStateException if {@link #reset(long)} was never called
   * @throws UnsupportedOperationException if the copies have no masks ({@link #hasActionMasks()})
   */
  public List<boolean[]> validActions() {
    if (!started) {
      throw new IllegalStateException("validActions() called before reset(seed); call reset(seed) first");
    }
    List<boolean[]> out = new ArrayList<>(copies.size());
    for (Environment<O, A> copy : copies) {
      ActionMasks masks = ActionMasks.of(copy);
      if (masks == null) {
        throw new UnsupportedOperationException(copy + " has no action masks");
      }
      out.add(masks.validActions().clone());
    }
    return out;
  }

  /** Stops the threads and closes every copy. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    for (Environment<O, A> e : copies) {
      e.close();
    }
  }
}
