package io.github.pgrl.envs.gridmaze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.vector.VectorEnvironment;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * PPO with the masked MLP on GridMaze-v0: every step is observed with its copy's mask, minibatches keep the
 * masks, and the ratio and the gradient are those of the masked distribution, so no invalid move is
 * played and the policy learns the shortest paths.
 */
class GridMazePpoTest {

  @Test
  void ppoLearnsTheMazeThroughItsMasksAndNeverPlaysAnInvalidMove() {
    AtomicLong steps = new AtomicLong();
    AtomicLong invalid = new AtomicLong();
    ActorCriticConfig config = ActorCriticConfig.ppo().seed(1).hidden(32).valueHidden(32).rolloutSteps(64)
        .minibatchSize(128).epochs(4).entropyCoefficient(0.01).build();
    try (VectorEnvironment<float[], Integer> envs =
        VectorEnvironment.of(() -> new GridMazeLearningTest.Audited(steps, invalid), 8)) {
      ActorCritic<MlpPolicy> ppo = ActorCritic.create(envs, config);
      EvaluationResult untrained = PolicyEvaluation.evaluate(ppo.policy(), GridMaze.v0(), 100, 1001);
      ppo.train(Budget.steps(100_000));
      GridMaze maze = GridMaze.v0();
      EvaluationResult trained = PolicyEvaluation.evaluate(PolicyEvaluation.greedy(ppo.policy(), maze), maze, 100, 1001);
      assertEquals(0, invalid.get(), "invalid moves played in " + steps.get() + " steps");
      assertTrue(untrained.mean() < -30, "untrained: " + untrained.mean());
      double optimal = GridMazeTest.optimalMean(100, 1001);
      assertTrue(trained.mean() >= optimal - 0.5, "greedy mean " + trained.mean() + "; shortest paths score " + optimal);
    }
  }
}
