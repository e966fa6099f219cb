package io.github.pgrl.core;

import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A small environment with {@code MultiDiscrete(nvec)} actions: set {@code nvec.length} switches at once,
 * switch {@code i} to one of {@code nvec[i]} positions, whose right positions depend on the observation.
 *
 * <p>Each step shows one of {@value #CONTEXTS} contexts {@code c}, one-hot in {@code Box(0, 1, [4])},
 * drawn from the environment's own generator; the right position of switch {@code i} is {@code (c + i) mod
 * nvec[i]} ({@link #right}). The reward of a step is the fraction of switches set right, in {@code [0, 1]};
 * an episode terminates after {@value #STEPS} steps, so a random policy scores about {@code STEPS·mean_i
 * 1/nvec[i]} and a perfect one {@value #STEPS}. {@code reset(seed)} re-seeds the generator, {@code reset()}
 * continues it (seed 0 if never seeded). An action outside the space throws {@link
 * IllegalArgumentException} naming the action and the space, a step before the first reset or after the
 * end {@link IllegalStateException}.
 *
 * <p>{@link #acceptingAnyAction()} makes a faulty variant, which plays actions outside its space (for
 * tests that the environment checks notice).
 */
public final class Switches implements Environment<float[], int[]> {

  /** The number of contexts an observation shows. */
  public static final int CONTEXTS = 4;
  /** The steps of an episode. */
  public static final int STEPS = 5;

  private static final Box OBSERVATIONS = Box.of(0f, 1f, CONTEXTS);

  private final MultiDiscrete actions;
  private final boolean acceptsAnyAction;
  private SplittableRandom random = new SplittableRandom(0);
  private int context;
  private int t;
  private boolean started;
  private boolean running;

  private Switches(MultiDiscrete actions, boolean acceptsAnyAction) {
    this.actions = actions;
    this.acceptsAnyAction = acceptsAnyAction;
  }

  /**
   * Three switches of 3, 2 and 4 positions.
   */
  public Switches() {
    this(3, 2, 4);
  }

  /**
   * Switches of the given numbers of positions.
   *
   * @param nvec the number of positions of each switch, as {@link MultiDiscrete#of}
   * @throws IllegalArgumentException as {@link MultiDiscrete#of}
   */
  public Switches(int... nvec) {
    this(MultiDiscrete.of(nvec), false);
  }

  /**
   * A faulty variant that plays any {@code int[]}, reading missing switches as 0 and positions modulo
   * their number.
   *
   * @param nvec the number of positions of each switch
   * @return the faulty environment
   */
  public static Switches acceptingAnyAction(int... nvec) {
    return new Switches(MultiDiscrete.of(nvec), true);
  }

  /**
   * The right positions of the switches in one context.
   *
   * @param context in {@code [0, CONTEXTS)}
   * @return position {@code (context + i) mod nvec[i]} for switch {@code i}
   */
  public int[] right(int context) {
    int[] right = new int[actions.size()];
    for (int i = 0; i < right.length; i++) {
      right[i] = (context + i) % actions.n(i);
    }
    return right;
  }

  /**
   * The observation of one context.
   *
   * @param context in {@code [0, CONTEXTS)}
   * @return its one-hot vector
   */
  public static float[] observation(int context) {
    float[] x = new float[CONTEXTS];
    x[context] = 1f;
    return x;
  }

  @Override
  public Box observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public MultiDiscrete actionSpace() {
    return actions;
  }

  @Override
  public float[] reset(long seed) {
    random = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public float[] reset() {
    started = true;
    running = true;
    t = 0;
    context = random.nextInt(CONTEXTS);
    return observation(context);
  }

  @Override
  public Step<float[]> step(int[] action) {
    if (!started) {
      throw new IllegalStateException("step() before the first reset() of " + this);
    }
    if (!running) {
      throw new IllegalStateException("the episode of " + this + " has ended; call reset() before the next step()");
    }
    String violation = actions.violation(action);
    if (violation != null && !(acceptsAnyAction && action != null)) {
      throw new IllegalArgumentException("the action " + actions.describe(action) + " is not in the action space "
          + actions + ": " + violation);
    }
    int[] right = right(context);
    int hits = 0;
    for (int i = 0; i < right.length; i++) {
      int position = i < action.length ? Math.floorMod(action[i], actions.n(i)) : 0;
      hits += position == right[i] ? 1 : 0;
    }
    t++;
    running = t < STEPS;
    context = random.nextInt(CONTEXTS);
    return Step.of(observation(context), (double) hits / right.length, !running, false);
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Switches" + Arrays.toString(actions.nvec()) + (acceptsAnyAction ? " accepting any action" : "");
  }
}
