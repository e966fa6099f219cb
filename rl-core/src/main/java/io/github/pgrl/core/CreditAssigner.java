package io.github.pgrl.core;

import java.util.ArrayList;
import java.util.List;

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
}
