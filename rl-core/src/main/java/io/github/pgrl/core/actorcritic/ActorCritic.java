package io.github.pgrl.core.actorcritic;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.SharedValuePolicy;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicy.Evaluation;
import io.github.pgrl.core.TrainablePolicy.LogMuDerivative;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.ValueTargets;
import io.github.pgrl.core.credit.Gae;
import io.github.pgrl.core.internal.Fits;
import io.github.pgrl.core.internal.TrainerGuard;
import io.github.pgrl.core.normalize.ObservationNormalizer;
import io.github.pgrl.core.normalize.RewardNormalizer;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.Optimizer;
import io.github.pgrl.core.policy.ValueFunction;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.core.vector.VectorEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains a {@link TrainablePolicy} with an actor-critic method, {@link Algorithm#PPO} (Schulman et al.
 * 2017) or {@link Algorithm#A2C} (Mnih et al. 2016), on the copies of a {@link VectorEnvironment}: any
 * policy that the policy gradient trains (categorical, Bernoulli, Gaussian, multi-discrete, masked,
 * convolutional, a user's own), with a value function of its own as the critic, or, with {@link
 * ActorCriticConfig#sharedNetwork()}, one network for both: a {@link SharedValuePolicy} whose value output is
 * the critic, trained with one combined gradient, one optimizer and one gradient-norm clip.
 *
 * <p>One update, as {@link #train} does it: <b>collect</b> a rollout of {@link
 * ActorCriticConfig#rolloutSteps()} lockstep steps of every copy, copies resetting as their episodes end,
 * every reward <b>shaped</b> as it is played (scores stay raw); <b>assign credit</b> with GAE(γ, λ)
 * (Schulman et al. 2016), bootstrapping truncated episodes with V of their final observation and
 * terminated ones with 0; then, for PPO, several epochs of shuffled minibatches, each a gradient step of the
 * clipped surrogate ({@link PpoLoss}) plus the entropy bonus and a step of the value function on the
 * λ-returns; for A2C one step on the whole rollout ({@link A2cLoss}). Each network's gradient is clipped
 * to {@link ActorCriticConfig#maxGradientNorm()}; the learning rates and ε follow their {@link Schedule}s. A
 * shared network takes one step of the combined loss {@code L_policy − β·H + c_v·L_value} per minibatch
 * instead, its whole gradient clipped to that norm.
 *
 * <p>With {@link ActorCriticConfig#normalizeObservations()}, the networks see observations normalised by
 * running statistics ({@link ObservationNormalizer}), which are updated with a rollout's observations after
 * its update (SB3's {@code VecNormalize} updates them at every step; holding them for a rollout keeps a
 * rollout's log-probabilities and values consistent with its learning). With {@link
 * ActorCriticConfig#normalizeRewards()}, the rewards learned from are divided by the running deviation of
 * the discounted return ({@link RewardNormalizer}). Both statistics are part of the checkpoint; {@link
 * #observationNormalizer()} gives the frozen ones for evaluation.
 *
 * <p>Reproducible: the same configuration, seed and environments give bit-identical parameters and
 * scores, whatever the vector environment's threads or {@link ActorCriticConfig#threads()}. {@link
 * #save(Path)} after any update and {@link #resume} continue exactly as if the run had never stopped when
 * the environments are {@link io.github.pgrl.core.Restorable}; otherwise the resumed run starts fresh
 * episodes ({@link #resumedExactly()} tells which, and a warning is logged).
 *
 * <p>Observations must be {@code float[]} of a {@link Box} space. The trainer does not own the vector
 * environment: close it after the trainer. Non-finite rewards or observations, and a gradient that is not
 * finite, stop training with an {@link IllegalStateException} before the parameters change. A trainer
 * trains on one thread at a time; another thread calls {@link #requestStop()}, which takes effect after the
 * current update.
 *
 * @param <P> the type of the policy being trained
 * @since 0.1.0
 */
public final class ActorCritic<P extends TrainablePolicy<float[], ?>> implements AutoCloseable {

  private static final double RUNNING_DECAY = 0.99;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ActorCritic.class);

  final ActorCriticConfig config;
  final P policy;
  /** The critic of its own, or {@code null} with a shared network. */
  final ValueFunction critic;
  final Optimizer optimizer;
  /** The critic's optimizer, or {@code null} with a shared network. */
  final Optimizer valueOptimizer;
  final Run<?> run;
  final int inputs;
  /** The running statistics of the observations, or {@code null} without normalisation. */
  final ObservationNormalizer observationNormalizer;
  /** The running statistics of the discounted returns, or {@code null} without reward normalisation. */
  final RewardNormalizer rewardNormalizer;
  long updates;
  long steps;
  long episodes;
  double runningScore = Double.NaN;
  boolean resumedExactly = true;

  private final List<ActorCriticListener> listeners = new CopyOnWriteArrayList<>();
  private final TrainerGuard guard = new TrainerGuard("its threads stopped; the vector environment stays open",
      "ActorCriticListener");
  /** Why an update failed, after which the state is no longer that of an update; {@code null} if none did. */
  private String failure;
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final ExecutorService pool;

  private <A> ActorCritic(VectorEnvironment<float[], A> envs, P policy, ActorCriticConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.policy = policy;
    this.inputs = Fits.observationSize(config.algorithm().name(), envs.observationSpace(), envs);
    @SuppressWarnings("unchecked")
    TrainablePolicy<float[], A> typed = (TrainablePolicy<float[], A>) policy;
    Fits.requireFits(typed, envs.observationSpace(), envs.actionSpace(), envs.hasActionMasks(), envs, inputs,
        config.exploration());
    long size = (long) envs.size() * config.rolloutSteps();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a rollout of " + config.rolloutSteps() + " steps of " + envs.size()
          + " copies has " + size + " steps; at most " + (Integer.MAX_VALUE - 8) + " fit in a buffer");
    }
    if (config.sharedNetwork()) {
      if (!(policy instanceof SharedValuePolicy<?, ?> shared && shared.hasValueOutput())) {
        throw new IllegalArgumentException("sharedNetwork needs a policy whose network also outputs V(s), a"
            + " SharedValuePolicy with a value output (such as MlpPolicy built with valueOutput(true)); got " + policy);
      }
      this.critic = null;
      this.valueOptimizer = null;
    } else {
      this.critic = ValueFunction.of(inputs, config.valueHidden(), config.activation(),
          Seeds.generator(config.seed(), 1, Seeds.INITIALISATION));
      this.valueOptimizer = Optimizer.of(config.valueOptimizer(), critic.parameterCount());
    }
    this.optimizer = Optimizer.of(config.optimizer(), policy.parameterCount());
    this.pool = config.threads() > 1 ? Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(r, "pgrl-actor-critic");
      t.setDaemon(true);
      return t;
    }) : null;
    this.observationNormalizer = config.normalizeObservations()
        ? ObservationNormalizer.of(inputs, config.normalizationClip()) : null;
    this.rewardNormalizer = config.normalizeRewards()
        ? RewardNormalizer.of(envs.size(), config.gamma(), config.normalizationClip()) : null;
    this.run = new Run<>(envs, typed);
    if (observationNormalizer != null) {
      run.collector.view = observationNormalizer::normalize;
    }
  }

  /**
   * A new run of the policy the configuration describes: an {@link MlpPolicy} with a softmax head (masked
   * where the environments have masks) and {@link ActorCriticConfig#hidden()} layers, its output layer
   * initialised 100 times smaller so that the first policy is near uniform (as SB3's orthogonal 0.01 gain);
   * with {@link ActorCriticConfig#sharedNetwork()} also a value output, initialised unscaled.
   *
   * @param envs the environment copies, with a {@link Box} observation space and a {@link Discrete} action space
   * @param config the hyperparameters
   * @return the trainer, its copies reset with the configuration's seed
   * @throws IllegalArgumentException if the spaces do not fit
   */
  public static ActorCritic<MlpPolicy> create(VectorEnvironment<float[], Integer> envs, ActorCriticConfig config) {
    Objects.requireNonNull(envs, "envs");
    Objects.requireNonNull(config, "config");
    int inputs = Fits.observationSize(config.algorithm().name(), envs.observationSpace(), envs);
    MlpPolicy policy = MlpPolicy.builder(inputs, Fits.actionCount(envs.actionSpace(), envs)).hidden(config.hidden())
        .activation(config.activation()).outputScale(0.01).valueOutput(config.sharedNetwork())
        .build(Seeds.generator(config.seed(), 0, Seeds.INITIALISATION));
    return create(envs, policy, config);
  }

  /**
   * A new run of the caller's policy, in its current state; the configuration's {@code hidden} is not used.
   *
   * @param <A> the action type
   * @param <P> the policy's type
   * @param envs the environment copies, with a {@link Box} observation space and an action space the policy
   *     takes
   * @param policy the policy to train; the trainer changes its parameters
   * @param config the hyperparameters
   * @return the trainer, its copies reset with the configuration's seed
   * @throws IllegalArgumentException if the policy does not fit the environments (as {@link
   *     io.github.pgrl.core.reinforce.Reinforce#create(io.github.pgrl.core.Environment, TrainablePolicy,
   *     io.github.pgrl.core.reinforce.ReinforceConfig) REINFORCE} checks), or the configuration has {@link
   *     ActorCriticConfig#sharedNetwork()} and the policy is no {@link SharedValuePolicy} with a value output
   */
  public static <A, P extends TrainablePolicy<float[], A>> ActorCritic<P> create(VectorEnvironment<float[], A> envs,
      P policy, ActorCriticConfig config) {
    ActorCritic<P> ac = new ActorCritic<>(Objects.requireNonNull(envs, "envs"), Objects.requireNonNull(policy, "policy"),
        config);
    ac.run.collector.start();
    return ac;
  }

  /**
   * Continues a saved run of the configuration's MLP ({@link #create(VectorEnvironment, ActorCriticConfig)}).
   *
   * @param checkpoint a file written by {@link #save(Path)}
   * @param envs environment copies built as the saved run's were
   * @param config the saved run's configuration
   * @return the trainer, exactly where the saved one stopped if the environments are restorable
   * @throws io.github.pgrl.core.checkpoint.CheckpointException if the file is unreadable, damaged, of another
   *     run (configuration, spaces, copies) or holds values that do not fit
   */
  public static ActorCritic<MlpPolicy> resume(Path checkpoint, VectorEnvironment<float[], Integer> envs,
      ActorCriticConfig config) {
    ActorCritic<MlpPolicy> ac = create(envs, config);
    ActorCriticCheckpoint.read(ac, checkpoint);
    return ac;
  }

  /**
   * Continues a saved run of the caller's policy, built as the saved run's was.
   *
   * @param <A> the action type
   * @param <P> the policy's type
   * @param checkpoint a file written by {@link #save(Path)}
   * @param envs environment copies built as the saved run's were
   * @param policy a policy of the saved run's architecture; its parameters are replaced
   * @param config the saved run's configuration
   * @return the trainer
   * @throws io.github.pgrl.core.checkpoint.CheckpointException as {@link #resume(Path, VectorEnvironment,
   *     ActorCriticConfig)}
   */
  public static <A, P extends TrainablePolicy<float[], A>> ActorCritic<P> resume(Path checkpoint,
      VectorEnvironment<float[], A> envs, P policy, ActorCriticConfig config) {
    ActorCritic<P> ac = create(envs, policy, config);
    ActorCriticCheckpoint.read(ac, checkpoint);
    return ac;
  }

  /**
   * Trains until the budget is used up, the update that reaches a limit included.
   *
   * @param budget the limits of this call
   * @return what was done
   * @throws IllegalStateException if an update fails — an environment gives a non-finite reward or
   *     observation, a shaper fails, a gradient is not finite (the networks are those of the last good
   *     minibatch step) — after which this trainer refuses to train or save (resume from its last
   *     checkpoint); or if the trainer was closed or trains on another thread
   */
  public TrainingSummary train(Budget budget) {
    Objects.requireNonNull(budget, "budget");
    guard.claim();
    try {
      requireNoFailure("train");
      long start = System.nanoTime();
      long e0 = episodes;
      long s0 = steps;
      long u0 = updates;
      boolean stopped = false;
      while (!budget.reached(episodes - e0, steps - s0, updates - u0, System.nanoTime() - start)) {
        guard.requireOpen();
        if (stopRequested.get()) {
          stopped = true;
          break;
        }
        run.update();
      }
      return new TrainingSummary(episodes - e0, steps - s0, updates - u0, Duration.ofNanos(System.nanoTime() - start),
          runningScore, stopped);
    } finally {
      stopRequested.set(false);
      guard.release();
    }
  }

  /** The parts that know the action type. */
  final class Run<A> {
    final TrainablePolicy<float[], A> typedPolicy;
    /** The policy as a shared network, or {@code null} with a critic of its own. */
    final SharedValuePolicy<float[], A> sharedPolicy;
    /** Where the rollouts' values come from. */
    final RolloutCollector.Critic<A> values;
    final RolloutCollector<A> collector;
    final RolloutBuffer<A> buffer;
    final RecordedSteps<float[], A> minibatch;
    final Gae gae;

    @SuppressWarnings("unchecked")
    Run(VectorEnvironment<float[], A> envs, TrainablePolicy<float[], A> policy) {
      this.typedPolicy = policy;
      this.sharedPolicy = critic == null ? (SharedValuePolicy<float[], A>) policy : null;
      this.values = sharedPolicy != null ? new RolloutCollector.Critic<>(sharedPolicy::value, sharedPolicy::values)
          : new RolloutCollector.Critic<>(critic::value, critic::values);
      this.collector = new RolloutCollector<>(envs, policy, config.shaper(), config.exploration(), config.seed(), inputs);
      this.buffer = new RolloutBuffer<>(envs.size(), config.rolloutSteps(), policy.newSteps());
      this.minibatch = policy.newSteps();
      this.gae = Gae.of(config.gamma(), config.gaeLambda());
    }

    void update() {
      long t0 = System.nanoTime();
      List<RolloutCollector.Ended> ended;
      UpdateMetrics.Builder m;
      long t1;
      try {
        buffer.clear();
        ended = collector.collect(updates, buffer, values);
        if (rewardNormalizer != null) {
          buffer.normalizeRewards(rewardNormalizer);
        }
        t1 = System.nanoTime();
        m = learn();
        if (observationNormalizer != null) {
          // the statistics move after the update, so that a rollout and its learning see the same ones
          observationNormalizer.update(buffer.rawObservations, buffer.size());
        }
      } catch (RuntimeException | Error e) {
        // the environments (and maybe the networks) moved, the counters did not: refuse to go on from here
        failure = "update " + updates + " failed: " + e.getMessage();
        if (e instanceof IllegalArgumentException) {
          throw new IllegalStateException(failure, e);
        }
        throw e;
      }
      // a listener that throws leaves a consistent trainer: the counters are committed first
      commit(ended, m, t0, t1, System.nanoTime());
    }

    /** Credit, then the epochs of minibatch steps; the metrics so far. */
    private UpdateMetrics.Builder learn() {
      double factor = config.learningRateSchedule().value(steps);
      optimizer.learningRate(config.optimizer().learningRate() * factor);
      if (valueOptimizer != null) {
        valueOptimizer.learningRate(config.valueOptimizer().learningRate() * factor);
      }
      double clipRange = config.clipRange().value(steps);
      buffer.computeAdvantages(gae);
      boolean ppo = config.algorithm() == Algorithm.PPO;
      int size = buffer.size();
      int batch = ppo ? Math.min(config.minibatchSize(), size) : size;
      int epochs = ppo ? config.epochs() : 1;
      int[] order = new int[size];
      for (int k = 0; k < size; k++) {
        order[k] = k;
      }
      SplittableRandom rng = Seeds.generator(config.seed(), updates, Seeds.MINIBATCHES);
      Exploration exploration = config.exploration();
      UpdateMetrics.Builder m = new UpdateMetrics.Builder(optimizer.learningRate(), clipRange, buffer.explainedVariance());
      int done = 0;
      epochs:
      for (int e = 0; e < epochs; e++) {
        if (ppo) {
          Minibatches.shuffle(order, rng);
        }
        for (int from = 0; from < size; from += batch) {
          int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(size, from + batch));
          RecordedSteps<float[], A> steps = idx.length == size && !ppo ? buffer.steps : select(idx);
          double[] adv = Minibatches.gather(buffer.advantages, idx);
          if (config.normalizeAdvantages()) {
            Minibatches.standardize(adv);
          }
          // PPO's weights depend on each step's log μ under the current parameters: the policy computes them
          // in its forward pass (one pass for the MLP), and the loss's statistics come from the same log μ
          double[] oldLogMu = Minibatches.gather(buffer.logProbabilities, idx);
          double[] logMu = new double[idx.length];
          LogMuDerivative surrogate = (t, lm) -> PpoLoss.weight(lm - oldLogMu[t], adv[t], clipRange);
          if (sharedPolicy != null) {
            if (!sharedStep(steps, ppo ? surrogate : a2cWeights(adv), adv, oldLogMu, logMu, idx, clipRange, m)) {
              break epochs;
            }
            continue;
          }
          // the critic's gradient needs nothing of the policy's: with a second thread, the two are computed side
          // by side; the networks step only once both gradients are known to be finite (and, for PPO with a
          // target KL, the minibatch passed the check), so a failed minibatch moves neither
          double[] targets = Minibatches.gather(buffer.returns, idx);
          double[] oldValues = Minibatches.gather(buffer.values, idx);
          RecordedSteps<float[], A> batchSteps = steps;
          java.util.concurrent.Callable<double[]> criticGradient = () -> criticGradient(batchSteps, targets, oldValues);
          java.util.concurrent.Future<double[]> criticDone = pool != null ? pool.submit(criticGradient) : null;
          Evaluation ev;
          PpoLoss loss = null;
          double norm;
          double[] criticTerms;
          try {
            double scale = 1.0 / idx.length;
            ev = ppo ? typedPolicy.computeGradient(steps, surrogate, config.entropyCoefficient(), exploration, scale, pool,
                logMu) : typedPolicy.computeGradient(steps, Objective.mean(A2cLoss.weights(adv), config.entropyCoefficient(),
                exploration), pool);
            // one pass over the gradient: the norm, and the clipping if it is too long
            norm = typedPolicy.clipGradient(config.maxGradientNorm());
          } catch (RuntimeException | Error policyFailure) {
            // never leave the critic's computation running past this minibatch, whatever happened
            if (criticDone != null) {
              try {
                Minibatches.join(criticDone);
              } catch (RuntimeException criticFailure) {
                policyFailure.addSuppressed(criticFailure);
              }
            }
            throw policyFailure;
          }
          criticTerms = criticDone != null ? Minibatches.join(criticDone) : null;
          if (ppo) {
            loss = PpoLoss.of(logMu, oldLogMu, adv, clipRange);
            if (loss.approxKl > 1.5 * config.targetKl()) {
              // as SB3: the minibatch that went too far takes no step, and the epochs end
              m.stoppedEarly(loss.approxKl);
              break epochs;
            }
          }
          if (criticTerms == null) {
            criticTerms = Minibatches.call(criticGradient);
          }
          if (!Double.isFinite(norm) || !Double.isFinite(criticTerms[1])) {
            throw new IllegalStateException("the " + (Double.isFinite(norm) ? "critic's" : "policy") + " gradient of"
                + " update " + updates + " is not finite (norms " + norm + " and " + criticTerms[1] + "); the parameters are"
                + " those of the last good step. Lower the learning rate, or normalise the observations and rewards");
          }
          // both steps computed and checked before either is applied
          boolean policyFinite = optimizer.prepare(typedPolicy, pool);
          if (!policyFinite || !critic.prepareStep(valueOptimizer)) {
            throw new IllegalStateException("the optimizer step of update " + updates + " would make a parameter or an"
                + " optimizer value of the " + (policyFinite ? "critic" : "policy") + " NaN or infinite; nothing was"
                + " changed. Lower the learning rate or clip the gradient");
          }
          optimizer.applyPrepared(typedPolicy, pool);
          critic.applyStep(valueOptimizer);
          double valueLoss = criticTerms[0];
          double policyLoss = ppo ? -loss.surrogate
              : A2cLoss.policyLoss(ev.objective(), ev.meanEntropy(), config.entropyCoefficient());
          m.add(policyLoss, valueLoss, ev.meanEntropy(), ppo ? loss.approxKl : 0, ppo ? loss.clipFraction : 0, norm);
        }
        done++;
      }
      m.epochs = done;
      return m;
    }

    /** A2C's weights, the advantages, as the derivative of a term linear in log μ. */
    private LogMuDerivative a2cWeights(double[] adv) {
      double[] w = A2cLoss.weights(adv);
      return (t, lm) -> w[t];
    }

    /**
     * One minibatch step of a shared network: the combined gradient in one pass, clipped as a whole, one
     * optimizer step; a failed minibatch moves nothing.
     *
     * @return false if PPO's target KL stops the epochs (no step taken)
     */
    private boolean sharedStep(RecordedSteps<float[], A> steps, LogMuDerivative derivative, double[] adv,
        double[] oldLogMu, double[] logMu, int[] idx, double clipRange, UpdateMetrics.Builder m) {
      boolean ppo = config.algorithm() == Algorithm.PPO;
      ValueTargets targets = new ValueTargets(Minibatches.gather(buffer.returns, idx),
          Minibatches.gather(buffer.values, idx), config.valueClipRange());
      double[] v = new double[idx.length];
      Evaluation ev = sharedPolicy.computeGradient(steps, derivative, config.entropyCoefficient(), config.exploration(),
          1.0 / idx.length, pool, logMu, targets, config.valueCoefficient(), v);
      double norm = typedPolicy.clipGradient(config.maxGradientNorm());
      PpoLoss loss = ppo ? PpoLoss.of(logMu, oldLogMu, adv, clipRange) : null;
      if (ppo && loss.approxKl > 1.5 * config.targetKl()) {
        m.stoppedEarly(loss.approxKl);
        return false;
      }
      if (!Double.isFinite(norm)) {
        throw new IllegalStateException("the shared network's gradient of update " + updates + " is not finite (norm "
            + norm + "); the parameters are those of the last good step. Lower the learning rate, or normalise the"
            + " observations and rewards");
      }
      if (!optimizer.prepare(typedPolicy, pool)) {
        throw new IllegalStateException("the optimizer step of update " + updates + " would make a parameter or an"
            + " optimizer value of the shared network NaN or infinite; nothing was changed. Lower the learning rate or"
            + " clip the gradient");
      }
      optimizer.applyPrepared(typedPolicy, pool);
      double policyLoss = ppo ? -loss.surrogate
          : A2cLoss.policyLoss(ev.objective(), ev.meanEntropy(), config.entropyCoefficient());
      m.add(policyLoss, targets.meanLoss(v), ev.meanEntropy(), ppo ? loss.approxKl : 0, ppo ? loss.clipFraction : 0,
          norm);
      return true;
    }

    /** Writes {@code envs.exact} and, if the copies can save their states, the vector environment's. */
    void writeEnvironments(io.github.pgrl.core.checkpoint.CheckpointFile cp) {
      boolean exact = canRestoreEnvironments();
      cp.putLong("envs.exact", exact ? 1 : 0);
      if (exact) {
        collector.envs.writeState(cp, "envs.");
      }
    }

    boolean canRestoreEnvironments() {
      return collector.envs.isRestorable();
    }

    void readEnvironments(io.github.pgrl.core.checkpoint.CheckpointFile cp) {
      collector.envs.readState(cp, "envs.");
    }

    /** Fresh episodes on every copy, reset with seeds of update {@code update}'s index. */
    void startFresh(long update) {
      collector.startFresh(Seeds.derive(config.seed(), update, Seeds.ENVIRONMENT));
      if (rewardNormalizer != null) {
        rewardNormalizer.resetReturns();
      }
    }

    /** Sets the copies' previous actions from their saved form ({@link RolloutCollector#encodePrevious}). */
    @SuppressWarnings("unchecked")
    void restorePrevious(double[] saved) {
      for (int i = 0; i < saved.length; i++) {
        double a = saved[i];
        if (a == -1) {
          collector.previous.set(i, null);
        } else if (collector.envs.actionSpace() instanceof Discrete d && a >= 0 && a < d.n() && a == Math.rint(a)) {
          collector.previous.set(i, (A) Integer.valueOf((int) a));
        } else {
          throw new IllegalArgumentException("the previous action of copy " + i + " is " + a + "; it must be -1 (none)"
              + " or an action of " + collector.envs.actionSpace());
        }
      }
    }

    /** The critic's gradient on a minibatch, clipped as configured: its loss and its norm before clipping. */
    private double[] criticGradient(RecordedSteps<float[], A> steps, double[] targets, double[] oldValues) {
      double valueLoss = config.valueClipRange() > 0
          ? critic.computeClippedGradient(steps, targets, oldValues, config.valueClipRange())
          : critic.computeGradient(steps, targets);
      return new double[] {valueLoss, critic.clipGradient(config.maxGradientNorm())};
    }

    /** The minibatch of the steps {@code idx} of the rollout, in a record of the policy's, with their masks. */
    private RecordedSteps<float[], A> select(int[] idx) {
      minibatch.clear();
      minibatch.appendSteps(buffer.steps, idx);
      return minibatch;
    }

    private void commit(List<RolloutCollector.Ended> ended, UpdateMetrics.Builder m, long t0, long t1, long t2) {
      int n = buffer.copies;
      long before = steps;
      List<EpisodeStats> stats = new ArrayList<>();
      double sum = 0;
      for (RolloutCollector.Ended e : ended) {
        runningScore = Double.isNaN(runningScore) ? e.score()
            : RUNNING_DECAY * runningScore + (1 - RUNNING_DECAY) * e.score();
        sum += e.score();
        stats.add(new EpisodeStats(episodes++, e.length(), e.score(), e.shapedReturn(), runningScore, e.terminated(),
            e.truncated(), before + (long) e.step() * n + e.copy() + 1, e.info()));
      }
      steps += buffer.size();
      long update = updates++;
      double seconds = (t2 - t0) / 1e9;
      UpdateMetrics metrics = m.build(update, buffer.size(), ended.size(), ended.isEmpty() ? Double.NaN : sum / ended.size(),
          runningScore, buffer.size() / Math.max(seconds, 1e-9), (t1 - t0) / 1e9, (t2 - t1) / 1e9, episodes, steps);
      for (EpisodeStats s : stats) {
        for (ActorCriticListener l : listeners) {
          l.onEpisode(s);
        }
      }
      for (ActorCriticListener l : listeners) {
        l.onUpdate(metrics);
      }
    }
  }

  /**
   * Saves the run into {@code file} atomically: policy, critic, both optimizers, counters, the copies'
   * unfinished episodes and, if they are {@link io.github.pgrl.core.Restorable}, the environments' states.
   *
   * @param file the checkpoint file
   * @throws io.github.pgrl.core.checkpoint.CheckpointException if it cannot be written (an older file is
   *     then unchanged)
   * @throws IllegalStateException if training runs on another thread, or an update failed
   */
  public void save(Path file) {
    guard.outsideTraining("save", () -> {
      requireNoFailure("save");
      ActorCriticCheckpoint.write(this, file, 1);
    });
  }

  /**
   * Saves as {@link #save(Path)}, keeping the {@code keep − 1} previous files as {@code file.1}, … .
   *
   * @param file the checkpoint file
   * @param keep how many checkpoints to keep, at least 1
   * @throws IllegalArgumentException if {@code keep < 1}
   */
  public void save(Path file, int keep) {
    guard.outsideTraining("save", () -> {
      requireNoFailure("save");
      ActorCriticCheckpoint.write(this, file, keep);
    });
  }

  /** Refuses to go on after a failed update, whose rollout moved the environments but not the counters. */
  private void requireNoFailure(String what) {
    if (failure != null) {
      throw new IllegalStateException("cannot " + what + " this trainer: " + failure + ", which left its environments"
          + " and networks part of the way through an update; resume from its last checkpoint instead");
    }
  }

  /**
   * Adds a listener of episodes and updates.
   *
   * @param listener the listener
   * @return this trainer
   */
  public ActorCritic<P> addListener(ActorCriticListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Asks {@link #train} to return after the current update; safe from any thread. */
  public void requestStop() {
    stopRequested.set(true);
  }

  /**
   * Stops the trainer's threads; {@link #train} is refused afterwards. The vector environment stays open.
   *
   * @throws IllegalStateException if training runs on another thread
   */
  @Override
  public void close() {
    guard.closeOnce(() -> {
      if (pool != null) {
        pool.shutdownNow();
      }
    });
  }

  /**
   * The policy being trained, whose parameters the trainer changes.
   *
   * @return the policy
   */
  public P policy() {
    return policy;
  }

  /**
   * The critic, the value function trained beside the policy.
   *
   * @return the value function
   * @throws IllegalStateException if the run has a shared network, whose critic is the policy's value output
   *     ({@link SharedValuePolicy#value})
   */
  public ValueFunction valueFunction() {
    if (critic == null) {
      throw new IllegalStateException("this run has a shared network (sharedNetwork): its critic is the policy's value"
          + " output, SharedValuePolicy.value; there is no separate value function");
    }
    return critic;
  }

  /**
   * The observation statistics the policy has learned with, frozen, for evaluation: wrap the environment in
   * {@link io.github.pgrl.core.wrappers.NormalizeObservation} with them. Empty without observation
   * normalisation.
   *
   * @return a frozen copy of the statistics
   */
  public java.util.Optional<ObservationNormalizer> observationNormalizer() {
    return java.util.Optional.ofNullable(observationNormalizer).map(ObservationNormalizer::frozen);
  }

  /**
   * The configuration of this run.
   *
   * @return the configuration
   */
  public ActorCriticConfig config() {
    return config;
  }

  /**
   * The updates since the run began, across resumes.
   *
   * @return the count
   */
  public long updates() {
    return updates;
  }

  /**
   * The environment steps since the run began, across resumes: updates × steps per copy × copies.
   *
   * @return the count
   */
  public long steps() {
    return steps;
  }

  /**
   * The episodes that ended since the run began, across resumes.
   *
   * @return the count
   */
  public long episodes() {
    return episodes;
  }

  /**
   * The running score, {@code 0.99·previous + 0.01·score} per episode that ended, starting at the first's.
   *
   * @return the running score, NaN before the first episode ends
   */
  public double runningScore() {
    return runningScore;
  }

  /**
   * Whether this run continues its episodes exactly: true for a new run and for one resumed with {@link
   * io.github.pgrl.core.Restorable} environments; false for one resumed with fresh episodes.
   *
   * @return whether the run is exact
   */
  public boolean resumedExactly() {
    return resumedExactly;
  }

  static void warnFreshEpisodes(Object envs) {
    LOG.warn("the environments {} cannot save their state (Restorable), so the resumed run starts fresh episodes;"
        + " it will not equal an uninterrupted run", envs);
  }
}
