package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.internal.TrainerGuard;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.ValueFunction;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Trains a {@link TrainablePolicy} on an environment with REINFORCE, the policy gradient of Williams
 * (1992): by default an {@link MlpPolicy} built from the configuration, or any policy of the caller's.
 *
 * <p>One update, as {@link #train} does it: <b>collect</b> whole episodes until the batch has {@link
 * ReinforceConfig#batchEpisodes()} episodes and {@link ReinforceConfig#batchSteps()} steps (episode {@code
 * e} resets the environment with {@code Seeds.derive(seed, e, ENVIRONMENT)} and draws its actions, through
 * the {@link io.github.pgrl.core.Exploration}, from {@code Seeds.generator(seed, e, ACTIONS)}; every reward
 * is <b>shaped</b> as it is played, scores stay raw); <b>assign credit</b> over the batch; <b>subtract the
 * baseline</b> (none, a running mean, or V(s)) unless the credit is an advantage already, and
 * <b>standardise</b> if configured; take the <b>gradient</b> of {@code Σ w·log μ(a|s) + β·Σ H(π(·|s))},
 * <b>clip</b> its norm and <b>step</b> uphill; fit the value function to the discounted returns.
 *
 * <p>Reproducible: the same configuration, seed and environment give bit-identical parameters and
 * scores. Because every episode's randomness is addressed by its index, a run can be saved ({@link
 * #save(Path)}) after any update and resumed ({@link #resume}) to continue exactly as if it had never
 * stopped. A run interrupted by {@link #requestStop()} drops its unfinished batch, so the state is always
 * that of the last update.
 *
 * <p>Observations must be {@code float[]} from a {@link Box} space (of any shape, flattened; wrap other
 * observations, such as {@link io.github.pgrl.core.wrappers.OneHot} does for {@link Discrete} ones). Actions
 * may be of any type and space the policy takes: {@link Discrete} for the configuration's {@link MlpPolicy},
 * {@link Box} ({@code float[]}) or others for a policy of the caller's; {@code P} names the policy's type
 * only, and the factories check that the policy and the environment agree on the action type. The policy learns from its own record of steps ({@link
 * TrainablePolicy#newSteps()}), so a policy that keeps its forward passes there computes each only once.
 * On an environment with {@link io.github.pgrl.core.ActionMasks} the policy must be a {@link
 * io.github.pgrl.core.MaskablePolicy} (the configuration's MLP is one) and the exploration {@code NONE}:
 * every step's mask is handed to the policy, so only valid actions are played, and a bad mask stops
 * training naming the environment, the episode and the step.
 * Non-finite rewards or observations from the environment, a null step, and non-finite gradients, stop
 * training with an {@link IllegalStateException} before the parameters change. A trainer trains on one
 * thread at a time, and not after {@link #close()}; while it trains, only the
 * training thread (a {@link TrainingListener}) may {@link #save(Path)} or {@link #close()} it: another
 * thread calls {@link #requestStop()} and waits for {@link #train} to return.
 *
 * <p>A checkpoint is untrusted input: {@link #resume} checks every stored value against the networks
 * built from the configuration and environment before it uses it (see {@link ReinforceCheckpoint}).
 *
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning", Machine Learning 8, 229–256, 1992.
 *
 * @param <P> the type of the policy being trained
 * @since 0.1.0
 */
public final class Reinforce<P extends TrainablePolicy<float[], ?>> implements AutoCloseable {

  // the state that a checkpoint holds (ReinforceCheckpoint reads and writes it)
  final ReinforceConfig config;
  final int inputs;
  final Space<?> actionSpace;
  final P policy;
  final ReinforceUpdate<?> learner;
  final Progress progress = new Progress();

  final EpisodeCollector<?> collector;
  /** Collection and learning of one update, typed by the action type that {@code P} hides. */
  private final Run<?> run;
  private final TrainerGuard guard =
      new TrainerGuard("its threads stopped and its environments closed", "TrainingListener");
  private final AtomicBoolean stopRequested;

  private Reinforce(Run<?> run, P policy, ReinforceConfig config, AtomicBoolean stopRequested) {
    this.config = config;
    this.inputs = run.inputs;
    this.actionSpace = run.actionSpace;
    this.policy = policy;
    this.learner = run.learner;
    this.collector = run.collector;
    this.run = run;
    this.stopRequested = stopRequested;
  }

  /** A run of {@code policy} on the environments (one per rollout thread), checked to fit them. */
  static <A, P extends TrainablePolicy<float[], A>> Reinforce<P> of(
      List<? extends Environment<float[], A>> envs, P policy, ReinforceConfig config) {
    return of(envs, policy, config, null);
  }

  /** A run whose episodes are played by the backend, or by its own threads if it is {@code null}. */
  static <A, P extends TrainablePolicy<float[], A>> Reinforce<P> of(
      List<? extends Environment<float[], A>> envs, P policy, ReinforceConfig config, RolloutBackend<A> backend) {
    Objects.requireNonNull(config, "config");
    AtomicBoolean stop = new AtomicBoolean();
    return new Reinforce<>(new Run<>(envs, policy, config, stop, backend), policy, config, stop);
  }

  /** The MLP the configuration describes, for the environment's spaces. */
  static MlpPolicy mlp(Environment<float[], Integer> env, ReinforceConfig config) {
    return config.buildPolicy(EpisodeCollector.observationSize(env), EpisodeCollector.actionCount(env));
  }

  /** The parts of a run that know the action type: the collector, the record of the batch and the learner. */
  private static final class Run<A> {
    final int inputs;
    final Space<A> actionSpace;
    final EpisodeCollector<A> collector;
    final RecordedSteps<float[], A> batch;
    final ReinforceUpdate<A> learner;
    /** Where the episodes are played instead of the collector's threads, or {@code null}. */
    final RolloutBackend<A> backend;
    private final AtomicBoolean stop;

    Run(List<? extends Environment<float[], A>> envs, TrainablePolicy<float[], A> policy, ReinforceConfig config,
        AtomicBoolean stop, RolloutBackend<A> backend) {
      this.backend = backend;
      this.stop = stop;
      Environment<float[], A> env = envs.get(0);
      this.inputs = EpisodeCollector.observationSize(env);
      this.actionSpace = env.actionSpace();
      EpisodeCollector.requireFits(policy, env, inputs, config);
      this.batch = policy.newSteps();
      this.collector = new EpisodeCollector<>(envs, policy, config, inputs, stop::get);
      // the rollout threads are idle during the update: the policy may compute its parts on them
      this.learner = new ReinforceUpdate<>(config, policy, inputs, collector.threads());
    }

    /**
     * One update; false if a stop was requested before the batch was complete: collect a batch of
     * episodes, learn from it ({@link ReinforceUpdate#learn}), count and report.
     */
    boolean update(Progress progress) {
      long t0 = System.nanoTime();
      // the shortest prefix of episodes, in index order, that fills the batch: the same on any number of threads
      List<EpisodeCollector.Episode<A>> played =
          backend == null ? collector.collect(progress.episodes) : collectFromBackend(progress.episodes, progress.updates);
      if (played == null) {
        return false;
      }
      long collected = System.nanoTime();
      ReinforceUpdate.Result result = learner.learn(played, batch, progress.updates);
      progress.commit(played, batch.size(), result, t0, collected);
      return true;
    }

    /**
     * The batch from the backend: rounds of {@code batchEpisodes} episodes with the current parameters,
     * until, in index order, they fill the batch; its shortest prefix, as the collector's, or {@code null}
     * if a stop was requested before a round.
     */
    private List<EpisodeCollector.Episode<A>> collectFromBackend(long first, long update) {
      float[] parameters = learner.policy.parameters();
      List<EpisodeCollector.Episode<A>> out = new ArrayList<>();
      long played = 0;
      long next = first;
      while (out.size() < learner.config.batchEpisodes() || played < learner.config.batchSteps()) {
        if (stop.get()) {
          return null;
        }
        long to = next + learner.config.batchEpisodes();
        List<PlayedEpisode<A>> round = backend.play(update, next, to, parameters.clone());
        if (round == null || round.size() != to - next) {
          throw new IllegalStateException("the rollout backend " + backend + " returned " + (round == null ? "null"
              : round.size() + " episodes") + " for episodes [" + next + ", " + to + ") of update " + update
              + "; it must return one per index");
        }
        for (PlayedEpisode<A> ep : round) {
          if (ep.index() != next) {
            throw new IllegalStateException("the rollout backend " + backend + " returned episode " + ep.index()
                + " where episode " + next + " belongs (update " + update + "); episodes come in index order");
          }
          next++;
          if (out.size() < learner.config.batchEpisodes() || played < learner.config.batchSteps()) {
            out.add(ep.toEpisode(learner.policy));
            played += ep.length();
          }
        }
      }
      return out;
    }
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
    Objects.requireNonNull(env, "env");
    return of(List.of(env), mlp(env, config), config);
  }

  /**
   * A new training run of the caller's policy, in its current state. The configuration's network fields
   * ({@code hidden}, {@code activation}, {@code head}, {@code bias}, {@code outputScale}) are not used; a
   * value function, if the baseline is one, is built from them.
   *
   * @param <A> the action type
   * @param <P> the policy's type
   * @param env the environment, with a {@link Box} observation space and an action space the policy takes
   * @param policy the policy to train; the trainer changes its parameters
   * @param config the hyperparameters
   * @return the trainer
   * @throws IllegalArgumentException if the spaces do not fit, or the policy does not: it refuses an
   *     observation of the environment's length, its {@link io.github.pgrl.core.Categorical} has another
   *     number of actions than a {@link Discrete} space (its {@link io.github.pgrl.core.MultiCategorical}
   *     another {@code nvec} than a {@code MultiDiscrete} one), its most probable action does not have the
   *     shape of a {@link Box} space (or lies outside another kind of space), or it is not categorical while
   *     the configuration explores; or, on an environment with action masks, it is not a {@link
   *     io.github.pgrl.core.MaskablePolicy} or refuses masks, or the configuration explores
   */
  public static <A, P extends TrainablePolicy<float[], A>> Reinforce<P> create(
      Environment<float[], A> env, P policy, ReinforceConfig config) {
    return of(List.of(Objects.requireNonNull(env, "env")), Objects.requireNonNull(policy, "policy"), config);
  }

  /**
   * A new training run whose episodes are played by a backend (on a cluster, say) instead of the
   * trainer's threads; the learning is the same, and so are the results: bit-identical to {@link
   * #create(Environment, ReinforceConfig)}'s when the backend plays as {@link EpisodePlayer} does. Each
   * update asks the backend for rounds of {@link ReinforceConfig#batchEpisodes()} episodes, with the
   * current parameters, until the batch is full; {@link #close()} closes the backend too. A {@link
   * #requestStop()} takes effect before the next round, not within one. Checkpoints are written as by any
   * run, and {@link #resume(Path, Environment, ReinforceConfig, RolloutBackend)} continues them on a backend.
   *
   * @param env an environment of the kind the backend plays, for the spaces and the checks
   * @param config the hyperparameters
   * @param backend plays the episodes
   * @return the trainer
   * @throws IllegalArgumentException as {@link #create(Environment, ReinforceConfig)}
   */
  public static Reinforce<MlpPolicy> create(
      Environment<float[], Integer> env, ReinforceConfig config, RolloutBackend<Integer> backend) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(backend, "backend");
    return of(List.of(env), mlp(env, config), config, backend);
  }

  /**
   * A new training run that plays episodes on {@code threads} threads, each with its own environment
   * from the factory, with results bit-identical to a run on one thread: episode {@code e} is played with
   * the seeds of index {@code e} whichever thread plays it, and a batch is always the first episodes (in
   * index order) that fill it. The {@link io.github.pgrl.core.RewardShaper} is then called from several
   * threads at once, so it must be stateless or thread-safe (the bundled ones are).
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
    List<Environment<float[], Integer>> envs = EpisodeCollector.environments(environments, threads);
    return of(envs, mlp(envs.get(0), config), config);
  }

  /**
   * A new training run of the caller's policy on {@code threads} rollout threads, which act through its
   * {@link TrainablePolicy#sharer() sharers}; the results do not depend on the number of threads.
   *
   * @param <A> the action type
   * @param <P> the policy's type
   * @param environments makes one environment per thread
   * @param policy the policy to train
   * @param config the hyperparameters
   * @param threads the number of rollout threads, at least 1
   * @return the trainer; {@link #close()} it to stop its threads
   * @throws IllegalArgumentException as {@link #create(Environment, TrainablePolicy, ReinforceConfig)}, or
   *     if {@code threads < 1}
   */
  public static <A, P extends TrainablePolicy<float[], A>> Reinforce<P> create(
      Supplier<? extends Environment<float[], A>> environments, P policy, ReinforceConfig config, int threads) {
    Objects.requireNonNull(policy, "policy");
    return of(EpisodeCollector.environments(environments, threads), policy, config);
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
    Objects.requireNonNull(env, "env");
    return ReinforceCheckpoint.resume(checkpoint, List.of(env), mlp(env, config), config);
  }

  /**
   * Continues a training run from a checkpoint written by {@link #save(Path)}, with its episodes played
   * by a backend, as {@link #create(Environment, ReinforceConfig, RolloutBackend)} plays them; a checkpoint
   * of a local run continues on a backend, and the other way round, bit for bit.
   *
   * @param checkpoint the checkpoint file (or its rotated copies)
   * @param env an environment of the kind the backend plays, for the spaces and the checks
   * @param config the run's configuration
   * @param backend plays the episodes
   * @return the trainer, in the state of the checkpoint
   * @throws CheckpointException as {@link #resume(Path, Environment, ReinforceConfig)}
   * @throws IllegalArgumentException if the configuration differs from the stored one
   */
  public static Reinforce<MlpPolicy> resume(
      Path checkpoint, Environment<float[], Integer> env, ReinforceConfig config, RolloutBackend<Integer> backend) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(backend, "backend");
    return ReinforceCheckpoint.resume(checkpoint, List.of(env), mlp(env, config), config, backend);
  }

  /**
   * Continues a training run of the caller's policy from a checkpoint on one thread, as {@link
   * #resume(Path, Supplier, TrainablePolicy, ReinforceConfig, int)} does.
   *
   * @param <A> the action type
   * @param <P> the policy's type
   * @param checkpoint the checkpoint file (or its rotated copies)
   * @param env the environment (a new instance of the same kind)
   * @param policy a policy of the class that was trained, whose state is replaced by the stored one
   * @param config the run's configuration
   * @return the trainer, in the state of the checkpoint
   * @throws CheckpointException as {@link #resume(Path, Supplier, TrainablePolicy, ReinforceConfig, int)}
   * @throws IllegalArgumentException if the configuration differs from the stored one
   */
  public static <A, P extends TrainablePolicy<float[], A>> Reinforce<P> resume(
      Path checkpoint, Environment<float[], A> env, P policy, ReinforceConfig config) {
    return ReinforceCheckpoint.resume(
        checkpoint, List.of(Objects.requireNonNull(env, "env")), Objects.requireNonNull(policy, "policy"), config);
  }

  /**
   * Continues a training run from a checkpoint on {@code threads} rollout threads (any number: the
   * results do not depend on it).
   *
   * @param checkpoint the checkpoint file (or its rotated copies)
   * @param environments makes one environment per thread; they are closed if the run cannot be resumed
   * @param config the run's configuration
   * @param threads the number of rollout threads, at least 1
   * @return the trainer, in the state of the checkpoint
   * @throws CheckpointException as {@link #resume(Path, Environment, ReinforceConfig)}
   * @throws IllegalArgumentException if the configuration differs from the stored one, or {@code threads < 1}
   */
  public static Reinforce<MlpPolicy> resume(
      Path checkpoint, Supplier<? extends Environment<float[], Integer>> environments, ReinforceConfig config, int threads) {
    return resumeOn(checkpoint, EpisodeCollector.environments(environments, threads), envs -> mlp(envs.get(0), config),
        config);
  }

  /**
   * Continues a training run of the caller's policy from a checkpoint, as {@link #resume(Path, Supplier,
   * ReinforceConfig, int)} does: the policy's state is read back with {@link TrainablePolicy#readState}.
   *
   * @param <A> the action type
   * @param <P> the policy's type
   * @param checkpoint the checkpoint file (or its rotated copies)
   * @param environments makes one environment per thread; they are closed if the run cannot be resumed
   * @param policy a policy of the kind that was trained, whose state is replaced by the stored one
   * @param config the run's configuration
   * @param threads the number of rollout threads, at least 1
   * @return the trainer, in the state of the checkpoint
   * @throws CheckpointException as {@link #resume(Path, Environment, ReinforceConfig)}, also if the stored
   *     policy state does not fit the policy
   * @throws IllegalArgumentException if the configuration differs from the stored one, or {@code threads < 1}
   */
  public static <A, P extends TrainablePolicy<float[], A>> Reinforce<P> resume(Path checkpoint,
      Supplier<? extends Environment<float[], A>> environments, P policy, ReinforceConfig config, int threads) {
    Objects.requireNonNull(policy, "policy");
    return resumeOn(checkpoint, EpisodeCollector.environments(environments, threads), envs -> policy, config);
  }

  /** Resumes a run on environments of the caller's factory, closing them if it cannot be resumed. */
  private static <A, P extends TrainablePolicy<float[], A>> Reinforce<P> resumeOn(Path checkpoint,
      List<Environment<float[], A>> envs, Function<List<Environment<float[], A>>, P> policy, ReinforceConfig config) {
    try {
      return ReinforceCheckpoint.resume(checkpoint, envs, policy.apply(envs), config);
    } catch (RuntimeException e) {
      envs.forEach(Environment::close);
      throw e;
    }
  }

  /**
   * Writes the whole training state atomically, as {@link #save(Path, int) save(file, 1)}: one file.
   *
   * @param file the checkpoint file; its folder must exist
   * @throws java.io.UncheckedIOException if it cannot be written; an earlier file of that name is then
   *     unchanged
   * @throws IllegalStateException if {@link #train} is running on another thread
   */
  public void save(Path file) {
    save(file, 1);
  }

  /**
   * Writes the whole training state atomically (parameters, optimizer states, the value function, the
   * baseline, counters, the master seed and the configuration: every later generator derives from the
   * seed and the episode counter), keeping the {@code keep − 1} previous checkpoints as {@code file.1},
   * {@code file.2}, … ({@link CheckpointFile#writeRotating}), to which {@link #resume} falls back if the
   * newest is damaged. While {@link #train} runs, only its thread may save (a {@link TrainingListener},
   * whose {@code onUpdate} sees the state of a complete update).
   *
   * @param file the checkpoint file; its folder must exist
   * @param keep how many checkpoints to keep, at least 1
   * @throws IllegalArgumentException if {@code keep < 1}
   * @throws java.io.UncheckedIOException if it cannot be written; the files are then unchanged
   * @throws IllegalStateException if {@link #train} runs on another thread (stop it with {@link #requestStop()})
   */
  public void save(Path file, int keep) {
    guard.outsideTraining("save", () -> ReinforceCheckpoint.of(this).writeRotating(file, keep));
  }

  /**
   * Adds a listener for episode and update metrics.
   *
   * @param listener the listener
   * @return this trainer
   */
  public Reinforce<P> addListener(TrainingListener listener) {
    progress.listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Asks a running {@link #train} to stop after the current episode, dropping its unfinished batch. Safe
   * to call from any thread (a shutdown hook, a UI, a signal handler). The request holds until a {@code
   * train} call returns: made while none runs, it makes the next {@code train} return at once, with no
   * update and {@link TrainingSummary#stopped()} true.
   */
  public void requestStop() {
    stopRequested.set(true);
  }

  /**
   * Trains until the budget is used up or a stop is requested ({@link #requestStop()}, which every return
   * of this call clears). A trainer trains on one thread at a time.
   *
   * @param budget the limits of this call
   * @return what was done
   * @throws IllegalStateException if the environment gives a null step, a non-finite reward or observation,
   *     or the gradient is not finite (the parameters are those of the last good update); if this trainer
   *     was closed; or if training is already running on another thread (which goes on unharmed)
   */
  public TrainingSummary train(Budget budget) {
    Objects.requireNonNull(budget, "budget");
    guard.claim();
    try {
      long startNanos = System.nanoTime();
      Progress p = progress;
      long e0 = p.episodes;
      long s0 = p.steps;
      long u0 = p.updates;
      boolean stopped = false;
      while (!budget.reached(p.episodes - e0, p.steps - s0, p.updates - u0, System.nanoTime() - startNanos)) {
        guard.requireOpen();
        if (!run.update(progress)) {
          stopped = true;
          break;
        }
      }
      return new TrainingSummary(p.episodes - e0, p.steps - s0, p.updates - u0,
          Duration.ofNanos(System.nanoTime() - startNanos), p.runningScore, stopped);
    } finally {
      // the stop request, if any, has been served
      stopRequested.set(false);
      guard.release();
    }
  }

  /**
   * Stops the rollout threads and closes the environments; {@link #train} is refused afterwards. Closing
   * again does nothing.
   *
   * <p>While {@link #train} runs, only its thread may close the trainer (from a {@link TrainingListener};
   * that call then ends with an {@link IllegalStateException} before its next update).
   *
   * @throws IllegalStateException if {@link #train} runs on another thread (stop it with {@link #requestStop()})
   */
  @Override
  public void close() {
    guard.closeOnce(() -> {
      try {
        collector.close();
      } finally {
        if (run.backend != null) {
          run.backend.close();
        }
      }
    });
  }

  /** {@return the policy being trained} Its parameters change with every update. */
  public P policy() {
    return policy;
  }

  /** {@return the value function, when the baseline is one, or empty} */
  public Optional<ValueFunction> valueFunction() {
    return Optional.ofNullable(learner.valueFunction);
  }

  /** {@return the configuration} */
  public ReinforceConfig config() {
    return config;
  }

  /** {@return the episodes played in complete batches since training began} */
  public long episodes() {
    return progress.episodes;
  }

  /** {@return the environment steps in complete batches since training began} */
  public long steps() {
    return progress.steps;
  }

  /** {@return the updates since training began} */
  public long updates() {
    return progress.updates;
  }

  /** {@return the running score, {@code 0.99·previous + 0.01·score} per episode; NaN before the first} */
  public double runningScore() {
    return progress.runningScore;
  }
}
