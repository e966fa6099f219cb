package io.github.pgrl.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one episode, or one contiguous segment of an episode, was: the actions played, the rewards
 * received, how it ended, and optionally the value estimates of its states.
 *
 * <p>Step {@code t} means: in the state observed before step {@code t}, action {@code actions().get(t)}
 * was played and {@code reward(t)} received. The trajectory is immutable: arrays passed in are copied,
 * arrays handed out are copies ({@link #reward(int)} and {@link #value(int)} read without copying).
 *
 * <p>How it ended decides how credit is bootstrapped beyond its last step:
 *
 * <ul>
 *   <li>{@link #terminated()}: a terminal state was reached, the value beyond the end is 0;
 *   <li>otherwise (truncated by a time limit, or a segment cut by a step budget while the episode goes on)
 *       the value beyond the end is {@link #bootstrapValue()}, the estimate of the state after the last
 *       step (0 when no estimate is known).
 * </ul>
 *
 * @param <A> the action type
 * @since 0.1.0
 */
public final class Trajectory<A> {

  private final List<A> actions;
  private final double[] rewards;
  private final boolean terminated;
  private final boolean truncated;
  private final double[] values;
  private final double bootstrapValue;

  private Trajectory(
      List<A> actions,
      double[] rewards,
      boolean terminated,
      boolean truncated,
      double[] values,
      double bootstrapValue) {
    this.actions = actions;
    this.rewards = rewards;
    this.terminated = terminated;
    this.truncated = truncated;
    this.values = values;
    this.bootstrapValue = bootstrapValue;
  }

  /**
   * A trajectory without value estimates.
   *
   * @param actions the actions, one per step; no {@code null} elements
   * @param rewards the rewards, one per step; all finite
   * @param terminated whether the last step reached a terminal state
   * @param truncated whether the episode was cut short after the last step
   * @param <A> the action type
   * @return the trajectory
   * @throws IllegalArgumentException if the lengths differ or a reward is not finite
   * @throws NullPointerException if an argument or an action is {@code null}
   */
  public static <A> Trajectory<A> of(List<A> actions, double[] rewards, boolean terminated, boolean truncated) {
    return of(actions, rewards, terminated, truncated, null, 0.0);
  }

  /**
   * A trajectory with optional value estimates.
   *
   * @param actions the actions, one per step; no {@code null} elements
   * @param rewards the rewards, one per step; all finite
   * @param terminated whether the last step reached a terminal state
   * @param truncated whether the episode was cut short after the last step
   * @param values the estimated value of the state before each step, or {@code null} for none; finite
   * @param bootstrapValue the estimated value of the state after the last step, used when the trajectory
   *     did not terminate; finite
   * @param <A> the action type
   * @return the trajectory
   * @throws IllegalArgumentException if the lengths differ or a reward, value or the bootstrap value is
   *     not finite
   * @throws NullPointerException if {@code actions}, {@code rewards} or an action is {@code null}
   */
  public static <A> Trajectory<A> of(
      List<A> actions,
      double[] rewards,
      boolean terminated,
      boolean truncated,
      double[] values,
      double bootstrapValue) {
    List<A> actionCopy = List.copyOf(actions);
    double[] rewardCopy = rewards.clone();
    if (actionCopy.size() != rewardCopy.length) {
      throw new IllegalArgumentException(
          "a trajectory needs one reward per action, got " + actionCopy.size() + " actions and "
              + rewardCopy.length + " rewards");
    }
    requireFinite("reward", rewardCopy);
    double[] valueCopy = null;
    if (values != null) {
      valueCopy = values.clone();
      if (valueCopy.length != rewardCopy.length) {
        throw new IllegalArgumentException(
            "a trajectory needs one value estimate per step, got " + valueCopy.length + " values for "
                + rewardCopy.length + " steps");
      }
      requireFinite("value estimate", valueCopy);
    }
    if (!Double.isFinite(bootstrapValue)) {
      throw new IllegalArgumentException("the bootstrap value must be finite, got " + bootstrapValue);
    }
    return new Trajectory<>(actionCopy, rewardCopy, terminated, truncated, valueCopy, bootstrapValue);
  }

  private static void requireFinite(String what, double[] xs) {
    for (int t = 0; t < xs.length; t++) {
      if (!Double.isFinite(xs[t])) {
        throw new IllegalArgumentException(
            "the " + what + " at step " + t + " is " + xs[t] + "; it must be a finite number");
      }
    }
  }

  /**
   * A builder that collects a trajectory step by step.
   *
   * @param <A> the action type
   * @return an empty builder
   */
  public static <A> Builder<A> builder() {
    return new Builder<>();
  }

  /**
   * The number of steps.
   *
   * @return the length, 0 or more
   */
  public int length() {
    return rewards.length;
  }

  /**
   * The actions, one per step.
   *
   * @return an unmodifiable list
   */
  public List<A> actions() {
    return actions;
  }

  /**
   * The rewards, one per step.
   *
   * @return a copy of the rewards
   */
  public double[] rewards() {
    return rewards.clone();
  }

  /**
   * The reward of one step, without copying.
   *
   * @param t the step, {@code 0 <= t < length()}
   * @return the reward
   * @throws IndexOutOfBoundsException if {@code t} is out of range
   */
  public double reward(int t) {
    return rewards[t];
  }

  /**
   * Whether the last step reached a terminal state (the value beyond it is 0).
   *
   * @return the terminated flag
   */
  public boolean terminated() {
    return terminated;
  }

  /**
   * Whether the episode was cut short after the last step (by a time limit).
   *
   * @return the truncated flag
   */
  public boolean truncated() {
    return truncated;
  }

  /**
   * Whether this trajectory carries value estimates.
   *
   * @return {@code true} if {@link #values()} is present
   */
  public boolean hasValues() {
    return values != null;
  }

  /**
   * The value estimates of the state before each step.
   *
   * @return a copy of the estimates, or empty if there are none
   */
  public Optional<double[]> values() {
    return values == null ? Optional.empty() : Optional.of(values.clone());
  }

  /**
   * The value estimate of the state before one step, without copying.
   *
   * @param t the step, {@code 0 <= t < length()}
   * @return the estimate
   * @throws IllegalStateException if the trajectory has no value estimates
   * @throws IndexOutOfBoundsException if {@code t} is out of range
   */
  public double value(int t) {
    if (values == null) {
      throw new IllegalStateException("this trajectory has no value estimates");
    }
    return values[t];
  }

  /**
   * The estimated value of the state after the last step, used when the trajectory did not terminate.
   *
   * @return the bootstrap value (0 when none was given)
   */
  public double bootstrapValue() {
    return bootstrapValue;
  }

  /**
   * The value beyond the last step that credit assignment continues from: 0 if the trajectory
   * terminated, else {@link #bootstrapValue()}.
   *
   * @return the value to bootstrap from
   */
  public double valueAfterEnd() {
    return terminated ? 0.0 : bootstrapValue;
  }

  /**
   * A copy of this trajectory with value estimates attached (or replaced).
   *
   * @param newValues one estimate per step, finite
   * @param newBootstrapValue the estimate of the state after the last step, finite
   * @return the new trajectory
   * @throws IllegalArgumentException if the length differs or a value is not finite
   */
  public Trajectory<A> withValues(double[] newValues, double newBootstrapValue) {
    Objects.requireNonNull(newValues, "newValues");
    return of(actions, rewards, terminated, truncated, newValues, newBootstrapValue);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trajectory<?> other
        && terminated == other.terminated
        && truncated == other.truncated
        && Double.compare(bootstrapValue, other.bootstrapValue) == 0
        && actions.equals(other.actions)
        && Arrays.equals(rewards, other.rewards)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(actions, Arrays.hashCode(rewards), terminated, truncated, Arrays.hashCode(values), bootstrapValue);
  }

  @Override
  public String toString() {
    return "Trajectory[length=" + length() + ", terminated=" + terminated + ", truncated=" + truncated
        + ", return=" + Arrays.stream(rewards).sum() + (values != null ? ", with values" : "") + "]";
  }

  /**
   * Collects a trajectory one step at a time.
   *
   * <p>Either every step carries a value estimate or none does.
   *
   * @param <A> the action type
   */
  public static final class Builder<A> {
    private final List<A> actions = new ArrayList<>();
    private double[] rewards = new double[16];
    private double[] values = new double[16];
    private Boolean withValues;

    private Builder() {}

    /**
     * Appends a step without a value estimate.
     *
     * @param action the action played
     * @param reward the reward received
     * @return this builder
     * @throws IllegalStateException if earlier steps carried value estimates
     */
    public Builder<A> add(A action, double reward) {
      return append(action, reward, Double.NaN, false);
    }

    /**
     * Appends a step with the value estimate of the state it started from.
     *
     * @param action the action played
     * @param reward the reward received
     * @param value the value estimate of the state before the step
     * @return this builder
     * @throws IllegalStateException if earlier steps carried no value estimates
     */
    public Builder<A> add(A action, double reward, double value) {
      return append(action, reward, value, true);
    }

    private Builder<A> append(A action, double reward, double value, boolean hasValue) {
      Objects.requireNonNull(action, "action");
      if (withValues == null) {
        withValues = hasValue;
      } else if (withValues != hasValue) {
        throw new IllegalStateException(
            "either every step of a trajectory has a value estimate or none has; step " + actions.size()
                + (hasValue ? " has one but earlier steps had none" : " has none but earlier steps had one"));
      }
      int n = actions.size();
      if (n == rewards.length) {
        rewards = Arrays.copyOf(rewards, 2 * n);
        values = Arrays.copyOf(values, 2 * n);
      }
      actions.add(action);
      rewards[n] = reward;
      values[n] = value;
      return this;
    }

    /**
     * The number of steps added so far.
     *
     * @return the count
     */
    public int length() {
      return actions.size();
    }

    /**
     * Ends the trajectory in a terminal state.
     *
     * @return the trajectory
     * @throws IllegalArgumentException if a reward or value is not finite
     */
    public Trajectory<A> terminated() {
      return build(true, false, 0.0);
    }

    /**
     * Ends the trajectory by a truncation, bootstrapping from the given estimate.
     *
     * @param bootstrapValue the value estimate of the state after the last step (0 if unknown)
     * @return the trajectory
     * @throws IllegalArgumentException if a reward or value is not finite
     */
    public Trajectory<A> truncated(double bootstrapValue) {
      return build(false, true, bootstrapValue);
    }

    /**
     * Ends a segment of an episode that goes on, bootstrapping from the given estimate.
     *
     * @param bootstrapValue the value estimate of the state after the last step (0 if unknown)
     * @return the trajectory, neither terminated nor truncated
     * @throws IllegalArgumentException if a reward or value is not finite
     */
    public Trajectory<A> cut(double bootstrapValue) {
      return build(false, false, bootstrapValue);
    }

    private Trajectory<A> build(boolean terminated, boolean truncated, double bootstrapValue) {
      int n = actions.size();
      double[] v = Boolean.TRUE.equals(withValues) ? Arrays.copyOf(values, n) : null;
      return of(actions, Arrays.copyOf(rewards, n), terminated, truncated, v, bootstrapValue);
    }
  }
}
