package io.github.pgrl.core;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link Environment#step(Object)}: the next observation, the reward, and whether the
 * episode has ended.
 *
 * <p>The two end flags are deliberately separate (as in Gymnasium): {@code terminated} means the task
 * reached a terminal state of its own (a lost game, a fallen pole), so the value of what follows is zero;
 * {@code truncated} means the episode was cut for an outside reason (a time limit), so learning should
 * bootstrap from the value of the last observation. Both may be true at once; then termination wins.
 *
 * @param observation the observation after the action; never {@code null}
 * @param reward the reward for the transition; environments should return a finite number (the
 *     {@link io.github.pgrl.core.check.EnvironmentChecker} reports any other)
 * @param terminated the episode reached a terminal state
 * @param truncated the episode was cut short (for instance by {@link io.github.pgrl.core.wrappers.TimeLimit})
 * @param info optional diagnostic information; never {@code null}, often empty; stored as an
 *     unmodifiable copy
 * @param <O> the observation type
 * @since 0.1.0
 */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code observation} or {@code info} is {@code null}
   */
  public Step {
    Objects.requireNonNull(observation, "observation");
    info = Map.copyOf(Objects.requireNonNull(info, "info"));
  }

  /**
   * A step without info.
   *
   * @param observation the next observation
   * @param reward the reward
   * @param terminated whether a terminal state was reached
   * @param truncated whether the episode was cut short
   * @param <O> the observation type
   * @return the step
   */
  public static <O> Step<O> of(O observation, double reward, boolean terminated, boolean truncated) {
    return new Step<>(observation, reward, terminated, truncated, Map.of());
  }

  /**
   * Whether the episode is over, for whatever reason.
   *
   * @return {@code terminated() || truncated()}
   */
  public boolean done() {
    return terminated || truncated;
  }

  /**
   * A copy of this step with another reward (used by reward shaping).
   *
   * @param newReward the reward to carry
   * @return a step equal to this one except for the reward
   */
  public Step<O> withReward(double newReward) {
    return new Step<>(observation, newReward, terminated, truncated, info);
  }

  /**
   * A copy of this step with the truncated flag set (used by time limits).
   *
   * @return a step equal to this one, but truncated
   */
  public Step<O> asTruncated() {
    return truncated ? this : new Step<>(observation, reward, terminated, true, info);
  }
}
