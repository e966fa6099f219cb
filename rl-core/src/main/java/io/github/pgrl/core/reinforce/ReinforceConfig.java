package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.internal.Fits;
import io.github.pgrl.core.CreditAssigner;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.util.Seeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every hyperparameter of {@link Reinforce}, validated, in one place. Build it with {@link #builder()}.
 *
 * @param seed the master seed: network initialisation, environment resets and action sampling all derive
 *     from it, by episode index ({@link io.github.pgrl.core.util.Seeds})
 * @param hidden the hidden layer sizes of the policy (default {@code [64]})
 * @param activation the hidden activation of the policy (default TANH)
 * @param head the policy's output distribution (default SOFTMAX; BERNOULLI needs two actions)
 * @param bias whether the policy's layers have biases (default true)
 * @param outputScale a factor on the output layer's initial weights (default 1)
 * @param optimizer the policy's optimizer (default Adam, learning rate 0.01)
 * @param gamma the discount factor in {@code [0, 1]} of the default credit assigner and of the value
 *     function's targets (default 0.99); a credit assigner or shaper that declares a {@link
 *     CreditAssigner#discount() discount} must use this one
 * @param credit how rewards become per-step weights (default {@code DiscountedReturn.of(gamma)})
 * @param shaper how raw rewards become the rewards learned from (default identity); scores are always
 *     raw. A shaper that reads the action must take the environment's action type: one that does not
 *     fails on the first step with an {@link IllegalArgumentException} naming it and
 *     quoting the ClassCastException's message
 * @param baseline which baseline to subtract (default NONE)
 * @param baselineDecay the decay of the running-mean baseline, in {@code [0, 1)} (default 0.9)
 * @param valueHidden the hidden layer sizes of the value function (default {@code [64]})
 * @param valueOptimizer the value function's optimizer (default Adam, learning rate 0.01)
 * @param valueEpochs gradient steps on the value function per update, at least 1 (default 1)
 * @param standardizeAdvantages whether the final weights of a batch are standardised to mean 0 and
 *     standard deviation 1 (default true)
 * @param entropyCoefficient β of the entropy bonus, at least 0 (default 0)
 * @param maxGradientNorm the largest L2 norm of the policy gradient, positive; infinity for no clipping
 *     (the default)
 * @param exploration how played actions may differ from the policy's samples (default none)
 * @param batchEpisodes the least number of whole episodes per update, at least 1 (default 1)
 * @param batchSteps the least number of steps per update (whole episodes are collected until both this
 *     and {@code batchEpisodes} are reached), at least 0 (default 0)
 * @param reduction whether the objective is averaged or summed over a batch's steps (default MEAN)
 * @since 0.1.0
 */
public record ReinforceConfig(
    long seed,
    int[] hidden,
    Activation activation,
    Head head,
    boolean bias,
    double outputScale,
    OptimizerConfig optimizer,
    double gamma,
    CreditAssigner credit,
    RewardShaper<float[], ?> shaper,
    BaselineKind baseline,
    double baselineDecay,
    int[] valueHidden,
    OptimizerConfig valueOptimizer,
    int valueEpochs,
    boolean standardizeAdvantages,
    double entropyCoefficient,
    double maxGradientNorm,
    Exploration exploration,
    int batchEpisodes,
    int batchSteps,
    Reduction reduction) {

  /**
   * Validates every field and copies the arrays.
   *
   * @throws IllegalArgumentException naming the first field outside its range and what is allowed
   * @throws NullPointerException if an object field is {@code null}
   */
  public ReinforceConfig {
    hidden = Fits.layers("hidden", hidden);
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(head, "head");
    if (!(outputScale > 0) || Double.isInfinite(outputScale)) {
      throw new IllegalArgumentException("outputScale must be positive and finite, got " + outputScale);
    }
    Objects.requireNonNull(optimizer, "optimizer");
    if (!(gamma >= 0.0 && gamma <= 1.0)) {
      throw new IllegalArgumentException("gamma must lie in [0, 1], got " + gamma);
    }
    Objects.requireNonNull(credit, "credit");
    Objects.requireNonNull(shaper, "shaper");
    requireDiscount("the credit assigner " + credit.describe(), credit.discount(), gamma);
    requireDiscount("the reward shaper " + shaper.describe(), shaper.discount(), gamma);
    Objects.requireNonNull(baseline, "baseline");
    if (!(baselineDecay >= 0.0 && baselineDecay < 1.0)) {
      throw new IllegalArgumentException("baselineDecay must lie in [0, 1), got " + baselineDecay);
    }
    valueHidden = Fits.layers("valueHidden", valueHidden);
    Objects.requireNonNull(valueOptimizer, "valueOptimizer");
    if (valueEpochs < 1) {
      throw new IllegalArgumentException("valueEpochs must be at least 1, got " + valueEpochs);
    }
    if (!(entropyCoefficient >= 0.0) || Double.isInfinite(entropyCoefficient)) {
      throw new IllegalArgumentException("entropyCoefficient must be finite and at least 0, got " + entropyCoefficient);
    }
    if (!(maxGradientNorm > 0.0)) {
      throw new IllegalArgumentException(
          "maxGradientNorm must be positive (Double.POSITIVE_INFINITY for no clipping), got " + maxGradientNorm);
    }
    Objects.requireNonNull(exploration, "exploration");
    if (batchEpisodes < 1) {
      throw new IllegalArgumentException("batchEpisodes must be at least 1, got " + batchEpisodes);
    }
    if (batchSteps < 0) {
      throw new IllegalArgumentException("batchSteps must be at least 0, got " + batchSteps);
    }
    Objects.requireNonNull(reduction, "reduction");
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
   * A builder with the defaults listed on this record.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder preset with the classic pong-from-pixels recipe (Karpathy, "Deep Reinforcement Learning:
   * Pong from Pixels", 2016): one hidden layer of 200 ReLU units, a Bernoulli head without biases,
   * RMSProp with decay 0.99 ({@link OptimizerConfig.RmsProp#classic}), γ = 0.99 with returns that restart
   * at every non-zero reward (every point of Pong), and gradients summed over batches of 10 episodes. The
   * learning rate is 1e-3, not the classic 1e-4: 3e-4 already learned more slowly here (see
   * docs/BENCHMARKS.md). Everything else has this record's defaults. It is the configuration of {@code
   * pgrl pong train} before its own options (seed, entropy bonus, shaping) are applied.
   *
   * <p>The credit assigner carries its own γ: a {@link Builder#gamma} set afterwards does not change it,
   * so set both, or a new {@link Builder#credit}.
   *
   * @return a new builder with the classic recipe
   */
  public static Builder classicPongFromPixels() {
    return builder()
        .hidden(200)
        .activation(Activation.RELU)
        .head(Head.BERNOULLI)
        .bias(false)
        .optimizer(OptimizerConfig.RmsProp.classic(1e-3))
        .gamma(0.99)
        .credit(DiscountedReturn.of(0.99).restartingAtNonZeroReward())
        .batchEpisodes(10)
        .reduction(Reduction.SUM);
  }

  /**
   * The MLP these fields describe, initialised from {@code Seeds.generator(seed, 0, INITIALISATION)}: the
   * policy {@link Reinforce#create(io.github.pgrl.core.Environment, ReinforceConfig)} trains. A caller that
   * passes it to {@link Reinforce#create(io.github.pgrl.core.Environment, io.github.pgrl.core.TrainablePolicy,
   * ReinforceConfig)} trains the same run, bit for bit; one that reads a checkpoint's state into it ({@link
   * MlpPolicy#readState}) has the run's trained policy.
   *
   * @param inputs the observation size, at least 1
   * @param actions the number of actions, at least 2 (exactly 2 for the BERNOULLI head)
   * @return a new policy
   * @throws IllegalArgumentException if a size is out of range or the head does not fit the actions
   */
  public MlpPolicy buildPolicy(int inputs, int actions) {
    return MlpPolicy.builder(inputs, actions)
        .hidden(hidden)
        .activation(activation)
        .head(head)
        .bias(bias)
        .outputScale(outputScale)
        .build(Seeds.generator(seed, 0, Seeds.INITIALISATION));
  }

  /**
   * A builder starting from this configuration.
   *
   * @return a new builder with every field of this one
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.hidden = hidden.clone();
    b.activation = activation;
    b.head = head;
    b.bias = bias;
    b.outputScale = outputScale;
    b.optimizer = optimizer;
    b.gamma = gamma;
    b.credit = credit;
    b.shaper = shaper;
    b.baseline = baseline;
    b.baselineDecay = baselineDecay;
    b.valueHidden = valueHidden.clone();
    b.valueOptimizer = valueOptimizer;
    b.valueEpochs = valueEpochs;
    b.standardizeAdvantages = standardizeAdvantages;
    b.entropyCoefficient = entropyCoefficient;
    b.maxGradientNorm = maxGradientNorm;
    b.exploration = exploration;
    b.batchEpisodes = batchEpisodes;
    b.batchSteps = batchSteps;
    b.reduction = reduction;
    return b;
  }

  /** One γ for a run: a component that discounts must use the configuration's (derive, or say both). */
  private static void requireDiscount(String component, java.util.OptionalDouble discount, double gamma) {
    if (discount.isPresent() && discount.getAsDouble() != gamma) {
      throw new IllegalArgumentException(component + " discounts with gamma " + discount.getAsDouble()
          + ", but the configuration's gamma (of the value targets) is " + gamma + ": give both the same gamma,"
          + " or leave the credit assigner unset to get DiscountedReturn.of(gamma)");
    }
  }

  /**
   * Every field as text; the credit assigner and the shaper by their {@link CreditAssigner#describe()
   * descriptions}. Stored in checkpoints, and compared when one is resumed.
   *
   * @return field name to value
   */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("seed", Long.toString(seed));
    m.put("hidden", Arrays.toString(hidden));
    m.put("activation", activation.name());
    m.put("head", head.name());
    m.put("bias", Boolean.toString(bias));
    m.put("outputScale", Double.toString(outputScale));
    m.put("optimizer", optimizer.toString());
    m.put("gamma", Double.toString(gamma));
    m.put("credit", credit.describe());
    m.put("shaper", shaper.describe());
    m.put("baseline", baseline.name());
    m.put("baselineDecay", Double.toString(baselineDecay));
    m.put("valueHidden", Arrays.toString(valueHidden));
    m.put("valueOptimizer", valueOptimizer.toString());
    m.put("valueEpochs", Integer.toString(valueEpochs));
    m.put("standardizeAdvantages", Boolean.toString(standardizeAdvantages));
    m.put("entropyCoefficient", Double.toString(entropyCoefficient));
    m.put("maxGradientNorm", Double.toString(maxGradientNorm));
    m.put("exploration", exploration.toString());
    m.put("batchEpisodes", Integer.toString(batchEpisodes));
    m.put("batchSteps", Integer.toString(batchSteps));
    m.put("reduction", reduction.name());
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReinforceConfig c && describe().equals(c.describe()) && credit.equals(c.credit) && shaper.equals(c.shaper);
  }

  @Override
  public int hashCode() {
    return describe().hashCode();
  }

  @Override
  public String toString() {
    return "ReinforceConfig" + describe();
  }

  /** Builds a {@link ReinforceConfig}; every setter's range is checked by {@link #build()}. */
  public static final class Builder {
    private long seed;
    private int[] hidden = {64};
    private Activation activation = Activation.TANH;
    private Head head = Head.SOFTMAX;
    private boolean bias = true;
    private double outputScale = 1.0;
    private OptimizerConfig optimizer = OptimizerConfig.Adam.of(0.01);
    private double gamma = 0.99;
    private CreditAssigner credit;
    private RewardShaper<float[], ?> shaper = RewardShaper.identity();
    private BaselineKind baseline = BaselineKind.NONE;
    private double baselineDecay = 0.9;
    private int[] valueHidden = {64};
    private OptimizerConfig valueOptimizer = OptimizerConfig.Adam.of(0.01);
    private int valueEpochs = 1;
    private boolean standardizeAdvantages = true;
    private double entropyCoefficient;
    private double maxGradientNorm = Double.POSITIVE_INFINITY;
    private Exploration exploration = Exploration.NONE;
    private int batchEpisodes = 1;
    private int batchSteps;
    private Reduction reduction = Reduction.MEAN;

    private Builder() {}

    /** @param v the master seed @return this */
    public Builder seed(long v) { seed = v; return this; }
    /** @param v the policy's hidden layer sizes @return this */
    public Builder hidden(int... v) { hidden = v.clone(); return this; }
    /** @param v the policy's hidden activation @return this */
    public Builder activation(Activation v) { activation = v; return this; }
    /** @param v the policy's head @return this */
    public Builder head(Head v) { head = v; return this; }
    /** @param v whether the policy has biases @return this */
    public Builder bias(boolean v) { bias = v; return this; }
    /** @param v the factor on the output layer's initial weights @return this */
    public Builder outputScale(double v) { outputScale = v; return this; }
    /** @param v the policy's optimizer @return this */
    public Builder optimizer(OptimizerConfig v) { optimizer = v; return this; }
    /** @param v the discount factor @return this */
    public Builder gamma(double v) { gamma = v; return this; }
    /** @param v the credit assigner; {@code null} for {@code DiscountedReturn.of(gamma)} @return this */
    public Builder credit(CreditAssigner v) { credit = v; return this; }
    /** @param v the reward shaper @return this */
    public Builder shaper(RewardShaper<float[], ?> v) { shaper = v; return this; }
    /** @param v the baseline @return this */
    public Builder baseline(BaselineKind v) { baseline = v; return this; }
    /** @param v the running-mean baseline's decay @return this */
    public Builder baselineDecay(double v) { baselineDecay = v; return this; }
    /** @param v the value function's hidden layer sizes @return this */
    public Builder valueHidden(int... v) { valueHidden = v.clone(); return this; }
    /** @param v the value function's optimizer @return this */
    public Builder valueOptimizer(OptimizerConfig v) { valueOptimizer = v; return this; }
    /** @param v value-function gradient steps per update @return this */
    public Builder valueEpochs(int v) { valueEpochs = v; return this; }
    /** @param v whether to standardise the weights of each batch @return this */
    public Builder standardizeAdvantages(boolean v) { standardizeAdvantages = v; return this; }
    /** @param v the entropy bonus coefficient @return this */
    public Builder entropyCoefficient(double v) { entropyCoefficient = v; return this; }
    /** @param v the largest gradient norm @return this */
    public Builder maxGradientNorm(double v) { maxGradientNorm = v; return this; }
    /** @param v the exploration @return this */
    public Builder exploration(Exploration v) { exploration = v; return this; }
    /** @param v the least episodes per update @return this */
    public Builder batchEpisodes(int v) { batchEpisodes = v; return this; }
    /** @param v the least steps per update @return this */
    public Builder batchSteps(int v) { batchSteps = v; return this; }
    /** @param v the reduction of the objective @return this */
    public Builder reduction(Reduction v) { reduction = v; return this; }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the first field outside its range
     */
    public ReinforceConfig build() {
      CreditAssigner c = credit;
      if (c == null) {
        if (!(gamma >= 0.0 && gamma <= 1.0)) {
          throw new IllegalArgumentException("gamma must lie in [0, 1], got " + gamma);
        }
        c = DiscountedReturn.of(gamma);
      }
      return new ReinforceConfig(
          seed, hidden, activation, head, bias, outputScale, optimizer, gamma, c, shaper, baseline, baselineDecay,
          valueHidden, valueOptimizer, valueEpochs, standardizeAdvantages, entropyCoefficient, maxGradientNorm,
          exploration, batchEpisodes, batchSteps, reduction);
    }
  }
}
