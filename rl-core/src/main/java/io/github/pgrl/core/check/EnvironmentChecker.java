package io.github.pgrl.core.check;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.ByteImage;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.space.MultiDiscrete;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Tests an {@link Environment} against the contract written on that interface and reports every
 * violation in one readable message, in the spirit of Gymnasium's environment checker.
 *
 * <p>It checks that:
 *
 * <ul>
 *   <li>both spaces exist, and samples of each space are contained in it;
 *   <li>{@code reset(seed)} returns an observation in the observation space, and the same one twice (when
 *       array observations differ, the report names the first index at which they do and both values);
 *   <li>every observation of an episode lies in the observation space and every reward is finite (only the
 *       first offending step of each kind is reported, not every one);
 *   <li>the same seed and the same actions give the same observations, rewards and flags;
 *   <li>a {@link SparseObservations} environment lists, for the first observation and every step of an
 *       episode, every non-zero value, in strictly increasing order within the observation (only the first
 *       violation is reported);
 *   <li>an {@link ActionMasks} environment, whose episodes are played with random valid actions, gives a
 *       mask of {@code n} flags with a valid action after the reset and every step that does not end the
 *       episode, and accepts every valid action (over five more episodes);
 *   <li>a {@link Restorable} environment, whose state is written after some random steps (episode ends
 *       included), read back through the checkpoint's bytes into a new instance from the factory (or into
 *       the same instance, when the checker was given one) and played with the same actions, gives the same
 *       steps (observations, rewards, flags and info) as the environment that wrote it;
 *   <li>an action outside the action space (for {@link Discrete}, {@link MultiDiscrete} and {@link Box}
 *       spaces) throws {@link IllegalArgumentException} with a message naming the action and the space;
 *   <li>a step after the end of an episode throws {@link IllegalStateException} (when an episode ends
 *       within the step budget);
 *   <li>a step before the first reset throws {@link IllegalStateException}: on a new instance from the
 *       factory given to {@link #report(Supplier)}, or on the instance given to {@link
 *       #report(Environment)}, which is therefore taken to be fresh (never reset);
 *   <li>{@code close()} can be called twice.
 * </ul>
 *
 * <p>The checker plays episodes with uniformly random actions drawn from a generator seeded by {@link
 * #seed()}, so a report is repeatable. It closes the environment when done.
 *
 * <p>An instance given to {@link #check(Environment)} or {@link #report(Environment)} must be fresh: the
 * checker cannot tell whether it was reset, and its first check is a step before any reset, which a fresh
 * environment must refuse. On an instance that is in the middle of an episode that step is valid, and the
 * report then shows a problem that is not one. To check an environment that has already been used, pass a
 * factory instead ({@code check(MyEnvironment::new)}), which also guarantees the fresh instance.
 *
 * <pre>{@code
 * EnvironmentChecker.check(new MyEnvironment());          // throws, listing every problem
 * CheckReport report = EnvironmentChecker.withSeed(7, 5_000).report(new MyEnvironment());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EnvironmentChecker {

  private static final EnvironmentChecker DEFAULT = new EnvironmentChecker(42L, 10_000);

  /** Added to the problem of an accepted step before reset when the checker was given an instance. */
  private static final String INSTANCE_HINT = " (the checker takes the instance it is given to be fresh, never"
      + " reset; to check one that was used, pass a factory: check(MyEnvironment::new))";

  private final long seed;
  private final int maxEpisodeSteps;

  private EnvironmentChecker(long seed, int maxEpisodeSteps) {
    this.seed = seed;
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /**
   * A checker with the default seed (42) and step budget (10,000 steps per episode).
   *
   * @return the checker
   */
  public static EnvironmentChecker defaults() {
    return DEFAULT;
  }

  /**
   * A checker with its own seed and step budget.
   *
   * @param seed the seed of the environment resets and of the random actions
   * @param maxEpisodeSteps how many steps to play at most while waiting for an episode to end, at least 1
   * @return the checker
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   */
  public static EnvironmentChecker withSeed(long seed, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException("maxEpisodeSteps must be at least 1, got " + maxEpisodeSteps);
    }
    return new EnvironmentChecker(seed, maxEpisodeSteps);
  }

  /**
   * Checks a fresh environment with the default settings, including that a step before its first reset
   * throws, and throws if anything is wrong.
   *
   * @param env the environment, never reset before (see the class description); it is closed afterwards
   * @throws IllegalArgumentException listing every problem found
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public static void check(Environment<?, ?> env) {
    DEFAULT.report(env).orThrow();
  }

  /**
   * Checks fresh environments from a factory with the default settings, including that a step before the
   * first reset throws, and throws if anything is wrong.
   *
   * @param factory makes a new, never reset environment on each call
   * @throws IllegalArgumentException listing every problem found
   * @throws NullPointerException if {@code factory} is {@code null} or returns {@code null}
   */
  public static void check(Supplier<? extends Environment<?, ?>> factory) {
    DEFAULT.report(factory).orThrow();
  }

  /** {@return the seed of the checks} */
  public long seed() {
    return seed;
  }

  /**
   * Checks a fresh environment, including that a step before its first reset throws {@link
   * IllegalStateException}.
   *
   * <p>The instance is taken to be fresh, never reset (see the class description): if it accepts the step
   * before a reset, the problem says so and suggests {@link #report(Supplier)} for an instance that had
   * been used.
   *
   * @param env the environment, never reset before; it is closed afterwards
   * @return what was found
   * @throws NullPointerException if {@code env} is {@code null}
   */
  public CheckReport report(Environment<?, ?> env) {
    Objects.requireNonNull(env, "env");
    return report(env, true, null);
  }

  /** Checks {@code env}; a {@code factory}, if given, makes the instance that a saved state is restored into. */
  private CheckReport report(Environment<?, ?> env, boolean stepBeforeReset,
      Supplier<? extends Environment<?, ?>> factory) {
    Run<?, ?> run = new Run<>(env, stepBeforeReset, factory);
    run.all();
    return new CheckReport(name(env), run.problems, run.notes, run.contracts);
  }

  /** The environment's own description, or its class name where it has none. */
  private static String name(Environment<?, ?> env) {
    String s = String.valueOf(env);
    return s.startsWith(env.getClass().getName() + "@") ? env.getClass().getSimpleName() : s;
  }

  /**
   * Checks fresh environments from a factory: everything {@link #report(Environment)} checks, and that a
   * step before the first reset throws {@link IllegalStateException}.
   *
   * @param factory makes a new, never reset environment on each call (it is called twice, and a third time
   *     for a {@link Restorable} environment, to restore a saved state into)
   * @return what was found
   * @throws NullPointerException if {@code factory} is {@code null} or returns {@code null}
   */
  public CheckReport report(Supplier<? extends Environment<?, ?>> factory) {
    Objects.requireNonNull(factory, "factory");
    Environment<?, ?> fresh = made(factory);
    List<String> extra = new ArrayList<>();
    try {
      stepBeforeReset(fresh, extra, "");
    } finally {
      fresh.close();
    }
    CheckReport rest = report(made(factory), false, factory);
    List<String> problems = new ArrayList<>(extra);
    problems.addAll(rest.problems());
    return new CheckReport(rest.environment(), problems, rest.notes(), rest.contracts());
  }

  private static Environment<?, ?> made(Supplier<? extends Environment<?, ?>> factory) {
    return Objects.requireNonNull(factory.get(), "the environment factory returned null; it must make a new environment");
  }

  /**
   * Tries one step before any reset, which must throw {@link IllegalStateException}; {@code hint} is added
   * to the problem if the step is accepted.
   */
  private static <O, A> void stepBeforeReset(Environment<O, A> env, List<String> problems, String hint) {
    A action;
    try {
      action = env.actionSpace().sample(new SplittableRandom(0));
    } catch (RuntimeException e) {
      problems.add("sampling the action space threw " + describe(e));
      return;
    }
    try {
      env.step(action);
      problems.add("step() before the first reset() was accepted; it must throw IllegalStateException" + hint);
    } catch (IllegalStateException expected) {
      // the contract
    } catch (RuntimeException e) {
      problems.add("step() before the first reset() threw " + describe(e) + "; it must throw IllegalStateException");
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  /** One checking session over one environment; collects problems instead of stopping at the first. */
  private final class Run<O, A> {
    private final Environment<O, A> env;
    private final boolean stepBeforeReset;
    /** Makes the instance a saved state is restored into; {@code null} to restore into {@link #env} itself. */
    private final Supplier<? extends Environment<?, ?>> factory;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> contracts = new ArrayList<>();
    private Space<O> observationSpace;
    private Space<A> actionSpace;
    /** The environment's masks, or {@code null}; then {@code actionCount} is n of its Discrete space. */
    private ActionMasks masks;
    private int actionCount;

    Run(Environment<O, A> env, boolean stepBeforeReset, Supplier<? extends Environment<?, ?>> factory) {
      this.env = env;
      this.stepBeforeReset = stepBeforeReset;
      this.factory = factory;
    }

    void all() {
      try {
        if (spaces()) {
          if (stepBeforeReset) {
            stepBeforeReset(env, problems, INSTANCE_HINT);
          }
          resetRepeatable();
          List<Step<O>> first = episode(true);
          if (first != null) {
            sameSeedSameSteps(first);
          }
          masked();
          restorable();
          actionsOutsideSpace();
        }
      } catch (RuntimeException e) {
        problems.add("the checks were aborted: the environment threw " + describe(e));
      } finally {
        closeTwice();
      }
    }

    private boolean spaces() {
      try {
        observationSpace = env.observationSpace();
        actionSpace = env.actionSpace();
      } catch (RuntimeException e) {
        problems.add("asking for the spaces threw " + describe(e));
        return false;
      }
      if (observationSpace == null) {
        problems.add("observationSpace() returned null");
      }
      if (actionSpace == null) {
        problems.add("actionSpace() returned null");
      }
      if (observationSpace == null || actionSpace == null) {
        return false;
      }
      sampleInside("observation", observationSpace);
      sampleInside("action", actionSpace);
      masks = ActionMasks.of(env);
      if (masks != null && !(actionSpace instanceof Discrete)) {
        problems.add("the environment has ActionMasks but the action space " + actionSpace + "; masks are for"
            + " Discrete action spaces");
        return false;
      }
      actionCount = masks != null ? ((Discrete) actionSpace).n() : 0;
      if (env instanceof SparseObservations) {
        contracts.add("SparseObservations");
      }
      if (masks != null) {
        contracts.add("ActionMasks");
      }
      if (Restorable.of(env) != null) {
        contracts.add("Restorable");
      }
      return true;
    }

    private <T> void sampleInside(String name, Space<T> space) {
      try {
        T sample = space.sample(new SplittableRandom(seed));
        if (!space.contains(sample)) {
          problems.add("the " + name + " space " + space + " does not contain its own sample " + space.describe(sample));
        }
      } catch (RuntimeException e) {
        problems.add("sampling the " + name + " space threw " + describe(e));
      }
    }

    private void resetRepeatable() {
      Object a = Snapshots.of(env.reset(seed));
      Object b = Snapshots.of(env.reset(seed));
      if (a == null || b == null) {
        problems.add("reset(" + seed + ") returned null; it must return the first observation");
        return;
      }
      inSpace(castObservation(a), "the first observation after reset(" + seed + ")");
      if (!Objects.deepEquals(a, b)) {
        problems.add("reset(" + seed + ") is not repeatable: two resets with the same seed gave different first"
            + " observations (" + difference(a, b) + ")");
      }
    }

    /** Plays one seeded episode; returns its steps (copied), or null if it could not be played. */
    private List<Step<O>> episode(boolean report) {
      O first = env.reset(seed);
      if (first == null) {
        return null;
      }
      SplittableRandom actions = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
      List<Step<O>> steps = new ArrayList<>();
      boolean observationReported = false;
      boolean rewardReported = false;
      boolean hintReported = report && !nonZeroHintHolds(first, "the first observation after reset(" + seed + ")");
      for (int t = 0; t < maxEpisodeSteps; t++) {
        A action = action(actions, t, report);
        if (action == null) {
          return null;
        }
        Step<O> s;
        try {
          s = env.step(action);
        } catch (RuntimeException e) {
          if (report) {
            problems.add("step " + t + " with the valid action " + actionSpace.describe(action) + " threw " + describe(e));
          }
          return null;
        }
        if (s == null) {
          if (report) {
            problems.add("step " + t + " returned null");
          }
          return null;
        }
        if (report) {
          if (!observationReported) {
            observationReported = !inSpace(s.observation(), "the observation of step " + t);
          }
          if (!rewardReported && !Double.isFinite(s.reward())) {
            problems.add("the reward of step " + t + " is " + s.reward() + "; rewards must be finite");
            rewardReported = true;
          }
          if (!hintReported) {
            hintReported = !nonZeroHintHolds(s.observation(), "the observation of step " + t);
          }
        }
        steps.add(new Step<>(castObservation(Snapshots.of(s.observation())), s.reward(), s.terminated(), s.truncated(), s.info()));
        if (s.done()) {
          if (report) {
            stepAfterEnd(actionSpace.sample(actions), t);
          }
          return steps;
        }
      }
      if (report) {
        notes.add("no episode ended within " + maxEpisodeSteps + " random steps, so a step after the end was not"
            + " tried (wrap the environment in a TimeLimit, or raise the checker's step budget)");
      }
      return steps;
    }

    /**
     * For a {@link SparseObservations} environment: whether its non-zero indices for the latest observation
     * keep their contract; adds a problem if not.
     */
    private boolean nonZeroHintHolds(O observation, String what) {
      String problem = env instanceof SparseObservations sparse && observation instanceof float[] x
          ? OptionalContracts.nonZeroProblem(sparse, x, what) : null;
      if (problem != null) {
        problems.add(problem);
      }
      return problem == null;
    }

    /**
     * The action of step {@code t}: a sample of the action space, or with masks a random valid action
     * ({@code null} if the mask is bad, reported when {@code report}).
     */
    @SuppressWarnings("unchecked")
    private A action(RandomGenerator rng, int t, boolean report) {
      if (masks == null) {
        return actionSpace.sample(rng);
      }
      boolean[] mask = OptionalContracts.mask(masks, actionCount, "step " + t, report ? problems : new ArrayList<>());
      return mask == null ? null : (A) Integer.valueOf(OptionalContracts.sampleValid(mask, rng));
    }

    /** For an {@link ActionMasks} environment: its masks and that it accepts valid actions, over more episodes. */
    @SuppressWarnings("unchecked")
    private void masked() {
      if (masks != null) {
        OptionalContracts.validActionsAccepted(
            (Environment<?, Integer>) env, masks, actionCount, seed, maxEpisodeSteps, problems);
      }
    }

    /**
     * For a {@link Restorable} environment: a state written in the middle of play and read back (into a new
     * instance when there is a factory) gives the same next steps.
     */
    @SuppressWarnings("unchecked")
    private void restorable() {
      if (Restorable.of(env) == null) {
        return;
      }
      Environment<O, A> target = factory == null ? env : (Environment<O, A>) made(factory);
      try {
        String problem = OptionalContracts.restoreProblem(env, target, seed, rng -> action(rng, 0, false));
        if (problem != null) {
          problems.add(problem);
        }
      } finally {
        if (target != env) {
          target.close();
        }
      }
    }

    private void stepAfterEnd(A action, int lastStep) {
      try {
        env.step(action);
        problems.add("a step after the episode ended (at step " + lastStep + ") was accepted; it must throw"
            + " IllegalStateException until the next reset");
      } catch (IllegalStateException expected) {
        // the contract
      } catch (RuntimeException e) {
        problems.add("a step after the episode ended threw " + describe(e) + "; it must throw IllegalStateException");
      }
    }

    private void sameSeedSameSteps(List<Step<O>> first) {
      List<Step<O>> second = episode(false);
      if (second == null) {
        problems.add("replaying the episode of seed " + seed + " with the same actions failed where it had worked");
        return;
      }
      int n = Math.min(first.size(), second.size());
      for (int t = 0; t < n; t++) {
        Step<O> a = first.get(t);
        Step<O> b = second.get(t);
        String what = null;
        if (!Objects.deepEquals(a.observation(), b.observation())) {
          what = "observation (" + difference(a.observation(), b.observation()) + ")";
        } else if (Double.compare(a.reward(), b.reward()) != 0) {
          what = "reward (" + a.reward() + " and " + b.reward() + ")";
        } else if (a.terminated() != b.terminated() || a.truncated() != b.truncated()) {
          what = "end flags";
        }
        if (what != null) {
          problems.add("the same seed and the same actions gave a different " + what + " at step " + t
              + ": reset(seed) must re-seed every source of randomness");
          return;
        }
      }
      if (first.size() != second.size()) {
        problems.add("the same seed and the same actions gave episodes of " + first.size() + " and " + second.size()
            + " steps");
      }
    }

    @SuppressWarnings("unchecked")
    private void actionsOutsideSpace() {
      List<Object> invalid = InvalidActions.of(actionSpace);
      if (invalid.isEmpty()) {
        notes.add("actions outside the action space were not tried: the checker only knows how to make them for "
            + InvalidActions.KINDS + " spaces");
        return;
      }
      for (Object bad : invalid) {
        A action = (A) bad;
        String shown = actionSpace.describe(action);
        env.reset(seed);
        try {
          env.step(action);
          problems.add("the action " + shown + ", outside the action space " + actionSpace + ", was accepted; it"
              + " must throw IllegalArgumentException");
        } catch (IllegalArgumentException e) {
          String m = String.valueOf(e.getMessage());
          String space = String.valueOf(actionSpace);
          // The action must be named apart from the space: "Discrete(2)" alone contains the action "2".
          if (!m.contains(space) || !m.replace(space, "").contains(shown)) {
            problems.add("the IllegalArgumentException for the action " + shown + " outside " + actionSpace
                + " should name both the action and the space, but says: " + m);
          }
        } catch (RuntimeException e) {
          problems.add("the action " + shown + ", outside the action space " + actionSpace + ", threw " + describe(e)
              + "; it must throw IllegalArgumentException");
        }
      }
    }

    private void closeTwice() {
      try {
        env.close();
        env.close();
      } catch (RuntimeException e) {
        problems.add("close() called twice threw " + describe(e) + "; a second close() must do nothing");
      }
    }

    /** Reports a problem unless the observation is in the observation space; returns whether it is. */
    private boolean inSpace(O observation, String what) {
      if (observation == null) {
        problems.add(what + " is null");
        return false;
      }
      boolean contained;
      try {
        contained = observationSpace.contains(observation);
      } catch (RuntimeException e) {
        problems.add(what + " made observationSpace().contains throw " + describe(e));
        return false;
      }
      if (!contained) {
        String why = observationSpace instanceof Box box && observation instanceof float[] f ? ": " + box.violation(f) : "";
        problems.add(what + ", " + observationSpace.describe(observation) + ", is not in the observation space "
            + observationSpace + why);
      }
      return contained;
    }

    @SuppressWarnings("unchecked")
    private O castObservation(Object o) {
      return (O) o;
    }

    private String render(Object o) {
      return observationSpace.describe(castObservation(o));
    }

    /**
     * How two observations that are not deeply equal differ: for two arrays of one type and length, the
     * first differing index (with its position in the space's shape, if that has several dimensions) and
     * both values; for arrays of different lengths, both lengths; else the space's descriptions of both.
     */
    private String difference(Object a, Object b) {
      if (a == null || b == null || !a.getClass().isArray() || a.getClass() != b.getClass()) {
        return render(a) + " and " + render(b);
      }
      int n = Array.getLength(a);
      int m = Array.getLength(b);
      if (n != m) {
        return "a " + arrayType(a, n) + " and a " + arrayType(b, m);
      }
      for (int i = 0; i < n; i++) {
        Object x = Array.get(a, i);
        Object y = Array.get(b, i);
        if (!Objects.deepEquals(x, y)) {
          return "they first differ at index " + i + position(i, n) + " of " + arrayType(a, n) + ": " + value(x)
              + " and " + value(y);
        }
      }
      // Not reached for arrays that deepEquals found different; kept as a plain description.
      return render(a) + " and " + render(b);
    }

    /** The type of an array with its length, as Java writes it: {@code float[12]}, {@code float[3][]}. */
    private String arrayType(Object array, int length) {
      String component = array.getClass().getComponentType().getSimpleName();
      int brackets = component.indexOf('[');
      return brackets < 0
          ? component + "[" + length + "]"
          : component.substring(0, brackets) + "[" + length + "]" + component.substring(brackets);
    }

    /** The position of a flat index in the observation space's shape, when that has several dimensions. */
    private String position(int index, int length) {
      int[] shape = observationSpace.shape();
      long size = 1;
      for (int d : shape) {
        size *= d;
      }
      if (shape.length < 2 || size != length) {
        return "";
      }
      int[] at = new int[shape.length];
      int rest = index;
      for (int d = shape.length - 1; d >= 0; d--) {
        at[d] = rest % shape[d];
        rest /= shape[d];
      }
      return " (position " + Arrays.toString(at) + " in shape " + Arrays.toString(shape) + ")";
    }

    /** One element of an observation array; the bytes of a {@link ByteImage} as the unsigned values they are. */
    private String value(Object element) {
      if (element instanceof Byte b && observationSpace instanceof ByteImage) {
        return String.valueOf(b & 0xFF);
      }
      String s = Arrays.deepToString(new Object[] {element});
      return s.substring(1, s.length() - 1);
    }
  }

  @Override
  public String toString() {
    return "EnvironmentChecker(seed=" + seed + ", maxEpisodeSteps=" + maxEpisodeSteps + ")";
  }
}
