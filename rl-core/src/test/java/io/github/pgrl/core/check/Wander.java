package io.github.pgrl.core.check;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.util.RestorableRandom;
import java.util.EnumSet;
import java.util.Set;

/**
 * A {@link Restorable} random walk, correct or with deliberate faults in its state, for tests of the
 * checks of that contract.
 *
 * <p>The position starts uniform in {@code [−1, 1)}; action 1 moves it right, 0 left, by a random distance
 * in {@code [0, 1)} drawn on every step, so the generator's position matters in the middle of an episode.
 * The reward is the position; the episode terminates beyond ±3 and is truncated after {@value #LIMIT} steps.
 */
final class Wander implements Environment<float[], Integer>, Restorable {

  /** One way of breaking the {@link Restorable} contract. */
  enum Fault {
    /** The generator is written as if it had drawn nothing. */
    FORGETS_DRAWS,
    /** The step count is not written; a read starts it at 0. */
    FORGETS_STEP_COUNT,
    /** Values are read without any check (a negative step count, NaN positions are taken). */
    NO_CHECKS,
    /** The position is set before the other values are checked. */
    CHANGES_BEFORE_CHECKING
  }

  static final int LIMIT = 10;
  private static final Box OBSERVATIONS = Box.of(-10f, 10f, 1);
  private static final Discrete ACTIONS = Discrete.of(2);

  private final Set<Fault> faults;
  private RestorableRandom rng = new RestorableRandom(0);
  private double x;
  private int t;
  private boolean started;
  private boolean running;

  private Wander(Set<Fault> faults) {
    this.faults = faults;
  }

  static Wander correct() {
    return new Wander(EnumSet.noneOf(Fault.class));
  }

  static Wander with(Fault fault) {
    return new Wander(EnumSet.of(fault));
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
    rng = new RestorableRandom(seed);
    return reset();
  }

  @Override
  public float[] reset() {
    x = rng.nextDouble(-1, 1);
    t = 0;
    started = true;
    running = true;
    return new float[] {(float) x};
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("the action " + action + " is not in the action space " + ACTIONS);
    }
    if (!running) {
      throw new IllegalStateException(started ? "the episode has ended" : "step() before the first reset()");
    }
    x += (action == 1 ? 1 : -1) * rng.nextDouble();
    t++;
    boolean terminated = Math.abs(x) > 3;
    boolean truncated = !terminated && t >= LIMIT;
    running = !(terminated || truncated);
    return Step.of(new float[] {(float) x}, x, terminated, truncated);
  }

  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    checkpoint.putLong(prefix + "rng.seed", rng.seed());
    checkpoint.putLong(prefix + "rng.draws", faults.contains(Fault.FORGETS_DRAWS) ? 0 : rng.draws());
    if (!faults.contains(Fault.FORGETS_STEP_COUNT)) {
      checkpoint.putLong(prefix + "t", t);
    }
    checkpoint.putLong(prefix + "started", started ? 1 : 0);
    checkpoint.putLong(prefix + "running", running ? 1 : 0);
    checkpoint.putDoubles(prefix + "x", new double[] {x});
  }

  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    StateReader in = new StateReader(checkpoint, prefix);
    boolean checks = !faults.contains(Fault.NO_CHECKS);
    if (faults.contains(Fault.CHANGES_BEFORE_CHECKING)) {
      x = checkpoint.doubles(prefix + "x")[0];
    }
    long seed = in.getLong("rng.seed");
    long draws = checks ? in.count("rng.draws", 0, Long.MAX_VALUE) : Math.max(0, in.getLong("rng.draws"));
    int t = faults.contains(Fault.FORGETS_STEP_COUNT) ? 0
        : checks ? (int) in.count("t", 0, LIMIT) : (int) in.getLong("t");
    boolean started = checks ? in.flag("started") : in.getLong("started") != 0;
    boolean running = checks ? in.flag("running") : in.getLong("running") != 0;
    double x = checks ? in.doubles("x", 1)[0] : checkpoint.doubles(prefix + "x")[0];
    if (checks && Math.abs(x) > 4) {
      throw in.invalid("x", "is " + x + "; a position lies in [-4, 4]");
    }
    this.rng = RestorableRandom.at(seed, draws);
    this.t = t;
    this.started = started;
    this.running = running;
    this.x = x;
  }

  @Override
  public void close() {
    // nothing to release
  }

  @Override
  public String toString() {
    return faults.isEmpty() ? "Wander" : "Wander" + faults;
  }
}
