package io.github.pgrl.core;

import java.util.Objects;

/**
 * What a critic regresses on in one batch: a target {@code y_t} per step and, for PPO's clipped value
 * objective, the values {@code v_t} predicted when the steps were collected and the clip range ε. One
 * place for the arithmetic of the value loss, used by a separate value function and by a network that
 * shares its trunk with the policy ({@link SharedValuePolicy}).
 *
 * <p>Step {@code t}'s loss at a prediction {@code V} is {@code (V − y_t)²}, or with ε &gt; 0 {@code max((V −
 * y_t)², (V' − y_t)²)} with {@code V' = v_t + clip(V − v_t, −ε, ε)} (Schulman et al. 2017, as implemented
 * in OpenAI's baselines): a step whose prediction moved more than ε from {@code v_t} in the direction that
 * would not reduce its error contributes no gradient.
 *
 * @param targets one regression target per step, finite; not copied
 * @param oldValues the values predicted at collection, one per step and finite; not copied; unused (may be
 *     {@code null}) when {@code clipRange} is 0
 * @param clipRange ε, finite and at least 0; 0 for the plain squared error
 * @since 0.1.0
 */
public record ValueTargets(double[] targets, double[] oldValues, double clipRange) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a target or old value is not finite (naming the first), the arrays
   *     differ in length, or ε is negative or not finite
   * @throws NullPointerException if {@code targets} is {@code null}, or {@code oldValues} is while ε &gt; 0
   */
  public ValueTargets {
    Objects.requireNonNull(targets, "targets");
    if (!(clipRange >= 0) || Double.isInfinite(clipRange)) {
      throw new IllegalArgumentException("the value clip range must be finite and at least 0 (0 for none), got "
          + clipRange);
    }
    requireFinite("target", targets, targets.length);
    if (clipRange > 0) {
      Objects.requireNonNull(oldValues, "oldValues");
      requireFinite("old value", oldValues, targets.length);
    }
  }

  /**
   * Plain squared errors towards the targets.
   *
   * @param targets one finite target per step
   * @return the targets, without clipping
   * @throws IllegalArgumentException if a target is not finite
   */
  public static ValueTargets of(double[] targets) {
    return new ValueTargets(targets, null, 0.0);
  }

  /**
   * Refuses a batch of another size than the targets.
   *
   * @param steps the number of steps
   * @throws IllegalArgumentException if it differs from the number of targets
   */
  public void requireSteps(int steps) {
    if (targets.length != steps) {
      throw new IllegalArgumentException("need one target per step: " + steps + " steps, " + targets.length
          + " targets");
    }
  }

  /**
   * Step {@code t}'s loss at the prediction {@code value}.
   *
   * @param t the step
   * @param value V(s_t)
   * @return {@code (V − y_t)²}, or the clipped objective's maximum
   */
  public double loss(int t, double value) {
    double error = value - targets[t];
    return clipRange == 0 ? error * error : Math.max(error * error, clippedSquaredError(t, value));
  }

  /**
   * The derivative of {@code −½·loss_t} with respect to the prediction: {@code −(V − y_t)}, or 0 where the
   * clipped error is the larger (there {@code V'} is clipped and constant in V).
   *
   * @param t the step
   * @param value V(s_t)
   * @return the derivative of the objective a critic ascends
   */
  public double ascent(int t, double value) {
    double error = value - targets[t];
    return clipRange == 0 || error * error >= clippedSquaredError(t, value) ? -error : 0.0;
  }

  /**
   * The mean loss of predictions, summed in step order.
   *
   * @param values one prediction per step
   * @return {@code mean_t loss_t}, 0 without steps
   * @throws IllegalArgumentException if there is not one prediction per target
   */
  public double meanLoss(double[] values) {
    requireSteps(values.length);
    double sum = 0.0;
    for (int t = 0; t < values.length; t++) {
      sum += loss(t, values[t]);
    }
    return values.length > 0 ? sum / values.length : 0.0;
  }

  /** {@code (V' − y_t)²}, the squared error of the prediction clipped around the old value. */
  private double clippedSquaredError(int t, double value) {
    double error = oldValues[t] + Math.max(-clipRange, Math.min(clipRange, value - oldValues[t])) - targets[t];
    return error * error;
  }

  private static void requireFinite(String what, double[] values, int n) {
    if (values.length != n) {
      throw new IllegalArgumentException("need one " + what + " per step: " + n + " targets, " + values.length + " "
          + what + "s");
    }
    for (int t = 0; t < n; t++) {
      if (!Double.isFinite(values[t])) {
        throw new IllegalArgumentException("the " + what + " of step " + t + " is " + values[t] + "; " + what
            + "s must be finite");
      }
    }
  }
}
