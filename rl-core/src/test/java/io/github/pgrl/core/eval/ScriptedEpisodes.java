package io.github.pgrl.core.eval;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Discrete;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic test environment whose episodes follow a script chosen by the reset seed.
 *
 * <p>For a seed in the script, the episode's rewards are the scripted ones, whatever the actions, and it
 * terminates after the last of them. For any other seed, the episode lasts 1 to {@value #MAX_RANDOM_LENGTH}
 * steps and each step pays the action plus a number in {@code [0, 1)}, both drawn from a generator seeded
 * with the reset seed. The observation is the number of steps played in the episode. Actions are {@code
 * Discrete(2)}. It records the seeds of its resets and the actions it received, and honours the {@link
 * Environment} contract.
 */
final class ScriptedEpisodes implements Environment<Integer, Integer> {

  static final int MAX_RANDOM_LENGTH = 10;
  private static final Discrete ACTIONS = Discrete.of(2);
  private static final Discrete OBSERVATIONS = Discrete.of(Integer.MAX_VALUE);

  private final Map<Long, double[]> script;
  private final List<Long> resetSeeds = new ArrayList<>();
  private final List<Integer> actions = new ArrayList<>();
  private SplittableRandom random = new SplittableRandom(0);
  private double[] scripted;
  private int length;
  private int t;
  private boolean running;

  ScriptedEpisodes(Map<Long, double[]> script) {
    this.script = Map.copyOf(script);
  }

  @Override
  public Space<Integer> observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTIONS;
  }

  @Override
  public Integer reset(long seed) {
    resetSeeds.add(seed);
    random = new SplittableRandom(seed);
    scripted = script.get(seed);
    return start();
  }

  @Override
  public Integer reset() {
    scripted = null;
    return start();
  }

  private Integer start() {
    length = scripted != null ? scripted.length : 1 + random.nextInt(MAX_RANDOM_LENGTH);
    t = 0;
    running = true;
    return t;
  }

  @Override
  public Step<Integer> step(Integer action) {
    if (!running) {
      throw new IllegalStateException("ScriptedEpisodes: no episode is running; call reset()");
    }
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("the action " + action + " is not in the action space " + ACTIONS);
    }
    actions.add(action);
    double reward = scripted != null ? scripted[t] : action + random.nextDouble();
    t++;
    running = t < length;
    return Step.of(t, reward, !running, false);
  }

  @Override
  public void close() {
    // nothing to release
  }

  /** The seeds of every {@code reset(seed)}, in order. */
  List<Long> resetSeeds() {
    return resetSeeds;
  }

  /** Every action received, in order. */
  List<Integer> actions() {
    return actions;
  }

  @Override
  public String toString() {
    return "ScriptedEpisodes";
  }
}
