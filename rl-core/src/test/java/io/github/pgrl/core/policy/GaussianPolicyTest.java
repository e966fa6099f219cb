package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.DiagonalGaussian;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.space.Box;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link GaussianPolicy}: the arguments and inputs it refuses, the bounds of its actions, its initial and
 * clamped log standard deviations, and the architecture its checkpoints compare.
 */
class GaussianPolicyTest {

  private static final Box PENDULUM = Box.of(-2f, 2f, 1);

  @Test
  void squashingRefusesABoundThatIsNotFinite() {
    Box halfOpen = Box.of(new float[] {-1f, 0f}, new float[] {1f, Float.POSITIVE_INFINITY});
    String message = assertThrows(IllegalArgumentException.class,
        () -> GaussianPolicy.builder(3, halfOpen).squash(true).build(new SplittableRandom(1))).getMessage();
    assertTrue(message.contains("a Gaussian bound that is not finite") && message.contains("coordinate 1"), message);
    // unsquashed, the bounds are the environment's to clip to
    GaussianPolicy unbounded = GaussianPolicy.builder(3, halfOpen).build(new SplittableRandom(1));
    assertEquals(2, unbounded.distribution(new float[3]).dimensions());
  }

  @Test
  void builderRefusesBadArguments() {
    assertMentions(() -> GaussianPolicy.builder(0, PENDULUM), "at least 1 input, got 0");
    assertMentions(() -> GaussianPolicy.builder(3, PENDULUM).initialLogStd(2.5), "[-20.0, 2.0]", "2.5");
    assertMentions(() -> GaussianPolicy.builder(3, PENDULUM).initialLogStd(Double.NaN), "NaN");
    assertMentions(() -> GaussianPolicy.builder(3, PENDULUM).hidden(0), "");
    assertMentions(() -> GaussianPolicy.builder(3, PENDULUM).outputScale(0), "positive and finite");
    assertMentions(() -> GaussianPolicy.builder(3, PENDULUM).logStd(LogStd.HEAD).bias(false).initialLogStd(-1)
        .build(new SplittableRandom(1)), "without biases", "LogStd.PARAMETER");
  }

  @Test
  void distributionRefusesAnObservationOfAnotherLengthOrNotFinite() {
    GaussianPolicy policy = GaussianPolicy.builder(3, PENDULUM).build(new SplittableRandom(1));
    assertMentions(() -> policy.distribution(new float[2]), "observations of 3 values, got 2");
    assertMentions(() -> policy.distribution(new float[] {0f, Float.NaN, 0f}), "NaN at index 1");
    assertMentions(() -> policy.observe(new float[4], policy.newSteps()), "3 values, got 4");
    assertMentions(() -> policy.observe(new float[] {Float.POSITIVE_INFINITY, 0f, 0f}, policy.newSteps()),
        "Infinity");
    GaussianPolicy other = GaussianPolicy.builder(4, PENDULUM).build(new SplittableRandom(1));
    assertMentions(() -> policy.observe(new float[3], other.newSteps()), "expects 3");
  }

  @Test
  void aRefusedObservationIsNotStaged() {
    GaussianPolicy policy = GaussianPolicy.builder(3, PENDULUM).hidden().build(new SplittableRandom(1));
    RecordedSteps<float[], float[]> steps = policy.newSteps();
    float[] good = {0.1f, 0.2f, 0.3f};
    // a value that is not finite is refused before anything is staged: the step staged before stays
    policy.observe(good, steps);
    assertMentions(() -> policy.observe(new float[] {0f, Float.NaN, 0f}, steps), "NaN at index 1");
    steps.complete(new float[] {0.5f}, null);
    assertEquals(1, steps.size());
    assertArrayEquals(good, steps.observation(0));

    // finite, but the mean overflows: found by the forward pass, after which the observation is dropped
    float[] theta = policy.parameters();
    Arrays.fill(theta, 1e20f);
    policy.setParameters(theta);
    float[] huge = {1e20f, 1e20f, 1e20f};
    assertMentions(() -> policy.observe(huge, steps), "no Gaussian for this observation");
    assertThrows(IllegalStateException.class, () -> steps.complete(new float[] {0.5f}, null),
        "the refused observation was not staged");
    assertEquals(1, steps.size());
  }

  @Test
  void aRecordRefusesAnActionOfAnotherLengthAndTheGradientANonFiniteOne() {
    GaussianPolicy policy = GaussianPolicy.builder(3, PENDULUM).build(new SplittableRandom(1));
    RecordedSteps<float[], float[]> steps = policy.newSteps();
    assertMentions(() -> steps.add(new float[3], new float[2], null), "action has 2 values", "have 1");
    assertMentions(() -> steps.add(new float[3], new float[1], new float[3]), "previous action has 3 values");
    steps.add(new float[3], new float[] {Float.NaN}, null);
    assertMentions(() -> policy.computeGradient(steps, Objective.mean(new double[1], 0, Exploration.NONE), null),
        "step 0 is NaN", "finite");
  }

  @Test
  void computeGradientRefusesExploration() {
    GaussianPolicy policy = GaussianPolicy.builder(3, PENDULUM).build(new SplittableRandom(1));
    RecordedSteps<float[], float[]> steps = policy.newSteps();
    steps.add(new float[3], new float[] {0.5f}, null);
    for (Exploration exploration : new Exploration[] {Exploration.epsilon(0.1), Exploration.sticky(0.2)}) {
      assertMentions(() -> policy.computeGradient(steps, Objective.mean(new double[1], 0, exploration), null),
          "takes no exploration", "Exploration.NONE");
    }
  }

  @Test
  void unsquashedSamplesLeaveTheBoxAndSquashedOnesStayInIt() {
    SplittableRandom rng = new SplittableRandom(4);
    GaussianPolicy wide = GaussianPolicy.builder(3, PENDULUM).initialLogStd(1.5).build(rng);
    GaussianPolicy squashed = GaussianPolicy.builder(3, PENDULUM).initialLogStd(1.5).squash(true).build(rng);
    int outside = 0;
    for (int k = 0; k < 1000; k++) {
      float[] obs = {(float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-8, 8)};
      float a = wide.act(obs, rng)[0];
      outside += Math.abs(a) > 2f ? 1 : 0;
      float b = squashed.act(obs, rng)[0];
      assertTrue(b >= -2f && b <= 2f, "a squashed action in [-2, 2]: " + b);
    }
    assertTrue(outside > 100, "σ = e^1.5 puts many unsquashed samples outside [-2, 2]: " + outside);
  }

  @Test
  void theLogStdStartsAtItsInitialValueAsAVectorAndAsAHead() {
    float[] zero = new float[3];
    GaussianPolicy vector = GaussianPolicy.builder(3, Box.of(-1f, 1f, 2)).initialLogStd(-0.7).build(new SplittableRandom(2));
    GaussianPolicy head = GaussianPolicy.builder(3, Box.of(-1f, 1f, 2)).hidden().logStd(LogStd.HEAD)
        .initialLogStd(-0.7).build(new SplittableRandom(2));
    // a linear head sees only its biases for a zero observation
    for (GaussianPolicy policy : new GaussianPolicy[] {vector, head}) {
      double[] std = policy.distribution(zero).std();
      assertEquals(Math.exp(-0.7), std[0], 1e-6, policy.toString());
      assertEquals(Math.exp(-0.7), std[1], 1e-6, policy.toString());
    }
    assertEquals((3 * 64 + 64) + (64 * 64 + 64) + (64 * 2 + 2) + 2, vector.parameterCount(),
        "two means after two hidden layers of 64, then one log std per coordinate");
    assertEquals(3 * 4 + 4, head.parameterCount(), "a linear network of two means and two log stds");
  }

  @Test
  void theLogStdIsClampedAndOutsideTheRangeOnlyAnInwardDerivativePasses() {
    GaussianPolicy policy = GaussianPolicy.builder(3, PENDULUM).hidden(4).build(new SplittableRandom(3));
    float[] theta = policy.parameters();
    RecordedSteps<float[], float[]> steps = policy.newSteps();
    steps.add(new float[] {0.1f, 0.2f, 0.3f}, new float[] {1f}, null);
    // above the range σ = e^2 is wide for this action: log π asks for a smaller σ (inward), the entropy for a larger
    Objective narrower = Objective.mean(new double[] {1.0}, 0.1, Exploration.NONE);
    Objective wider = Objective.mean(new double[] {0.0}, 0.1, Exploration.NONE);
    // below it σ = e^-20 is narrow: log π asks for a larger σ (inward); with a negative weight for a smaller one
    Objective larger = Objective.mean(new double[] {1.0}, 0.0, Exploration.NONE);
    Objective smaller = Objective.mean(new double[] {-1.0}, 0.0, Exploration.NONE);
    Object[][] cases = {{5f, narrower, wider}, {-25f, larger, smaller}};
    for (Object[] c : cases) {
      float logStd = (float) c[0];
      double limit = logStd > 0 ? GaussianPolicy.MAX_LOG_STD : GaussianPolicy.MIN_LOG_STD;
      theta[theta.length - 1] = (float) limit;
      policy.setParameters(theta);
      policy.computeGradient(steps, (Objective) c[1], null);
      float atLimit = policy.gradient()[theta.length - 1];
      theta[theta.length - 1] = logStd;
      policy.setParameters(theta);
      assertEquals(Math.exp(limit), policy.distribution(new float[3]).std()[0], 1e-12 * Math.exp(limit));
      policy.computeGradient(steps, (Objective) c[1], null);
      float inward = policy.gradient()[theta.length - 1];
      assertTrue(logStd > 0 ? inward < 0f : inward > 0f, "the derivative by a log std of " + logStd + ": " + inward);
      assertEquals(atLimit, inward, "outside the range an inward derivative is the one at the limit");
      policy.computeGradient(steps, (Objective) c[2], null);
      assertEquals(0f, policy.gradient()[theta.length - 1], "an outward derivative by a log std of " + logStd);
    }
    theta[theta.length - 1] = 0.5f;
    policy.setParameters(theta);
    policy.computeGradient(steps, narrower, null);
    assertTrue(policy.gradient()[theta.length - 1] != 0f, "inside the range the log std has a derivative");
  }

  @Test
  void aLogStdHeadOutsideTheRangeHasTheDerivativeZero() {
    // linear: the head's output for a zero observation is its bias, the last parameter
    GaussianPolicy policy = GaussianPolicy.builder(3, PENDULUM).hidden().logStd(LogStd.HEAD)
        .build(new SplittableRandom(3));
    float[] theta = policy.parameters();
    RecordedSteps<float[], float[]> steps = policy.newSteps();
    steps.add(new float[3], new float[] {1f}, null);
    Objective narrower = Objective.mean(new double[] {1.0}, 0.1, Exploration.NONE);
    theta[theta.length - 1] = 5f;
    policy.setParameters(theta);
    policy.computeGradient(steps, narrower, null);
    assertEquals(0f, policy.gradient()[theta.length - 1], "a head keeps the derivative of the clamped objective");
  }

  @Test
  void aLogStdVectorThatAdamCarriedPastTheLimitComesBack() {
    GaussianPolicy policy = GaussianPolicy.builder(3, PENDULUM).hidden(4).initialLogStd(1.9)
        .build(new SplittableRandom(4));
    Optimizer adam = Optimizer.of(OptimizerConfig.Adam.of(0.05), policy.parameterCount());
    float[] obs = {0.1f, 0.2f, 0.3f};
    RecordedSteps<float[], float[]> steps = policy.newSteps();
    steps.add(obs, new float[] {0f}, null);
    Objective entropyOnly = Objective.mean(new double[] {0.0}, 1.0, Exploration.NONE);
    for (int i = 0; i < 20; i++) {
      policy.computeGradient(steps, entropyOnly, null);
      adam.ascend(policy, null);
    }
    float pushed = policy.parameters()[policy.parameterCount() - 1];
    assertTrue(pushed > GaussianPolicy.MAX_LOG_STD, "the entropy bonus carried the log std past 2: " + pushed);
    // the mean as the action: log π = −log σ − ½·log 2π asks for the smallest σ
    RecordedSteps<float[], float[]> atMean = policy.newSteps();
    atMean.add(obs, new float[] {(float) policy.distribution(obs).mean()[0]}, null);
    Objective narrower = Objective.mean(new double[] {1.0}, 0.0, Exploration.NONE);
    for (int i = 0; i < 200; i++) {
      policy.computeGradient(atMean, narrower, null);
      adam.ascend(policy, null);
    }
    float back = policy.parameters()[policy.parameterCount() - 1];
    assertTrue(back < GaussianPolicy.MAX_LOG_STD, "an objective that wants a smaller σ brought it back: " + back);
    assertTrue(policy.distribution(obs).std()[0] < Math.exp(GaussianPolicy.MAX_LOG_STD));
  }

  @Test
  void anOptimizerStepMovesTheNetworkAndTheLogStdVectorUphill() {
    GaussianPolicy policy = GaussianPolicy.builder(3, PENDULUM).hidden(4).build(new SplittableRandom(6));
    RecordedSteps<float[], float[]> steps = policy.newSteps();
    float[] obs = {0.5f, -0.5f, 1f};
    steps.add(obs, new float[] {3f}, null); // far from the mean: raising log π widens σ and moves the mean up
    Objective objective = Objective.mean(new double[] {1.0}, 0.0, Exploration.NONE);
    double before = policy.computeGradient(steps, objective, null).objective();
    float[] theta = policy.parameters();
    float[] g = policy.gradient();
    assertTrue(g[g.length - 1] > 0f, "z² > 1 asks for a wider σ: " + g[g.length - 1]);
    Optimizer.of(new OptimizerConfig.Sgd(0.01), policy.parameterCount()).ascend(policy, null);
    float[] after = policy.parameters();
    for (int i = 0; i < theta.length; i++) {
      assertEquals(theta[i] + 0.01f * g[i], after[i], 1e-6f, "parameter " + i + " moved along its gradient");
    }
    double raised = policy.computeGradient(steps, objective, null).objective();
    assertTrue(raised > before, "one step uphill raises J: " + before + " -> " + raised);
  }

  @Test
  void checkpointsCompareTheArchitectureAndRefuseAnotherOne() {
    GaussianPolicy saved = GaussianPolicy.builder(3, PENDULUM).hidden(8).build(new SplittableRandom(1));
    CheckpointFile file = new CheckpointFile();
    saved.writeState(file, "policy.");
    assertEquals("GAUSSIAN", file.getString("policy.head"));
    GaussianPolicy same = GaussianPolicy.builder(3, PENDULUM).hidden(8).build(new SplittableRandom(2));
    same.readState(file, "policy.");
    assertArrayEquals(saved.parameters(), same.parameters());

    assertRefused(file, GaussianPolicy.builder(3, PENDULUM).hidden(8).squash(true), "squash is false, this one's is true");
    assertRefused(file, GaussianPolicy.builder(3, PENDULUM).hidden(8).logStd(LogStd.HEAD), "logStd is PARAMETER");
    assertRefused(file, GaussianPolicy.builder(3, Box.of(-1f, 1f, 1)).hidden(8), "low is [-2.0]");
    assertRefused(file, GaussianPolicy.builder(3, PENDULUM).hidden(8).activation(Activation.RELU), "activation is TANH");
    assertRefused(file, GaussianPolicy.builder(3, PENDULUM).hidden(8, 8), "hidden is [8]");
    assertRefused(file, GaussianPolicy.builder(3, PENDULUM).hidden(8).bias(false), "bias is true");

    MlpPolicy mlp = MlpPolicy.builder(3, 2).hidden(8).build(new SplittableRandom(1));
    CheckpointException e = assertThrows(CheckpointException.class, () -> mlp.readState(file, "policy."));
    assertTrue(e.getMessage().contains("head is GAUSSIAN"), e.getMessage());
    CheckpointFile ofMlp = new CheckpointFile();
    mlp.writeState(ofMlp, "policy.");
    assertRefused(ofMlp, GaussianPolicy.builder(3, PENDULUM).hidden(8), "head is SOFTMAX");
    CheckpointFile bare = new CheckpointFile();
    bare.putFloats("policy.parameters", saved.parameters());
    assertRefused(bare, GaussianPolicy.builder(3, PENDULUM).hidden(8), "no entry 'policy.head'");
  }

  @Test
  void greedyPlaysTheMeanOrTheSquashedMean() {
    float[] obs = {0.3f, -0.2f, 1f};
    GaussianPolicy plain = GaussianPolicy.builder(3, PENDULUM).build(new SplittableRandom(8));
    DiagonalGaussian d = plain.distribution(obs);
    assertEquals((float) d.mean()[0], plain.greedy().act(obs, null)[0]);
    GaussianPolicy squashed = GaussianPolicy.builder(3, PENDULUM).squash(true).build(new SplittableRandom(8));
    double u = squashed.distribution(obs).mean()[0];
    assertEquals((float) (2 * Math.tanh(u)), squashed.greedy().act(obs, null)[0], 1e-6f);
  }

  private static void assertRefused(CheckpointFile file, GaussianPolicy.Builder builder, String part) {
    GaussianPolicy policy = builder.build(new SplittableRandom(5));
    float[] before = policy.parameters();
    CheckpointException e = assertThrows(CheckpointException.class, () -> policy.readState(file, "policy."));
    assertTrue(e.getMessage().contains(part), "expected \"" + part + "\" in: " + e.getMessage());
    assertArrayEquals(before, policy.parameters(), "a refused checkpoint changes nothing");
  }

  private static void assertMentions(Executable call, String part) {
    assertMentions(call, new String[] {part});
  }

  private static void assertMentions(Executable call, String... parts) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    for (String part : parts) {
      assertTrue(message.contains(part), "expected \"" + part + "\" in: " + message);
    }
  }
}
