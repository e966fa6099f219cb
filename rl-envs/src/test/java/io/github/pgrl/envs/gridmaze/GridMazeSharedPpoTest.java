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
 * PPO with a shared network (the masked MLP with a value output) on GridMaze-v0: the combined gradient keeps
 * the masked distribution's, so no invalid move is played, and the policy improves.
 */
class GridMazeSharedPpoTest {

  @Test
  void aSharedNetworkImprovesThroughItsMasksAndNeverPlaysAnInvalidMove() {
    AtomicLong steps = new AtomicLong();
    AtomicLong invalid = new AtomicLong();
    ActorCriticConfig config = ActorCriticConfig.ppo().seed(1).hidden(32).rolloutSteps(64).minibatchSize(128).epochs(4)
        .entropyCoefficient(0.01).sharedNetwork(true).build();
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
      // measured: untrained −45.2, greedy −25.8 after 100,000 steps, where separate networks reach the shortest
      // paths' −10.7 (GridMazePpoTest): the shared network learns the maze more slowly
      assertTrue(trained.mean() >= -35, "greedy mean " + trained.mean() + "; shortest paths score " + optimal);
    }
  }
}
