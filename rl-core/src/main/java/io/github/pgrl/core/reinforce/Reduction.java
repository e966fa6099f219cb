package io.github.pgrl.core.reinforce;

/**
 * How REINFORCE reduces its objective over the steps of a batch: the scale of {@link
 * io.github.pgrl.core.TrainablePolicy.Objective}.
 *
 * @since 0.1.0
 */
public enum Reduction {
  /** Divide by the number of steps: the gradient's size does not grow with the batch. */
  MEAN,
  /** Sum over the steps, as the classic pong-from-pixels program does. */
  SUM;

  /**
   * The scale of the objective of {@code steps} steps.
   *
   * @param steps the number of steps
   * @return {@code 1/steps} for {@link #MEAN} (1 without steps), 1 for {@link #SUM}
   */
  public double scale(int steps) {
    return this == MEAN && steps > 0 ? 1.0 / steps : 1.0;
  }
}
