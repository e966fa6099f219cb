package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;

/**
 * An environment that transforms every reward of the environment it wraps with a function of the reward
 * alone (scale, clip, sign).
 *
 * <p>For rewards that depend on the transition (observations, action, info), use {@link ShapeReward}
 * with a {@link io.github.pgrl.core.RewardShaper}.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public abstract class RewardWrapper<O, A> extends Wrapper<O, A> {

  /**
   * Wraps an environment.
   *
   * @param env the environment to wrap
   * @throws NullPointerException if {@code env} is {@code null}
   */
  protected RewardWrapper(Environment<O, A> env) {
    super(env);
  }

  /**
   * Transforms one reward.
   *
   * @param reward the wrapped environment's reward
   * @return the reward the agent sees
   */
  protected abstract double reward(double reward);

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    return s.withReward(reward(s.reward()));
  }
}
