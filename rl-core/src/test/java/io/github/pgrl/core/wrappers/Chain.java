package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.util.RestorableRandom;

/**
 * A chain of numbered states, a test environment with {@link Discrete} observations: the observation is
 * the current state in {@code Discrete(length)}. Action 0 moves left (a wall stops it at state 0), action
 * 1 moves right; each step costs 0.01, and reaching the last state pays +1 and terminates the episode. The
 * start state, in {@code 0..length-2}, comes from the environment's own generator, which {@code
 * reset(seed)} re-seeds. It honours the {@link Environment} contract, and is {@link Restorable}, so that
 * the wrappers' states can be tested over it.
 */
final class Chain implements Environment<Integer, Integer>, Restorable {

  private static final Discrete ACTIONS = Discrete.of(2);

  private final int length;
  private final Discrete states;
  private RestorableRandom random = new RestorableRandom(0);
  private int state;
  private boolean started;
  private boolean running;

  Chain(int length) {
    if (length < 2) {
      throw new IllegalArgumentException("a chain needs at least 2 states, got " + length);
    }
    this.length = length;
    this.states = Discrete.of(length);
  }

  @Override
  public Discrete observationSpace() {
    return states;
  }

  @Override
  public Discrete actionSpace() {
    return ACTIONS;
  }

  @Override
  public Integer reset(long seed) {
    random = new RestorableRandom(seed);
    return reset();
  }

  @Override
  public Integer reset() {
    state = random.nextInt(length - 1);
    started = true;
    running = true;
    return state;
  }

  @Override
  public Step<Integer> step(Integer action) {
    if (!running) {
      throw new IllegalStateException(started ? "the chain's episode has ended; call reset()"
          : "step() before the first reset() of the chain");
    }
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("the action " + action + " is not in the action space " + ACTIONS);
    }
    state = action == 0 ? Math.max(0, state - 1) : state + 1;
    boolean end = state == length - 1;
    running = !end;
    return Step.of(state, end ? 1.0 : -0.01, end, false);
  }

  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    checkpoint.putLong(prefix + "rng.seed", random.seed());
    checkpoint.putLong(prefix + "rng.draws", random.draws());
    checkpoint.putLong(prefix + "state", state);
    checkpoint.putLong(prefix + "started", started ? 1 : 0);
    checkpoint.putLong(prefix + "running", running ? 1 : 0);
  }

  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    StateReader in = new StateReader(checkpoint, prefix);
    long seed = in.getLong("rng.seed");
    long draws = in.count("rng.draws", 0, Long.MAX_VALUE);
    int state = (int) in.count("state", 0, length - 1);
    boolean started = in.flag("started");
    boolean running = in.flag("running");
    random = RestorableRandom.at(seed, draws);
    this.state = state;
    this.started = started;
    this.running = running;
  }

  /** The current state. */
  int state() {
    return state;
  }

  @Override
  public void close() {
    // nothing to release
  }

  @Override
  public String toString() {
    return "Chain(" + length + ")";
  }
}
