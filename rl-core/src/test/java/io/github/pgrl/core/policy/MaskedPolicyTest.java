package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Evaluation;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.reinforce.Reduction;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MLP's masked softmax: the probabilities, log μ, entropy and gradient of the distribution over the
 * valid actions only, checked against hand-computed values and finite differences; invalid actions are
 * never drawn; an all-valid mask changes nothing; bad masks are refused.
 */
class MaskedPolicyTest {

  /** A linear policy over 3 actions whose logits, for the zero observation, are its biases 1, 2, 3. */
  private static MlpPolicy biasesOneTwoThree() {
    MlpPolicy p = MlpPolicy.builder(2, 3).hidden().build(new SplittableRandom(1));
    float[] theta = new float[p.parameterCount()];
    theta[6] = 1f;
    theta[7] = 2f;
    theta[8] = 3f;
    p.setParameters(theta);
    return p;
  }

  private static final boolean[] FIRST_AND_LAST = {true, false, true};

  @Example
  void theMaskedDistributionIsTheSoftmaxOverTheValidActions() {
    MlpPolicy p = biasesOneTwoThree();
    double z = Math.exp(1) + Math.exp(3);
    double p0 = Math.exp(1) / z;
    double p2 = Math.exp(3) / z;
    Categorical d = p.distribution(new float[2], FIRST_AND_LAST);
    assertArrayEquals(new double[] {p0, 0.0, p2}, d.toArray(), 1e-12);
    assertEquals(3 - Math.log(z), d.logProbability(2), 1e-12);
    assertEquals(-(p0 * Math.log(p0) + p2 * Math.log(p2)), d.entropy(), 1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, d.logProbability(1));
  }

  @Example
  void theGradientWithRespectToTheLogitsIsOneHotLessTheMaskedProbabilitiesAndZeroOnInvalidActions() {
    MlpPolicy p = biasesOneTwoThree();
    double z = Math.exp(1) + Math.exp(3);
    double p0 = Math.exp(1) / z;
    double p2 = Math.exp(3) / z;
    double h = -(p0 * Math.log(p0) + p2 * Math.log(p2));
    double beta = 0.5;
    Batch b = maskedStep(p, new float[2], FIRST_AND_LAST, 2);
    Evaluation e = p.computeGradient(b, new Objective(new double[] {1.0}, beta, Exploration.NONE, 1.0), null);
    assertEquals(3 - Math.log(z) + beta * h, e.objective(), 1e-6);
    assertEquals(h, e.meanEntropy(), 1e-6);
    float[] g = p.gradient();
    // the weights see the zero observation: no gradient; the biases get the derivative by the logits
    for (int i = 0; i < 6; i++) {
      assertEquals(0f, g[i], "weight " + i);
    }
    assertEquals(-p0 - beta * p0 * (Math.log(p0) + h), g[6], 1e-6);
    assertEquals(0f, g[7], "the invalid action's logit gets no gradient");
    assertEquals(1 - p2 - beta * p2 * (Math.log(p2) + h), g[8], 1e-6);
  }

  private static Batch maskedStep(MlpPolicy p, float[] x, boolean[] mask, int action) {
    Batch b = (Batch) p.newSteps();
    p.observe(x, mask, b);
    b.complete(action, null);
    return b;
  }

  static Stream<Arguments> configurations() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Activation act : Activation.values()) {
      for (boolean bias : new boolean[] {true, false}) {
        for (boolean javaPath : new boolean[] {true, false}) {
          b.add(Arguments.of(act, bias, javaPath));
        }
      }
    }
    return b.build();
  }

  /** As {@code MlpPolicyGradientTest}, with a random mask on most steps and none on some. */
  @ParameterizedTest(name = "{0} bias={1} java={2}")
  @MethodSource("configurations")
  void theMaskedGradientMatchesCentralDifferences(Activation activation, boolean bias, boolean javaPath) {
    int actions = 5;
    SplittableRandom rng = new SplittableRandom(12);
    MlpPolicy policy = MlpPolicy.builder(4, actions).hidden(6, 4).activation(activation).bias(bias).build(rng);
    policy.computePath(javaPath ? ComputePath.SPARSE_JAVA : ComputePath.DENSE_ND4J);
    Batch batch = (Batch) policy.newSteps();
    int n = 14;
    double[] weights = new double[n];
    for (int t = 0; t < n; t++) {
      float[] obs = new float[4];
      for (int i = 0; i < 4; i++) {
        obs[i] = rng.nextInt(4) == 0 ? 0f : (float) rng.nextDouble(-1, 1);
      }
      boolean[] drawn = randomMask(actions, rng);
      int a = validIndex(drawn, rng);
      boolean[] mask = t % 4 == 3 ? null : drawn;
      if (mask == null) {
        policy.observe(obs, batch);
      } else {
        policy.observe(obs, mask, batch);
      }
      batch.complete(a, null);
      weights[t] = rng.nextDouble(-2, 2);
    }
    double beta = 0.05;
    PolicyCalls.gradient(policy, batch, weights, Exploration.NONE, beta, Reduction.MEAN);
    float[] analytic = policy.gradient();
    float[] theta = policy.parameters();
    double eps = 1e-3;
    for (int i = 0; i < theta.length; i++) {
      float saved = theta[i];
      theta[i] = (float) (saved + eps);
      policy.setParameters(theta);
      double up = PolicyCalls.objective(policy, batch, weights, Exploration.NONE, beta, Reduction.MEAN).objective();
      theta[i] = (float) (saved - eps);
      policy.setParameters(theta);
      double down = PolicyCalls.objective(policy, batch, weights, Exploration.NONE, beta, Reduction.MEAN).objective();
      theta[i] = saved;
      policy.setParameters(theta);
      double numeric = (up - down) / (2 * eps);
      assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric), "parameter " + i + " of " + theta.length);
    }
  }

  /** The objective's log μ and entropy terms are those the contract's per-step methods give. */
  @Example
  void theObjectiveAgreesWithTheMaskedLogProbabilitiesAndEntropies() {
    SplittableRandom rng = new SplittableRandom(5);
    MlpPolicy policy = MlpPolicy.builder(3, 4).hidden(5).build(rng);
    RecordedSteps<float[], Integer> steps = RecordedSteps.inMemory();
    double[] weights = new double[20];
    for (int t = 0; t < 20; t++) {
      float[] obs = {(float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-1, 1)};
      boolean[] mask = randomMask(4, rng);
      policy.observe(obs, mask, steps);
      steps.complete(validIndex(mask, rng), null);
      weights[t] = rng.nextDouble(-1, 1);
    }
    double[] logMu = policy.logProbabilities(steps, Exploration.NONE);
    double[] h = policy.entropies(steps);
    double expected = 0;
    for (int t = 0; t < 20; t++) {
      assertTrue(Double.isFinite(logMu[t]), "a played action is valid, so log μ is finite");
      expected += weights[t] * logMu[t] + 0.1 * h[t];
    }
    Evaluation e = policy.evaluate(steps, new Objective(weights, 0.1, Exploration.NONE, 1.0));
    assertEquals(expected, e.objective(), 1e-9);
  }

  /**
   * With every action valid the masked arithmetic is the unmasked one, to the bit: J, the entropy and the
   * gradient.
   */
  @Example
  void aMaskOfEveryActionGivesTheUnmaskedResultsBitForBit() {
    SplittableRandom rng = new SplittableRandom(3);
    MlpPolicy policy = MlpPolicy.builder(6, 4).hidden(8).build(rng);
    Batch plain = (Batch) policy.newSteps();
    Batch masked = (Batch) policy.newSteps();
    boolean[] all = {true, true, true, true};
    double[] weights = new double[30];
    for (int t = 0; t < 30; t++) {
      float[] obs = new float[6];
      for (int i = 0; i < 6; i++) {
        obs[i] = (float) rng.nextDouble(-2, 2);
      }
      assertArrayEquals(policy.observe(obs, plain).toArray(), policy.observe(obs, all, masked).toArray());
      int a = rng.nextInt(4);
      plain.complete(a, null);
      masked.complete(a, null);
      weights[t] = rng.nextDouble(-1, 1);
    }
    Objective objective = new Objective(weights, 0.02, Exploration.NONE, 1.0 / 30);
    Evaluation e1 = policy.computeGradient(plain, objective, null);
    float[] g1 = policy.gradient();
    Evaluation e2 = policy.computeGradient(masked, objective, null);
    assertEquals(e1, e2);
    assertArrayEquals(g1, policy.gradient());
  }

  /** Over random masks, observations and seeds, neither sampling path ever draws an invalid action. */
  @Property(tries = 200, seed = "20261129")
  void aMaskedPolicyNeverSamplesAnInvalidAction(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 70) int actions) {
    SplittableRandom rng = new SplittableRandom(seed);
    MlpPolicy policy = MlpPolicy.builder(3, actions).hidden(4).build(rng);
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    for (int k = 0; k < 20; k++) {
      boolean[] mask = randomMask(actions, rng);
      float[] obs = {(float) rng.nextDouble(-5, 5), (float) rng.nextDouble(-5, 5), (float) rng.nextDouble(-5, 5)};
      int a = policy.distribution(obs, mask).sample(rng);
      assertTrue(mask[a], "drew the invalid action " + a);
      int b = policy.observe(obs, mask, steps).sample(rng);
      assertTrue(mask[b], "drew the invalid action " + b + " while observing");
      steps.complete(b, null);
      assertArrayEquals(mask, steps.validActions(k), "the record keeps the mask");
    }
  }

  /** A record's masks survive appending (batch to batch, in-memory to batch) and clearing resets them. */
  @Example
  void masksSurviveAppendAndClearDropsThem() {
    MlpPolicy policy = MlpPolicy.builder(2, 70).hidden().build(new SplittableRandom(2));
    boolean[] wide = new boolean[70];
    wide[0] = true;
    wide[64] = true;
    wide[69] = true;
    RecordedSteps<float[], Integer> list = RecordedSteps.inMemory();
    policy.observe(new float[] {1, 0}, wide, list);
    list.complete(64, null);
    list.add(new float[] {0, 1}, 3, 64);
    Batch batch = (Batch) policy.newSteps();
    batch.append(list);
    Batch again = (Batch) policy.newSteps();
    policy.observe(new float[] {2, 2}, batch);
    again.add(new float[] {1, 1}, 5, -1);
    again.append(batch);
    assertNull(again.validActions(0));
    assertArrayEquals(wide, again.validActions(1));
    assertNull(again.validActions(2));
    assertEquals(70, again.maskLength());
    again.clear();
    again.add(new float[] {1, 1}, 5, -1);
    assertNull(again.validActions(0));
    assertEquals(0, again.maskLength());
  }

  @Example
  void badMasksAreRefusedNamingWhatIsWrong() {
    MlpPolicy p = MlpPolicy.builder(2, 3).hidden().build(new SplittableRandom(1));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> p.distribution(new float[2], new boolean[3]));
    assertTrue(none.getMessage().contains("a mask with no valid action"), none.getMessage());
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> p.observe(new float[2], new boolean[] {true, true}, p.newSteps()));
    assertTrue(length.getMessage().contains("the mask has 2 entries, for 3 actions it must have 3"), length.getMessage());
    MlpPolicy bernoulli = MlpPolicy.builder(2, 2).head(Head.BERNOULLI).build(new SplittableRandom(1));
    IllegalArgumentException head = assertThrows(IllegalArgumentException.class,
        () -> bernoulli.distribution(new float[2], new boolean[] {true, true}));
    assertTrue(head.getMessage().contains("Head.SOFTMAX"), head.getMessage());
  }

  @Example
  void aRefusedMaskStagesNothing() {
    MlpPolicy p = MlpPolicy.builder(2, 3).hidden().build(new SplittableRandom(1));
    RecordedSteps<float[], Integer> steps = p.newSteps();
    assertThrows(IllegalArgumentException.class, () -> p.observe(new float[2], new boolean[3], steps));
    assertThrows(IllegalStateException.class, () -> steps.complete(0, null));
  }

  @Example
  void aGradientOfAnInvalidActionOrOfMasksWithExplorationIsRefused() {
    MlpPolicy p = biasesOneTwoThree();
    Batch invalid = maskedStep(p, new float[2], FIRST_AND_LAST, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.computeGradient(invalid, Objective.mean(new double[] {1}, 0, Exploration.NONE), null));
    assertTrue(e.getMessage().contains("the action of step 0 is 1, which its mask [true, false, true] marks invalid"),
        e.getMessage());
    Batch valid = maskedStep(p, new float[2], FIRST_AND_LAST, 2);
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> p.computeGradient(valid, Objective.mean(new double[] {1}, 0, Exploration.epsilon(0.1)), null));
    assertTrue(x.getMessage().contains("masks go with Exploration.NONE only"), x.getMessage());
    IllegalArgumentException viaDefault = assertThrows(IllegalArgumentException.class,
        () -> p.logProbabilities(invalid, Exploration.NONE));
    assertTrue(viaDefault.getMessage().contains("marks invalid"), viaDefault.getMessage());
  }

  /** A random mask with at least one valid action. */
  static boolean[] randomMask(int n, SplittableRandom rng) {
    boolean[] mask = new boolean[n];
    mask[rng.nextInt(n)] = true;
    for (int a = 0; a < n; a++) {
      mask[a] |= rng.nextBoolean();
    }
    return mask;
  }

  static int validIndex(boolean[] mask, SplittableRandom rng) {
    int a;
    do {
      a = rng.nextInt(mask.length);
    } while (!mask[a]);
    return a;
  }
}
