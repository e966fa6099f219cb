package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.BaselineKind;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.envs.pendulum.Pendulum;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The README's "Continuous actions" snippet (region {@code README:continuous-actions}), compiled and run:
 * a Gaussian policy on Pendulum-v1, trained briefly by REINFORCE, then played by its mean.
 */
class GaussianReadmeExampleTest {

  @Test
  void theContinuousActionsSnippetTrainsAGaussianPolicyOnPendulum() {
    // README:continuous-actions:start
    Pendulum pendulum = Pendulum.v1();                      // torque in Box(-2, 2, (1,))
    GaussianPolicy policy = GaussianPolicy.builder(3, (Box) pendulum.actionSpace())
        .hidden(64, 64)                                     // the mean: 3 -> 64 -> 64 tanh -> 1
        .initialLogStd(0.0)                                 // a learned log std per coordinate, σ = 1 at first
        .build(new SplittableRandom(1));
    ReinforceConfig config = ReinforceConfig.builder()
        .seed(1)
        .gamma(0.95)
        .optimizer(OptimizerConfig.Adam.of(0.003))
        .baseline(BaselineKind.VALUE_FUNCTION)              // discounted returns less V(s)
        .batchSteps(4000)                                   // 20 episodes of 200 steps an update
        .build();
    try (Reinforce<GaussianPolicy> trainer = Reinforce.create(pendulum, policy, config)) {
      trainer.train(Budget.steps(20_000));
    }
    EvaluationResult result = PolicyEvaluation.evaluate(policy.greedy(), Pendulum.v1(), 10, 7); // plays the mean
    // README:continuous-actions:end
    assertEquals(10, result.returns().size());
    float[] initial = GaussianPolicy.builder(3, (Box) pendulum.actionSpace()).hidden(64, 64)
        .build(new SplittableRandom(1)).parameters();
    float[] trained = policy.parameters();
    assertFalse(Arrays.equals(initial, trained), "five updates changed the parameters");
    assertNotEquals(initial[initial.length - 1], trained[trained.length - 1], "and the learned log std");
  }
}
