package io.github.pgrl.core.check;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.SplittableRandom;

/**
 * A corridor of {@value #LENGTH} cells with action masks, correct or with one {@link Fault}: action 0 moves
 * left (invalid on cell 0), 1 moves right, 2 jumps two cells right (invalid on the last two cells before
 * the end). Invalid actions are refused with {@link IllegalArgumentException}. Reaching the right end
 * terminates; the start cell, in {@code 0..LENGTH-2}, comes from the generator {@code reset(seed)} seeds.
 */
final class MaskedCorridor implements Environment<float[], Integer>, ActionMasks {

  /** One way of breaking the mask contract. */
  enum Fault {
    NONE,
    /** The mask of an episode's second step marks no action valid. */
    EMPTY_MASK_MID_EPISODE,
    /** The mask has 2 entries for 3 actions. */
    WRONG_LENGTH,
    /** A jump is refused even where the mask says it is valid. */
    REFUSES_A_VALID_JUMP,
    /** An invalid action throws {@link IllegalStateException} instead of {@link IllegalArgumentException}. */
    WRONG_EXCEPTION_FOR_AN_INVALID_ACTION
  }

  static final int LENGTH = 8;
  private static final Discrete ACTIONS = Discrete.of(3);
  private static final Box OBSERVATIONS = Box.of(0f, LENGTH - 1, 1);

  private final Fault fault;
  private SplittableRandom random = new SplittableRandom(0);
  private int position;
  private int steps;
  private boolean running;
  private boolean started;

  MaskedCorridor(Fault fault) {
    this.fault = fault;
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
    random = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public float[] reset() {
    position = random.nextInt(LENGTH - 1);
    steps = 0;
    running = true;
    started = true;
    return new float[] {position};
  }

  @Override
  public boolean[] validActions() {
    if (fault == Fault.EMPTY_MASK_MID_EPISODE && steps == 1) {
      return new boolean[3];
    }
    if (fault == Fault.WRONG_LENGTH) {
      return new boolean[] {true, true};
    }
    return new boolean[] {position > 0, true, position + 2 <= LENGTH - 1};
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("the action " + action + " is not in the action space " + ACTIONS);
    }
    if (!running) {
      throw new IllegalStateException(started ? "the episode ended" : "step before reset");
    }
    boolean valid = action == 1 || action == 0 && position > 0 || action == 2 && position + 2 <= LENGTH - 1;
    if (!valid || action == 2 && fault == Fault.REFUSES_A_VALID_JUMP) {
      if (fault == Fault.WRONG_EXCEPTION_FOR_AN_INVALID_ACTION) {
        throw new IllegalStateException("invalid action " + action);
      }
      throw new IllegalArgumentException("the action " + action + " is invalid at cell " + position);
    }
    position += action == 0 ? -1 : action;
    steps++;
    running = position < LENGTH - 1;
    return Step.of(new float[] {position}, -0.01, !running, false);
  }

  @Override
  public void close() {
    running = false;
  }

  @Override
  public String toString() {
    return "MaskedCorridor(" + fault + ")";
  }
}
