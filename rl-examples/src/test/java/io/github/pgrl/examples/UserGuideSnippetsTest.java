package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Policy;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.wrappers.OneHot;
import io.github.pgrl.core.wrappers.TimeLimit;
import io.github.pgrl.envs.Environments;
import io.github.pgrl.envs.cartpole.CartPole;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The code of the README's sections on evaluating a policy, one-hot observations and typed environment
 * names, compiled and run; {@link ReadmeSnippetsTest} finds its regions by their names.
 */
class UserGuideSnippetsTest {

  @Test
  void theEvaluationSnippetMeasuresAPolicyWithAConfidenceInterval() {
    var trainer = Reinforce.create(CartPole.v1(), ReinforceConfig.builder().seed(1).hidden(16).build());
    trainer.train(Budget.episodes(20));
    // README:evaluate-policy:start
    MlpPolicy policy = trainer.policy();                        // any Policy<float[], Integer>
    Policy<float[], Integer> greedy = (obs, rng) -> policy.greedyAction(obs);
    EvaluationResult result = PolicyEvaluation.evaluate(greedy, CartPole.v1(), 20, 12345); // 20 episodes, seed 12345
    System.out.printf("mean return %.1f ± %.1f (95%% CI), mean length %.0f%n",
        result.mean(), result.confidenceInterval().halfWidth(), result.meanLength());
    // README:evaluate-policy:end
    assertEquals(20, result.episodes());
    assertTrue(result.confidenceInterval().contains(result.mean()));
    assertEquals(result, PolicyEvaluation.evaluate(greedy, CartPole.v1(), 20, 12345), "the same seed, the same result");
    trainer.close();
  }

  /** The README's one-hot snippet, with {@code states} any environment whose observations are Discrete. */
  private static Reinforce trainOnNumberedStates(Environment<Integer, Integer> states) {
    // README:one-hot:start
    Environment<float[], Integer> env = OneHot.of(states);   // Discrete(n) -> float[n], 1 at the state's index
    var trainer = Reinforce.create(env, ReinforceConfig.builder().seed(1).hidden(16).build());
    trainer.train(Budget.episodes(100));                    // reads one value per step, not n (SparseObservations)
    // README:one-hot:end
    return trainer;
  }

  @Test
  void theOneHotSnippetTrainsOnNumberedStates() {
    try (Reinforce<MlpPolicy> trainer = trainOnNumberedStates(TimeLimit.of(new Walk(8), 50))) {
      assertEquals(100, trainer.episodes());
      assertEquals(8, trainer.policy().inputs());
    }
  }

  @Test
  void theTypedMakeSnippetGivesAnEnvironmentToTrainOn() {
    // README:typed-make:start
    Environment<float[], Integer> env = Environments.make("CartPole-v1", float[].class, Integer.class);
    var trainer = Reinforce.create(env, ReinforceConfig.builder().seed(1).build());
    // README:typed-make:end
    trainer.train(Budget.episodes(2));
    assertEquals(2, trainer.episodes());
    trainer.close();
  }

  /** A walk along numbered states, 0 (a wall) to n − 1 (the goal, +1); every other step costs 0.01. */
  private static final class Walk implements Environment<Integer, Integer> {
    private final Discrete states;
    private final Discrete actions = Discrete.of(2);
    private SplittableRandom random = new SplittableRandom(0);
    private int state;
    private boolean running;

    Walk(int n) {
      states = Discrete.of(n);
    }

    @Override
    public Discrete observationSpace() {
      return states;
    }

    @Override
    public Discrete actionSpace() {
      return actions;
    }

    @Override
    public Integer reset(long seed) {
      random = new SplittableRandom(seed);
      return reset();
    }

    @Override
    public Integer reset() {
      state = random.nextInt(states.n() - 1);
      running = true;
      return state;
    }

    @Override
    public Step<Integer> step(Integer action) {
      if (!running) {
        throw new IllegalStateException("no episode is running; call reset()");
      }
      if (!actions.contains(action)) {
        throw new IllegalArgumentException("the action " + action + " is not in the action space " + actions);
      }
      state = action == 0 ? Math.max(0, state - 1) : state + 1;
      boolean goal = state == states.n() - 1;
      running = !goal;
      return Step.of(state, goal ? 1.0 : -0.01, goal, false);
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
