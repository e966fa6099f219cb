package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.ActionDistribution;
import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.MaskablePolicy;
import io.github.pgrl.core.MultiCategorical;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.Trajectory;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.Fits;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.space.MultiDiscrete;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.core.util.Tasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Plays the episodes of REINFORCE's batches: on one thread, or on one thread per environment, each
 * taking the next episode index as soon as it is free. Episode {@code e} resets its environment with
 * {@code Seeds.derive(seed, e, ENVIRONMENT)} and samples with {@code Seeds.generator(seed, e, ACTIONS)},
 * whichever thread plays it, so a batch is the same whatever the number of threads.
 *
 * <p>The rollout threads read the trainer's parameters in place ({@link TrainablePolicy#sharer()}): they
 * play only between updates, never while an update changes them. Every step is recorded in the policy's
 * own record ({@link TrainablePolicy#observe}), with one forward pass. Environments that say where their
 * observations may be non-zero ({@link SparseObservations}) have only those values read, when the
 * policy's record is the MLP's (the engine's {@link Batch}, which takes the hint). Every observation,
 * reward and step the environment returns is checked, and a bad one stops training with an {@link
 * IllegalStateException} that names the environment, the episode and the step.
 *
 * <p>An environment with {@link ActionMasks} is asked for its mask before every action; the mask is
 * checked (one flag per action, one valid at least) and handed to the policy, a {@link MaskablePolicy},
 * which records it with the step; the action drawn is checked to be valid before it is played.
 */
final class EpisodeCollector<A> implements AutoCloseable {

  private final ReinforceConfig config;
  private final RewardShaper<float[], A> shaper;
  private final int inputs;
  private final List<Worker> workers = new ArrayList<>();
  private final ExecutorService pool;
  private final BooleanSupplier stop;

  /**
   * @param envs one environment per rollout thread, all with the spaces of the first
   * @param policy the trainer's policy; threads other than the caller's read it through sharers
   * @param stop whether a stop was requested: checked before each episode is started
   * @throws IllegalArgumentException if the environments' spaces differ
   */
  @SuppressWarnings("unchecked")
  EpisodeCollector(List<? extends Environment<float[], A>> envs, TrainablePolicy<float[], A> policy,
      ReinforceConfig config, int inputs, BooleanSupplier stop) {
    this.config = config;
    // the configuration holds a shaper of any action type; one of another type than A fails in shape(), reported there
    this.shaper = (RewardShaper<float[], A>) config.shaper();
    this.inputs = inputs;
    this.stop = stop;
    Environment<float[], A> first = envs.get(0);
    for (int i = 0; i < envs.size(); i++) {
      Environment<float[], A> e = envs.get(i);
      if (!first.observationSpace().equals(e.observationSpace()) || !first.actionSpace().equals(e.actionSpace())) {
        throw new IllegalArgumentException("every environment of a run needs the same spaces; environment " + i
            + " has " + e.observationSpace() + " and " + e.actionSpace() + ", the first " + first.observationSpace()
            + " and " + first.actionSpace());
      }
      // rollouts only read the parameters, and never while the update changes them: no copies needed
      workers.add(new Worker(e, envs.size() == 1 ? policy : policy.sharer()));
    }
    this.pool = envs.size() == 1 ? null : Executors.newFixedThreadPool(envs.size(), r -> {
      Thread t = new Thread(r, "pgrl-rollout");
      t.setDaemon(true);
      return t;
    });
  }

  /** The length of the environment's observations, which REINFORCE needs from a {@link Box} space. */
  static int observationSize(Environment<float[], ?> env) {
    return Fits.observationSize("REINFORCE", env.observationSpace(), env);
  }

  /** The number of actions of a {@link Discrete} action space, which the configuration's MLP needs. */
  static int actionCount(Environment<float[], ?> env) {
    return Fits.actionCount(env.actionSpace(), env);
  }

  /** Refuses a policy that does not fit the environment ({@link Fits#requireFits}). */
  static <A> void requireFits(TrainablePolicy<float[], A> policy, Environment<float[], A> env, int inputs,
      ReinforceConfig config) {
    Fits.requireFits(policy, env.observationSpace(), env.actionSpace(), ActionMasks.of(env) != null, env, inputs,
        config.exploration());
  }

  /** One environment per rollout thread from the factory. */
  static <A> List<Environment<float[], A>> environments(
      java.util.function.Supplier<? extends Environment<float[], A>> factory, int threads) {
    java.util.Objects.requireNonNull(factory, "environments");
    if (threads < 1) {
      throw new IllegalArgumentException("a run needs at least 1 rollout thread, got " + threads);
    }
    List<Environment<float[], A>> envs = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      envs.add(java.util.Objects.requireNonNull(factory.get(), "the environment factory returned null"));
    }
    return envs;
  }

  /** The rollout threads, idle during an update, or {@code null} with one environment. */
  Executor threads() {
    return pool;
  }

  /** The first environment, for messages. */
  String environmentName() {
    return String.valueOf(workers.get(0).env);
  }

  /** Stops the rollout threads, leaving the environments open. */
  void stopThreads() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Stops the rollout threads and closes the environments. */
  @Override
  public void close() {
    stopThreads();
    for (Worker w : workers) {
      w.env.close();
    }
  }

  /**
   * One episode as played: its trajectory (of shaped rewards), its recorded steps, its last observation
   * (for a value function's bootstrap), its raw score and shaped return, and its info totals.
   */
  record Episode<A>(
      Trajectory<A> trajectory, RecordedSteps<float[], A> steps, float[] last, double score, double shapedReturn, Map<String, Double> info) {}

  /** Plays episode {@code index} on the first environment, whatever the number of threads. */
  Episode<A> playOne(long index) {
    return workers.get(0).play(index);
  }

  /**
   * Plays episodes {@code first, first + 1, …} until, in index order, they fill a batch, and returns that
   * shortest prefix; {@code null} if a stop was requested first. With several workers each takes the next
   * index as soon as it is free, so no worker waits for another's longer episode; an episode played
   * beyond the prefix (possible only with a step budget per batch) is discarded.
   */
  List<Episode<A>> collect(long first) {
    if (pool == null) {
      List<Episode<A>> out = new ArrayList<>();
      long played = 0;
      while (out.size() < config.batchEpisodes() || played < config.batchSteps()) {
        if (stop.getAsBoolean()) {
          return null;
        }
        Episode<A> ep = workers.get(0).play(first + out.size());
        out.add(ep);
        played += ep.trajectory.length();
      }
      return out;
    }
    Rollouts collection = new Rollouts(first);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (Worker w : workers) {
      tasks.add(() -> {
        for (long k = collection.claim(); k >= 0; k = collection.claim()) {
          try {
            collection.finish(k, w.play(k));
          } catch (RuntimeException | Error e) {
            collection.fail();
            throw e;
          }
        }
        return null;
      });
    }
    Tasks.runAll(pool, tasks, "playing episodes");
    return collection.prefix();
  }

  /** The episodes of one batch being played by several workers. */
  private final class Rollouts {
    private final long first;
    private final List<Episode<A>> done = new ArrayList<>();
    private long next;
    /** The number of episodes finished in a row from {@code first}, and their steps. */
    private int contiguous;
    private long contiguousSteps;
    private boolean failed;

    Rollouts(long first) {
      this.first = first;
      this.next = first;
    }

    /** The next episode index to play, or −1 when the batch is full, cannot need more, or must stop. */
    synchronized long claim() {
      boolean full = contiguous >= config.batchEpisodes() && contiguousSteps >= config.batchSteps();
      boolean enough = config.batchSteps() == 0 && next - first >= config.batchEpisodes();
      if (failed || stop.getAsBoolean() || full || enough) {
        return -1;
      }
      done.add(null);
      return next++;
    }

    synchronized void finish(long index, Episode<A> ep) {
      done.set((int) (index - first), ep);
      while (contiguous < done.size() && done.get(contiguous) != null) {
        contiguousSteps += done.get(contiguous).trajectory.length();
        contiguous++;
      }
    }

    synchronized void fail() {
      failed = true;
    }

    /** The shortest prefix that fills the batch, or {@code null} if it was not reached. */
    synchronized List<Episode<A>> prefix() {
      List<Episode<A>> out = new ArrayList<>();
      long played = 0;
      for (int i = 0; i < contiguous; i++) {
        if (out.size() >= config.batchEpisodes() && played >= config.batchSteps()) {
          break;
        }
        out.add(done.get(i));
        played += done.get(i).trajectory.length();
      }
      return out.size() >= config.batchEpisodes() && played >= config.batchSteps() ? out : null;
    }
  }

  /** One rollout thread's environment, policy copy and buffers. */
  private final class Worker {
    private final Environment<float[], A> env;
    private final TrainablePolicy<float[], A> policy;
    /** Where the environment's observations may be non-zero, if it can say ({@link SparseObservations}). */
    private final SparseObservations sparse;
    private final int[] nonZero;
    /** The environment's masks and the policy that applies them, or {@code null} without masks. */
    private final ActionMasks masks;
    private final MaskablePolicy<float[]> maskable;
    /** The number of actions, with masks. */
    private final int actions;

    @SuppressWarnings("unchecked")
    Worker(Environment<float[], A> env, TrainablePolicy<float[], A> policy) {
      this.env = env;
      this.policy = policy;
      this.sparse = env instanceof SparseObservations s ? s : null;
      this.nonZero = sparse != null ? new int[inputs] : null;
      this.masks = ActionMasks.of(env);
      // requireFits made sure: with masks, A is Integer and the policy a MaskablePolicy
      this.maskable = masks != null ? (MaskablePolicy<float[]>) policy : null;
      this.actions = masks != null ? ((Discrete) env.actionSpace()).n() : 0;
    }

    /** One forward pass on the observation, masked when the environment has masks. */
    @SuppressWarnings("unchecked")
    private ActionDistribution<A> observe(float[] obs, RecordedSteps<float[], A> steps, boolean[] valid) {
      return valid == null ? policy.observe(obs, steps)
          : (ActionDistribution<A>) maskable.observe(obs, valid, (RecordedSteps<float[], Integer>) steps);
    }

    /** The environment's mask for step {@code t}, checked; {@code null} without masks. */
    private boolean[] validActions(long index, int t) {
      if (masks == null) {
        return null;
      }
      boolean[] valid;
      try {
        valid = masks.validActions();
        ActionMasks.requireValid(valid, actions);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("the environment " + env + " gave a bad action mask at step " + t
            + " of episode " + index + ": " + e.getMessage(), e);
      }
      return valid;
    }

    Episode<A> play(long index) {
      policy.reset();
      RecordedSteps<float[], A> steps = policy.newSteps();
      Batch sparseSteps = sparse != null && steps instanceof Batch b ? b : null;
      SplittableRandom rng = Seeds.generator(config.seed(), index, Seeds.ACTIONS);
      float[] obs = checkLength(env, env.reset(Seeds.derive(config.seed(), index, Seeds.ENVIRONMENT)), index, 0);
      Trajectory.Builder<A> tb = Trajectory.builder();
      A previous = null;
      double score = 0;
      double shaped = 0;
      Map<String, Double> info = new java.util.HashMap<>();
      while (true) {
        int t = tb.length();
        boolean[] valid = validActions(index, t);
        ActionDistribution<A> distribution;
        try {
          // one forward pass, recorded in the policy's own record (the MLP's reads the observation once,
          // only where it may be non-zero if the environment says, checks it and keeps the activations)
          if (sparseSteps != null) {
            sparseSteps.hintNonZeros(nonZero, sparse.nonZeroIndices(nonZero));
          }
          distribution = observe(obs, steps, valid);
        } catch (IllegalArgumentException e) {
          checkObservation(env, obs, index, t);
          if (sparse != null) {
            throw new IllegalStateException("the environment " + env + " at step " + t + " of episode " + index
                + " broke the SparseObservations contract or returned a bad observation: " + e.getMessage(), e);
          }
          throw e;
        }
        A action;
        try {
          action = config.exploration().choose(distribution, previous, rng);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("at step " + t + " of episode " + index + " the policy gave no probability"
              + " distribution for the observation of " + env + " (values too large for the network?): "
              + e.getMessage(), e);
        }
        if (valid != null && !valid[(Integer) action]) {
          throw new IllegalStateException("the policy " + policy + " chose the action " + action + " at step " + t
              + " of episode " + index + ", which the mask of " + env + " marks invalid; a MaskablePolicy must"
              + " give invalid actions probability 0");
        }
        steps.complete(action, previous);
        Step<float[]> step = env.step(copyForEnvironment(action));
        if (step == null) {
          throw new IllegalStateException("the environment " + env + " returned null from step("
              + env.actionSpace().describe(action) + ") at step "
              + t + " of episode " + index + "; step must return a Step");
        }
        if (!Double.isFinite(step.reward())) {
          throw new IllegalStateException(
              "the environment " + env + " returned the reward " + step.reward() + " at step " + t + " of episode "
                  + index + "; rewards must be finite");
        }
        float[] next = checkLength(env, step.observation(), index, t + 1);
        double r = shape(obs, action, step);
        if (!Double.isFinite(r)) {
          throw new IllegalStateException("the reward shaper " + shaper + " returned " + r + " at step " + t
              + " of episode " + index + "; shaped rewards must be finite");
        }
        tb.add(action, r);
        if (!step.info().isEmpty()) {
          for (Map.Entry<String, Object> e : step.info().entrySet()) {
            if (e.getValue() instanceof Number num) {
              info.merge(e.getKey(), num.doubleValue(), Double::sum);
            }
          }
        }
        score += step.reward();
        shaped += r;
        previous = action;
        obs = next;
        if (step.terminated() || step.truncated()) {
          // the last observation is not played, but a value function may read it
          checkObservation(env, obs, index, t + 1);
          return new Episode(step.terminated() ? tb.terminated() : tb.truncated(0.0), steps, obs.clone(), score, shaped,
              info);
        }
      }
    }
  }

  /**
   * The action for {@code env.step}: a copy if it is an array, so that an environment that changes it in
   * place (clipping it, say) does not change the action the steps, the trajectory and the shaper hold.
   */
  @SuppressWarnings("unchecked")
  private static <A> A copyForEnvironment(A action) {
    if (action instanceof float[] a) {
      return (A) a.clone();
    }
    if (action instanceof int[] a) {
      return (A) a.clone();
    }
    if (action instanceof double[] a) {
      return (A) a.clone();
    }
    return action;
  }

  /**
   * The shaped reward; a shaper written for another action type is reported by name, with the original
   * exception's message, since a ClassCastException may also come from a bug inside the shaper.
   */
  private double shape(float[] obs, A action, Step<float[]> step) {
    try {
      return shaper.shape(obs, action, step);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("the reward shaper " + shaper.describe() + " threw a ClassCastException on an"
          + " action of type " + action.getClass().getSimpleName() + " (the environment's action space is "
          + workers.get(0).env.actionSpace() + "): a shaper must take the environment's action type (the"
          + " exception's message: " + e.getMessage() + ")", e);
    }
  }

  private float[] checkLength(Environment<float[], A> env, float[] obs, long episode, int step) {
    if (obs == null || obs.length != inputs) {
      throw new IllegalStateException("the environment " + env + " returned an observation of "
          + (obs == null ? "null" : obs.length + " values") + " at step " + step + " of episode " + episode
          + "; its observation space has " + inputs);
    }
    return obs;
  }

  private float[] checkObservation(Environment<float[], A> env, float[] obs, long episode, int step) {
    checkLength(env, obs, episode, step);
    for (int i = 0; i < obs.length; i++) {
      if (!Float.isFinite(obs[i])) {
        throw new IllegalStateException("the environment " + env + " returned an observation with " + obs[i]
            + " at index " + i + ", step " + step + " of episode " + episode + "; observations must be finite");
      }
    }
    return obs;
  }
}
