package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.envs.Environments;
import org.junit.jupiter.api.Test;

/**
 * The README's snippet for "Actions that are invalid in some states", run as it is written (the region
 * {@code README:action-masks}): it checks and trains the masked maze, and the policy learns the shortest
 * paths.
 */
class MasksReadmeExampleTest {

  @Test
  void theMaskedMazeSnippetChecksTrainsAndLearnsTheShortestPaths() {
    // README:action-masks:start
    Environment<float[], Integer> maze = Environments.make("GridMaze-v0", float[].class, Integer.class);
    System.out.println("has masks: " + (ActionMasks.of(maze) != null));  // validActions() says which moves are valid
    EnvironmentChecker.check(() -> Environments.make("GridMaze-v0"));    // checks the masks too
    ReinforceConfig config = ReinforceConfig.builder()
        .seed(1).hidden(32).batchEpisodes(16).entropyCoefficient(0.01)
        .build();                                             // masks go with Exploration.NONE, the default
    var trainer = Reinforce.create(maze, config);             // the MLP's softmax runs over the valid moves only
    trainer.train(Budget.steps(300_000));
    EvaluationResult result =
        PolicyEvaluation.evaluate(trainer.policy(), Environments.make("GridMaze-v0", float[].class, Integer.class), 100, 1001);
    System.out.println("mean score: " + result.mean());       // the shortest paths score -10.67
    // README:action-masks:end
    assertTrue(result.mean() >= -10.67 - 0.5, "mean score " + result.mean());
  }
}
