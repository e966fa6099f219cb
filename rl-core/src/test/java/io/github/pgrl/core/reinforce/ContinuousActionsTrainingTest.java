package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.ActionDistribution;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.space.Box;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REINFORCE over actions that are not {@code Integer}s: a one-parameter Gaussian policy on a one-step task
 * whose best action is 0.6, trained, resumed and refused where it does not fit.
 */
class ContinuousActionsTrainingTest {

  private static final ReinforceConfig CONFIG = ReinforceConfig.builder().seed(3).batchEpisodes(16)
      .optimizer(io.github.pgrl.core.policy.OptimizerConfig.Adam.of(0.02)).build();

  /** One step: the observation is [1], the action a in [-1, 1]^dims, the reward −(a₀ − 0.6)². */
  static final class Target implements Environment<float[], float[]> {
    private final Box actions;
    private boolean running;

    Target(int dims) {
      this(dims, 1f);
    }

    Target(int dims, float bound) {
      this.actions = Box.of(-bound, bound, dims);
    }

    @Override public Space<float[]> observationSpace() { return Box.of(0f, 1f, 1); }
    @Override public Space<float[]> actionSpace() { return actions; }
    @Override public float[] reset(long seed) { return reset(); }

    @Override public float[] reset() {
      running = true;
      return new float[] {1f};
    }

    @Override public Step<float[]> step(float[] action) {
      if (!running || action == null || action.length != actions.size()) {
        throw new IllegalArgumentException("step needs a running episode and an action of " + actions.size());
      }
      running = false;
      double a = Math.max(-1, Math.min(1, action[0]));
      return Step.of(new float[] {1f}, -(a - 0.6) * (a - 0.6), true, false);
    }

    @Override public void close() {}

    @Override public String toString() { return "Target"; }
  }

  /** N(μ, 0.3²) with μ the one parameter: log μ's gradient is (a − μ)/σ². */
  static final class OneGaussian implements TrainablePolicy<float[], float[]> {
    static final double SIGMA = 0.3;
    final float[] mu = {0f};
    final float[] grad = {0f};

    @Override public ActionDistribution<float[]> distribution(float[] observation) {
      if (observation.length != 1) {
        throw new IllegalArgumentException("OneGaussian takes observations of 1 value, got " + observation.length);
      }
      double m = mu[0];
      return new ActionDistribution<>() {
        @Override public float[] sample(RandomGenerator rng) { return new float[] {(float) (m + SIGMA * rng.nextGaussian())}; }
        @Override public double logProbability(float[] a) {
          double z = (a[0] - m) / SIGMA;
          return -0.5 * z * z - Math.log(SIGMA * Math.sqrt(2 * Math.PI));
        }
        @Override public double entropy() { return 0.5 * Math.log(2 * Math.PI * Math.E * SIGMA * SIGMA); }
        @Override public float[] mode() { return new float[] {(float) m}; }
      };
    }

    @Override public Evaluation computeGradient(RecordedSteps<float[], float[]> steps, Objective objective, Executor ex) {
      objective.requireSteps(steps.size());
      double j = 0;
      double g = 0;
      for (int t = 0; t < steps.size(); t++) {
        float[] a = steps.action(t);
        j += objective.weights()[t] * distribution(steps.observation(t)).logProbability(a);
        g += objective.weights()[t] * (a[0] - mu[0]) / (SIGMA * SIGMA);
      }
      grad[0] = (float) (objective.scale() * g);
      double h = distribution(new float[1]).entropy();
      return new Evaluation(objective.scale() * (j + objective.entropyCoefficient() * h * steps.size()), h, steps.size());
    }

    @Override public float[][] parameterBlocks() { return new float[][] {mu}; }
    @Override public float[][] gradientBlocks() { return new float[][] {grad}; }
    @Override public TrainablePolicy<float[], float[]> sharer() { return this; }
    @Override public String toString() { return "OneGaussian"; }
  }

  /** {@link Target}, clipping the action array in place to [−0.1, 0.1] before it plays it. */
  static final class ClipsInPlace implements Environment<float[], float[]> {
    private final Target target = new Target(1);

    @Override public Space<float[]> observationSpace() { return target.observationSpace(); }
    @Override public Space<float[]> actionSpace() { return target.actionSpace(); }
    @Override public float[] reset(long seed) { return target.reset(seed); }
    @Override public float[] reset() { return target.reset(); }

    @Override public Step<float[]> step(float[] action) {
      action[0] = Math.max(-0.1f, Math.min(0.1f, action[0]));
      return target.step(action);
    }

    @Override public void close() {}
  }

  @Test
  void anEnvironmentThatClipsTheActionArrayInPlaceLeavesTheSampledActionRecorded() {
    List<Float> sampled = Collections.synchronizedList(new ArrayList<>());
    List<Float> recorded = Collections.synchronizedList(new ArrayList<>());
    List<Float> shaped = Collections.synchronizedList(new ArrayList<>());
    OneGaussian gaussian = new OneGaussian();
    TrainablePolicy<float[], float[]> policy = new TrainablePolicy<>() {
      @Override public ActionDistribution<float[]> distribution(float[] observation) {
        ActionDistribution<float[]> d = gaussian.distribution(observation);
        return new ActionDistribution<>() {
          @Override public float[] sample(RandomGenerator rng) {
            float[] a = d.sample(rng);
            sampled.add(a[0]);
            return a;
          }
          @Override public double logProbability(float[] a) { return d.logProbability(a); }
          @Override public double entropy() { return d.entropy(); }
          @Override public float[] mode() { return d.mode(); }
        };
      }
      @Override public Evaluation computeGradient(RecordedSteps<float[], float[]> steps, Objective objective, Executor ex) {
        for (int t = 0; t < steps.size(); t++) {
          recorded.add(steps.action(t)[0]);
        }
        return gaussian.computeGradient(steps, objective, ex);
      }
      @Override public float[][] parameterBlocks() { return gaussian.parameterBlocks(); }
      @Override public float[][] gradientBlocks() { return gaussian.gradientBlocks(); }
      @Override public TrainablePolicy<float[], float[]> sharer() { return this; }
    };
    RewardShaper<float[], float[]> shaper = RewardShaper.named("records the action", (o, a, s) -> {
      shaped.add(a[0]);
      return s.reward();
    });
    try (Reinforce<TrainablePolicy<float[], float[]>> r =
        Reinforce.create(new ClipsInPlace(), policy, CONFIG.toBuilder().shaper(shaper).build())) {
      r.train(Budget.updates(1));
    }
    assertEquals(16, recorded.size());
    assertEquals(sampled, recorded, "the gradient sees the sampled actions, not the clipped ones");
    assertEquals(sampled, shaped, "and so does the shaper");
    assertTrue(sampled.stream().anyMatch(a -> Math.abs(a) > 0.1f), "some samples were clipped: " + sampled);
  }

  @Test
  void aGaussianPolicyLearnsTheBestActionOfAOneStepTask() {
    OneGaussian policy = new OneGaussian();
    try (Reinforce<OneGaussian> r = Reinforce.create(new Target(1), policy, CONFIG)) {
      r.train(Budget.updates(100));
      assertEquals(100 * 16, r.episodes());
    }
    assertEquals(0.6, policy.mu[0], 0.1, "μ moved from 0 towards the best action 0.6");
  }

  @Test
  void itResumesToTheBitsOfARunThatNeverStopped(@TempDir Path dir) {
    Path file = dir.resolve("c.pgrl");
    OneGaussian straight = new OneGaussian();
    try (Reinforce<OneGaussian> r = Reinforce.create(() -> new Target(1), straight, CONFIG, 2)) {
      r.train(Budget.updates(6));
    }
    OneGaussian first = new OneGaussian();
    try (Reinforce<OneGaussian> r = Reinforce.create(new Target(1), first, CONFIG)) {
      r.train(Budget.updates(3));
      r.save(file);
    }
    OneGaussian resumed = new OneGaussian();
    try (Reinforce<OneGaussian> r = Reinforce.resume(file, new Target(1), resumed, CONFIG)) {
      r.train(Budget.updates(3));
    }
    assertArrayEquals(straight.mu, resumed.mu, "three updates, saved, three more: as six on two threads");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> Reinforce.resume(file, new Target(1, 2f), new OneGaussian(), CONFIG));
    assertTrue(e.getMessage().contains("the action space Box(low=[-1.0], high=[1.0]); the environment Target has 1 and Box(low=[-2.0]"), e.getMessage());
  }

  @Test
  void aPolicyWhoseActionsHaveAnotherShapeIsRefusedAtCreation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(new Target(2), new OneGaussian(), CONFIG));
    assertTrue(e.getMessage().contains("do not fit the action space"), e.getMessage());
    assertTrue(e.getMessage().contains("OneGaussian"), e.getMessage());
  }

  @Test
  void explorationNeedsACategoricalPolicy() {
    ReinforceConfig exploring = CONFIG.toBuilder().exploration(Exploration.epsilon(0.1)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(new Target(1), new OneGaussian(), exploring));
    assertTrue(e.getMessage().contains("use Exploration.NONE"), e.getMessage());
  }

  @Test
  void theConfigurationsMlpNeedsDiscreteActions() {
    @SuppressWarnings("unchecked")
    Environment<float[], Integer> wrong = (Environment<float[], Integer>) (Environment<?, ?>) new Target(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reinforce.create(wrong, CONFIG));
    assertTrue(e.getMessage().contains("needs a Discrete action space"), e.getMessage());
    assertTrue(e.getMessage().contains("GaussianPolicy"), e.getMessage());
  }

  @Test
  void aShaperOfAnotherActionTypeIsNamed() {
    RewardShaper<float[], Integer> discrete = RewardShaper.named("reads integer actions", (o, a, s) -> s.reward() + a);
    ReinforceConfig shaped = CONFIG.toBuilder().shaper(discrete).build();
    try (Reinforce<OneGaussian> r = Reinforce.create(new Target(1), new OneGaussian(), shaped)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("reads integer actions"), e.getMessage());
      assertTrue(e.getMessage().contains("must take the environment's action type"), e.getMessage());
      assertTrue(e.getMessage().contains("(the exception's message: " + e.getCause().getMessage() + ")"), e.getMessage());
    }
  }

  @Test
  void aClassCastExceptionFromInsideAShaperKeepsItsMessage() {
    RewardShaper<float[], float[]> buggy = RewardShaper.named("casts its own state", (o, a, s) -> {
      Object state = "not a number";
      return s.reward() + (Double) state;
    });
    ReinforceConfig shaped = CONFIG.toBuilder().shaper(buggy).build();
    try (Reinforce<OneGaussian> r = Reinforce.create(new Target(1), new OneGaussian(), shaped)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("casts its own state"), e.getMessage());
      assertTrue(e.getMessage().contains("java.lang.String cannot be cast to class java.lang.Double"), e.getMessage());
    }
  }
}
