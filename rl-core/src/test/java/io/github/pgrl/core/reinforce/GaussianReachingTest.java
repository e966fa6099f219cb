package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.space.Box;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * REINFORCE learns a one-dimensional reaching task with a {@link GaussianPolicy}: the observation is a
 * target in [−1, 1], the action a position, the reward −|a − target|, five targets an episode. Measured
 * on seed 1 (200 greedy episodes): the untrained policy scores −4.17 an episode, −0.141 after 150 updates
 * of 16 episodes (a miss of 0.028 a step); with the gradient's sign flipped, −7.23.
 */
class GaussianReachingTest {

  /** Five steps, each with a new target drawn from the environment's generator. */
  static final class Reach implements Environment<float[], float[]> {
    static final int STEPS = 5;
    private SplittableRandom rng = new SplittableRandom(0);
    private float target;
    private int step = -1;

    @Override
    public Space<float[]> observationSpace() {
      return Box.of(-1f, 1f, 1);
    }

    @Override
    public Space<float[]> actionSpace() {
      return Box.of(-1f, 1f, 1);
    }

    @Override
    public float[] reset(long seed) {
      rng = new SplittableRandom(seed);
      return reset();
    }

    @Override
    public float[] reset() {
      step = 0;
      target = (float) rng.nextDouble(-1, 1);
      return new float[] {target};
    }

    @Override
    public Step<float[]> step(float[] action) {
      if (step < 0 || step >= STEPS) {
        throw new IllegalStateException("reset first");
      }
      if (action.length != 1 || !Float.isFinite(action[0])) {
        throw new IllegalArgumentException("the action must be one finite value, got " + java.util.Arrays.toString(action));
      }
      double a = Math.max(-1.0, Math.min(1.0, action[0])); // clipped to the space, as the Box contract allows
      double reward = -Math.abs(a - target);
      step++;
      target = (float) rng.nextDouble(-1, 1);
      return Step.of(new float[] {target}, reward, step == STEPS, false);
    }

    @Override
    public void close() {}
  }

  @Test
  void reinforceLearnsToReachTheTarget() {
    GaussianPolicy policy = GaussianPolicy.builder(1, Box.of(-1f, 1f, 1)).hidden(16).initialLogStd(-0.5)
        .build(new SplittableRandom(1));
    // each reward depends only on its own step's action: γ = 0
    ReinforceConfig config = ReinforceConfig.builder().seed(1).gamma(0.0).optimizer(OptimizerConfig.Adam.of(0.01))
        .batchEpisodes(16).build();
    EvaluationResult untrained = PolicyEvaluation.evaluate(policy.greedy(), new Reach(), 200, 99);
    try (Reinforce<GaussianPolicy> r = Reinforce.create(new Reach(), policy, config)) {
      r.train(Budget.updates(150));
    }
    EvaluationResult trained = PolicyEvaluation.evaluate(policy.greedy(), new Reach(), 200, 99);
    assertTrue(untrained.mean() < -1.5, "the untrained policy misses by about half a unit: " + untrained.mean());
    assertTrue(trained.mean() > -0.25, "after 150 updates the greedy policy should miss by under 0.05 a step: "
        + trained.mean() + " an episode of " + Reach.STEPS + " (untrained " + untrained.mean() + ")");
  }
}
