package io.github.pgrl.core;

import java.util.Objects;
import java.util.OptionalDouble;

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
 * and {@link #clipped(double, double)} are the simplest ones. A shaper has a stable {@link #describe()
 * description}, which checkpoints store, and may declare the {@link #discount()} it assumes.
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
    OptionalDouble mine = discount();
    OptionalDouble theirs = next.discount();
    if (mine.isPresent() && theirs.isPresent() && mine.getAsDouble() != theirs.getAsDouble()) {
      throw new IllegalArgumentException("shapers with different discounts do not compose: " + describe() + " and "
          + next.describe());
    }
    RewardShaper<O, A> first = this;
    return new Descriptions.Shaper<>(describe() + " then " + next.describe(), mine.isPresent() ? mine : theirs,
        (o, a, s) -> next.shape(o, a, s.withReward(first.shape(o, a, s))));
  }

  /**
   * The discount factor γ this shaper assumes, if it has one: potential-based shaping is harmless only
   * with the discount of the returns it is learned with (Ng et al. 1999), so a trainer checks the two
   * against each other.
   *
   * @return γ, or empty (the default) if the shaper does not depend on a discount
   */
  default OptionalDouble discount() {
    return OptionalDouble.empty();
  }

  /**
   * A description of this shaper and its parameters that is the same in every run of the same
   * configuration: checkpoints store it, and a run resumes only with a shaper of the same description.
   *
   * <p>By default it is the {@code toString()} of a class that declares one, and otherwise the class's
   * name — for a lambda the name of the class that wrote it, without the part that changes from run to
   * run. Two lambdas of one class then look alike: give them descriptions with {@link #named} (or
   * override this method) when a resumed run must tell them apart. The shapers made here describe
   * themselves ({@code identity}, {@code scaled(0.5)}, {@code A then B}).
   *
   * <p>The same holds for the parts a shaper is made of: a {@link
   * io.github.pgrl.core.shaping.PotentialBasedShaper} describes its potential Φ with {@link
   * Descriptions#of}, so a lambda potential is described by the class that wrote it, and two lambda
   * potentials of one class must be told apart with {@link #named}.
   *
   * <p>A class whose declared {@code toString()} is not the same in every run (for instance a record with
   * an array field, whose {@code toString()} holds an identity hash) must override this method with a
   * stable description, or a run with it cannot resume.
   *
   * @return the description, not blank
   */
  default String describe() {
    return Descriptions.of(this);
  }

  /**
   * A shaper that shapes as {@code shaper} does and is described as {@code description}: the way to
   * give a lambda a stable description for checkpoints.
   *
   * @param description the description, not blank, that {@link #describe()} returns
   * @param shaper the shaper
   * @param <O> the observation type
   * @param <A> the action type
   * @return the described shaper, with {@code shaper}'s {@link #discount()} (so a named {@link
   *     io.github.pgrl.core.shaping.PotentialBasedShaper} is still checked against the run's γ)
   * @throws IllegalArgumentException if the description is blank
   * @throws NullPointerException if an argument is {@code null}
   */
  static <O, A> RewardShaper<O, A> named(String description, RewardShaper<O, A> shaper) {
    Objects.requireNonNull(shaper, "shaper");
    return new Descriptions.Shaper<>(Descriptions.check(description), shaper.discount(), shaper);
  }

  /**
   * The shaper that leaves the reward as it is.
   *
   * @param <O> the observation type
   * @param <A> the action type
   * @return the identity shaper
   */
  static <O, A> RewardShaper<O, A> identity() {
    return named("identity", (o, a, s) -> s.reward());
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
    return named("scaled(" + factor + ")", (o, a, s) -> factor * s.reward());
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
    return named("clipped(" + min + ", " + max + ")", (o, a, s) -> Math.max(min, Math.min(max, s.reward())));
  }
}
