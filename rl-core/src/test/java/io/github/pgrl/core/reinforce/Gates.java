package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Six gates in a row with three actions each: on even gates actions 0 and 1 are valid, on odd gates 1 and
 * 2; action 0 on an even gate and 2 on an odd one pay 1, action 1 pays 0. Invalid actions are refused
 * (and counted). The observation is the gate's parity. A {@link Fault} breaks the mask contract.
 */
final class Gates implements Environment<float[], Integer>, ActionMasks {

  enum Fault { NONE, EMPTY_MASK_AT_GATE_3, SHORT_MASK }

  static final int GATES = 6;
  private static final Discrete ACTIONS = Discrete.of(3);
  private static final Box OBSERVATIONS = Box.of(0f, 1f, 2);

  private final Fault fault;
  /** Steps with an invalid action, refused; shared by the instances of a run. */
  final AtomicInteger invalidActions;
  /** Calls of {@link #validActions()}. */
  final AtomicInteger maskCalls = new AtomicInteger();
  private int gate = -1;

  Gates(Fault fault, AtomicInteger invalidActions) {
    this.fault = fault;
    this.invalidActions = invalidActions;
  }

  Gates() {
    this(Fault.NONE, new AtomicInteger());
  }

  @Override
  public Box observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Discrete actionSpace() {
    return ACTIONS;
  }

  @Override
  public float[] reset(long seed) {
    gate = 0;
    return observation();
  }

  @Override
  public float[] reset() {
    return reset(0);
  }

  @Override
  public boolean[] validActions() {
    maskCalls.incrementAndGet();
    if (fault == Fault.EMPTY_MASK_AT_GATE_3 && gate == 3) {
      return new boolean[3];
    }
    if (fault == Fault.SHORT_MASK) {
      return new boolean[] {true, true};
    }
    boolean even = gate % 2 == 0;
    return new boolean[] {even, true, !even};
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in " + ACTIONS);
    }
    if (gate < 0 || gate >= GATES) {
      throw new IllegalStateException("step() outside an episode");
    }
    boolean even = gate % 2 == 0;
    if (action == (even ? 2 : 0)) {
      invalidActions.incrementAndGet();
      throw new IllegalArgumentException("the action " + action + " is invalid at gate " + gate);
    }
    double reward = action == 1 ? 0.0 : 1.0;
    gate++;
    return Step.of(observation(), reward, gate == GATES, false);
  }

  private float[] observation() {
    return new float[] {gate % 2, 1 - gate % 2};
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Gates(" + fault + ")";
  }
}
