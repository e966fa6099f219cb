package com.example.corridor;

import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;

/**
 * Checks the corridor against pgrl's environment contract, trains REINFORCE on it, and plays the greedy
 * policy: every episode must reach the goal by the shortest way (returns 0.4 to 0.7, mean about 0.55).
 * Exits with 1 if it did not learn.
 */
public final class TrainCorridor {

  private TrainCorridor() {}

  public static void main(String[] args) {
    EnvironmentChecker.check(Corridor::new);
    ReinforceConfig config = ReinforceConfig.builder().seed(1).hidden(16).build();
    try (Reinforce<MlpPolicy> trainer = Reinforce.create(new Corridor(), config)) {
      trainer.train(Budget.episodes(2_000));
      EvaluationResult result = PolicyEvaluation.evaluate(trainer.policy().greedy(), new Corridor(), 100, 12345);
      double worst = result.returns().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      System.out.printf("corridor: running score %.2f after %d episodes; greedy mean %.3f, worst %.2f%n",
          trainer.runningScore(), trainer.episodes(), result.mean(), worst);
      if (worst < 0.4 - 1e-9) {
        System.out.println("the greedy policy did not learn the shortest way in every episode");
        System.exit(1);
      }
    }
  }
}
