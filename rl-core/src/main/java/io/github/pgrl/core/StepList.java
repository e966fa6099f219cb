package io.github.pgrl.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link RecordedSteps#inMemory()}: four lists and a staged observation and mask. {@code float[]}
 * observations are copied when staged, and actions that are primitive arrays when completed, so that a
 * caller (or an environment) that later changes the array does not change what the gradient sees.
 */
final class StepList<O, A> implements RecordedSteps<O, A> {

  private final List<O> observations = new ArrayList<>();
  private final List<A> actions = new ArrayList<>();
  private final List<A> previous = new ArrayList<>();
  /** Each step's mask, or {@code null}. */
  private final List<boolean[]> masks = new ArrayList<>();
  private O staged;
  private boolean[] stagedMask;

  @Override
  @SuppressWarnings("unchecked")
  public void stage(O observation) {
    Objects.requireNonNull(observation, "observation");
    staged = observation instanceof float[] x ? (O) x.clone() : observation;
    stagedMask = null;
  }

  @Override
  public void stageMask(boolean[] validActions) {
    Objects.requireNonNull(validActions, "validActions");
    if (staged == null) {
      throw new IllegalStateException("no observation is staged: call stage before stageMask");
    }
    stagedMask = validActions.clone();
  }

  @Override
  public boolean[] validActions(int t) {
    boolean[] mask = masks.get(t);
    return mask == null ? null : mask.clone();
  }

  @Override
  public void complete(A action, A previousAction) {
    if (staged == null) {
      throw new IllegalStateException("no observation is staged: call stage (or TrainablePolicy.observe) before"
          + " complete, or use add(observation, action, previousAction)");
    }
    Objects.requireNonNull(action, "action");
    observations.add(staged);
    actions.add(copyIfArray(action));
    previous.add(copyIfArray(previousAction));
    masks.add(stagedMask);
    staged = null;
    stagedMask = null;
  }

  /** A copy of a primitive array; any other value (or {@code null}) as it is. */
  @SuppressWarnings("unchecked")
  private static <T> T copyIfArray(T value) {
    if (value instanceof int[] a) {
      return (T) a.clone();
    }
    if (value instanceof float[] a) {
      return (T) a.clone();
    }
    if (value instanceof double[] a) {
      return (T) a.clone();
    }
    if (value instanceof long[] a) {
      return (T) a.clone();
    }
    if (value instanceof boolean[] a) {
      return (T) a.clone();
    }
    if (value instanceof byte[] a) {
      return (T) a.clone();
    }
    if (value instanceof short[] a) {
      return (T) a.clone();
    }
    if (value instanceof char[] a) {
      return (T) a.clone();
    }
    return value;
  }

  @Override
  public int size() {
    return actions.size();
  }

  @Override
  public O observation(int t) {
    return observations.get(t);
  }

  @Override
  public A action(int t) {
    return actions.get(t);
  }

  @Override
  public A previousAction(int t) {
    return previous.get(t);
  }

  @Override
  public void append(RecordedSteps<O, A> other) {
    staged = null;
    stagedMask = null;
    int n = other.size(); // before appending, so that a record appended to itself doubles once
    for (int t = 0; t < n; t++) {
      observations.add(other.observation(t));
      actions.add(other.action(t));
      previous.add(other.previousAction(t));
      masks.add(other.validActions(t));
    }
  }

  @Override
  public void clear() {
    observations.clear();
    actions.clear();
    previous.clear();
    masks.clear();
    staged = null;
    stagedMask = null;
  }
}
