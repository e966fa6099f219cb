package io.github.pgrl.core.policy;

import io.github.pgrl.core.ValueTargets;
import io.github.pgrl.core.internal.Engine;

/**
 * The value output of a shared actor-critic network, the output at {@code index} beside the policy's:
 * it reads each step's V(s) and, for a gradient, writes the derivative of {@code −coefficient·scale·loss_t}
 * ({@link ValueTargets#loss}) with respect to it, {@code 2·coefficient·scale·}{@link ValueTargets#ascent},
 * in the pass that computes the policy's part.
 *
 * @param index the value output's index among the network's outputs
 * @param targets the value targets, or {@code null} to read the values only
 * @param coefficient c of the value loss
 * @param scale the factor on the sum over the steps
 * @param values receives V(s_t) of every step
 */
record ValueOutput(int index, ValueTargets targets, double coefficient, double scale, double[] values) {

  /**
   * Refuses a combined gradient's value arguments that do not fit: the targets and the room for the values
   * of another number of steps, or a coefficient that is not positive and finite.
   */
  static void requireArguments(int steps, ValueTargets targets, double coefficient, double[] values) {
    java.util.Objects.requireNonNull(targets, "targets");
    if (!(coefficient > 0) || Double.isInfinite(coefficient)) {
      throw new IllegalArgumentException("the value coefficient must be positive and finite, got " + coefficient);
    }
    targets.requireSteps(steps);
    if (values.length != steps) {
      throw new IllegalArgumentException("need room for one value per step: " + steps + " steps, " + values.length);
    }
  }

  /** Refuses a policy without a value output ({@code index} −1). */
  static void requirePresent(int index, Object policy) {
    if (index < 0) {
      throw new IllegalStateException(policy + " has no value output: build it with valueOutput(true) to ask it for"
          + " V(s)");
    }
  }

  /** A loss that computes {@code policy}'s terms of a step, then the value output's. */
  Engine.OutputLoss after(Engine.OutputLoss policy) {
    return (t, output, offset, dOutput, dOffset) -> {
      if (policy != null) {
        policy.row(t, output, offset, dOutput, dOffset);
      }
      double v = output[offset + index];
      values[t] = v;
      if (dOutput != null) {
        dOutput[dOffset + index] = targets == null ? 0f : (float) (2 * coefficient * scale * targets.ascent(t, v));
      }
    };
  }
}
