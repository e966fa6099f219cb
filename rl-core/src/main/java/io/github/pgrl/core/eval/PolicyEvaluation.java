package io.github.pgrl.core.eval;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.MaskablePolicy;
import io.github.pgrl.core.Policy;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Plays a {@link Policy} for a number of episodes and measures its returns, like Stable-Baselines3's
 * {@code evaluate_policy}.
 *
 * <p>Episode {@code e} (from 0) starts with {@code env.reset(Seeds.derive(seed, e, Seeds.ENVIRONMENT))}
 * and {@code policy.reset()}, and the policy draws its actions from {@code Seeds.generator(seed, e,
 * Seeds.ACTIONS)}: the same seed gives the same result, whatever was played before, and episode {@code e}
 * is the same in an evaluation of 10 episodes as in one of 100. The seeds follow the scheme of {@link
 * io.github.pgrl.core.reinforce.Reinforce}, so evaluate with a seed other than the training seed, or the
 * evaluation replays the starts of the first training episodes.
 *
 * <pre>{@code
 * EvaluationResult result = PolicyEvaluation.evaluate(policy, CartPole.v1(), 20, 12345);
 * System.out.println(result.mean() + " ± " + result.confidenceInterval().halfWidth());
 * }</pre>
 *
 * <p>An episode ends when a step reports {@code terminated} or {@code truncated}, or, with a step limit,
 * after that many steps (then it counts in {@link EvaluationResult#cutAtStepLimit()}). Without a limit,
 * an environment whose episodes never end makes {@code evaluate} run forever: pass a limit or wrap the
 * environment in a {@link io.github.pgrl.core.wrappers.TimeLimit}. The environment is left open; the
 * caller closes it.
 *
 * <p>On an environment with {@link ActionMasks}, a {@link MaskablePolicy} samples its masked distribution
 * with the mask of every step, so it plays valid actions only; another policy acts as it would without
 * masks (a scripted policy that knows the rules, say).
 *
 * @since 0.1.0
 */
public final class PolicyEvaluation {

  private PolicyEvaluation() {}

  /**
   * Plays a policy for a number of seeded episodes, each until the environment ends it (or, as a last
   * resort, after {@link Integer#MAX_VALUE} steps).
   *
   * @param policy the policy; its {@code reset()} is called before every episode
   * @param env the environment; left open
   * @param episodes how many episodes to play, at least 1
   * @param seed the seed from which every episode's reset seed and action generator are derived
   * @param <O> the observation type
   * @param <A> the action type
   * @return the returns and lengths of the episodes, in order
   * @throws IllegalArgumentException if {@code episodes < 1}
   * @throws IllegalStateException if the environment returns {@code null} from {@code reset} or {@code
   *     step}, or a reward that is not finite, or an episode's return overflows to infinity
   * @throws NullPointerException if {@code policy} or {@code env} is {@code null}
   */
  public static <O, A> EvaluationResult evaluate(Policy<? super O, ? extends A> policy, Environment<O, A> env,
      int episodes, long seed) {
    return run(policy, env, episodes, seed, Integer.MAX_VALUE);
  }

  /**
   * Plays a policy for a number of seeded episodes, each until the environment ends it or for at most
   * {@code maxEpisodeSteps} steps.
   *
   * @param policy the policy; its {@code reset()} is called before every episode
   * @param env the environment; left open
   * @param episodes how many episodes to play, at least 1
   * @param seed the seed from which every episode's reset seed and action generator are derived
   * @param maxEpisodeSteps the most steps an episode may last, at least 1; an episode still running after
   *     that many steps is cut there and counted in {@link EvaluationResult#cutAtStepLimit()}
   * @param <O> the observation type
   * @param <A> the action type
   * @return the returns and lengths of the episodes, in order
   * @throws IllegalArgumentException if {@code episodes < 1} or {@code maxEpisodeSteps < 1}
   * @throws IllegalStateException if the environment returns {@code null} from {@code reset} or {@code
   *     step}, or a reward that is not finite, or an episode's return overflows to infinity
   * @throws NullPointerException if {@code policy} or {@code env} is {@code null}
   */
  public static <O, A> EvaluationResult evaluate(Policy<? super O, ? extends A> policy, Environment<O, A> env,
      int episodes, long seed, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException("maxEpisodeSteps must be at least 1, got " + maxEpisodeSteps);
    }
    return run(policy, env, episodes, seed, maxEpisodeSteps);
  }

  /**
   * The policy that plays a trainable policy's most probable action ({@link
   * io.github.pgrl.core.ActionDistribution#mode()}), for greedy evaluation: among the valid actions when
   * the environment has {@link ActionMasks} and the policy is a {@link MaskablePolicy} (its unmasked mode
   * may be an invalid action).
   *
   * @param policy the trainable policy
   * @param env the environment it will play, whose masks it reads
   * @param <O> the observation type
   * @param <A> the action type
   * @return a policy that plays the mode
   */
  @SuppressWarnings("unchecked") // an environment with masks has Discrete actions: A is Integer
  public static <O, A> Policy<O, A> greedy(TrainablePolicy<O, A> policy, Environment<O, A> env) {
    Objects.requireNonNull(policy, "policy");
    ActionMasks masks = ActionMasks.of(Objects.requireNonNull(env, "env"));
    if (masks != null && policy instanceof MaskablePolicy<?> m) {
      MaskablePolicy<O> maskable = (MaskablePolicy<O>) m;
      return (obs, rng) -> (A) maskable.distribution(obs, masks.validActions()).mode();
    }
    return (obs, rng) -> policy.distribution(obs).mode();
  }

  private static <O, A> EvaluationResult run(Policy<? super O, ? extends A> policy, Environment<O, A> env,
      int episodes, long seed, int maxEpisodeSteps) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(env, "env");
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be at least 1, got " + episodes);
    }
    List<Double> returns = new ArrayList<>(Math.min(episodes, 1 << 16));
    List<Integer> lengths = new ArrayList<>(Math.min(episodes, 1 << 16));
    int cut = 0;
    ActionMasks masks = ActionMasks.of(env);
    @SuppressWarnings("unchecked") // a MaskablePolicy's action type is Integer, that of a masked Discrete space
    MaskablePolicy<? super O> maskable = masks != null && policy instanceof MaskablePolicy<?> m
        ? (MaskablePolicy<? super O>) m : null;
    for (int e = 0; e < episodes; e++) {
      RandomGenerator rng = Seeds.generator(seed, e, Seeds.ACTIONS);
      policy.reset();
      long resetSeed = Seeds.derive(seed, e, Seeds.ENVIRONMENT);
      O observation = env.reset(resetSeed);
      if (observation == null) {
        throw new IllegalStateException(env + " returned null from reset(" + resetSeed + ") in evaluation episode "
            + e + "; reset must return the first observation");
      }
      double sum = 0;
      int t = 0;
      while (true) {
        @SuppressWarnings("unchecked")
        A action = maskable != null ? (A) maskable.distribution(observation, masks.validActions()).sample(rng)
            : policy.act(observation, rng);
        Step<O> step = env.step(action);
        if (step == null) {
          throw new IllegalStateException(env + " returned null from step " + t + " of evaluation episode " + e
              + "; step must return the outcome of the action");
        }
        if (!Double.isFinite(step.reward())) {
          throw new IllegalStateException(env + " gave the reward " + step.reward() + " at step " + t
              + " of evaluation episode " + e + "; rewards must be finite");
        }
        sum += step.reward();
        t++;
        if (step.done()) {
          break;
        }
        if (t == maxEpisodeSteps) {
          cut++;
          break;
        }
        observation = step.observation();
      }
      if (!Double.isFinite(sum)) {
        throw new IllegalStateException("the return of evaluation episode " + e + " on " + env + " overflowed to "
            + sum + " after " + t + " steps; returns must be finite");
      }
      returns.add(sum);
      lengths.add(t);
    }
    return new EvaluationResult(returns, lengths, cut);
  }
}
