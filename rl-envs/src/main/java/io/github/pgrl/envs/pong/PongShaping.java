package io.github.pgrl.envs.pong;

import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Step;

/**
 * Reward shaping that knows Pong: extra reward for events that the score alone rewards late.
 *
 * <p>These shapers read the events that {@link PongEnvironment} reports in a step's info, so they work on
 * a {@link PongEnvironment} and on any wrapper that passes its info through (the wrappers of {@code
 * io.github.pgrl.core.wrappers} and {@code io.github.pgrl.envs.pixels} do), whatever the observation type.
 *
 * @since 0.1.0
 */
public final class PongShaping {

  private PongShaping() {}

  /**
   * Adds {@code bonus} for every time the agent's paddle hit the ball during the step: the learned reward
   * is {@code reward + bonus · hits}, where {@code hits} is the step's {@link PongEnvironment#AGENT_HITS}
   * info (0 when absent).
   *
   * <p>The bonus is specific to Pong and <em>not</em> potential-based: it pays for hitting, not for winning,
   * so it can change which policy is optimal (a large bonus rewards long rallies over points won). Keep it
   * small next to the ±1 of a point, or anneal it. Scores stay raw: the environment's own reward is
   * untouched ({@link io.github.pgrl.core.wrappers.ShapeReward} keeps it in the info under {@link
   * io.github.pgrl.core.wrappers.ShapeReward#RAW_REWARD}), and scores must be computed from it, never from
   * the shaped reward.
   *
   * @param bonus the reward per hit; finite, may be negative (to penalise hitting) or zero (the identity)
   * @param <O> the observation type, any
   * @return the shaper
   * @throws IllegalArgumentException if {@code bonus} is NaN or infinite
   */
  public static <O> RewardShaper<O, Integer> hitBonus(double bonus) {
    if (!Double.isFinite(bonus)) {
      throw new IllegalArgumentException("the hit bonus must be a finite number, got " + bonus);
    }
    return RewardShaper.named("PongShaping.hitBonus(" + bonus + ")",
        (observation, action, outcome) -> outcome.reward() + bonus * agentHits(outcome));
  }

  private static int agentHits(Step<?> outcome) {
    return outcome.info().get(PongEnvironment.AGENT_HITS) instanceof Number n ? n.intValue() : 0;
  }
}
