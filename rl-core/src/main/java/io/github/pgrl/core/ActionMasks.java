package io.github.pgrl.core;

/**
 * An environment with a {@code Discrete(n)} action space whose valid actions depend on the state: it
 * says which of its {@code n} actions may be played now, as MaskablePPO's {@code action_masks()} does in
 * SB3-contrib.
 *
 * <p><b>Contract.</b> {@link #validActions()} answers for the observation last returned by {@code reset}
 * or by a {@code step} that did not end the episode: an array of length {@code n} with at least one
 * {@code true}. Before the first reset and after the end of an episode the answer is unspecified. A
 * {@code step} with an action the mask marks invalid may throw {@link IllegalArgumentException} (naming
 * the action and why it is invalid); it must not throw anything else, and if it is accepted the
 * environment stays consistent. A step with a valid action is accepted. {@link
 * io.github.pgrl.core.check.EnvironmentChecker} verifies this on episodes of random valid actions.
 *
 * <p><b>Wrappers.</b> A wrapper that keeps the actions ({@code Wrapper}, {@code TimeLimit}, {@code
 * ShapeReward}, {@code ObservationWrapper}) implements this interface and forwards to the environment it
 * wraps, answering {@link #hasActionMasks()} with whether that one has masks. So test for masks with
 * {@link #of(Environment)}, never with {@code instanceof} alone. A wrapper that changes the actions
 * ({@code ActionWrapper}) does not forward them.
 *
 * <p><b>Training.</b> {@code Reinforce} fetches the mask on every step and hands it to the policy, which
 * must then be a {@link MaskablePolicy}: π is the softmax over the valid actions only, so an invalid
 * action is never drawn and the gradient is that of the masked distribution.
 *
 * @since 0.1.0
 */
public interface ActionMasks {

  /**
   * Which actions are valid in the current state.
   *
   * @return {@code n} flags, {@code true} for a valid action, at least one {@code true}; the caller does not
   *     keep the array past its next call to the environment, so it may be a buffer the environment reuses
   * @throws UnsupportedOperationException if {@link #hasActionMasks()} is {@code false}
   */
  boolean[] validActions();

  /**
   * Whether this environment has masks: {@code true} unless it is a wrapper around an environment without
   * them.
   *
   * @return whether {@link #validActions()} may be called
   */
  default boolean hasActionMasks() {
    return true;
  }

  /**
   * The masks of an environment, looking through wrappers that forward them.
   *
   * @param env an environment
   * @return the environment as {@link ActionMasks}, or {@code null} if it has no masks
   */
  static ActionMasks of(Environment<?, ?> env) {
    return env instanceof ActionMasks masks && masks.hasActionMasks() ? masks : null;
  }

  /**
   * Refuses a mask that is not one for {@code n} actions.
   *
   * @param validActions the mask
   * @param n the number of actions of the {@code Discrete(n)} space
   * @throws IllegalArgumentException if it is {@code null}, has another length than {@code n}, or marks no
   *     action valid
   */
  static void requireValid(boolean[] validActions, int n) {
    if (validActions == null) {
      throw new IllegalArgumentException("the mask is null; it must be " + n + " flags, at least one true");
    }
    if (validActions.length != n) {
      throw new IllegalArgumentException("the mask has " + validActions.length + " entries, for " + n
          + " actions it must have " + n);
    }
    for (boolean valid : validActions) {
      if (valid) {
        return;
      }
    }
    throw new IllegalArgumentException("a mask with no valid action: all " + n + " entries are false; at least one"
        + " action must be valid while an episode runs");
  }
}
