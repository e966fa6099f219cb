package io.github.pgrl.core.reinforce;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one call of {@link Reinforce#train(Budget)} may do: episodes, steps, updates and wall time,
 * counted from the start of the call. Training stops after the first update at which any limit is
 * reached; a limit of 0 (or a {@code null} time) means none.
 *
 * @param episodes the number of episodes, 0 for no limit
 * @param steps the number of environment steps, 0 for no limit
 * @param updates the number of updates, 0 for no limit
 * @param time the wall time, {@code null} for no limit; any positive duration (one beyond about 292 years
 *     is no limit in practice)
 * @since 0.1.0
 */
public record Budget(long episodes, long steps, long updates, Duration time) {

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if a limit is negative or no limit is set
   */
  public Budget {
    if (episodes < 0 || steps < 0 || updates < 0) {
      throw new IllegalArgumentException(
          "budget limits must not be negative, got episodes=" + episodes + ", steps=" + steps + ", updates=" + updates);
    }
    if (time != null && (time.isNegative() || time.isZero())) {
      throw new IllegalArgumentException("a time budget must be positive, got " + time);
    }
    if (episodes == 0 && steps == 0 && updates == 0 && time == null) {
      throw new IllegalArgumentException("a budget needs at least one limit: episodes, steps, updates or time");
    }
  }

  /**
   * At most this many episodes (rounded up to whole batches).
   *
   * @param n at least 1
   * @return the budget
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static Budget episodes(long n) {
    return new Budget(positive("episodes", n), 0, 0, null);
  }

  /**
   * At most this many environment steps (rounded up to whole batches).
   *
   * @param n at least 1
   * @return the budget
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static Budget steps(long n) {
    return new Budget(0, positive("steps", n), 0, null);
  }

  /**
   * Exactly this many updates (unless stopped).
   *
   * @param n at least 1
   * @return the budget
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static Budget updates(long n) {
    return new Budget(0, 0, positive("updates", n), null);
  }

  /**
   * At most this much wall time (the running update is finished).
   *
   * @param time positive; beyond about 292 years, no limit in practice
   * @return the budget
   * @throws IllegalArgumentException if the duration is not positive
   */
  public static Budget time(Duration time) {
    return new Budget(0, 0, 0, Objects.requireNonNull(time, "time"));
  }

  /** The longest time a {@code long} of nanoseconds counts: about 292 years. */
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

  /**
   * The time limit in nanoseconds: {@link Long#MAX_VALUE} for none, and for a time too long to count in
   * nanoseconds (beyond about 292 years, no limit in practice).
   */
  long timeNanos() {
    return time == null || time.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : time.toNanos();
  }

  /**
   * Whether a training call that has done this much has used the budget up: a trainer checks it before
   * every update, so a call ends with the update that reaches a limit.
   *
   * @param episodesDone episodes finished in the call
   * @param stepsDone environment steps in the call
   * @param updatesDone updates in the call
   * @param nanosElapsed wall time of the call
   * @return {@code true} if a limit is reached
   */
  public boolean reached(long episodesDone, long stepsDone, long updatesDone, long nanosElapsed) {
    return updates > 0 && updatesDone >= updates
        || episodes > 0 && episodesDone >= episodes
        || steps > 0 && stepsDone >= steps
        || nanosElapsed >= timeNanos();
  }

  private static long positive(String what, long n) {
    if (n < 1) {
      throw new IllegalArgumentException("a budget of " + what + " must be at least 1, got " + n);
    }
    return n;
  }
}
