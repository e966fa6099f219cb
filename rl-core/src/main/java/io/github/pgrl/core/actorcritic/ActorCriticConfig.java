package io.github.pgrl.core.actorcritic;

import io.github.pgrl.core.internal.Fits;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.OptimizerConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every hyperparameter of an {@link ActorCritic} run, in one record: {@link #ppo()} and {@link #a2c()}
 * start from SB3's defaults for each algorithm, and the builders change what a task needs.
 *
 * <p>The SB3 zoo's tuned PPO for CartPole-v1, for instance, with 8 environment copies:
 *
 * <pre>{@code
 * ActorCriticConfig.ppo().rolloutSteps(32).minibatchSize(256).epochs(20).gamma(0.98).gaeLambda(0.8)
 *     .optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3))
 *     .learningRateSchedule(Schedule.linear(1, 0, 100_000)).clipRange(Schedule.linear(0.2, 0, 100_000))
 *     .build();
 * }</pre>
 *
 * <p>By default the actor and the critic are separate networks with optimizers of their own, each with its
 * gradient clipped to {@link #maxGradientNorm()}. With {@link #sharedNetwork()} they are one network, as
 * CleanRL's Atari PPO and SB3's CNN policies build it: one trunk ({@link #hidden()}) with the policy's
 * outputs and a value output, trained by one combined loss {@code L_policy − β·H + c_v·L_value} ({@code c_v}
 * = {@link #valueCoefficient()}, {@code L_value} the mean squared error) in one backward pass, with one
 * optimizer ({@link #optimizer()}) and one gradient norm clipped for the whole network, as SB3 and CleanRL
 * do. The critic's own fields then describe that one network: {@code valueHidden} must equal {@code hidden}
 * and {@code valueOptimizer} {@code optimizer} (the builder sets them so, and refuses a value set to
 * something else).
 *
 * @param algorithm which objective: {@link Algorithm#PPO} (the default of {@link #ppo()}) or {@link Algorithm#A2C}
 * @param seed the master seed: initialisation, environment resets (through the vector environment), action sampling and minibatch order all derive from it ({@link io.github.pgrl.core.util.Seeds})
 * @param hidden the hidden layers of the configuration's policy (default {@code [64, 64]}, as SB3)
 * @param activation the hidden activation of both networks (default TANH)
 * @param valueHidden the hidden layers of the value function, a network of its own (default {@code [64, 64]}); with {@code sharedNetwork}, equal to {@code hidden}
 * @param optimizer the policy's optimizer; its learning rate is the rate at step 0 (PPO: Adam 3e-4, ε 1e-5 as CleanRL; A2C: RMSProp 7e-4, decay 0.99, ε 1e-5 as SB3)
 * @param valueOptimizer the value function's optimizer; with {@code sharedNetwork}, equal to {@code optimizer}
 * @param learningRateSchedule a factor on both optimizers' learning rates by environment steps trained (default constant 1; {@code Schedule.linear(1, 0, total)} anneals to 0; read before each update at the steps trained so far, as CleanRL's {@code anneal_lr}, where SB3 reads its {@code lin_} schedules after the rollout)
 * @param rolloutSteps steps per environment copy in one rollout, at least 1 (PPO 2048, A2C 5, as SB3); a rollout has {@code rolloutSteps × copies} steps
 * @param gamma the discount factor in {@code [0, 1]} (default 0.99)
 * @param gaeLambda λ of GAE in {@code [0, 1]} (PPO 0.95; A2C 1.0, the n-step return)
 * @param normalizeAdvantages whether each minibatch's advantages are standardised (PPO true, A2C false, as SB3)
 * @param epochs passes over a rollout, at least 1 (PPO 10; ignored by A2C)
 * @param minibatchSize steps per minibatch, at least 1; the last minibatch of a pass takes what remains (PPO 64; ignored by A2C)
 * @param clipRange ε of the clipped surrogate by environment steps trained, every value in {@code (0, 1]} until the end where 0 is allowed (default 0.2; ignored by A2C)
 * @param valueClipRange ε of the clipped value objective ({@link io.github.pgrl.core.policy.ValueFunction#computeClippedGradient}), at least 0; 0 for none (the default)
 * @param entropyCoefficient β of the entropy bonus, at least 0 (default 0)
 * @param maxGradientNorm the largest L2 norm of each network's gradient (of the one network's, shared), positive; infinity for none (default 0.5)
 * @param targetKl PPO stops a rollout's epochs early, before the minibatch step, once the approximate KL divergence of a minibatch exceeds 1.5 × this (as SB3); infinity for never (the default)
 * @param exploration how played actions may differ from the policy's samples (default none); the ratio and the gradient use μ, the distribution that chose the action
 * @param shaper how raw rewards become the rewards learned from (default identity); scores stay raw
 * @param normalizeObservations whether observations are normalised by running statistics before the networks see them (default false)
 * @param normalizeRewards whether rewards are divided by the running standard deviation of the discounted return (default false)
 * @param normalizationClip normalised observations and rewards are clipped to {@code ±} this, positive (default 10)
 * @param threads threads for the gradient and optimizer passes, at least 1; results do not depend on it (default 1)
 * @param sharedNetwork whether the actor and the critic are one network with a value output beside the policy's (default false: separate networks)
 * @param valueCoefficient c_v, the weight of the value loss in the combined loss of a shared network, positive and finite (default 0.5, SB3's {@code vf_coef}); a value other than 0.5 needs {@code sharedNetwork}
 * @since 0.1.0
 */
public record ActorCriticConfig(
    Algorithm algorithm,
    long seed,
    int[] hidden,
    Activation activation,
    int[] valueHidden,
    OptimizerConfig optimizer,
    OptimizerConfig valueOptimizer,
    Schedule learningRateSchedule,
    int rolloutSteps,
    double gamma,
    double gaeLambda,
    boolean normalizeAdvantages,
    int epochs,
    int minibatchSize,
    Schedule clipRange,
    double valueClipRange,
    double entropyCoefficient,
    double maxGradientNorm,
    double targetKl,
    Exploration exploration,
    RewardShaper<float[], ?> shaper,
    boolean normalizeObservations,
    boolean normalizeRewards,
    double normalizationClip,
    int threads,
    boolean sharedNetwork,
    double valueCoefficient) {

  /**
   * Validates every field and copies the arrays.
   *
   * @throws IllegalArgumentException naming the first field outside its range and what is allowed
   * @throws NullPointerException if an object field is {@code null}
   */
  public ActorCriticConfig {
    Objects.requireNonNull(algorithm, "algorithm");
    hidden = Fits.layers("hidden", hidden);
    Objects.requireNonNull(activation, "activation");
    valueHidden = Fits.layers("valueHidden", valueHidden);
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(valueOptimizer, "valueOptimizer");
    Objects.requireNonNull(learningRateSchedule, "learningRateSchedule");
    if (learningRateSchedule.start() < 0 || learningRateSchedule.end() < 0) {
      throw new IllegalArgumentException("learningRateSchedule must stay at least 0, got " + learningRateSchedule);
    }
    if (rolloutSteps < 1) {
      throw new IllegalArgumentException("rolloutSteps must be at least 1, got " + rolloutSteps);
    }
    unit("gamma", gamma);
    unit("gaeLambda", gaeLambda);
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (minibatchSize < 1) {
      throw new IllegalArgumentException("minibatchSize must be at least 1, got " + minibatchSize);
    }
    Objects.requireNonNull(clipRange, "clipRange");
    if (!(clipRange.start() > 0 && clipRange.start() <= 1) || !(clipRange.end() >= 0 && clipRange.end() <= 1)) {
      throw new IllegalArgumentException("clipRange must start in (0, 1] and end in [0, 1], got " + clipRange);
    }
    if (!(valueClipRange >= 0) || Double.isInfinite(valueClipRange)) {
      throw new IllegalArgumentException("valueClipRange must be finite and at least 0 (0 for none), got " + valueClipRange);
    }
    if (!(entropyCoefficient >= 0) || Double.isInfinite(entropyCoefficient)) {
      throw new IllegalArgumentException("entropyCoefficient must be finite and at least 0, got " + entropyCoefficient);
    }
    if (!(maxGradientNorm > 0)) {
      throw new IllegalArgumentException(
          "maxGradientNorm must be positive (Double.POSITIVE_INFINITY for no clipping), got " + maxGradientNorm);
    }
    if (!(targetKl > 0)) {
      throw new IllegalArgumentException(
          "targetKl must be positive (Double.POSITIVE_INFINITY for no early stop), got " + targetKl);
    }
    Objects.requireNonNull(exploration, "exploration");
    Objects.requireNonNull(shaper, "shaper");
    if (shaper.discount().isPresent() && shaper.discount().getAsDouble() != gamma) {
      throw new IllegalArgumentException("the reward shaper " + shaper.describe() + " discounts with gamma "
          + shaper.discount().getAsDouble() + ", but the configuration's gamma is " + gamma + ": give both the same gamma");
    }
    if (!(normalizationClip > 0) || Double.isInfinite(normalizationClip)) {
      throw new IllegalArgumentException("normalizationClip must be positive and finite, got " + normalizationClip);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (!(valueCoefficient > 0) || Double.isInfinite(valueCoefficient)) {
      throw new IllegalArgumentException("valueCoefficient must be positive and finite, got " + valueCoefficient);
    }
    if (!sharedNetwork && valueCoefficient != DEFAULT_VALUE_COEFFICIENT) {
      throw new IllegalArgumentException("valueCoefficient " + valueCoefficient + " weighs the value loss of a shared"
          + " network; with separate networks the critic has an optimizer of its own: set sharedNetwork(true), or leave"
          + " valueCoefficient at " + DEFAULT_VALUE_COEFFICIENT);
    }
    if (sharedNetwork && !Arrays.equals(valueHidden, hidden)) {
      throw new IllegalArgumentException("valueHidden " + Arrays.toString(valueHidden) + " differs from hidden "
          + Arrays.toString(hidden) + ": a shared network has one trunk, the hidden layers; leave valueHidden unset");
    }
    if (sharedNetwork && !valueOptimizer.equals(optimizer)) {
      throw new IllegalArgumentException("valueOptimizer " + valueOptimizer + " differs from optimizer " + optimizer
          + ": a shared network has one optimizer, optimizer; leave valueOptimizer unset");
    }
  }

  /** c_v of {@link #valueCoefficient()} unless set: SB3's {@code vf_coef}. */
  static final double DEFAULT_VALUE_COEFFICIENT = 0.5;

  private static void unit(String name, double x) {
    if (!(x >= 0.0 && x <= 1.0)) {
      throw new IllegalArgumentException(name + " must lie in [0, 1], got " + x);
    }
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  @Override
  public int[] valueHidden() {
    return valueHidden.clone();
  }

  /**
   * A builder with SB3's PPO defaults: 2048 steps per copy, minibatches of 64, 10 epochs, Adam 3e-4, γ 0.99,
   * λ 0.95, ε 0.2, gradient norm 0.5, separate {@code [64, 64]} tanh networks.
   *
   * @return the builder
   */
  public static Builder ppo() {
    return new Builder();
  }

  /**
   * A builder with SB3's A2C defaults: 5 steps per copy, one step per rollout, RMSProp 7e-4 (decay 0.99, ε
   * 1e-5), γ 0.99, λ 1 (the n-step return), advantages not standardised, gradient norm 0.5.
   *
   * @return the builder
   */
  public static Builder a2c() {
    OptimizerConfig rms = new OptimizerConfig.RmsProp(7e-4, 0.99, 1e-5);
    Builder b = new Builder().algorithm(Algorithm.A2C).rolloutSteps(5).gaeLambda(1.0).normalizeAdvantages(false)
        .epochs(1).optimizer(rms);
    b.valueOptimizer = rms; // a default, which a shared network replaces with its optimizer
    return b;
  }

  /**
   * A builder holding this configuration's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.algorithm = algorithm;
    b.seed = seed;
    b.hidden = hidden;
    b.activation = activation;
    b.valueHidden = valueHidden;
    b.optimizer = optimizer;
    b.valueOptimizer = valueOptimizer;
    b.learningRateSchedule = learningRateSchedule;
    b.rolloutSteps = rolloutSteps;
    b.gamma = gamma;
    b.gaeLambda = gaeLambda;
    b.normalizeAdvantages = normalizeAdvantages;
    b.epochs = epochs;
    b.minibatchSize = minibatchSize;
    b.clipRange = clipRange;
    b.valueClipRange = valueClipRange;
    b.entropyCoefficient = entropyCoefficient;
    b.maxGradientNorm = maxGradientNorm;
    b.targetKl = targetKl;
    b.exploration = exploration;
    b.shaper = shaper;
    b.normalizeObservations = normalizeObservations;
    b.normalizeRewards = normalizeRewards;
    b.normalizationClip = normalizationClip;
    b.threads = threads;
    b.sharedNetwork = sharedNetwork;
    b.valueCoefficient = valueCoefficient;
    // a separate critic's values are the user's (a shared network refuses them if they differ); a shared
    // network's are copies of hidden and optimizer, which follow them
    b.valueHiddenSet = !sharedNetwork;
    b.valueOptimizerSet = !sharedNetwork;
    return b;
  }

  /**
   * Every field as text, the shaper by its description: stored in checkpoints and in a run's properties,
   * and compared when a run is resumed. {@code sharedNetwork} and {@code valueCoefficient} appear only for
   * a shared network, so that the description of separate networks is the one earlier versions stored.
   *
   * @return field name to value
   */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("algorithm", algorithm.name());
    m.put("seed", String.valueOf(seed));
    m.put("hidden", Arrays.toString(hidden));
    m.put("activation", activation.name());
    m.put("valueHidden", Arrays.toString(valueHidden));
    m.put("optimizer", String.valueOf(optimizer));
    m.put("valueOptimizer", String.valueOf(valueOptimizer));
    m.put("learningRateSchedule", String.valueOf(learningRateSchedule));
    m.put("rolloutSteps", String.valueOf(rolloutSteps));
    m.put("gamma", String.valueOf(gamma));
    m.put("gaeLambda", String.valueOf(gaeLambda));
    m.put("normalizeAdvantages", String.valueOf(normalizeAdvantages));
    m.put("epochs", String.valueOf(epochs));
    m.put("minibatchSize", String.valueOf(minibatchSize));
    m.put("clipRange", String.valueOf(clipRange));
    m.put("valueClipRange", String.valueOf(valueClipRange));
    m.put("entropyCoefficient", String.valueOf(entropyCoefficient));
    m.put("maxGradientNorm", String.valueOf(maxGradientNorm));
    m.put("targetKl", String.valueOf(targetKl));
    m.put("exploration", String.valueOf(exploration));
    m.put("shaper", shaper.describe());
    m.put("normalizeObservations", String.valueOf(normalizeObservations));
    m.put("normalizeRewards", String.valueOf(normalizeRewards));
    m.put("normalizationClip", String.valueOf(normalizationClip));
    m.put("threads", String.valueOf(threads));
    if (sharedNetwork) {
      m.put("sharedNetwork", "true");
      m.put("valueCoefficient", String.valueOf(valueCoefficient));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActorCriticConfig c && describe().equals(c.describe()) && shaper.equals(c.shaper);
  }

  @Override
  public int hashCode() {
    return describe().hashCode();
  }

  @Override
  public String toString() {
    return "ActorCriticConfig" + describe();
  }

  /** Builds an {@link ActorCriticConfig}; every setter's range is checked by {@link #build()}. */
  public static final class Builder {
    private Algorithm algorithm = Algorithm.PPO;
    private long seed = 0;
    private int[] hidden = new int[] {64, 64};
    private Activation activation = Activation.TANH;
    private int[] valueHidden = new int[] {64, 64};
    private OptimizerConfig optimizer = new OptimizerConfig.Adam(3e-4, 0.9, 0.999, 1e-5);
    private OptimizerConfig valueOptimizer = new OptimizerConfig.Adam(3e-4, 0.9, 0.999, 1e-5);
    private Schedule learningRateSchedule = Schedule.constant(1.0);
    private int rolloutSteps = 2048;
    private double gamma = 0.99;
    private double gaeLambda = 0.95;
    private boolean normalizeAdvantages = true;
    private int epochs = 10;
    private int minibatchSize = 64;
    private Schedule clipRange = Schedule.constant(0.2);
    private double valueClipRange = 0.0;
    private double entropyCoefficient = 0.0;
    private double maxGradientNorm = 0.5;
    private double targetKl = Double.POSITIVE_INFINITY;
    private Exploration exploration = Exploration.NONE;
    private RewardShaper<float[], ?> shaper = RewardShaper.identity();
    private boolean normalizeObservations = false;
    private boolean normalizeRewards = false;
    private double normalizationClip = 10.0;
    private int threads = 1;
    private boolean sharedNetwork = false;
    private double valueCoefficient = DEFAULT_VALUE_COEFFICIENT;
    /** Whether valueHidden and valueOptimizer were set, rather than left for a shared network to align. */
    private boolean valueHiddenSet;
    private boolean valueOptimizerSet;

    private Builder() {}

    /**
     * Sets {@code algorithm}.
     *
     * @param value which objective: {@link Algorithm#PPO} (the default of {@link #ppo()}) or {@link Algorithm#A2C}
     * @return this builder
     */
    public Builder algorithm(Algorithm value) {
      this.algorithm = value;
      return this;
    }

    /**
     * Sets {@code seed}.
     *
     * @param value the master seed: initialisation, environment resets (through the vector environment), action sampling and minibatch order all derive from it ({@link io.github.pgrl.core.util.Seeds})
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets {@code hidden}.
     *
     * @param values the hidden layers of the configuration's policy (default {@code [64, 64]}, as SB3)
     * @return this builder
     */
    public Builder hidden(int... values) {
      this.hidden = values.clone();
      return this;
    }

    /**
     * Sets {@code activation}.
     *
     * @param value the hidden activation of both networks (default TANH)
     * @return this builder
     */
    public Builder activation(Activation value) {
      this.activation = value;
      return this;
    }

    /**
     * Sets {@code valueHidden}.
     *
     * @param values the hidden layers of the value function, a network of its own (default {@code [64, 64]});
     *     with {@link #sharedNetwork(boolean)} leave it unset (or equal to {@code hidden})
     * @return this builder
     */
    public Builder valueHidden(int... values) {
      this.valueHidden = values.clone();
      this.valueHiddenSet = true;
      return this;
    }

    /**
     * Sets {@code optimizer}.
     *
     * @param value the policy's optimizer; its learning rate is the rate at step 0 (PPO: Adam 3e-4, ε 1e-5 as CleanRL; A2C: RMSProp 7e-4, decay 0.99, ε 1e-5 as SB3)
     * @return this builder
     */
    public Builder optimizer(OptimizerConfig value) {
      this.optimizer = value;
      return this;
    }

    /**
     * Sets {@code valueOptimizer}.
     *
     * @param value the value function's optimizer; with {@link #sharedNetwork(boolean)} leave it unset (or equal to
     *     {@code optimizer})
     * @return this builder
     */
    public Builder valueOptimizer(OptimizerConfig value) {
      this.valueOptimizer = value;
      this.valueOptimizerSet = true;
      return this;
    }

    /**
     * Sets {@code learningRateSchedule}.
     *
     * @param value a factor on both optimizers' learning rates by environment steps trained (default constant 1; {@code Schedule.linear(1, 0, total)} anneals to 0; read before each update at the steps trained so far, as CleanRL's {@code anneal_lr}, where SB3 reads its {@code lin_} schedules after the rollout)
     * @return this builder
     */
    public Builder learningRateSchedule(Schedule value) {
      this.learningRateSchedule = value;
      return this;
    }

    /**
     * Sets {@code rolloutSteps}.
     *
     * @param value steps per environment copy in one rollout, at least 1 (PPO 2048, A2C 5, as SB3); a rollout has {@code rolloutSteps × copies} steps
     * @return this builder
     */
    public Builder rolloutSteps(int value) {
      this.rolloutSteps = value;
      return this;
    }

    /**
     * Sets {@code gamma}.
     *
     * @param value the discount factor in {@code [0, 1]} (default 0.99)
     * @return this builder
     */
    public Builder gamma(double value) {
      this.gamma = value;
      return this;
    }

    /**
     * Sets {@code gaeLambda}.
     *
     * @param value λ of GAE in {@code [0, 1]} (PPO 0.95; A2C 1.0, the n-step return)
     * @return this builder
     */
    public Builder gaeLambda(double value) {
      this.gaeLambda = value;
      return this;
    }

    /**
     * Sets {@code normalizeAdvantages}.
     *
     * @param value whether each minibatch's advantages are standardised (PPO true, A2C false, as SB3)
     * @return this builder
     */
    public Builder normalizeAdvantages(boolean value) {
      this.normalizeAdvantages = value;
      return this;
    }

    /**
     * Sets {@code epochs}.
     *
     * @param value passes over a rollout, at least 1 (PPO 10; ignored by A2C)
     * @return this builder
     */
    public Builder epochs(int value) {
      this.epochs = value;
      return this;
    }

    /**
     * Sets {@code minibatchSize}.
     *
     * @param value steps per minibatch, at least 1; the last minibatch of a pass takes what remains (PPO 64; ignored by A2C)
     * @return this builder
     */
    public Builder minibatchSize(int value) {
      this.minibatchSize = value;
      return this;
    }

    /**
     * Sets {@code clipRange}.
     *
     * @param value ε of the clipped surrogate by environment steps trained, every value in {@code (0, 1]} until the end where 0 is allowed (default 0.2; ignored by A2C)
     * @return this builder
     */
    public Builder clipRange(Schedule value) {
      this.clipRange = value;
      return this;
    }

    /**
     * Sets {@code valueClipRange}.
     *
     * @param value ε of the clipped value objective ({@link io.github.pgrl.core.policy.ValueFunction#computeClippedGradient}), at least 0; 0 for none (the default)
     * @return this builder
     */
    public Builder valueClipRange(double value) {
      this.valueClipRange = value;
      return this;
    }

    /**
     * Sets {@code entropyCoefficient}.
     *
     * @param value β of the entropy bonus, at least 0 (default 0)
     * @return this builder
     */
    public Builder entropyCoefficient(double value) {
      this.entropyCoefficient = value;
      return this;
    }

    /**
     * Sets {@code maxGradientNorm}.
     *
     * @param value the largest L2 norm of each network's gradient (of the one network's, shared), positive; infinity for none (default 0.5)
     * @return this builder
     */
    public Builder maxGradientNorm(double value) {
      this.maxGradientNorm = value;
      return this;
    }

    /**
     * Sets {@code targetKl}.
     *
     * @param value PPO stops a rollout's epochs early, before the minibatch step, once the approximate KL divergence of a minibatch exceeds 1.5 × this (as SB3); infinity for never (the default)
     * @return this builder
     */
    public Builder targetKl(double value) {
      this.targetKl = value;
      return this;
    }

    /**
     * Sets {@code exploration}.
     *
     * @param value how played actions may differ from the policy's samples (default none); the ratio and the gradient use μ, the distribution that chose the action
     * @return this builder
     */
    public Builder exploration(Exploration value) {
      this.exploration = value;
      return this;
    }

    /**
     * Sets {@code shaper}.
     *
     * @param value how raw rewards become the rewards learned from (default identity); scores stay raw
     * @return this builder
     */
    public Builder shaper(RewardShaper<float[], ?> value) {
      this.shaper = value;
      return this;
    }

    /**
     * Sets {@code normalizeObservations}.
     *
     * @param value whether observations are normalised by running statistics before the networks see them (default false)
     * @return this builder
     */
    public Builder normalizeObservations(boolean value) {
      this.normalizeObservations = value;
      return this;
    }

    /**
     * Sets {@code normalizeRewards}.
     *
     * @param value whether rewards are divided by the running standard deviation of the discounted return (default false)
     * @return this builder
     */
    public Builder normalizeRewards(boolean value) {
      this.normalizeRewards = value;
      return this;
    }

    /**
     * Sets {@code normalizationClip}.
     *
     * @param value normalised observations and rewards are clipped to {@code ±} this, positive (default 10)
     * @return this builder
     */
    public Builder normalizationClip(double value) {
      this.normalizationClip = value;
      return this;
    }

    /**
     * Sets {@code threads}.
     *
     * @param value threads for the gradient and optimizer passes, at least 1; results do not depend on it (default 1)
     * @return this builder
     */
    public Builder threads(int value) {
      this.threads = value;
      return this;
    }

    /**
     * Sets {@code sharedNetwork}.
     *
     * @param value whether the actor and the critic are one network with a value output beside the policy's (default false: separate networks); {@code valueHidden} and {@code valueOptimizer} then take {@code hidden} and {@code optimizer}
     * @return this builder
     */
    public Builder sharedNetwork(boolean value) {
      this.sharedNetwork = value;
      return this;
    }

    /**
     * Sets {@code valueCoefficient}.
     *
     * @param value c_v, the weight of the value loss in the combined loss of a shared network, positive and finite (default 0.5, SB3's {@code vf_coef}); a value other than 0.5 needs {@code sharedNetwork}
     * @return this builder
     */
    public Builder valueCoefficient(double value) {
      this.valueCoefficient = value;
      return this;
    }

    /**
     * The configuration. With {@code sharedNetwork}, {@code valueHidden} and {@code valueOptimizer} that were
     * not set take the values of {@code hidden} and {@code optimizer}.
     *
     * @return the validated configuration
     * @throws IllegalArgumentException naming the first field outside its range, or, with {@code sharedNetwork},
     *     a {@code valueHidden} or {@code valueOptimizer} set to another value than {@code hidden} or {@code optimizer}
     */
    public ActorCriticConfig build() {
      int[] criticHidden = sharedNetwork && !valueHiddenSet ? hidden : valueHidden;
      OptimizerConfig criticOptimizer = sharedNetwork && !valueOptimizerSet ? optimizer : valueOptimizer;
      return new ActorCriticConfig(algorithm, seed, hidden, activation, criticHidden, optimizer, criticOptimizer,
          learningRateSchedule, rolloutSteps, gamma, gaeLambda, normalizeAdvantages, epochs, minibatchSize, clipRange,
          valueClipRange, entropyCoefficient, maxGradientNorm, targetKl, exploration, shaper, normalizeObservations,
          normalizeRewards, normalizationClip, threads, sharedNetwork, valueCoefficient);
    }
  }
}
