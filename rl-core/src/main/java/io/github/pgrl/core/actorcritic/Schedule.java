package io.github.pgrl.core.actorcritic;

/**
 * A value that changes linearly with the number of environment steps trained, from {@code start} to
 * {@code end} over {@code steps} steps and {@code end} after: the learning-rate and clip-range schedules
 * of PPO (Schulman et al. 2017 anneal both to 0 over training).
 *
 * <p>For {@code linear(1e-3, 0, 100_000)} the value is {@code 1e-3} at step 0, {@code 5e-4} at step 50,000
 * and 0 from step 100,000 on. A trainer reads it once per update, at the steps trained before the update.
 *
 * @param start the value at step 0, finite
 * @param end the value from step {@code steps} on, finite
 * @param steps the length of the change in environment steps, at least 0 (0: always {@code start})
 * @since 0.1.0
 */
public record Schedule(double start, double end, long steps) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a value is not finite or {@code steps} is negative
   */
  public Schedule {
    if (!Double.isFinite(start) || !Double.isFinite(end)) {
      throw new IllegalArgumentException("a schedule's values must be finite, got " + start + " and " + end);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("a schedule's length must be at least 0 steps, got " + steps);
    }
  }

  /**
   * The same value at every step.
   *
   * @param value the value, finite
   * @return the schedule
   * @throws IllegalArgumentException if the value is not finite
   */
  public static Schedule constant(double value) {
    return new Schedule(value, value, 0);
  }

  /**
   * From {@code start} to {@code end} in a straight line over {@code steps} steps.
   *
   * @param start the value at step 0
   * @param end the value from step {@code steps} on
   * @param steps at least 1
   * @return the schedule
   * @throws IllegalArgumentException if a value is not finite or {@code steps < 1}
   */
  public static Schedule linear(double start, double end, long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("a linear schedule needs at least 1 step, got " + steps);
    }
    return new Schedule(start, end, steps);
  }

  /**
   * The value after {@code step} environment steps.
   *
   * @param step the steps trained, at least 0
   * @return the value
   */
  public double value(long step) {
    if (steps == 0 || step >= steps) {
      return steps == 0 ? start : end;
    }
    return start + (end - start) * ((double) step / steps);
  }

  /** Whether the value never changes. */
  boolean isConstant() {
    return steps == 0 || start == end;
  }

  @Override
  public String toString() {
    return isConstant() ? String.valueOf(start) : "linear(" + start + " to " + end + " over " + steps + " steps)";
  }
}
