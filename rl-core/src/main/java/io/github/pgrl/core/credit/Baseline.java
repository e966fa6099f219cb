package io.github.pgrl.core.credit;

import io.github.pgrl.core.Trajectory;
import java.util.Arrays;

/**
 * An estimate, per step of a trajectory, of the return to expect from that step's state; subtracting it
 * from the return lowers the variance of the policy gradient without biasing it.
 *
 * <p>A baseline may depend on the state but never on the action taken there (that would bias the
 * gradient). The trainable baselines (a running mean, a learned value network) come with the trainer.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Baseline {

  /**
   * The baseline of every step.
   *
   * @param trajectory the trajectory
   * @return one finite value per step
   * @throws IllegalArgumentException if the trajectory lacks what this baseline needs
   */
  double[] values(Trajectory<?> trajectory);

  /**
   * The same number for every step.
   *
   * @param value the constant, finite
   * @return the baseline
   * @throws IllegalArgumentException if {@code value} is not finite
   */
  static Baseline constant(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a constant baseline must be finite, got " + value);
    }
    return new Baseline() {
      @Override
      public double[] values(Trajectory<?> t) {
        double[] b = new double[t.length()];
        Arrays.fill(b, value);
        return b;
      }

      @Override
      public String toString() { // the description checkpoints store
        return "constant(" + value + ")";
      }
    };
  }

  /**
   * The value estimates the trajectory carries ({@link Trajectory#values()}).
   *
   * @return the baseline; it throws {@link IllegalArgumentException} for a trajectory without values
   */
  static Baseline valueEstimates() {
    return new Baseline() {
      @Override
      public double[] values(Trajectory<?> t) {
        return t.values().orElseThrow(() -> new IllegalArgumentException(
            "the value-estimate baseline needs a trajectory with value estimates; attach them with"
                + " Trajectory.withValues"));
      }

      @Override
      public String toString() { // the description checkpoints store
        return "valueEstimates()";
      }
    };
  }
}
