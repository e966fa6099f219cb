package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.Trajectory;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.ValueFunction;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.util.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Trains a {@link TrainablePolicy} on an environment with REINFORCE, the policy gradient of Williams
 * (1992): by default an {@link MlpPolicy} built from the configuration, or any policy of the caller's.
 *
 * <p>One update, as {@link #train} does it (the learning half reads top to bottom in {@code
 * ReinforceUpdate}):
 *
 * <ol>
 *   <li><b>collect</b> whole episodes until the batch has {@link ReinforceConfig#batchEpisodes()} episodes
 *       and {@link ReinforceConfig#batchSteps()} steps; the action played is chosen by the policy and the
 *       {@link io.github.pgrl.core.Exploration}; episode {@code e} resets the environment with
 *       seed {@code Seeds.derive(seed, e, ENVIRONMENT)} and samples actions from {@code
 *       Seeds.generator(seed, e, ACTIONS)}; every reward is <b>shaped</b> with the {@link
 *       io.github.pgrl.core.RewardShaper} as the episode is played (scores stay raw);
 *   <li><b>assign credit</b> with the {@link io.github.pgrl.core.CreditAssigner} over the batch (the
 *       trajectories carry value estimates when the baseline is a value function);
 *   <li><b>subtract the baseline</b> (none, a running mean, or V(s)) unless the credit is already an
 *       advantage, then <b>standardise</b> the weights if configured;
 *   <li>take the <b>gradient</b> of {@code Σ w·log μ(a|s) + β·Σ H(π(·|s))}, <b>clip</b> its norm, and
 *       <b>step</b> the optimizer uphill; train the value function on the discounted returns.
 * </ol>
 *
 * <p>Reproducible: the same configuration, seed and environment give bit-identical parameters and
 * scores. Because every episode's randomness is addressed by its index, a run can be saved ({@link
 * #save(Path)}) after any update and resumed ({@link #resume}) to continue exactly as if it had never
 * stopped. A run interrupted by {@link #requestStop()} drops its unfinished batch, so the state is always
 * that of the last update.
 *
 * <p>Observations must be {@code float[]} from a {@link Box} space (of any shape, flattened) and actions
 * from a {@link Discrete} space. The policy's own record of steps ({@link TrainablePolicy#newSteps()}) is
 * what it learns from, so a policy that keeps its forward passes there computes each only once. Non-finite rewards or observations from the environment, a null step, and
 * non-finite gradients, stop training with an {@link IllegalStateException} before the parameters change.
 * A trainer trains on one thread at a time, and not after {@link #close()}; while it trains, only the
 * training thread (a {@link TrainingListener}) may {@link #save(Path)} or {@link #close()} it: another
 * thread calls {@link #requestStop()} and waits for {@link #train} to return.
 *
 * <p>A checkpoint is untrusted input: {@link #loadPolicy} and {@link #resume} check every stored value
 * before they use it, allocate no more than the checkpoint's size implies, and report a bad value with a
 * {@link CheckpointException} that names the file and the entry.
 *
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning", Machine Learning 8, 229–256, 1992.
 *
 * @param <P> the type of the policy being trained
 * @since 0.1.0
 */
public final class Reinforce<P extends TrainablePolicy<float[], Integer>> implements AutoCloseable {

  private static final double RUNNING_DECAY = 0.99;

  // the state that a checkpoint holds (ReinforceCheckpoint reads and writes it, with the update's)
  final ReinforceConfig config;
  final int inputs;
  final int actions;
  final ReinforceUpdate<P> learner;
  long episodes;
  long steps;
  long updates;
  double runningScore = Double.NaN;

  private final EpisodeCollector collector;
  private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
  private final RecordedSteps<float[], Integer> batch;
  private volatile boolean stopRequested;
  /** The thread running {@link #train}, if one is. */
  private final AtomicReference<Thread> trainingThread = new AtomicReference<>();
  private volatile boolean closed;
  /** Held while train() claims the trainer and while save() or close() run, so neither races its start. */
  private final Object lifecycle = new Object();

  /** A run of {@code policy}, or, if it is {@code null}, of an {@link MlpPolicy} built from the configuration. */
  @SuppressWarnings("unchecked")
  private Reinforce(List<? extends Environment<float[], Integer>> envs, P policy, ReinforceConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    Environment<float[], Integer> env = envs.get(0);
    Space<float[]> os = env.observationSpace();
    Space<Integer> as = env.actionSpace();
    if (!(os instanceof Box box)) {
      throw new IllegalArgumentException("REINFORCE needs a Box observation space, got " + os + " from " + env);
    }
    if (!(as instanceof Discrete discrete)) {
      throw new IllegalArgumentException("REINFORCE needs a Discrete action space, got " + as + " from " + env);
    }
    this.inputs = box.size();
    this.actions = discrete.n();
    if (policy == null) {
      policy = (P) MlpPolicy.builder(inputs, actions)
          .hidden(config.hidden())
          .activation(config.activation())
          .head(config.head())
          .bias(config.bias())
          .outputScale(config.outputScale())
          .build(Seeds.generator(config.seed(), 0, Seeds.INITIALISATION));
    } else if (policy instanceof MlpPolicy mlp && (mlp.inputs() != inputs || mlp.actions() != actions)) {
      throw new IllegalArgumentException("the policy " + mlp + " does not fit the environment " + env + ", whose "
          + "observations have " + inputs + " values and which has " + actions + " actions");
    }
    this.batch = policy.newSteps();
    this.collector = new EpisodeCollector(envs, policy, config, inputs, () -> stopRequested);
    // the rollout threads are idle during the update: the policy may compute its parts on them
    this.learner = new ReinforceUpdate<>(config, policy, inputs, collector.threads());
  }

  private static List<Environment<float[], Integer>> make(
      Supplier<? extends Environment<float[], Integer>> environments, int threads) {
    Objects.requireNonNull(environments, "environments");
    if (threads < 1) {
      throw new IllegalArgumentException("a run needs at least 1 rollout thread, got " + threads);
    }
    List<Environment<float[], Integer>> envs = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      envs.add(Objects.requireNonNull(environments.get(), "the environment factory returned null"));
    }
    return envs;
  }

  /**
   * A new training run with freshly initialised networks.
   *
   * @param env the environment, with a {@link Box} observation space and a {@link Discrete} action space
   * @param config the hyperparameters
   * @return the trainer
   * @throws IllegalArgumentException if the spaces do not fit, the head does not fit the actions, or a
   *     network is too large (more than 100 hidden layers, or more parameters than an array holds)
   */
  public static Reinforce<MlpPolicy> create(Environment<float[], Integer> env, ReinforceConfig config) {
    return new Reinforce<>(List.of(Objects.requireNonNull(env, "env")), null, config);
  }

  /**
   * A new training run of the caller's policy, in its current state. The configuration's network fields
   * ({@code hidden}, {@code activation}, {@code head}, {@code bias}, {@code outputScale}) describe the MLP
   * that {@link #create(Environment, ReinforceConfig)} builds and are not used; the value function, if the
   * baseline is one, is built from the configuration.
   *
   * @param <P> the policy's type
   * @param env the environment, with a {@link Box} observation space and a {@link Discrete} action space
   * @param policy the policy to train; the trainer changes its parameters
   * @param config the hyperparameters
   * @return the trainer
   * @throws IllegalArgumentException if the spaces do not fit (an {@link MlpPolicy} is also checked
   *     against the observation size and the number of actions)
   */
  public static <P extends TrainablePolicy<float[], Integer>> Reinforce<P> create(
      Environment<float[], Integer> env, P policy, ReinforceConfig config) {
    return new Reinforce<>(List.of(Objects.requireNonNull(env, "env")), Objects.requireNonNull(policy, "policy"), config);
  }

  /**
   * A new training run that plays episodes on {@code threads} threads, each with its own environment
   * from the factory. Episode {@code e} is played with the seeds of index {@code e} whichever thread
   * plays it, and a batch is always the first episodes (in index order) that satisfy the batch size, so
   * the results are bit-identical to a run on one thread. The configuration's {@link
   * io.github.pgrl.core.RewardShaper} is then called from several threads at once, so it must be
   * stateless or thread-safe (the bundled ones are).
   *
   * @param environments makes one environment per thread
   * @param config the hyperparameters
   * @param threads the number of rollout threads, at least 1
   * @return the trainer; {@link #close()} it to stop its threads
   * @throws IllegalArgumentException if {@code threads < 1}, or as {@link #create(Environment,
   *     ReinforceConfig)}
   */
  public static Reinforce<MlpPolicy> create(
      Supplier<? extends Environment<float[], Integer>> environments, ReinforceConfig config, int threads) {
    return new Reinforce<>(make(environments, threads), null, config);
  }

  /**
   * A new training run of the caller's policy on {@code threads} rollout threads, which act through its
   * {@link TrainablePolicy#sharer() sharers}; the results do not depend on the number of threads.
   *
   * @param <P> the policy's type
   * @param environments makes one environment per thread
   * @param policy the policy to train
   * @param config the hyperparameters
   * @param threads the number of rollout threads, at least 1
   * @return the trainer; {@link #close()} it to stop its threads
   * @throws IllegalArgumentException as {@link #create(Environment, TrainablePolicy, ReinforceConfig)}, or
   *     if {@code threads < 1}
   */
  public static <P extends TrainablePolicy<float[], Integer>> Reinforce<P> create(
      Supplier<? extends Environment<float[], Integer>> environments, P policy, ReinforceConfig config, int threads) {
    Objects.requireNonNull(policy, "policy");
    return new Reinforce<>(make(environments, threads), policy, config);
  }

  /**
   * Continues a training run from a checkpoint written by {@link #save(Path)}.
   *
   * <p>The configuration must be the one the run was started with (the checkpoint stores its
   * description and the two are compared field by field; the credit assigner and the shaper by their
   * {@link io.github.pgrl.core.CreditAssigner#describe() descriptions}, so a lambda resumes when it has a
   * stable one: see {@link io.github.pgrl.core.CreditAssigner#named}). Checkpoints written before the
   * shaper was recorded resume without comparing it.
   *
   * <p>If the file is damaged, the newest valid one of {@code checkpoint.1}, {@code checkpoint.2}, … (kept
   * by {@link #save(Path, int)}) is used instead, with a warning in the log that names it and what was
   * wrong with the newer ones ({@link CheckpointFile#readLatest}).
   *
   * <p>The stored values are untrusted: the networks are built from the given configuration and
   * environment, and every stored array must have their length (parameters, optimizer states) and only
   * finite values; the optimizers' step counts must not be negative, the counters must satisfy {@code 0 ≤
   * updates ≤ episodes ≤ steps}, the stored observation size and number of actions must be the
   * environment's, and {@code baseline.runningMean} must be finite ({@code runningScore} may be NaN, as
   * before the first episode).
   *
   * @param checkpoint the checkpoint file
   * @param env the environment (a new instance of the same kind)
   * @param config the run's configuration
   * @return the trainer, in the state of the checkpoint
   * @throws CheckpointException if no valid pgrl checkpoint of a REINFORCE run is found, or a stored value
   *     is out of range or does not fit the configuration and environment; the message names the file and
   *     the entry
   * @throws IllegalArgumentException if the configuration differs from the stored one; the message names
   *     every field that differs
   */
  public static Reinforce<MlpPolicy> resume(Path checkpoint, Environment<float[], Integer> env, ReinforceConfig config) {
    return resume(checkpoint, List.of(Objects.requireNonNull(env, "env")), null, config);
  }

  /**
   * Continues a training run from a checkpoint on {@code threads} rollout threads (any number: the
   * results do not depend on it).
   *
   * @param checkpoint the checkpoint file (or its rotated copies, as for {@link #resume(Path, Environment,
   *     ReinforceConfig)})
   * @param environments makes one environment per thread; they are closed if the run cannot be resumed
   * @param config the run's configuration
   * @param threads the number of rollout threads, at least 1
   * @return the trainer, in the state of the checkpoint
   * @throws CheckpointException as {@link #resume(Path, Environment, ReinforceConfig)}
   * @throws IllegalArgumentException if the configuration differs from the stored one, or {@code threads <
   *     1}
   */
  public static Reinforce<MlpPolicy> resume(
      Path checkpoint, Supplier<? extends Environment<float[], Integer>> environments, ReinforceConfig config, int threads) {
    return resume(checkpoint, environments, null, config, threads);
  }

  /**
   * Continues a training run of the caller's policy from a checkpoint, as {@link #resume(Path, Supplier,
   * ReinforceConfig, int)} does: the policy's state is read back with {@link TrainablePolicy#readState}.
   *
   * @param <P> the policy's type
   * @param checkpoint the checkpoint file (or its rotated copies)
   * @param environments makes one environment per thread; they are closed if the run cannot be resumed
   * @param policy a policy of the kind that was trained, whose state is replaced by the stored one
   * @param config the run's configuration
   * @param threads the number of rollout threads, at least 1
   * @return the trainer, in the state of the checkpoint
   * @throws CheckpointException as {@link #resume(Path, Environment, ReinforceConfig)}, also if the stored
   *     policy state does not fit the policy
   * @throws IllegalArgumentException if the configuration differs from the stored one, or {@code threads <
   *     1}
   */
  public static <P extends TrainablePolicy<float[], Integer>> Reinforce<P> resume(Path checkpoint,
      Supplier<? extends Environment<float[], Integer>> environments, P policy, ReinforceConfig config, int threads) {
    List<Environment<float[], Integer>> envs = make(environments, threads);
    try {
      return resume(checkpoint, envs, policy, config);
    } catch (RuntimeException e) {
      envs.forEach(Environment::close);
      throw e;
    }
  }

  private static <P extends TrainablePolicy<float[], Integer>> Reinforce<P> resume(
      Path named, List<Environment<float[], Integer>> envs, P policy, ReinforceConfig config) {
    CheckpointFile.Loaded loaded = ReinforceCheckpoint.readFor(named, config);
    Reinforce<P> r = new Reinforce<>(envs, policy, config);
    try {
      ReinforceCheckpoint.restore(r, loaded.checkpoint(), loaded.file().toString());
    } catch (RuntimeException e) {
      r.collector.stopThreads();
      throw e;
    }
    return r;
  }

  /**
   * The policy stored in the checkpoint file written by {@link #save(Path)}, for evaluation, without the
   * environment or the configuration. Exactly this file is read: a damaged file is reported, not replaced
   * by an older one (see {@link #loadPolicy(CheckpointFile, String)} to fall back to {@code file.1}, …).
   *
   * @param file the checkpoint file
   * @return the policy with the stored architecture and parameters
   * @throws CheckpointException if the file is not a valid pgrl checkpoint of a REINFORCE run (see {@link
   *     CheckpointFile#read(Path)} and {@link #loadPolicy(CheckpointFile, String)})
   */
  public static MlpPolicy loadPolicy(Path file) {
    return ReinforceCheckpoint.policy(CheckpointFile.read(file), file.toString());
  }

  /**
   * The policy stored in a checkpoint already read, for instance the newest valid one of a rotation:
   *
   * <pre>{@code
   * CheckpointFile.Loaded l = CheckpointFile.readLatest(file);  // file, file.1, file.2, ...
   * MlpPolicy policy = Reinforce.loadPolicy(l.checkpoint(), l.file().toString());
   * // report l.file(), and l.skipped() if it is not empty
   * }</pre>
   *
   * <p>The stored values are untrusted: the sizes ({@code observation.size}, {@code actions}, {@code
   * config.hidden}) must be ints of at least 1 (2 actions), at most 100 hidden layers, with {@code
   * config.activation}, {@code config.head} and {@code config.bias} among their names, and the
   * architecture's parameter count must equal the length of {@code policy.parameters}, whose values must be
   * finite. All of this is checked before the network is allocated, so memory use is bounded by the
   * checkpoint's size.
   *
   * @param checkpoint the checkpoint's entries
   * @param source where they were read from, for messages (the file name)
   * @return the policy with the stored architecture and parameters
   * @throws CheckpointException if the checkpoint is not of a REINFORCE run, or its policy entries are
   *     missing, out of range or inconsistent; the message names the entry
   * @since 0.1.0
   */
  public static MlpPolicy loadPolicy(CheckpointFile checkpoint, String source) {
    return ReinforceCheckpoint.policy(Objects.requireNonNull(checkpoint, "checkpoint"), source);
  }

  /**
   * Writes the whole training state atomically: parameters, optimizer states, the value function, the
   * baseline, counters, the random state (the master seed and the episode counter, from which every
   * later generator is derived) and the configuration.
   *
   * <p>While {@link #train} runs, only its thread may save (from a {@link TrainingListener}, whose {@code
   * onUpdate} sees the state of a complete update); another thread would read a state that is being
   * changed, so it is refused.
   *
   * @param file the checkpoint file; its folder must exist
   * @throws java.io.UncheckedIOException if it cannot be written; an earlier file of that name is then
   *     unchanged
   * @throws IllegalStateException if {@link #train} is running on another thread: call {@link
   *     #requestStop()} there and wait for {@code train} to return first
   */
  public void save(Path file) {
    save(file, 1);
  }

  /**
   * Writes the training state as {@link #save(Path)} does, keeping the {@code keep − 1} previous
   * checkpoints as {@code file.1}, {@code file.2}, … ({@link CheckpointFile#writeRotating}); {@link
   * #resume} falls back to them if the newest file is damaged ({@link #loadPolicy(Path)} does not: see
   * {@link #loadPolicy(CheckpointFile, String)}).
   *
   * @param file the checkpoint file; its folder must exist
   * @param keep how many checkpoints to keep, at least 1
   * @throws IllegalArgumentException if {@code keep < 1}
   * @throws java.io.UncheckedIOException if it cannot be written; the files are then unchanged
   * @throws IllegalStateException if {@link #train} is running on another thread, as for {@link
   *     #save(Path)}
   */
  public void save(Path file, int keep) {
    synchronized (lifecycle) {
      refuseDuringTraining("save");
      ReinforceCheckpoint.of(this).writeRotating(file, keep);
    }
  }

  /** Refuses {@code what} while train() runs on a thread other than the caller's. */
  private void refuseDuringTraining(String what) {
    Thread running = trainingThread.get();
    if (running != null && running != Thread.currentThread()) {
      throw new IllegalStateException("cannot " + what + " this trainer while it trains on the thread '"
          + running.getName() + "': call requestStop() and wait for train() to return, then " + what
          + " (or " + what + " from a TrainingListener, on the training thread)");
    }
  }

  /**
   * Adds a listener for episode and update metrics.
   *
   * @param listener the listener
   * @return this trainer
   */
  public Reinforce<P> addListener(TrainingListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Asks a running {@link #train} to stop after the current episode, dropping its unfinished batch. Safe
   * to call from any thread (a shutdown hook, a UI, a signal handler).
   *
   * <p>The request holds until a {@code train} call returns: made while none runs (say by a signal handler
   * installed just before training), it makes the next {@code train} return at once, with no update and
   * {@link TrainingSummary#stopped()} true. Every return of {@code train} clears it.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /**
   * Trains until the budget is used up or a stop is requested. A trainer trains on one thread at a time.
   *
   * <p>A stop requested before this call (while no {@code train} ran) is kept: the call returns at once,
   * having done no update, with {@link TrainingSummary#stopped()} true. When this call returns (normally
   * or with an exception) the stop request is cleared, so the next call trains again.
   *
   * @param budget the limits of this call
   * @return what was done
   * @throws IllegalStateException if the environment gives a null step, a non-finite reward or observation,
   *     or the gradient is not finite (the parameters are those of the last good update); if this trainer
   *     was closed; or if training is already running on another thread (which goes on unharmed)
   */
  public TrainingSummary train(Budget budget) {
    Objects.requireNonNull(budget, "budget");
    synchronized (lifecycle) {
      requireOpen();
      Thread running = trainingThread.compareAndExchange(null, Thread.currentThread());
      if (running != null) {
        throw new IllegalStateException("training is already running on the thread '" + running.getName()
            + "': a trainer trains on one thread at a time; wait for that train() to return");
      }
    }
    try {
      long startNanos = System.nanoTime();
      long timeLimit = budget.timeNanos();
      long e0 = episodes;
      long s0 = steps;
      long u0 = updates;
      boolean stopped = false;
      while (true) {
        if (budget.updates() > 0 && updates - u0 >= budget.updates()
            || budget.episodes() > 0 && episodes - e0 >= budget.episodes()
            || budget.steps() > 0 && steps - s0 >= budget.steps()
            || System.nanoTime() - startNanos >= timeLimit) {
          break;
        }
        requireOpen();
        if (!update()) {
          stopped = true;
          break;
        }
      }
      return new TrainingSummary(
          episodes - e0, steps - s0, updates - u0, Duration.ofNanos(System.nanoTime() - startNanos), runningScore, stopped);
    } finally {
      // the stop request, if any, has been served
      stopRequested = false;
      trainingThread.set(null);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this trainer was closed (its threads stopped and its environments closed), so it"
          + " cannot train; create or resume a new one");
    }
  }

  /**
   * One update; false if a stop was requested before the batch was complete: collect a batch of
   * episodes, learn from it ({@link ReinforceUpdate#learn}), count and report.
   */
  private boolean update() {
    long t0 = System.nanoTime();
    // the shortest prefix of episodes, in index order, that fills the batch: the same episodes whatever
    // the number of workers, because an episode's randomness comes from its index
    List<EpisodeCollector.Episode> played = collector.collect(episodes);
    if (played == null) {
      return false;
    }
    long collected = System.nanoTime();
    batch.clear();
    List<Trajectory<Integer>> trajectories = new ArrayList<>();
    List<float[]> last = new ArrayList<>();
    for (EpisodeCollector.Episode ep : played) {
      batch.append(ep.steps());
      trajectories.add(ep.trajectory());
      last.add(ep.last());
    }
    ReinforceUpdate.Result result = learner.learn(batch, trajectories, last, updates);
    report(played, result, t0, collected);
    return true;
  }

  /** Commits the counters, then tells the listeners about every episode and the update. */
  private void report(List<EpisodeCollector.Episode> played, ReinforceUpdate.Result result, long t0, long collected) {
    List<EpisodeStats> finished = new ArrayList<>();
    double scoreSum = 0;
    double running = runningScore;
    for (EpisodeCollector.Episode ep : played) {
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
    UpdateStats us = new UpdateStats(update, played.size(), batch.size(), -result.objective().objective(),
        result.objective().meanEntropy(), result.gradientNorm(), result.valueLoss(), scoreSum / played.size(),
        runningScore, batch.size() / Math.max(seconds, 1e-9), (collected - t0) / 1e9, (learned - collected) / 1e9,
        episodes, steps);
    for (TrainingListener l : listeners) {
      l.onUpdate(us);
    }
  }

  /**
   * Stops the rollout threads and closes the environments; {@link #train} is refused afterwards. Closing
   * again does nothing.
   *
   * <p>While {@link #train} runs, only its thread may close the trainer (from a {@link TrainingListener};
   * that call then ends with an {@link IllegalStateException} before its next update). Another thread would
   * close the environments under the episodes being played, so it is refused.
   *
   * @throws IllegalStateException if {@link #train} is running on another thread: call {@link
   *     #requestStop()} there and wait for {@code train} to return first
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      refuseDuringTraining("close");
      closed = true;
      collector.close();
    }
  }

  /** The first environment, for messages. */
  String environmentName() {
    return collector.environmentName();
  }

  /**
   * The policy being trained (its parameters change with every update).
   *
   * @return the policy
   */
  public P policy() {
    return learner.policy;
  }

  /**
   * The value function, when the baseline is one.
   *
   * @return the value function, or empty
   */
  public Optional<ValueFunction> valueFunction() {
    return Optional.ofNullable(learner.valueFunction);
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public ReinforceConfig config() {
    return config;
  }

  /**
   * Episodes played in complete batches since training began.
   *
   * @return the episode counter
   */
  public long episodes() {
    return episodes;
  }

  /**
   * Environment steps in complete batches since training began.
   *
   * @return the step counter
   */
  public long steps() {
    return steps;
  }

  /**
   * Updates since training began.
   *
   * @return the update counter
   */
  public long updates() {
    return updates;
  }

  /**
   * The running score, {@code 0.99·previous + 0.01·score} per episode.
   *
   * @return the running score, NaN before the first episode
   */
  public double runningScore() {
    return runningScore;
  }
}
