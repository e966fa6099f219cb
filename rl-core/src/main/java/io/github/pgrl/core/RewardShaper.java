package io.github.pgrl.core;

import java.util.Objects;

/**
 * Turns the reward of one transition into the reward the agent learns from.
 *
 * <p>Shaping adds knowledge of the task to a sparse reward (a bonus for hitting the ball in Pong) so that
 * learning gets a signal sooner. Arbitrary shaping can change which policy is optimal; potential-based
 * shaping ({@link io.github.pgrl.core.shaping.PotentialBasedShaper}, Ng, Harada &amp; Russell 1999)
 * provably does not. Metrics such as a game's score should always be computed from the raw reward, which
 * is {@code outcome.reward()}.
 *
 * <p>Shapers compose with {@link #andThen(RewardShaper)}; {@link #identity()}, {@link #scaled(double)}
 * and {@link #clipped(double, double)} are the simplest ones.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
@FunctionalInterface
public interface RewardShaper<O, A> {

  /**
   * The reward to learn from for one transition.
   *
   * @param observation the observation before the action
   * @param action the action played
   * @param outcome the step that followed: next observation, raw reward, end flags and info
   * @return the shaped reward; must be finite
   */
  double shape(O observation, A action, Step<O> outcome);

  /**
   * This shaper followed by another, which sees this one's result as the reward.
   *
   * @param next the shaper applied second
   * @return the composition
   * @throws NullPointerException if {@code next} is {@code null}
   */
  default RewardShaper<O, A> andThen(RewardShaper<O, A> next) {
    Objects.requireNonNull(next, "next");
    return (o, a, s) -> next.shape(o, a, s.withReward(shape(o, a, s)));
  }

  /**
   * The shaper that leaves the reward as it is.
   *
   * @param <O> the observation type
   * @param <A> the action type
   * @return the identity shaper
   */
  static <O, A> RewardShaper<O, A> identity() {
    return (o, a, s) -> s.reward();
  }

  /**
   * Multiplies the reward by a constant.
   *
   * @param factor the factor; finite
   * @param <O> the observation type
   * @param <A> the action type
   * @return the scaling shaper
   * @throws IllegalArgumentException if {@code factor} is not finite
   */
  static <O, A> RewardShaper<O, A> scaled(double factor) {
    if (!Double.isFinite(factor)) {
      throw new IllegalArgumentException("the scale factor must be finite, got " + factor);
    }
    return (o, a, s) -> factor * s.reward();
  }

  /**
   * Clips the reward into {@code [min, max]}.
   *
   * @param min the lower bound; finite
   * @param max the upper bound; finite and at least {@code min}
   * @param <O> the observation type
   * @param <A> the action type
   * @return the clipping shaper
   * @throws IllegalArgumentException if a bound is not finite or {@code min > max}
   */
  static <O, A> RewardShaper<O, A> clipped(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException(
          "clip bounds must be finite with min <= max, got [" + min + ", " + max + "]");
    }
    return (o, a, s) -> Math.max(min, Math.min(max, s.reward()));
  }
}
