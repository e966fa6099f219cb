package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.Schedule;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.core.wrappers.NormalizeObservation;
import io.github.pgrl.envs.cartpole.CartPole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's PPO example ("Actor-critic: A2C and PPO"), compiled and run. */
class ActorCriticReadmeExampleTest {

  @Test
  void ppoOnCartPoleSavesResumesAndEvaluates() throws IOException {
    double mean;
    // README:actor-critic:start
    ActorCriticConfig config = ActorCriticConfig.ppo()           // SB3's PPO defaults, then the zoo's CartPole
        .seed(1).rolloutSteps(32).minibatchSize(256).epochs(20).gamma(0.98).gaeLambda(0.8)
        .optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3))
        .learningRateSchedule(Schedule.linear(1, 0, 100_000)).clipRange(Schedule.linear(0.2, 0, 100_000))
        .normalizeObservations(true)
        .build();
    Path file = Files.createTempFile("ppo", ".pgrl");
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(CartPole::v1, 8)) { // 8 copies, lockstep
      ActorCritic<MlpPolicy> ppo = ActorCritic.create(envs, config);
      ppo.train(Budget.steps(20_480));
      ppo.save(file);              // networks, optimizers, statistics, and the copies in mid-episode
    }
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(CartPole::v1, 8)) {
      ActorCritic<MlpPolicy> ppo = ActorCritic.resume(file, envs, config);  // exactly where it stopped
      ppo.train(Budget.steps(20_480));
      Environment<float[], Integer> eval =    // the statistics it learned with, frozen
          NormalizeObservation.of(CartPole.v1(), ppo.observationNormalizer().orElseThrow());
      EvaluationResult result = PolicyEvaluation.evaluate(PolicyEvaluation.greedy(ppo.policy(), eval), eval, 20, 1000);
      System.out.printf("greedy mean %.1f over 20 episodes after %d steps%n", result.mean(), ppo.steps());
      mean = result.mean();
    }
    // README:actor-critic:end
    Files.delete(file);
    assertTrue(mean > 300, "greedy mean " + mean);
  }
}
