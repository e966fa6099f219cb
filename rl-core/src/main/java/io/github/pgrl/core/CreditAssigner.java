package io.github.pgrl.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Turns what happened in a trajectory into one weight per step: how much the log-probability of each
 * action should be raised (positive) or lowered (negative) by the policy gradient.
 *
 * <p>This is where the credit-assignment problem is solved: a sparse reward (a point won long after the
 * actions that caused it) is spread back over the steps. The implementations in {@link
 * io.github.pgrl.core.credit} cover discounted returns (optionally restarting at every non-zero reward, as
 * the classic pong-from-pixels program does), reward-to-go, standardisation, baselines and GAE; they are
 * composed by wrapping one in another.
 *
 * <p>Contract: the result has exactly {@code trajectory.length()} finite elements, and the trajectory is
 * not modified. Assigners are stateless unless documented otherwise.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CreditAssigner {

  /**
   * Computes the weight of every step of one trajectory.
   *
   * @param trajectory the trajectory
   * @return a new array with one weight per step
   * @throws IllegalArgumentException if the trajectory lacks what this assigner needs (for instance
   *     value estimates)
   */
  double[] assign(Trajectory<?> trajectory);

  /**
   * Whether the weights already have a baseline subtracted (advantages, as from {@link
   * io.github.pgrl.core.credit.Gae} or {@link io.github.pgrl.core.credit.BaselineSubtracted}), so that a
   * trainer must not subtract another one.
   *
   * @return {@code false} by default: the weights are returns
   */
  default boolean isAdvantage() {
    return false;
  }

  /**
   * Computes the weights of a batch of trajectories. By default each trajectory on its own; assigners
   * whose result depends on the whole batch (per-batch standardisation) override this.
   *
   * @param batch the trajectories
   * @return one weight array per trajectory, in the batch's order
   */
  default List<double[]> assignBatch(List<? extends Trajectory<?>> batch) {
    List<double[]> out = new ArrayList<>(batch.size());
    for (Trajectory<?> t : batch) {
      out.add(assign(t));
    }
    return out;
  }

  /**
   * The discount factor γ this assigner applies, if it has one; a trainer checks it against its own γ
   * (of its value targets), so that the two cannot silently differ.
   *
   * @return γ, or empty (the default) if the assigner does not discount or does not say
   */
  default OptionalDouble discount() {
    return OptionalDouble.empty();
  }

  /**
   * A description of this assigner and its parameters that is the same in every run of the same
   * configuration: checkpoints store it, and a run resumes only with an assigner of the same
   * description.
   *
   * <p>By default it is the {@code toString()} of a class that declares one (the bundled assigners name
   * their parameters: {@code DiscountedReturn(gamma=0.99)}), and otherwise the class's name — for a
   * lambda the name of the class that wrote it, without the part that changes from run to run. Two
   * lambdas of one class, or two instances of a class without {@code toString()}, then look alike:
   * give them descriptions with {@link #named} (or override this method) when a resumed run must tell
   * them apart.
   *
   * <p>The same holds for the parts an assigner is made of: a {@link
   * io.github.pgrl.core.credit.BaselineSubtracted} describes its {@link io.github.pgrl.core.credit.Baseline}
   * with {@link Descriptions#of}, so a lambda baseline is described by the class that wrote it, and two
   * lambda baselines of one class must be told apart with {@link #named}.
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
   * An assigner that computes as {@code assigner} does and is described as {@code description}: the
   * way to give a lambda a stable description for checkpoints.
   *
   * <pre>{@code
   * CreditAssigner lastReward = CreditAssigner.named("last reward", t -> ...);
   * }</pre>
   *
   * @param description the description, not blank, that {@link #describe()} returns
   * @param assigner the assigner
   * @return the described assigner, with {@code assigner}'s {@link #discount()} and {@link
   *     #isAdvantage()}
   * @throws IllegalArgumentException if the description is blank
   * @throws NullPointerException if an argument is {@code null}
   */
  static CreditAssigner named(String description, CreditAssigner assigner) {
    return new Descriptions.Credit(Descriptions.check(description), Objects.requireNonNull(assigner, "assigner"));
  }
}
