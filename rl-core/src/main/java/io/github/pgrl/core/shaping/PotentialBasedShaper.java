package io.github.pgrl.core.shaping;

import io.github.pgrl.core.Descriptions;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Step;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Potential-based reward shaping: adds {@code F = γ·Φ(s') − Φ(s)} to every reward, for a potential
 * {@code Φ} over observations that the user supplies.
 *
 * <p>Because {@code F} telescopes, the discounted return of any episode changes by exactly {@code
 * γ^T·Φ(s_T) − Φ(s_0)}, which does not depend on the actions in between; so the optimal policy of the
 * shaped task is the optimal policy of the original one (Ng, Harada &amp; Russell, "Policy invariance
 * under reward transformations: theory and application to reward shaping", ICML 1999).
 *
 * <p>In an episodic task the guarantee needs the potential of a terminal state to be 0 (otherwise the
 * final term {@code γ^T·Φ(s_T)} rewards reaching good-looking terminal states). So by default, on a step
 * that reports {@code terminated}, {@code Φ(s')} is taken as 0 and the return changes by exactly {@code
 * −Φ(s_0)}. On a truncated step the episode was only cut short, so {@code Φ(s')} is used as it is. {@link
 * #keepingTerminalPotential()} turns the zeroing off.
 *
 * <p>{@code γ} must equal the discount of the credit assigner, or the invariance does not hold.
 *
 * <p>Its {@link #describe() description}, which checkpoints store, names γ and the potential, as {@link
 * Descriptions#of} describes it: {@code PotentialBasedShaper(gamma=0.99,
 * potential=com.example.Main$$Lambda)}. A lambda potential is described by the class that wrote it, so
 * two lambda potentials of one class look alike: tell them apart with {@link RewardShaper#named}.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public final class PotentialBasedShaper<O, A> implements RewardShaper<O, A> {

  private final double gamma;
  private final ToDoubleFunction<? super O> potential;
  private final boolean zeroAtTermination;

  private PotentialBasedShaper(double gamma, ToDoubleFunction<? super O> potential, boolean zeroAtTermination) {
    this.gamma = gamma;
    this.potential = potential;
    this.zeroAtTermination = zeroAtTermination;
  }

  /**
   * Shaping with potential {@code potential} and discount {@code gamma}.
   *
   * @param gamma the discount factor in {@code [0, 1]}, the same as the learner's
   * @param potential Φ, returning a finite number for every observation
   * @param <O> the observation type
   * @param <A> the action type
   * @return the shaper, with {@code Φ = 0} at terminal states
   * @throws IllegalArgumentException if {@code gamma} is outside {@code [0, 1]} or NaN
   * @throws NullPointerException if {@code potential} is {@code null}
   */
  public static <O, A> PotentialBasedShaper<O, A> of(double gamma, ToDoubleFunction<? super O> potential) {
    if (!(gamma >= 0.0 && gamma <= 1.0)) {
      throw new IllegalArgumentException("gamma must lie in [0, 1], got " + gamma);
    }
    return new PotentialBasedShaper<>(gamma, Objects.requireNonNull(potential, "potential"), true);
  }

  /**
   * The same shaping, but using {@code Φ(s')} also when {@code s'} is terminal.
   *
   * @return a new shaper; its return changes by {@code γ^T·Φ(s_T) − Φ(s_0)}
   */
  public PotentialBasedShaper<O, A> keepingTerminalPotential() {
    return new PotentialBasedShaper<>(gamma, potential, false);
  }

  /**
   * The shaping term {@code F} of one transition, without the reward.
   *
   * @param observation the observation before the action
   * @param outcome the step after it
   * @return {@code γ·Φ(s') − Φ(s)}, with {@code Φ(s') = 0} at a termination unless kept
   * @throws IllegalStateException if the potential is not finite
   */
  public double bonus(O observation, Step<O> outcome) {
    double before = phi(observation);
    double after = zeroAtTermination && outcome.terminated() ? 0.0 : phi(outcome.observation());
    return gamma * after - before;
  }

  private double phi(O observation) {
    double p = potential.applyAsDouble(observation);
    if (!Double.isFinite(p)) {
      throw new IllegalStateException("the potential returned " + p + "; it must be finite for every observation");
    }
    return p;
  }

  @Override
  public double shape(O observation, A action, Step<O> outcome) {
    return outcome.reward() + bonus(observation, outcome);
  }

  /** {@inheritDoc} */
  @Override
  public OptionalDouble discount() {
    return OptionalDouble.of(gamma);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code PotentialBasedShaper(gamma=γ, potential=Φ)}, with {@code , keeping terminal
   *     potential} before the parenthesis if {@link #keepingTerminalPotential()} made it; Φ as {@link
   *     Descriptions#of} describes it
   */
  @Override
  public String describe() {
    return "PotentialBasedShaper(gamma=" + gamma + ", potential=" + Descriptions.of(potential)
        + (zeroAtTermination ? "" : ", keeping terminal potential") + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
