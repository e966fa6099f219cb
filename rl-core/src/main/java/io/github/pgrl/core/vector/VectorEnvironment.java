package io.github.pgrl.core.vector;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
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
 * <p><b>Checkpoints.</b> When every copy is {@link Restorable} ({@link #isRestorable()}), {@link
 * #writeState} saves where the vector environment stands in the middle of its copies' episodes, and
 * {@link #readState} puts one built the same way (same factory, same number of copies) there, so that both
 * give the same {@link VectorStep}s for the same actions, automatic resets included. The current
 * observations are not part of it: the caller keeps the ones it received last.
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

  /**
   * Whether every copy can write and read its state ({@link Restorable#of}), so that {@link #writeState} and
   * {@link #readState} may be called.
   *
   * @return {@code true} if every copy is {@link Restorable}
   */
  public boolean isRestorable() {
    return copies.stream().allMatch(c -> Restorable.of(c) != null);
  }

  /**
   * Writes where this vector environment stands: the number of copies ({@code copies}), the master seed
   * ({@code seed}), whether {@link #reset(long)} was called ({@code started}), each copy's count of
   * automatic resets ({@code resets.i}) and each copy's own state under {@code prefix + "copy." + i + "."}.
   * Every name starts with {@code prefix}.
   *
   * @param checkpoint receives the entries
   * @param prefix the start of every entry's name, possibly empty
   * @throws UnsupportedOperationException if a copy is not {@link Restorable}; the message names its class
   */
  public void writeState(CheckpointFile checkpoint, String prefix) {
    List<Restorable> states = restorableCopies();
    checkpoint.putLong(prefix + "copies", copies.size());
    checkpoint.putLong(prefix + "seed", seed);
    checkpoint.putLong(prefix + "started", started ? 1 : 0);
    for (int i = 0; i < states.size(); i++) {
      checkpoint.putLong(prefix + "resets." + i, resets[i]);
      states.get(i).writeState(checkpoint, copyPrefix(prefix, i));
    }
  }

  /**
   * Restores what {@link #writeState} wrote into a vector environment built the same way: the same number
   * of copies, each built as the ones that wrote it.
   *
   * <p>Everything is checked before anything changes; when a copy refuses its state, the copies read before
   * it are put back as they were, so a refused checkpoint leaves this vector environment unchanged.
   *
   * @param checkpoint holds the entries
   * @param prefix the prefix they were written under
   * @throws io.github.pgrl.core.checkpoint.CheckpointException if an entry is missing or mistyped, the number
   *     of copies differs, a reset count is negative (or not 0 before the first reset), or a copy refuses
   *     its state (its own message)
   * @throws IllegalArgumentException if a copy refuses its state otherwise
   * @throws UnsupportedOperationException if a copy is not {@link Restorable}; the message names its class
   */
  public void readState(CheckpointFile checkpoint, String prefix) {
    List<Restorable> states = restorableCopies();
    StateReader in = new StateReader(checkpoint, prefix);
    int n = copies.size();
    long stored = in.getLong("copies");
    if (stored != n) {
      throw in.invalid("copies", "is " + stored + ", but this vector environment has " + n + " copies; a state is"
          + " read into a vector environment built the same way");
    }
    long seed = in.getLong("seed");
    boolean started = in.flag("started");
    long[] resets = new long[n];
    for (int i = 0; i < n; i++) {
      // the k-th automatic reset of copy i uses the index i + n·k, which must not overflow
      resets[i] = in.count("resets." + i, 0, started ? (Long.MAX_VALUE - i) / n - 1 : 0);
    }
    CheckpointFile before = new CheckpointFile();
    for (int i = 0; i < n; i++) {
      states.get(i).writeState(before, copyPrefix("", i));
    }
    for (int i = 0; i < n; i++) {
      try {
        states.get(i).readState(checkpoint, copyPrefix(prefix, i));
      } catch (RuntimeException e) {
        for (int j = 0; j < i; j++) {
          states.get(j).readState(before, copyPrefix("", j));
        }
        throw e;
      }
    }
    this.seed = seed;
    this.started = started;
    System.arraycopy(resets, 0, this.resets, 0, n);
  }

  private static String copyPrefix(String prefix, int i) {
    return prefix + "copy." + i + ".";
  }

  /** Every copy as {@link Restorable}, or an exception naming the first copy that is not. */
  private List<Restorable> restorableCopies() {
    List<Restorable> out = new ArrayList<>(copies.size());
    for (int i = 0; i < copies.size(); i++) {
      Restorable r = Restorable.of(copies.get(i));
      if (r == null) {
        Environment<O, A> copy = copies.get(i);
        throw new UnsupportedOperationException("copy " + i + " of the vector environment, " + copy + " ("
            + copy.getClass().getName() + "), cannot write or read its state: it is not Restorable (Restorable.of"
            + " gives null), so this vector environment cannot be saved in the middle of its episodes");
      }
      out.add(r);
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
