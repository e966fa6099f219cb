package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pgrl.core.TrainablePolicy.Evaluation;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The properties every {@link TrainablePolicy} over {@code float[]} observations must honour, whatever its
 * action type {@code A}, as jqwik properties that a policy's test class inherits by implementing this
 * interface. {@link TrainablePolicyContract} implements it for {@code Integer} actions of a {@code
 * Discrete(n)} space and {@link MultiDiscretePolicyContract} for {@code int[]} actions of a {@code
 * MultiDiscrete(nvec)} space; implement one of those, or this interface for another action type, giving
 * {@link #createPolicy(long)}, {@link #observationLength()}, random actions ({@link #randomAction}), the
 * actions a snapshot of a distribution compares ({@link #probeActions()}), actions outside the space
 * ({@link #actionsOutsideTheSpace()}) and the explorations the policy takes ({@link #explorations()},
 * {@link #mixedExploration()}).
 *
 * <p>The properties check what {@link TrainablePolicy} promises, on random observations ({@link
 * #observation}), actions, previous actions and parameters:
 *
 * <ul>
 *   <li>the gradient of {@code log μ(a|s)} (one-hot weights, β = 0) matches central finite differences,
 *       with every exploration of {@link #explorations()}, previous actions included;
 *   <li>the gradient of the entropy term (weights 0, β = 1) matches central finite differences;
 *   <li>the evaluation's objective is {@code k·(Σ w·log μ + β·Σ H)} computed from {@link
 *       TrainablePolicy#distribution} directly, and its mean entropy the mean of {@code H(π(·|s))};
 *   <li>{@link TrainablePolicy#computeGradient} gives bit-identical gradients and evaluations with no
 *       executor and with pools of 2 and 4 threads, on a batch large enough for a policy to split it;
 *   <li>an empty record gives J = 0, a mean entropy of 0 and a zero gradient; a wrong number of weights
 *       and an action outside the space are refused;
 *   <li>a {@link TrainablePolicy#sharer() sharer} gives the policy's distributions, follows later
 *       changes of its parameters, and the steps it records give the policy's own gradient bit for bit
 *       (as the rollout threads of {@code Reinforce} record them);
 *   <li>the parameter blocks are the parameters in order, the gradient has their shape, and writing the
 *       blocks then calling {@link TrainablePolicy#parametersChanged()} (what an optimizer does) acts like
 *       {@link TrainablePolicy#setParameters};
 *   <li>{@link TrainablePolicy#setParameters} refuses a wrong length, a NaN and an infinity, leaving the
 *       parameters and the distributions unchanged; {@link TrainablePolicy#distribution} and {@link
 *       TrainablePolicy#observe} refuse an observation of another length or with a NaN;
 *   <li>{@link TrainablePolicy#writeState} into a {@link CheckpointFile}, written to a file and read back,
 *       restores the parameters and the distributions in a policy made with another seed.
 * </ul>
 *
 * <p>Finite differences perturb each parameter by ±{@value #FINITE_DIFFERENCE_STEP} (in float, using
 * the perturbation float rounding actually made) and evaluate J in double from the distributions; an
 * analytic derivative passes within {@code 2·10⁻³·k + 2·10⁻²·|numeric|}, which float32 parameters and
 * activations meet and a missing factor, term or sign does not. A policy with more than {@value
 * #FINITE_DIFFERENCE_PARAMETERS} parameters has that many of them, chosen at random, checked per try.
 * The finite-difference properties run with pinned jqwik seeds, so that a perturbation that happens to
 * cross a kink (a ReLU's) cannot fail a build by chance. The numbers of tries are small: a policy of a
 * few hundred parameters costs a few seconds.
 *
 * @since 0.1.0
 */
public interface TrainablePolicyProperties<A> {

  /** The perturbation of a parameter in the finite differences. */
  double FINITE_DIFFERENCE_STEP = 1e-3;

  /** The most parameters whose derivatives are checked per try; the others are skipped. */
  int FINITE_DIFFERENCE_PARAMETERS = 200;

  /** The steps of the batch the executor property computes: MlpPolicy splits 4,096 and more in 4 parts. */
  int LARGE_BATCH = 5_000;

  /**
   * Makes a new policy; called once or more per try. Policies of different seeds must have the same
   * architecture; their parameters may differ (the properties set random ones where it matters).
   *
   * @param seed the seed of its initial parameters
   * @return a fresh policy
   */
  TrainablePolicy<float[], A> createPolicy(long seed);

  /**
   * The length of the observations the policy takes.
   *
   * @return the number of values of an observation, at least 1
   */
  int observationLength();

  /**
   * A random action of the policy's action space.
   *
   * @param rng the source of randomness
   * @return an action
   */
  A randomAction(SplittableRandom rng);

  /**
   * The actions whose log-probabilities a snapshot of a distribution holds, when two distributions are
   * compared: every action of a small space, else enough to tell distributions apart.
   *
   * @return at least one action of the space
   */
  List<A> probeActions();

  /**
   * Actions outside the policy's action space, which {@link TrainablePolicy#computeGradient} must refuse
   * with {@link IllegalArgumentException}: just outside it, and of another shape where actions have one.
   *
   * @return at least one action
   */
  List<A> actionsOutsideTheSpace();

  /**
   * The explorations the gradient of {@code log μ} is checked with, {@link Exploration#NONE} first.
   *
   * @return at least {@link Exploration#NONE}
   */
  List<Exploration> explorations();

  /**
   * The exploration of the properties that compute one objective of many steps: the most mixed one the
   * policy takes.
   *
   * @return one of {@link #explorations()}
   */
  Exploration mixedExploration();

  /**
   * A random observation for the properties: {@link #observationLength()} values, a quarter of them exactly
   * 0 (as in sparse observations) and the others uniform in {@code [−1, 1)}. Override it for a policy that
   * expects observations of another kind.
   *
   * @param rng the source of randomness
   * @return a new observation
   */
  default float[] observation(SplittableRandom rng) {
    float[] x = new float[observationLength()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(4) == 0 ? 0f : (float) rng.nextDouble(-1, 1);
    }
    return x;
  }

  /**
   * The gradient of {@code k·log μ(a_t|s_t)} for one step {@code t} of a batch (one-hot weights, β = 0)
   * matches central finite differences of the log-probability computed from {@link
   * TrainablePolicy#distribution}, with no exploration, uniform and sticky exploration mixed in, and sticky
   * exploration alone; steps have no previous action, another one, or the same one. Steps are recorded
   * with {@link TrainablePolicy#observe} or with {@link RecordedSteps#add}.
   *
   * @param seed the seed of the policy, its parameters and the steps
   */
  @Property(tries = 8, seed = "17")
  default void theGradientOfLogMuMatchesCentralDifferences(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> policy = createPolicy(seed);
    policy.setParameters(perturbed(policy.parameters(), rng));
    Sample<A> sample = sample(rng, 1 + rng.nextInt(8));
    boolean observed = rng.nextBoolean();
    RecordedSteps<float[], A> steps = record(policy, sample, observed);
    for (Exploration exploration : explorations()) {
      int t = rng.nextInt(sample.size());
      double[] weights = new double[sample.size()];
      weights[t] = 1.0;
      Objective objective = new Objective(weights, 0.0, exploration, rng.nextDouble(0.25, 4.0));
      policy.computeGradient(steps, objective, null);
      assertMatchesFiniteDifferences(policy, sample, objective, rng,
          "the gradient of k·log μ(a|s) at step " + t + " of " + sample.size() + " (action "
              + shown(sample.actions().get(t)) + ", previous " + shown(sample.previous().get(t)) + ", " + exploration
              + ", k " + objective.scale() + ", " + (observed ? "observed" : "added") + ")");
    }
  }

  /**
   * The gradient of the entropy term {@code k·Σ_t H(π(·|s_t))} (weights 0, β = 1) matches central finite
   * differences of the entropy computed from {@link TrainablePolicy#distribution}; the exploration, which
   * mixes into μ and not into π, must not change it.
   *
   * @param seed the seed of the policy, its parameters and the steps
   */
  @Property(tries = 8, seed = "23")
  default void theGradientOfTheEntropyMatchesCentralDifferences(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> policy = createPolicy(seed);
    policy.setParameters(perturbed(policy.parameters(), rng));
    Sample<A> sample = sample(rng, 1 + rng.nextInt(6));
    Exploration exploration = explorations().get(rng.nextInt(explorations().size()));
    Objective objective = new Objective(new double[sample.size()], 1.0, exploration, rng.nextDouble(0.25, 4.0));
    policy.computeGradient(record(policy, sample, rng.nextBoolean()), objective, null);
    assertMatchesFiniteDifferences(policy, sample, objective, rng,
        "the gradient of k·Σ H(π(·|s)) over " + sample.size() + " steps (" + exploration + ", k " + objective.scale()
            + ")");
  }

  /**
   * The evaluation of {@link TrainablePolicy#computeGradient} is {@code k·(Σ_t w_t·log μ(a_t|s_t) + β·Σ_t
   * H(π(·|s_t)))} computed from {@link TrainablePolicy#distribution} and the {@link Exploration}, within
   * float rounding; its mean entropy is the mean of {@code H(π(·|s_t))} and its step count the record's.
   *
   * @param seed the seed of the policy, its parameters, the steps and the objective
   */
  @Property(tries = 20)
  default void theEvaluationIsTheObjectiveComputedFromTheDistributions(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> policy = createPolicy(seed);
    policy.setParameters(perturbed(policy.parameters(), rng));
    Sample<A> sample = sample(rng, 1 + rng.nextInt(20));
    Objective objective = new Objective(normalWeights(rng, sample.size()), rng.nextDouble(0.0, 0.1),
        explorations().get(rng.nextInt(explorations().size())), rng.nextDouble(0.01, 4.0));
    Evaluation evaluation = policy.computeGradient(record(policy, sample, rng.nextBoolean()), objective, null);

    double logTerms = 0.0;
    double logMagnitude = 0.0;
    double entropy = 0.0;
    double entropyMagnitude = 0.0; // a differential entropy (a Gaussian's) may be negative
    for (int t = 0; t < sample.size(); t++) {
      ActionDistribution<A> d = policy.distribution(sample.observations()[t]);
      double logMu = logMu(d, sample, t, objective.exploration());
      logTerms += objective.weights()[t] * logMu;
      logMagnitude += Math.abs(objective.weights()[t] * logMu);
      entropy += d.entropy();
      entropyMagnitude += Math.abs(d.entropy());
    }
    double expected = objective.scale() * (logTerms + objective.entropyCoefficient() * entropy);
    double tolerance =
        1e-5 * objective.scale() * (logMagnitude + objective.entropyCoefficient() * entropyMagnitude) + 1e-9;
    assertEquals(expected, evaluation.objective(), tolerance,
        "J = k·(Σ w·log μ + β·Σ H) from the distributions, " + objective.exploration() + ", β "
            + objective.entropyCoefficient() + ", k " + objective.scale());
    double meanEntropy = entropy / sample.size();
    assertEquals(meanEntropy, evaluation.meanEntropy(), 1e-5 * entropyMagnitude / sample.size() + 1e-9,
        "the mean entropy");
    assertEquals(sample.size(), evaluation.steps(), "the number of steps");
  }

  /**
   * {@link TrainablePolicy#computeGradient} of {@value #LARGE_BATCH} steps gives the same bits (the
   * gradient and the evaluation) with no executor, with 2 threads and with 4, and again with none: its
   * results must not depend on where its parts run, nor on an earlier call.
   *
   * @param seed the seed of the policy, its parameters and the steps
   */
  @Property(tries = 3)
  default void theGradientIsBitIdenticalWithAndWithoutAnExecutor(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> policy = createPolicy(seed);
    policy.setParameters(perturbed(policy.parameters(), rng));
    Sample<A> sample = sample(rng, LARGE_BATCH);
    RecordedSteps<float[], A> steps = record(policy, sample, rng.nextBoolean());
    Objective objective = Objective.mean(normalWeights(rng, sample.size()), 0.01, mixedExploration());
    Evaluation alone = policy.computeGradient(steps, objective, null);
    float[] gradient = policy.gradient();
    for (int threads : new int[] {2, 4}) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        assertEquals(alone, policy.computeGradient(steps, objective, pool), "the evaluation with " + threads + " threads");
        assertArrayEquals(gradient, policy.gradient(), "the gradient with " + threads + " threads");
      } finally {
        pool.shutdownNow();
      }
    }
    assertEquals(alone, policy.computeGradient(steps, objective, null), "the evaluation computed again");
    assertArrayEquals(gradient, policy.gradient(), "the gradient computed again");
  }

  /**
   * An empty record gives J = 0, a mean entropy of 0 and a gradient of zeros, also after a gradient of
   * other steps: {@link TrainablePolicy#computeGradient} sets the gradient, it does not add to it.
   */
  @Example
  default void anEmptyRecordGivesAZeroObjectiveAndAZeroGradient() {
    SplittableRandom rng = new SplittableRandom(1);
    TrainablePolicy<float[], A> policy = createPolicy(1);
    policy.setParameters(perturbed(policy.parameters(), rng));
    Sample<A> sample = sample(rng, 5);
    policy.computeGradient(record(policy, sample, false),
        Objective.mean(normalWeights(rng, 5), 0.1, Exploration.NONE), null);
    Evaluation empty = policy.computeGradient(policy.newSteps(), Objective.mean(new double[0], 0.1, Exploration.NONE), null);
    assertEquals(new Evaluation(0.0, 0.0, 0), empty, "the evaluation of no steps");
    assertArrayEquals(new float[policy.parameterCount()], policy.gradient(), 0f, "the gradient of no steps (±0)");
  }

  /**
   * {@link TrainablePolicy#computeGradient} refuses a number of weights other than the number of steps,
   * and the actions of {@link #actionsOutsideTheSpace()}, with {@link IllegalArgumentException}.
   */
  @Example
  default void computeGradientRefusesAWrongNumberOfWeightsOrAnActionOutsideTheSpace() {
    SplittableRandom rng = new SplittableRandom(2);
    TrainablePolicy<float[], A> policy = createPolicy(2);
    RecordedSteps<float[], A> steps = record(policy, sample(rng, 3), false);
    for (int weights : new int[] {2, 4}) {
      assertThrows(IllegalArgumentException.class,
          () -> policy.computeGradient(steps, Objective.mean(new double[weights], 0.0, Exploration.NONE), null),
          () -> weights + " weights for 3 steps");
    }
    for (A action : actionsOutsideTheSpace()) {
      assertThrows(IllegalArgumentException.class, () -> {
        RecordedSteps<float[], A> bad = policy.newSteps();
        bad.add(observation(rng), action, null);
        policy.computeGradient(bad, Objective.mean(new double[1], 0.0, Exploration.NONE), null);
      }, () -> "a step with the action " + shown(action) + ", outside the space");
    }
  }

  /**
   * A {@link TrainablePolicy#sharer()} gives the policy's distributions, through {@link
   * TrainablePolicy#distribution} and {@link TrainablePolicy#observe}, also after the policy's parameters
   * were changed; the steps it recorded, appended to a record of the policy, give bit for bit the gradient
   * of the same steps recorded by the policy itself.
   *
   * @param seed the seed of the policy, its parameters and the steps
   */
  @Property(tries = 5)
  default void aSharerActsLikeThePolicyAndFollowsItsParameters(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> policy = createPolicy(seed);
    TrainablePolicy<float[], A> sharer = policy.sharer();
    assertNotSame(policy, sharer, "a sharer has buffers of its own: it is another object");
    Sample<A> sample = sample(rng, 6);
    double[][] before = distributions(policy, sample);
    assertSameDistributions(before, distributions(sharer, sample), "the sharer of a fresh policy");

    policy.setParameters(perturbed(policy.parameters(), rng));
    double[][] after = distributions(policy, sample);
    assertFalse(Arrays.deepEquals(before, after), "new parameters should change some distribution");
    assertSameDistributions(after, distributions(sharer, sample), "the sharer after setParameters on the policy");

    RecordedSteps<float[], A> bySharer = sharer.newSteps();
    RecordedSteps<float[], A> byPolicy = policy.newSteps();
    for (int t = 0; t < sample.size(); t++) {
      double[] seen = snapshot(sharer.observe(sample.observations()[t], bySharer));
      assertSameDistributions(new double[][] {after[t]}, new double[][] {seen}, "the sharer's observe at step " + t);
      bySharer.complete(sample.actions().get(t), sample.previous().get(t));
      policy.observe(sample.observations()[t], byPolicy);
      byPolicy.complete(sample.actions().get(t), sample.previous().get(t));
    }
    Objective objective = Objective.mean(normalWeights(rng, sample.size()), 0.05, mixedExploration());
    RecordedSteps<float[], A> appendedFromPolicy = policy.newSteps();
    appendedFromPolicy.append(byPolicy);
    Evaluation own = policy.computeGradient(appendedFromPolicy, objective, null);
    float[] gradient = policy.gradient();
    RecordedSteps<float[], A> appendedFromSharer = policy.newSteps();
    appendedFromSharer.append(bySharer);
    assertEquals(own, policy.computeGradient(appendedFromSharer, objective, null), "the evaluation of the sharer's steps");
    assertArrayEquals(gradient, policy.gradient(), "the gradient of the steps the sharer recorded");
  }

  /**
   * Steps recorded through {@link TrainablePolicy#observe} before the parameters change give, after the
   * change, the gradient of the same steps recorded afresh with {@link RecordedSteps#add}: whatever a
   * record keeps from the forward pass (the MLP keeps its activations) is not used once it is stale. Both
   * ways of changing the parameters are tried: {@link TrainablePolicy#setParameters}, and writing the
   * blocks and calling {@link TrainablePolicy#parametersChanged()}, as an optimizer does.
   *
   * @param seed the seed of the policy, its parameters and the steps
   */
  @Property(tries = 5)
  default void stepsRecordedBeforeTheParametersChangedGiveTheGradientOfTheNewParameters(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (boolean throughBlocks : new boolean[] {false, true}) {
      TrainablePolicy<float[], A> policy = createPolicy(seed);
      Sample<A> sample = sample(rng, 6);
      RecordedSteps<float[], A> observed = record(policy, sample, true);
      float[] changed = perturbed(policy.parameters(), rng);
      if (throughBlocks) {
        int off = 0;
        for (float[] block : policy.parameterBlocks()) {
          System.arraycopy(changed, off, block, 0, block.length);
          off += block.length;
        }
        policy.parametersChanged();
      } else {
        policy.setParameters(changed);
      }
      Objective objective = Objective.mean(normalWeights(rng, sample.size()), 0.05, mixedExploration());
      Evaluation stale = policy.computeGradient(observed, objective, null);
      float[] gradient = policy.gradient();
      Evaluation fresh = policy.computeGradient(record(policy, sample, false), objective, null);
      String how = throughBlocks ? "after writing the blocks" : "after setParameters";
      assertEquals(fresh, stale, "the evaluation of steps observed before the change, " + how);
      assertArrayEquals(policy.gradient(), gradient, "the gradient of steps observed before the change, " + how);
    }
  }

  /**
   * The parameter blocks are the same arrays on every call and, concatenated, the parameters; the gradient
   * blocks have their lengths. Writing new values into the blocks and calling {@link
   * TrainablePolicy#parametersChanged()}, as an optimizer does, gives the distributions of a policy that was
   * given the same values by {@link TrainablePolicy#setParameters}.
   *
   * @param seed the seed of the policies and the values
   */
  @Property(tries = 5)
  default void theBlocksAreTheParametersInOrderAndWritingThemActsLikeSetParameters(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> policy = createPolicy(seed);
    float[][] blocks = policy.parameterBlocks();
    assertEquals(blocks.length, policy.parameterBlocks().length, "the number of blocks");
    for (int b = 0; b < blocks.length; b++) {
      assertSame(blocks[b], policy.parameterBlocks()[b], "parameterBlocks() gives the same arrays on every call");
    }
    float[] flat = policy.parameters();
    assertEquals(policy.parameterCount(), flat.length, "parameterCount() and parameters()");
    float[][] gradient = policy.gradientBlocks();
    assertEquals(blocks.length, gradient.length, "as many gradient blocks as parameter blocks");
    int off = 0;
    for (int b = 0; b < blocks.length; b++) {
      assertEquals(blocks[b].length, gradient[b].length, "the length of gradient block " + b);
      assertArrayEquals(Arrays.copyOfRange(flat, off, off + blocks[b].length), blocks[b], "parameter block " + b);
      off += blocks[b].length;
    }
    assertEquals(flat.length, off, "the blocks hold every parameter");

    Sample<A> sample = sample(rng, 4);
    distributions(policy, sample); // lets a policy cache what it derives from the parameters
    float[] values = perturbed(flat, rng);
    off = 0;
    for (float[] block : blocks) {
      System.arraycopy(values, off, block, 0, block.length);
      off += block.length;
    }
    policy.parametersChanged();
    assertArrayEquals(values, policy.parameters(), "the parameters after writing the blocks");
    TrainablePolicy<float[], A> other = createPolicy(seed + 1);
    other.setParameters(values);
    assertSameDistributions(distributions(other, sample), distributions(policy, sample),
        "written blocks and parametersChanged(), against setParameters");
  }

  /**
   * {@link TrainablePolicy#setParameters} refuses one value too few, one too many, a NaN and an infinity
   * with {@link IllegalArgumentException}, and the parameters and the distributions are then unchanged.
   *
   * @param seed the seed of the policy, its parameters and the refused values
   */
  @Property(tries = 5)
  default void setParametersRefusesAWrongLengthOrANaNAndKeepsTheParameters(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> policy = createPolicy(seed);
    float[] kept = perturbed(policy.parameters(), rng);
    policy.setParameters(kept);
    Sample<A> sample = sample(rng, 3);
    double[][] distributions = distributions(policy, sample);
    int n = kept.length;
    int at = rng.nextInt(n);
    float[] nan = perturbed(kept, rng);
    nan[at] = Float.NaN;
    float[] infinite = perturbed(kept, rng);
    infinite[at] = Float.NEGATIVE_INFINITY;
    List<float[]> refused = List.of(perturbed(Arrays.copyOf(kept, n - 1), rng), perturbed(Arrays.copyOf(kept, n + 1), rng),
        nan, infinite);
    List<String> what = List.of((n - 1) + " values", (n + 1) + " values", "a NaN at " + at, "an infinity at " + at);
    for (int k = 0; k < refused.size(); k++) {
      float[] values = refused.get(k);
      String description = what.get(k) + " for " + n + " parameters";
      assertThrows(IllegalArgumentException.class, () -> policy.setParameters(values), description);
      assertArrayEquals(kept, policy.parameters(), "the parameters after refusing " + description);
      assertSameDistributions(distributions, distributions(policy, sample), "after refusing " + description);
    }
  }

  /**
   * {@link TrainablePolicy#distribution} and {@link TrainablePolicy#observe} refuse an observation one value
   * shorter or longer than {@link #observationLength()}, or with a NaN, with {@link
   * IllegalArgumentException}.
   *
   * @param seed the seed of the policy and the observations
   */
  @Property(tries = 5)
  default void distributionAndObserveRefuseAnObservationOfAnotherLengthOrWithANaN(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> policy = createPolicy(seed);
    float[] x = observation(rng);
    float[] nan = x.clone();
    int at = rng.nextInt(nan.length);
    nan[at] = Float.NaN;
    List<float[]> refused = x.length > 1
        ? List.of(Arrays.copyOf(x, x.length - 1), Arrays.copyOf(x, x.length + 1), nan)
        : List.of(Arrays.copyOf(x, x.length + 1), nan);
    for (float[] bad : refused) {
      String description = bad.length != x.length
          ? "an observation of " + bad.length + " values for " + x.length
          : "an observation with a NaN at " + at;
      assertThrows(IllegalArgumentException.class, () -> policy.distribution(bad), "distribution of " + description);
      assertThrows(IllegalArgumentException.class, () -> policy.observe(bad, policy.newSteps()),
          "observe of " + description);
    }
  }

  /**
   * {@link TrainablePolicy#writeState} into a {@link CheckpointFile}, written to a file and read back, and
   * {@link TrainablePolicy#readState} into a policy made with another seed, give that policy the same
   * parameters and the same distributions, bit for bit.
   *
   * @param seed the seed of the policies, the parameters and the observations
   */
  @Property(tries = 5)
  default void parametersRoundTripThroughACheckpointFile(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TrainablePolicy<float[], A> saved = createPolicy(seed);
    saved.setParameters(perturbed(saved.parameters(), rng));
    CheckpointFile written = new CheckpointFile();
    saved.writeState(written, "policy.");
    CheckpointFile read;
    try {
      Path folder = Files.createTempDirectory("pgrl-policy-contract");
      Path file = folder.resolve("policy.ckpt");
      try {
        written.write(file);
        read = CheckpointFile.read(file);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TrainablePolicy<float[], A> restored = createPolicy(seed + 1);
    restored.readState(read, "policy.");
    assertArrayEquals(saved.parameters(), restored.parameters(), "the parameters read back");
    Sample<A> sample = sample(rng, 5);
    assertSameDistributions(distributions(saved, sample), distributions(restored, sample), "the policy read back");
  }

  /**
   * Steps for the properties: observations, actions, and previous actions ({@code null} on an episode's
   * first step).
   *
   * @param <A> the action type
   * @param observations one observation per step
   * @param actions one action per step, in the action space
   * @param previous the action before each step, or {@code null}
   */
  record Sample<A>(float[][] observations, List<A> actions, List<A> previous) {

    /**
     * The number of steps.
     *
     * @return the number of steps
     */
    public int size() {
      return actions.size();
    }
  }

  /**
   * Random steps: a third without a previous action, a third whose previous action is the action (so
   * that stickiness could have chosen it), a third with a random previous action.
   *
   * @param rng the source of randomness
   * @param n the number of steps
   * @return the steps
   */
  default Sample<A> sample(SplittableRandom rng, int n) {
    float[][] observations = new float[n][];
    List<A> actions = new ArrayList<>(n);
    List<A> previous = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      observations[t] = observation(rng);
      A action = randomAction(rng);
      actions.add(action);
      int kind = rng.nextInt(3);
      previous.add(kind == 0 ? null : kind == 1 ? action : randomAction(rng));
    }
    return new Sample<>(observations, actions, previous);
  }

  /**
   * Records the steps in a new record of the policy: through {@link TrainablePolicy#observe} and {@link
   * RecordedSteps#complete}, as a rollout does, or with {@link RecordedSteps#add}.
   *
   * @param <A> the action type
   * @param policy the policy
   * @param sample the steps
   * @param observe whether to record them through {@code observe}
   * @return the record
   */
  static <A> RecordedSteps<float[], A> record(TrainablePolicy<float[], A> policy, Sample<A> sample, boolean observe) {
    RecordedSteps<float[], A> steps = policy.newSteps();
    for (int t = 0; t < sample.size(); t++) {
      if (observe) {
        policy.observe(sample.observations()[t], steps);
        steps.complete(sample.actions().get(t), sample.previous().get(t));
      } else {
        steps.add(sample.observations()[t], sample.actions().get(t), sample.previous().get(t));
      }
    }
    return steps;
  }

  /**
   * Checks the policy's gradient against central finite differences of the objective computed from its
   * distributions, at its current parameters.
   */
  private void assertMatchesFiniteDifferences(
      TrainablePolicy<float[], A> policy, Sample<A> sample, Objective objective, SplittableRandom rng, String what) {
    float[] analytic = policy.gradient();
    float[] theta = policy.parameters();
    assertEquals(theta.length, analytic.length, "the gradient's length");
    for (int i : checkedParameters(theta.length, rng)) {
      float[] moved = theta.clone();
      moved[i] = (float) (theta[i] + FINITE_DIFFERENCE_STEP);
      policy.setParameters(moved);
      double up = objectiveFromDistributions(policy, sample, objective);
      double h = (double) moved[i];
      moved[i] = (float) (theta[i] - FINITE_DIFFERENCE_STEP);
      policy.setParameters(moved);
      double down = objectiveFromDistributions(policy, sample, objective);
      h -= moved[i];
      double numeric = (up - down) / h;
      double tolerance = 2e-3 * objective.scale() + 2e-2 * Math.abs(numeric);
      if (!(Math.abs(analytic[i] - numeric) <= tolerance)) {
        policy.setParameters(theta);
        fail(what + ": the derivative by parameter " + i + " of " + theta.length + " is " + analytic[i]
            + ", finite differences give " + numeric + " (tolerance " + tolerance + ")");
      }
    }
    policy.setParameters(theta);
  }

  /** All parameter indices, or {@value #FINITE_DIFFERENCE_PARAMETERS} distinct ones at random. */
  private static int[] checkedParameters(int count, SplittableRandom rng) {
    int[] all = new int[count];
    for (int i = 0; i < count; i++) {
      all[i] = i;
    }
    int keep = Math.min(count, FINITE_DIFFERENCE_PARAMETERS);
    for (int i = 0; i < keep; i++) {
      int j = i + rng.nextInt(count - i);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    return Arrays.copyOf(all, keep);
  }

  /** {@code k·(Σ w·log μ + β·Σ H)} from the policy's distributions, in double; steps of weight 0 add no log μ. */
  private double objectiveFromDistributions(TrainablePolicy<float[], A> policy, Sample<A> sample, Objective objective) {
    double sum = 0.0;
    for (int t = 0; t < sample.size(); t++) {
      ActionDistribution<A> d = policy.distribution(sample.observations()[t]);
      double w = objective.weights()[t];
      if (w != 0.0) {
        sum += w * logMu(d, sample, t, objective.exploration());
      }
      sum += objective.entropyCoefficient() * d.entropy();
    }
    return objective.scale() * sum;
  }

  /** log μ(a_t|s_t) of π(·|s_t) mixed with the exploration. */
  private static <A> double logMu(ActionDistribution<A> d, Sample<A> sample, int t, Exploration exploration) {
    return exploration.logProbability(d, sample.actions().get(t), sample.previous().get(t));
  }

  /**
   * A distribution's values, before the policy's next call may change a view: {@code log π(a|s)} for
   * every action of {@link #probeActions()}, then the entropy, then a hash of the mode.
   */
  private double[] snapshot(ActionDistribution<A> d) {
    List<A> probes = probeActions();
    double[] values = new double[probes.size() + 2];
    for (int k = 0; k < probes.size(); k++) {
      values[k] = d.logProbability(probes.get(k));
    }
    values[probes.size()] = d.entropy();
    values[probes.size() + 1] = Arrays.deepHashCode(new Object[] {d.mode()});
    return values;
  }

  /** The {@link #snapshot}s of the policy's distributions for the sample's observations. */
  private double[][] distributions(TrainablePolicy<float[], A> policy, Sample<A> sample) {
    double[][] out = new double[sample.size()][];
    for (int t = 0; t < sample.size(); t++) {
      out[t] = snapshot(policy.distribution(sample.observations()[t]));
    }
    return out;
  }

  /** An action as messages show it (the elements of an array). */
  private static String shown(Object action) {
    String s = Arrays.deepToString(new Object[] {action});
    return s.substring(1, s.length() - 1);
  }

  private static void assertSameDistributions(double[][] expected, double[][] actual, String what) {
    for (int t = 0; t < expected.length; t++) {
      assertArrayEquals(expected[t], actual[t], what + ": log π(·|s), H and the mode for observation " + t);
    }
  }

  /** The values plus noise of standard deviation 0.5: parameters away from any special point. */
  private static float[] perturbed(float[] values, SplittableRandom rng) {
    float[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += (float) (0.5 * rng.nextGaussian());
    }
    return out;
  }

  private static double[] normalWeights(SplittableRandom rng, int n) {
    double[] w = new double[n];
    for (int t = 0; t < n; t++) {
      w[t] = rng.nextGaussian();
    }
    return w;
  }
}
