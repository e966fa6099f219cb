package io.github.pgrl.core.check;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A one-dimensional corridor of {@value #LENGTH} cells, correct or with deliberate contract violations.
 *
 * <p>Action 0 moves left (a wall stops it at cell 0), action 1 moves right. The observation is {@code
 * float[]{position}} in {@code Box(0, LENGTH - 1)}, written into one reused buffer. Each step costs 0.01;
 * reaching the right end pays +1 and terminates the episode. The start cell, in {@code 0..LENGTH-2}, is
 * drawn from the environment's own generator, which {@code reset(seed)} re-seeds.
 *
 * <p>Each {@link Fault} breaks one promise of {@link Environment}, so that tests can show that the {@link
 * EnvironmentChecker} and the {@link io.github.pgrl.core.EnvironmentContract} notice.
 */
final class Corridor implements Environment<float[], Integer> {

  /** One way of breaking the environment contract. */
  enum Fault {
    /** {@code reset(seed)} ignores the seed, so episodes are not repeatable. */
    IGNORES_SEED,
    /** Observations lie beyond the right end of the observation space. */
    OBSERVATION_OUTSIDE_SPACE,
    /** Every reward is NaN. */
    NAN_REWARD,
    /** A step before the first reset is played from cell 0. */
    ACCEPTS_STEP_BEFORE_RESET,
    /** Steps after the terminating one are played on. */
    ACCEPTS_STEP_AFTER_END,
    /** Any integer is an action: 0 moves left, anything else right. */
    ACCEPTS_BAD_ACTION,
    /** The exception for a too large action names only the space (negative ones are reported properly). */
    MESSAGE_WITHOUT_ACTION,
    /** The second {@code close()} throws. */
    CLOSE_TWICE_THROWS,
    /** The right end pays but does not terminate, so episodes never end. */
    NEVER_ENDS
  }

  static final int LENGTH = 8;
  static final Discrete ACTIONS = Discrete.of(2);
  static final Box OBSERVATIONS = Box.of(0f, LENGTH - 1, 1);

  private final Set<Fault> faults;
  private final float[] buffer = new float[1];
  private SplittableRandom random = new SplittableRandom(0);
  private int position;
  private boolean started;
  private boolean running;
  private boolean closed;

  private Corridor(Set<Fault> faults) {
    this.faults = faults;
  }

  static Corridor correct() {
    return new Corridor(EnumSet.noneOf(Fault.class));
  }

  static Corridor with(Fault first, Fault... more) {
    return new Corridor(EnumSet.of(first, more));
  }

  static Corridor with(List<Fault> faults) {
    return faults.isEmpty() ? correct() : new Corridor(EnumSet.copyOf(faults));
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
    if (!faults.contains(Fault.IGNORES_SEED)) {
      random = new SplittableRandom(seed);
    }
    return reset();
  }

  @Override
  public float[] reset() {
    position = random.nextInt(LENGTH - 1);
    started = true;
    running = true;
    return observe();
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (!started && !faults.contains(Fault.ACCEPTS_STEP_BEFORE_RESET)) {
      throw new IllegalStateException("step() before the first reset() of " + this);
    }
    if (started && !running && !faults.contains(Fault.ACCEPTS_STEP_AFTER_END)) {
      throw new IllegalStateException("the episode has ended; call reset() before the next step()");
    }
    if (!ACTIONS.contains(action) && !faults.contains(Fault.ACCEPTS_BAD_ACTION)) {
      if (faults.contains(Fault.MESSAGE_WITHOUT_ACTION) && action != null && action > 0) {
        throw new IllegalArgumentException("the action is too large for the action space " + ACTIONS);
      }
      throw new IllegalArgumentException("the action " + action + " is not in the action space " + ACTIONS);
    }
    position = action == 0 ? Math.max(0, position - 1) : Math.min(LENGTH - 1, position + 1);
    boolean atEnd = position == LENGTH - 1;
    boolean terminated = atEnd && !faults.contains(Fault.NEVER_ENDS);
    double reward = faults.contains(Fault.NAN_REWARD) ? Double.NaN : atEnd ? 1.0 : -0.01;
    running = !terminated;
    return Step.of(observe(), reward, terminated, false);
  }

  private float[] observe() {
    buffer[0] = faults.contains(Fault.OBSERVATION_OUTSIDE_SPACE) ? position + LENGTH : position;
    return buffer;
  }

  int position() {
    return position;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed && faults.contains(Fault.CLOSE_TWICE_THROWS)) {
      throw new IllegalStateException("already closed");
    }
    closed = true;
  }

  @Override
  public String toString() {
    return faults.isEmpty() ? "Corridor" : "Corridor" + faults;
  }
}
