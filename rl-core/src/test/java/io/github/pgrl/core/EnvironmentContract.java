package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pgrl.core.check.CheckReport;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.opentest4j.TestAbortedException;

/**
 * The contract every {@link Environment} must honour, as jqwik properties that an environment's test class
 * inherits by implementing this interface and {@link #createEnvironment()}.
 *
 * <p>It is shared through the {@code rl-core} test-jar, so that {@code rl-envs} and users test their
 * environments alike:
 *
 * <pre>{@code
 * class CartPoleTest implements EnvironmentContract<float[], Integer> {
 *   @Override
 *   public Environment<float[], Integer> createEnvironment() {
 *     return CartPole.v1();
 *   }
 * }
 * }</pre>
 *
 * <p>The properties check what {@link Environment} promises: the {@link EnvironmentChecker} passes; a step
 * before the first reset or after the end of an episode throws {@link IllegalStateException}; {@code
 * reset(seed)} is repeatable; the same seed and the same actions give the same observations, rewards and
 * flags (also across the later episodes started with {@code reset()}); observations lie in the observation
 * space and rewards are finite; an action outside a {@link Discrete}, {@link MultiDiscrete} or {@link Box}
 * action space throws {@link IllegalArgumentException} naming the action and the space; {@code close()} may
 * be called twice.
 * Observations are copied before they are compared, since an environment may reuse its buffers.
 *
 * <p>An environment with {@link ActionMasks} is played with random valid actions only, and its masks are
 * checked: {@code n} flags with at least one valid action whenever an episode runs; an invalid action
 * either throws {@link IllegalArgumentException} or is accepted, never anything else.
 *
 * <p>A {@link Restorable} environment's state, written after random play (episode ends included) and read
 * back through the checkpoint's bytes into another instance, new or used, gives the same steps (observations
 * to the bit, rewards, flags and info) as the environment that wrote it, and the same {@link
 * SparseObservations#nonZeroIndices} for the current observation; a state written before the first
 * reset restores an environment that is not started; and a checkpoint with an entry missing, a value that
 * is not a number or an array one value too long is refused with an {@link IllegalArgumentException} (such
 * as a {@link CheckpointException}) naming the entry, leaving the environment as it was. These properties
 * are skipped for environments that cannot restore ({@link Restorable#of}).
 *
 * <p>The numbers of tries are small so that one environment costs a few seconds; an environment whose
 * steps are slow can override {@link #maxStepsToEnd()} and {@link #checker()}.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public interface EnvironmentContract<O, A> {

  /** How many steps the determinism and random-play properties play per try. */
  int PLAY_STEPS = 200;

  /**
   * Makes a new environment that has never been reset; called once or more per try.
   *
   * @return a fresh environment
   */
  Environment<O, A> createEnvironment();

  /**
   * How many random steps to play at most while waiting for an episode to end. When no episode ends
   * within it, the step-after-the-end property rejects that try, and is reported as skipped when every try
   * was rejected (an environment whose episodes never end, unless wrapped in a time limit).
   *
   * @return the step budget, 10,000 unless overridden
   */
  default int maxStepsToEnd() {
    return 10_000;
  }

  /**
   * The checker that {@link #passesTheEnvironmentChecker()} runs.
   *
   * @return {@link EnvironmentChecker#defaults()} unless overridden
   */
  default EnvironmentChecker checker() {
    return EnvironmentChecker.defaults();
  }

  /** The {@link EnvironmentChecker}, given fresh environments, finds no problem. */
  @Example
  default void passesTheEnvironmentChecker() {
    CheckReport report = checker().report(this::createEnvironment);
    assertTrue(report.passed(), report::message);
  }

  /** A step before the first reset throws {@link IllegalStateException}. */
  @Example
  default void stepBeforeResetThrowsIllegalStateException() {
    try (Environment<O, A> env = createEnvironment()) {
      A action = env.actionSpace().sample(new SplittableRandom(0));
      assertThrows(IllegalStateException.class, () -> env.step(action),
          () -> "step(" + env.actionSpace().describe(action) + ") before the first reset() of " + env);
    }
  }

  /**
   * {@code reset(seed)} gives the same first observation every time, on the same instance after an
   * episode was played and on a fresh instance.
   *
   * @param seed the reset seed
   */
  @Property(tries = 20)
  default void resetWithTheSameSeedGivesTheSameFirstObservation(@ForAll long seed) {
    Object first;
    Object again;
    Object elsewhere;
    try (Environment<O, A> env = createEnvironment()) {
      first = copyOf(env.reset(seed));
      SplittableRandom actions = new SplittableRandom(seed);
      for (int t = 0; t < 10; t++) {
        if (env.step(validAction(env, actions)).done()) {
          break;
        }
      }
      again = copyOf(env.reset(seed));
    }
    try (Environment<O, A> env = createEnvironment()) {
      elsewhere = copyOf(env.reset(seed));
    }
    assertTrue(Objects.deepEquals(first, again),
        () -> "reset(" + seed + ") gave " + render(first) + ", then " + render(again) + " on the same instance");
    assertTrue(Objects.deepEquals(first, elsewhere),
        () -> "reset(" + seed + ") gave " + render(first) + ", but " + render(elsewhere) + " on a fresh instance");
  }

  /**
   * Playing the same actions after {@code reset(seed)} gives the same transitions, twice on one instance
   * and once on a fresh one; an episode that ends is followed by {@code reset()}, which continues the
   * seeded generator and so is repeatable too.
   *
   * @param seed the reset seed
   * @param actionSeed the seed of the random actions
   */
  @Property(tries = 15)
  default void sameSeedAndSameActionsGiveTheSameTransitions(@ForAll long seed, @ForAll long actionSeed) {
    List<Transition> first;
    List<Transition> second;
    List<Transition> third;
    try (Environment<O, A> env = createEnvironment()) {
      first = play(env, seed, actionSeed, PLAY_STEPS);
      second = play(env, seed, actionSeed, PLAY_STEPS);
    }
    try (Environment<O, A> env = createEnvironment()) {
      third = play(env, seed, actionSeed, PLAY_STEPS);
    }
    assertSameTransitions(first, second, "replaying on the same instance");
    assertSameTransitions(first, third, "replaying on a fresh instance");
  }

  /**
   * Over random play, every observation (first ones included) is in the observation space and every reward
   * is finite.
   *
   * @param seed the reset seed
   * @param actionSeed the seed of the random actions
   */
  @Property(tries = 10)
  default void observationsStayInTheSpaceAndRewardsAreFinite(@ForAll long seed, @ForAll long actionSeed) {
    try (Environment<O, A> env = createEnvironment()) {
      Space<O> space = env.observationSpace();
      SplittableRandom actions = new SplittableRandom(actionSeed);
      O observation = env.reset(seed);
      assertInSpace(space, observation, "the first observation after reset(" + seed + ")");
      for (int t = 0; t < PLAY_STEPS; t++) {
        Step<O> step = env.step(validAction(env, actions));
        assertInSpace(space, step.observation(), "the observation of step " + t);
        if (!Double.isFinite(step.reward())) {
          fail("the reward of step " + t + " is " + step.reward() + "; rewards must be finite");
        }
        if (step.done()) {
          assertInSpace(space, env.reset(), "the first observation after reset() at step " + t);
        }
      }
    }
  }

  /**
   * Once a step ends the episode, further steps throw {@link IllegalStateException} until the next reset,
   * after which steps are accepted again. Tries in which no episode ends within {@link #maxStepsToEnd()}
   * steps are skipped.
   *
   * @param seed the reset seed, also the seed of the random actions
   */
  @Property(tries = 5)
  @AddLifecycleHook(SkippedWhenEveryTryIsRejected.class)
  default void stepAfterTheEndThrowsIllegalStateExceptionUntilTheNextReset(@ForAll long seed) {
    try (Environment<O, A> env = createEnvironment()) {
      Space<A> actionSpace = env.actionSpace();
      SplittableRandom actions = new SplittableRandom(seed);
      env.reset(seed);
      int budget = maxStepsToEnd();
      int t = 0;
      while (t < budget && !env.step(validAction(env, actions)).done()) {
        t++;
      }
      Assume.that(t < budget);
      int end = t;
      A action = actionSpace.sample(actions);
      assertThrows(IllegalStateException.class, () -> env.step(action),
          () -> "step(" + actionSpace.describe(action) + ") after the episode ended at step " + end);
      assertThrows(IllegalStateException.class, () -> env.step(action),
          () -> "a second step(" + actionSpace.describe(action) + ") after the episode ended at step " + end);
      env.reset(seed);
      A valid = ActionMasks.of(env) != null ? validAction(env, actions) : action;
      assertDoesNotThrow(() -> env.step(valid), "a step after reset(seed) that followed the end of an episode");
    }
  }

  /**
   * Actions just outside a {@link Discrete}, {@link MultiDiscrete} or {@link Box} action space, and far
   * outside it, throw {@link IllegalArgumentException} whose message names the action (not only as part of
   * the space) and the space. A {@link Box} action space may instead clip a finite action of the right shape
   * to its bounds, as Gymnasium's continuous environments do: the next observation and the flags are then
   * those of the clipped action (the reward may charge the action as given). Skipped for other action spaces.
   */
  @Example
  @AddLifecycleHook(SkippedWhenEveryTryIsRejected.class)
  default void actionOutsideTheSpaceThrowsIllegalArgumentExceptionNamingActionAndSpace() {
    try (Environment<O, A> env = createEnvironment()) {
      Space<A> space = env.actionSpace();
      List<A> invalid = actionsOutside(space);
      Assume.that(!invalid.isEmpty());
      String spaceName = String.valueOf(space);
      for (A action : invalid) {
        String shown = space.describe(action);
        env.reset(0);
        Step<O> step;
        try {
          step = env.step(action);
        } catch (IllegalArgumentException e) {
          String message = String.valueOf(e.getMessage());
          assertTrue(message.contains(spaceName),
              () -> "the message for the action " + shown + " should name the space " + spaceName + ": " + message);
          assertTrue(message.replace(spaceName, "").contains(shown),
              () -> "the message for the action " + shown + " should name the action: " + message);
          continue;
        }
        float[] clipped = space instanceof Box box ? clipped(box, action) : null;
        assertTrue(clipped != null, () -> "step(" + shown + ") with an action outside " + spaceName
            + " was accepted; only a finite action of a Box's shape may be clipped instead of refused");
        try (Environment<O, A> twin = createEnvironment()) {
          twin.reset(0);
          @SuppressWarnings("unchecked")
          Step<O> expected = twin.step((A) clipped);
          // the reward may charge the action as given (MountainCarContinuous-v0 does), the dynamics may not
          assertTrue(Objects.deepEquals(expected.observation(), step.observation())
                  && expected.terminated() == step.terminated() && expected.truncated() == step.truncated(),
              () -> "step(" + shown + ") was accepted, so it must move as the action clipped to " + spaceName
                  + ", " + space.describe((A) clipped));
        }
      }
    }
  }

  /** The action clipped to the box, or {@code null} if it cannot be: not a finite float[] of its shape. */
  private static float[] clipped(Box box, Object action) {
    if (!(action instanceof float[] a) || a.length != box.size()) {
      return null;
    }
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      if (!Float.isFinite(a[i])) {
        return null;
      }
      out[i] = Math.min(Math.max(a[i], box.low()[i]), box.high()[i]);
    }
    return out;
  }

  /**
   * For an environment with {@link ActionMasks}: over play with random valid actions, every mask has
   * {@code n} flags and a valid action, and an invalid action (one is tried on every step that has one)
   * throws {@link IllegalArgumentException} or is accepted, never anything else. Skipped for environments
   * without masks.
   *
   * @param seed the reset seed
   * @param actionSeed the seed of the random actions
   */
  @Property(tries = 10)
  @AddLifecycleHook(SkippedWhenEveryTryIsRejected.class)
  default void masksHaveAValidActionAndInvalidActionsAreRefusedOrAccepted(@ForAll long seed, @ForAll long actionSeed) {
    try (Environment<O, A> env = createEnvironment()) {
      ActionMasks masks = ActionMasks.of(env);
      Assume.that(masks != null);
      int n = ((Discrete) env.actionSpace()).n();
      SplittableRandom actions = new SplittableRandom(actionSeed);
      env.reset(seed);
      for (int t = 0; t < PLAY_STEPS; t++) {
        boolean[] mask = masks.validActions().clone();
        int step = t;
        assertDoesNotThrow(() -> ActionMasks.requireValid(mask, n), () -> "the mask at step " + step);
        int invalid = randomWith(mask, false, actions);
        Step<O> s = null;
        if (invalid >= 0) {
          try {
            s = env.step(integer(invalid));
          } catch (IllegalArgumentException refused) {
            // allowed: the contract lets a step refuse an invalid action
          } catch (RuntimeException e) {
            fail("the invalid action " + invalid + " at step " + t + " threw " + e + "; only IllegalArgumentException"
                + " is allowed", e);
          }
        }
        if (s == null) {
          s = env.step(integer(randomWith(mask, true, actions)));
        }
        if (s.done()) {
          env.reset();
        }
      }
    }
  }

  /**
   * For a {@link Restorable} environment: after {@code before} random steps (calling {@code reset()} where an
   * episode ended, so the state may be written in any phase of an episode), the state written, turned into
   * bytes and back, and read into another instance (a new one, or one used with other seeds) gives the same
   * next {@value #PLAY_STEPS} steps and first observations of {@code reset()}, with their info, as the
   * environment that wrote it. Skipped for environments that cannot restore.
   *
   * @param seed the reset seed
   * @param actionSeed the seed of the random actions
   * @param before how many steps to play before writing the state
   * @param intoAUsedInstance whether the state is read into an instance that has played already
   */
  @Property(tries = 15)
  @AddLifecycleHook(SkippedWhenEveryTryIsRejected.class)
  default void aRestoredStateContinuesAsTheEnvironmentThatWroteIt(@ForAll long seed, @ForAll long actionSeed,
      @ForAll @IntRange(min = 0, max = 300) int before, @ForAll boolean intoAUsedInstance) {
    try (Environment<O, A> a = createEnvironment(); Environment<O, A> b = createEnvironment()) {
      Restorable saved = Restorable.of(a);
      Assume.that(saved != null);
      SplittableRandom actions = new SplittableRandom(actionSeed);
      a.reset(seed);
      boolean running = advance(a, actions, before, true);
      CheckpointFile written = new CheckpointFile();
      saved.writeState(written, "env.");
      if (intoAUsedInstance) {
        b.reset(~seed);
        advance(b, new SplittableRandom(~actionSeed), 37, true);
      }
      Restorable.of(b).readState(roundTrip(written), "env.");
      if (a instanceof SparseObservations sparse && a.observationSpace() instanceof Box box) {
        int[] expected = new int[box.size()];
        int[] actual = new int[box.size()];
        int count = sparse.nonZeroIndices(expected);
        assertEquals(count, ((SparseObservations) b).nonZeroIndices(actual), "nonZeroIndices after readState");
        assertArrayEquals(Arrays.copyOf(expected, Math.max(count, 0)), Arrays.copyOf(actual, Math.max(count, 0)),
            "nonZeroIndices after readState");
      }
      assertSameFuture(a, b, running, actions, PLAY_STEPS,
          "the state written after " + before + " steps from reset(" + seed + ") and read into a "
              + (intoAUsedInstance ? "used" : "new") + " instance");
    }
  }

  /**
   * For a {@link Restorable} environment: a state written before the first reset, read into an instance
   * that has played, restores one that is not started: a step throws {@link IllegalStateException}, and
   * {@code reset()} and the steps after it are those of a new instance. Skipped for environments that
   * cannot restore.
   *
   * @param seed the reset seed of the instance the state is read into
   */
  @Property(tries = 5)
  @AddLifecycleHook(SkippedWhenEveryTryIsRejected.class)
  default void aStateWrittenBeforeTheFirstResetRestoresAnEnvironmentNotStarted(@ForAll long seed) {
    try (Environment<O, A> a = createEnvironment(); Environment<O, A> b = createEnvironment()) {
      Restorable saved = Restorable.of(a);
      Assume.that(saved != null);
      CheckpointFile written = new CheckpointFile();
      saved.writeState(written, "env.");
      SplittableRandom actions = new SplittableRandom(seed);
      b.reset(seed);
      advance(b, actions, 25, true);
      Restorable.of(b).readState(roundTrip(written), "env.");
      A action = b.actionSpace().sample(actions);
      assertThrows(IllegalStateException.class, () -> b.step(action),
          () -> "step(" + b.actionSpace().describe(action) + ") after reading a state written before the first reset");
      assertSameFuture(a, b, false, actions, 50, "the state written before the first reset");
    }
  }

  /**
   * For a {@link Restorable} environment: a state with one entry missing, with a value that is not a number
   * (the first of an array, or a double), or with an array one value longer, is refused with an {@link
   * IllegalArgumentException} (a {@link CheckpointException} is one) whose message names the entry, and the
   * environment that refused it continues as a twin that was never asked. Skipped for environments that
   * cannot restore.
   *
   * @param seed the reset seed
   * @param actionSeed the seed of the random actions
   */
  @Property(tries = 3)
  @AddLifecycleHook(SkippedWhenEveryTryIsRejected.class)
  default void aDamagedStateIsRefusedNamingTheEntryAndChangesNothing(@ForAll long seed, @ForAll long actionSeed) {
    CheckpointFile written = new CheckpointFile();
    try (Environment<O, A> a = createEnvironment()) {
      Restorable saved = Restorable.of(a);
      Assume.that(saved != null);
      a.reset(seed);
      advance(a, new SplittableRandom(actionSeed), 20, true);
      saved.writeState(written, "env.");
    }
    for (Damage damage : Damage.of(written)) {
      try (Environment<O, A> target = createEnvironment(); Environment<O, A> twin = createEnvironment()) {
        target.reset(~seed);
        twin.reset(~seed);
        boolean running = advance(target, new SplittableRandom(~actionSeed), 15, true);
        advance(twin, new SplittableRandom(~actionSeed), 15, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Restorable.of(target).readState(damage.checkpoint(), "env."), () -> "a state with " + damage.what());
        assertTrue(String.valueOf(e.getMessage()).contains(damage.entry()),
            () -> "the message for a state with " + damage.what() + " should name the entry: " + e.getMessage());
        assertSameFuture(twin, target, running, new SplittableRandom(actionSeed), 30,
            "the environment that refused a state with " + damage.what());
      }
    }
  }

  /**
   * A checkpoint like another but for one damaged entry.
   *
   * @param entry the name of the damaged entry
   * @param what how it is damaged, for messages
   * @param checkpoint the damaged checkpoint
   */
  record Damage(String entry, String what, CheckpointFile checkpoint) {

    /**
     * Every damage of one entry at a time: each entry missing; the first value of each non-empty array, and
     * each double, not a number; each array one value longer.
     *
     * @param written the intact checkpoint
     * @return the damaged copies
     */
    static List<Damage> of(CheckpointFile written) {
      List<Damage> out = new ArrayList<>();
      for (String name : written.names()) {
        out.add(new Damage(name, "the entry '" + name + "' missing", copy(written, name, null)));
        Object v = value(written, name);
        String longer = "'" + name + "' one value longer";
        if (v instanceof float[] f) {
          if (f.length > 0) {
            float[] nan = f.clone();
            nan[0] = Float.NaN;
            out.add(new Damage(name, "NaN in '" + name + "'", copy(written, name, nan)));
          }
          out.add(new Damage(name, longer, copy(written, name, Arrays.copyOf(f, f.length + 1))));
        } else if (v instanceof double[] d) {
          if (d.length > 0) {
            double[] nan = d.clone();
            nan[0] = Double.NaN;
            out.add(new Damage(name, "NaN in '" + name + "'", copy(written, name, nan)));
          }
          out.add(new Damage(name, longer, copy(written, name, Arrays.copyOf(d, d.length + 1))));
        } else if (v instanceof Double) {
          out.add(new Damage(name, "NaN as '" + name + "'", copy(written, name, Double.NaN)));
        }
      }
      return out;
    }

    /** The value of an entry, of whichever type it is. */
    private static Object value(CheckpointFile cp, String name) {
      try {
        return cp.floats(name);
      } catch (CheckpointException notFloats) {
        try {
          return cp.doubles(name);
        } catch (CheckpointException notDoubles) {
          try {
            return cp.getLong(name);
          } catch (CheckpointException notLong) {
            try {
              return cp.getDouble(name);
            } catch (CheckpointException notDouble) {
              return cp.getString(name);
            }
          }
        }
      }
    }

    /** A copy with the entry {@code name} replaced by {@code replacement}, or left out if that is null. */
    private static CheckpointFile copy(CheckpointFile cp, String name, Object replacement) {
      CheckpointFile out = new CheckpointFile();
      for (String n : cp.names()) {
        Object v = n.equals(name) ? replacement : value(cp, n);
        if (v instanceof float[] f) {
          out.putFloats(n, f);
        } else if (v instanceof double[] d) {
          out.putDoubles(n, d);
        } else if (v instanceof Long l) {
          out.putLong(n, l);
        } else if (v instanceof Double d) {
          out.putDouble(n, d);
        } else if (v instanceof String t) {
          out.putString(n, t);
        }
      }
      return out;
    }
  }

  /** {@code close()} twice is harmless, on a fresh environment and after an episode. */
  @Example
  default void closingTwiceIsHarmless() {
    Environment<O, A> fresh = createEnvironment();
    assertDoesNotThrow(() -> {
      fresh.close();
      fresh.close();
    }, "close() twice on a fresh environment");
    Environment<O, A> used = createEnvironment();
    used.reset(0);
    used.step(validAction(used, new SplittableRandom(0)));
    assertDoesNotThrow(() -> {
      used.close();
      used.close();
    }, "close() twice after a step");
  }

  /**
   * Reports a property as skipped (aborted) rather than failed when every try was rejected by an {@link
   * Assume}: jqwik would call it exhausted, but here it means that the environment gave the property
   * nothing to check.
   */
  final class SkippedWhenEveryTryIsRejected implements AroundPropertyHook {

    /** Made by jqwik. */
    public SkippedWhenEveryTryIsRejected() {}

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
      PropertyExecutionResult result = property.execute();
      if (result.status() == PropertyExecutionResult.Status.FAILED
          && result.countTries() > 0
          && result.countChecks() == 0) {
        return result.mapToAborted(new TestAbortedException(
            "skipped: all " + result.countTries() + " tries of " + context.label() + " were rejected by an assumption"));
      }
      return result;
    }
  }

  /**
   * One transition seen by the contract: the step's index, its observation (copied), reward and flags; an
   * index of {@code -1} marks the first observation of an episode.
   *
   * @param index the step number within the play, or -1 for the observation of a reset
   * @param observation a copy of the observation
   * @param reward the reward, 0 for a reset
   * @param terminated the terminated flag
   * @param truncated the truncated flag
   */
  record Transition(int index, Object observation, double reward, boolean terminated, boolean truncated) {

    /**
     * Whether two transitions agree, comparing observations deeply and rewards bit for bit.
     *
     * @param other the other transition
     * @return {@code true} if they are the same
     */
    public boolean sameAs(Transition other) {
      return index == other.index
          && Objects.deepEquals(observation, other.observation)
          && Double.compare(reward, other.reward) == 0
          && terminated == other.terminated
          && truncated == other.truncated;
    }

    @Override
    public String toString() {
      return (index < 0 ? "reset" : "step " + index) + ": observation " + render(observation) + ", reward "
          + reward + ", terminated " + terminated + ", truncated " + truncated;
    }
  }

  /**
   * Plays random actions for a number of steps after {@code reset(seed)}, calling {@code reset()} when an
   * episode ends, and records every transition.
   *
   * @param env the environment
   * @param seed the reset seed
   * @param actionSeed the seed of the actions
   * @param steps how many steps to play
   * @param <O> the observation type
   * @param <A> the action type
   * @return the transitions, resets included
   */
  static <O, A> List<Transition> play(Environment<O, A> env, long seed, long actionSeed, int steps) {
    SplittableRandom actions = new SplittableRandom(actionSeed);
    List<Transition> transitions = new ArrayList<>();
    transitions.add(new Transition(-1, copyOf(env.reset(seed)), 0, false, false));
    for (int t = 0; t < steps; t++) {
      Step<O> s = env.step(validAction(env, actions));
      transitions.add(new Transition(t, copyOf(s.observation()), s.reward(), s.terminated(), s.truncated()));
      if (s.done()) {
        transitions.add(new Transition(-1, copyOf(env.reset()), 0, false, false));
      }
    }
    return transitions;
  }

  /**
   * Plays random valid actions, calling {@code reset()} before a step where no episode runs.
   *
   * @param env the environment, reset before unless {@code running} is {@code false}
   * @param actions the source of the actions
   * @param steps how many steps to play
   * @param running whether an episode runs now
   * @param <O> the observation type
   * @param <A> the action type
   * @return whether an episode runs after the last step
   */
  static <O, A> boolean advance(Environment<O, A> env, RandomGenerator actions, int steps, boolean running) {
    for (int t = 0; t < steps; t++) {
      if (!running) {
        env.reset();
      }
      running = !env.step(validAction(env, actions)).done();
    }
    return running;
  }

  /**
   * Steps two environments in lockstep with the same random valid actions (drawn for {@code expected}),
   * calling {@code reset()} on both where no episode runs, and fails at the first step or first observation
   * of a reset in which they differ: observations (copied) deeply, rewards bit for bit, flags, info.
   *
   * @param expected the environment whose steps are expected
   * @param actual the environment compared with it
   * @param running whether an episode runs in both now
   * @param actions the source of the actions
   * @param steps how many steps to play
   * @param how what {@code actual} is, for messages
   * @param <O> the observation type
   * @param <A> the action type
   */
  static <O, A> void assertSameFuture(Environment<O, A> expected, Environment<O, A> actual, boolean running,
      RandomGenerator actions, int steps, String how) {
    for (int t = 0; t < steps; t++) {
      if (!running) {
        Object first = copyOf(expected.reset());
        Object again = copyOf(actual.reset());
        int step = t;
        assertTrue(Objects.deepEquals(first, again), () -> how + ": the reset() before step " + step + " gave "
            + render(again) + " instead of " + render(first));
      }
      A action = validAction(expected, actions);
      Step<O> e = expected.step(action);
      Object eObservation = copyOf(e.observation());
      Step<O> a;
      try {
        a = actual.step(action);
      } catch (RuntimeException ex) {
        throw new AssertionError(how + ": step " + t + " threw " + ex + " where the other environment accepted "
            + expected.actionSpace().describe(action), ex);
      }
      int step = t;
      assertTrue(Objects.deepEquals(eObservation, copyOf(a.observation())), () -> how + ": step " + step
          + " gave the observation " + render(a.observation()) + " instead of " + render(eObservation));
      assertTrue(Double.compare(e.reward(), a.reward()) == 0 && e.terminated() == a.terminated()
              && e.truncated() == a.truncated() && e.info().equals(a.info()),
          () -> how + ": step " + step + " gave reward " + a.reward() + ", terminated " + a.terminated() + ", truncated "
              + a.truncated() + ", info " + a.info() + " instead of " + e.reward() + ", " + e.terminated() + ", "
              + e.truncated() + ", " + e.info());
      running = !e.done();
    }
  }

  /**
   * A checkpoint turned into its bytes and read back, as a file on disk would be.
   *
   * @param written the checkpoint
   * @return the checkpoint read from its bytes
   */
  static CheckpointFile roundTrip(CheckpointFile written) {
    return CheckpointFile.fromBytes(written.toBytes(), "the state that writeState wrote");
  }

  /**
   * Copies an observation that is an array (deeply), since environments may reuse their buffers; returns
   * anything else as it is.
   *
   * @param observation the observation
   * @return a copy that later steps cannot change
   */
  static Object copyOf(Object observation) {
    if (observation instanceof Object[] a) {
      Object[] copy = new Object[a.length];
      for (int i = 0; i < a.length; i++) {
        copy[i] = copyOf(a[i]);
      }
      return copy;
    } else if (observation instanceof float[] a) {
      return a.clone();
    } else if (observation instanceof double[] a) {
      return a.clone();
    } else if (observation instanceof int[] a) {
      return a.clone();
    } else if (observation instanceof long[] a) {
      return a.clone();
    } else if (observation instanceof byte[] a) {
      return a.clone();
    } else if (observation instanceof short[] a) {
      return a.clone();
    } else if (observation instanceof char[] a) {
      return a.clone();
    } else if (observation instanceof boolean[] a) {
      return a.clone();
    }
    return observation;
  }

  /**
   * Renders an observation for a failure message, arrays included.
   *
   * @param observation the observation
   * @return its text
   */
  static String render(Object observation) {
    String s = Arrays.deepToString(new Object[] {observation});
    s = s.substring(1, s.length() - 1);
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  /**
   * A random action to play now: a valid one for an environment with {@link ActionMasks}, else a sample of
   * the action space.
   *
   * @param env the environment, in an episode
   * @param rng the source of randomness
   * @param <O> the observation type
   * @param <A> the action type
   * @return the action
   */
  static <O, A> A validAction(Environment<O, A> env, RandomGenerator rng) {
    ActionMasks masks = ActionMasks.of(env);
    return masks == null ? env.actionSpace().sample(rng) : integer(randomWith(masks.validActions(), true, rng));
  }

  /** A uniformly random index whose flag is {@code flag}, or −1 if there is none. */
  private static int randomWith(boolean[] mask, boolean flag, RandomGenerator rng) {
    int count = 0;
    for (boolean v : mask) {
      count += v == flag ? 1 : 0;
    }
    if (count == 0) {
      return -1;
    }
    int k = rng.nextInt(count);
    for (int a = 0; ; a++) {
      if (mask[a] == flag && k-- == 0) {
        return a;
      }
    }
  }

  /** An action index as the action type of a masked environment, whose space is {@link Discrete}. */
  @SuppressWarnings("unchecked")
  private static <A> A integer(int action) {
    return (A) Integer.valueOf(action);
  }

  /**
   * Values just outside, and far outside, a {@link Discrete}, {@link MultiDiscrete} or {@link Box} space.
   *
   * @param space the action space
   * @param <A> the action type
   * @return the invalid actions, empty for other kinds of space
   */
  @SuppressWarnings("unchecked")
  static <A> List<A> actionsOutside(Space<A> space) {
    List<Object> invalid = new ArrayList<>();
    if (space instanceof Discrete d) {
      invalid.add(d.n());
      invalid.add(-1);
      if (d.n() < Integer.MAX_VALUE) {
        invalid.add(Integer.MAX_VALUE);
      }
      invalid.add(Integer.MIN_VALUE);
    } else if (space instanceof MultiDiscrete m) {
      int[] nvec = m.nvec();
      invalid.add(new int[nvec.length + 1]);
      if (nvec.length > 1) {
        invalid.add(new int[nvec.length - 1]);
      }
      invalid.add(nvec);
      for (int i = 0; i < nvec.length && invalid.size() < 8; i++) {
        int[] below = new int[nvec.length];
        below[i] = -1;
        invalid.add(below);
      }
      int[] far = new int[nvec.length];
      far[0] = Integer.MIN_VALUE;
      invalid.add(far);
    } else if (space instanceof Box b) {
      float[] low = b.low();
      float[] high = b.high();
      invalid.add(new float[b.size() + 1]);
      float[] nan = new float[b.size()];
      Arrays.fill(nan, Float.NaN);
      invalid.add(nan);
      for (int i = 0; i < low.length && invalid.size() < 8; i++) {
        if (Float.isFinite(high[i])) {
          float[] above = b.sample(new SplittableRandom(i));
          above[i] = Math.nextUp(high[i]);
          invalid.add(above);
        }
        if (Float.isFinite(low[i])) {
          float[] below = b.sample(new SplittableRandom(i));
          below[i] = Math.nextDown(low[i]);
          invalid.add(below);
        }
      }
    }
    return (List<A>) invalid;
  }

  private static <O> void assertInSpace(Space<O> space, O observation, String what) {
    if (!space.contains(observation)) {
      String why = space instanceof Box box && observation instanceof float[] f ? ": " + box.violation(f) : "";
      fail(what + ", " + space.describe(observation) + ", is not in the observation space " + space + why);
    }
  }

  private static void assertSameTransitions(List<Transition> expected, List<Transition> actual, String how) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      if (!expected.get(i).sameAs(actual.get(i))) {
        fail(how + " with the same seed and actions differed at transition " + i + ":\n  expected " + expected.get(i)
            + "\n  but got  " + actual.get(i) + "\nreset(seed) must re-seed every source of randomness");
      }
    }
    if (expected.size() != actual.size()) {
      fail(how + " with the same seed and actions gave " + expected.size() + " and " + actual.size() + " transitions");
    }
  }
}
