package io.github.pgrl.core;

/**
 * The steps a policy gradient learns from, recorded the way one {@link TrainablePolicy} wants them: the
 * observation of every step, the action played and the action played before it in the episode.
 *
 * <p>A policy makes its own ({@link TrainablePolicy#newSteps()}), so it can keep what it needs in the form
 * it needs: the MLP keeps observations sparsely and the activations of the forward pass that chose the
 * action, so that the gradient does not compute that pass again. A rollout records a step in two parts:
 * {@link TrainablePolicy#observe} stages the observation (and gives the distribution the action is drawn
 * from), then {@link #complete} adds the action. Filled by hand, {@link #add} does both.
 *
 * <p>A step may also carry the mask of the actions that were valid ({@link #stageMask}, {@link
 * #validActions(int)}), for a {@link MaskablePolicy} on an environment with {@link ActionMasks}: the
 * records of {@link #inMemory()} and of the MLP keep it; another record keeps none unless it overrides
 * both methods.
 *
 * <p>{@link #inMemory()} is a plain implementation for policies with nothing of their own to keep.
 * Implementations need not be thread-safe.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public interface RecordedSteps<O, A> {

  /**
   * Stages the observation of the next step, replacing one staged before and not completed (and its
   * mask).
   *
   * @param observation the observation the next action is chosen for
   * @throws IllegalArgumentException if the observation does not fit (a wrong length, say)
   */
  void stage(O observation);

  /**
   * Gives the staged step the mask of the actions valid for its observation; {@link #complete} then
   * records it with the step. Call it after {@link #stage}. By default refused: the record keeps no masks.
   *
   * @param validActions one flag per action, {@code true} for a valid one; copied
   * @throws UnsupportedOperationException if this record keeps no masks
   * @throws IllegalArgumentException if the record refuses the mask (the MLP's refuses an empty one, or
   *     one of another length than the masks recorded before it)
   * @throws IllegalStateException if no observation is staged
   */
  default void stageMask(boolean[] validActions) {
    throw new UnsupportedOperationException("the record " + getClass().getName() + " keeps no action masks: use"
        + " RecordedSteps.inMemory(), or override stageMask and validActions(t)");
  }

  /**
   * The mask of one step: which actions were valid when it was played.
   *
   * @param t the step, in {@code [0, size())}
   * @return a copy of the mask, or {@code null} if the step has none (by default, every step)
   * @throws IndexOutOfBoundsException if {@code t} is out of range
   */
  default boolean[] validActions(int t) {
    return null;
  }

  /**
   * Completes the staged step with the action that was played.
   *
   * @param action the action played
   * @param previousAction the action played on the step before in the same episode, or {@code null} on an
   *     episode's first step
   * @throws IllegalStateException if no observation is staged
   */
  void complete(A action, A previousAction);

  /**
   * Appends one step: {@link #stage} then {@link #complete}.
   *
   * @param observation the observation
   * @param action the action played
   * @param previousAction the action before it in the episode, or {@code null}
   * @throws IllegalArgumentException if the observation does not fit
   */
  default void add(O observation, A action, A previousAction) {
    stage(observation);
    complete(action, previousAction);
  }

  /**
   * The number of completed steps.
   *
   * @return the size
   */
  int size();

  /**
   * The observation of one step.
   *
   * @param t the step, in {@code [0, size())}
   * @return the observation (a copy where the record keeps another form)
   * @throws IndexOutOfBoundsException if {@code t} is out of range
   */
  O observation(int t);

  /**
   * The action of one step.
   *
   * @param t the step, in {@code [0, size())}
   * @return the action
   * @throws IndexOutOfBoundsException if {@code t} is out of range
   */
  A action(int t);

  /**
   * The action played before step {@code t} in its episode.
   *
   * @param t the step, in {@code [0, size())}
   * @return the previous action, or {@code null} on an episode's first step
   * @throws IndexOutOfBoundsException if {@code t} is out of range
   */
  A previousAction(int t);

  /**
   * Appends every step of another record, in order, with their masks; a staged step of this one is
   * dropped.
   *
   * @param other a record made by the same policy (or one of its sharers)
   * @throws IllegalArgumentException if {@code other} is of another kind or for other observations
   */
  void append(RecordedSteps<O, A> other);

  /**
   * Appends some steps of another record, in the order given, with their masks; call it with no step
   * staged (a staged step would be replaced by the first appended one). By default each step is staged and completed anew from {@code other}'s observation, mask,
   * action and previous action; a record may copy its own kind faster (the MLP's copies the sparse rows).
   * A minibatch of a rollout is made this way.
   *
   * @param other a record made by the same policy (or one of its sharers)
   * @param steps indices of {@code other}'s steps, each in {@code [0, other.size())}; repeats allowed
   * @throws IndexOutOfBoundsException if an index is out of range; nothing is appended then
   * @throws IllegalArgumentException if {@code other} holds observations this record does not take
   */
  default void appendSteps(RecordedSteps<O, A> other, int[] steps) {
    requireSteps(other, steps);
    for (int t : steps) {
      stage(other.observation(t));
      boolean[] mask = other.validActions(t);
      if (mask != null) {
        stageMask(mask);
      }
      complete(other.action(t), other.previousAction(t));
    }
  }

  /** Refuses indices outside another record, before anything is appended, naming the first. */
  private static void requireSteps(RecordedSteps<?, ?> other, int[] steps) {
    for (int t : steps) {
      if (t < 0 || t >= other.size()) {
        throw new IndexOutOfBoundsException("step " + t + " of a record of " + other.size());
      }
    }
  }

  /** Empties the record, keeping its storage. */
  void clear();

  /**
   * A record that keeps the steps in lists. Observations that are {@code float[]} are copied when staged,
   * and actions (and previous actions) that are primitive arrays ({@code int[]}, {@code float[]}, …) when
   * completed; other values are kept by reference and must not change afterwards.
   *
   * @param <O> the observation type
   * @param <A> the action type
   * @return an empty record
   */
  static <O, A> RecordedSteps<O, A> inMemory() {
    return new StepList<>();
  }
}
