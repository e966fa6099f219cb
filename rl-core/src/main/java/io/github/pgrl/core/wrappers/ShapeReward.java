package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Step;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a {@link RewardShaper} to every transition of an environment, so that the agent learns from the
 * shaped reward.
 *
 * <p>The raw reward is kept in the step's info under {@link #RAW_REWARD}, so that scores can still be
 * computed from the task's own reward; when shapers are nested, the innermost (the task's) raw reward is
 * kept. The shaper receives the previous observation and the step; environments that reuse one
 * observation buffer must be wrapped in a copying wrapper first, or the shaper sees the new observation
 * twice. A shaper that returns a non-finite reward is a bug in the shaper:
 * the step throws {@link IllegalStateException} naming the value.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public final class ShapeReward<O, A> extends Wrapper<O, A> {

  /** The info key under which the unshaped reward of the step is kept, as a {@link Double}. */
  public static final String RAW_REWARD = "raw_reward";

  private final RewardShaper<O, A> shaper;
  private O last;

  private ShapeReward(Environment<O, A> env, RewardShaper<O, A> shaper) {
    super(env);
    this.shaper = shaper;
  }

  /**
   * Shapes the rewards of an environment.
   *
   * @param env the environment
   * @param shaper the shaper
   * @param <O> the observation type
   * @param <A> the action type
   * @return the wrapped environment
   * @throws NullPointerException if an argument is {@code null}
   */
  public static <O, A> ShapeReward<O, A> of(Environment<O, A> env, RewardShaper<O, A> shaper) {
    return new ShapeReward<>(env, Objects.requireNonNull(shaper, "shaper"));
  }

  @Override
  public O reset(long seed) {
    last = env.reset(seed);
    return last;
  }

  @Override
  public O reset() {
    last = env.reset();
    return last;
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    O before = last;
    last = s.observation();
    double shaped = shaper.shape(before, action, s);
    if (!Double.isFinite(shaped)) {
      throw new IllegalStateException(
          "the reward shaper " + shaper + " returned " + shaped + " for a step with reward " + s.reward()
              + "; shaped rewards must be finite");
    }
    Map<String, Object> info = new HashMap<>(s.info());
    info.putIfAbsent(RAW_REWARD, s.reward());
    return new Step<>(s.observation(), shaped, s.terminated(), s.truncated(), info);
  }
}
