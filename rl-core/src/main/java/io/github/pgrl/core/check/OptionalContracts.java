package io.github.pgrl.core.check;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The checks of the contracts an environment may add to {@link Environment}: {@link SparseObservations}
 * (its non-zero indices), {@link ActionMasks} (its masks, and that valid actions are accepted) and {@link
 * Restorable} (a saved state continues as the environment that saved it). Each check gives the problem it
 * found as a sentence, or {@code null}.
 */
final class OptionalContracts {

  /** How many extra episodes of random valid actions a masked environment plays. */
  static final int MASKED_EPISODES = 5;
  /** How many random steps are played before a {@link Restorable} environment's state is written. */
  static final int STEPS_BEFORE_SAVE = 37;
  /** How many steps are compared after the state is read back. */
  static final int STEPS_AFTER_SAVE = 80;

  private OptionalContracts() {}

  /**
   * The problem with a {@link SparseObservations} environment's non-zero indices for its latest
   * observation (strictly increasing, in range, listing every non-zero value), or {@code null}.
   */
  static String nonZeroProblem(SparseObservations sparse, float[] x, String what) {
    int[] indices = new int[x.length];
    int count = sparse.nonZeroIndices(indices);
    if (count < -1 || count > x.length) {
      return "nonZeroIndices for " + what + " returned " + count + "; allowed are -1 (cannot tell) and 0.." + x.length;
    }
    for (int k = 0; k < count; k++) {
      int last = k == 0 ? -1 : indices[k - 1];
      if (indices[k] <= last || indices[k] >= x.length) {
        return "nonZeroIndices for " + what + " lists " + indices[k] + " after " + last
            + "; the indices must be strictly increasing and in [0, " + x.length + ")";
      }
    }
    for (int i = 0, k = 0; count >= 0 && i < x.length; i++) {
      if (x[i] != 0f) {
        while (k < count && indices[k] < i) {
          k++;
        }
        if (k == count || indices[k] != i) {
          return "nonZeroIndices for " + what + " does not list index " + i + ", whose value is " + x[i]
              + "; every non-zero value must be listed";
        }
      }
    }
    return null;
  }

  /**
   * The current mask of an {@link ActionMasks} environment, or the problem with it (it throws, is null, has
   * another length than {@code n}, or marks no action valid) added to {@code problems} and {@code null}.
   */
  static boolean[] mask(ActionMasks masks, int n, String what, List<String> problems) {
    boolean[] mask;
    try {
      mask = masks.validActions();
      ActionMasks.requireValid(mask, n);
    } catch (RuntimeException e) {
      problems.add("validActions() for " + what + ": " + (e instanceof IllegalArgumentException ? e.getMessage()
          : "threw " + e) + " (while an episode runs it must give " + n + " flags, at least one true)");
      return null;
    }
    return mask.clone();
  }

  /** A uniformly random valid action of a mask with at least one. */
  static int sampleValid(boolean[] mask, RandomGenerator rng) {
    int valid = 0;
    for (boolean v : mask) {
      valid += v ? 1 : 0;
    }
    int k = rng.nextInt(valid);
    for (int a = 0; ; a++) {
      if (mask[a] && k-- == 0) {
        return a;
      }
    }
  }

  /**
   * For a {@link Restorable} environment: plays {@link #STEPS_BEFORE_SAVE} random steps from {@code
   * reset(seed + 1)} (calling {@code reset()} where an episode ended), writes the state, plays {@link
   * #STEPS_AFTER_SAVE} more, reads the state through the checkpoint's bytes into {@code target} (a new
   * instance, or {@code env} itself) and replays those steps there; the first difference in a step or in the
   * first observation of a {@code reset()}, or {@code null} if there is none.
   *
   * @param actions draws the next action for {@code env} in its current state; {@code null} ends the check
   *     without a problem (a bad mask, which the mask checks report)
   */
  static <O, A> String restoreProblem(Environment<O, A> env, Environment<O, A> target, long seed,
      Function<RandomGenerator, A> actions) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
    env.reset(seed + 1);
    Boolean running = play(env, rng, actions, STEPS_BEFORE_SAVE, new ArrayList<>(), new ArrayList<>(), true);
    if (running == null) {
      return null;
    }
    CheckpointFile written = new CheckpointFile();
    try {
      Restorable.of(env).writeState(written, "env.");
    } catch (RuntimeException e) {
      return "writeState after " + STEPS_BEFORE_SAVE + " random steps threw " + e + "; a Restorable environment must"
          + " write its state at any point of its episodes";
    }
    List<A> after = new ArrayList<>();
    List<Step<O>> expected = new ArrayList<>();
    if (play(env, rng, actions, STEPS_AFTER_SAVE, after, expected, running) == null) {
      return null;
    }
    String into = target == env ? "the same instance" : "a new instance";
    try {
      CheckpointFile read = CheckpointFile.fromBytes(written.toBytes(), "the state that writeState wrote");
      Restorable restored = Restorable.of(target);
      if (restored == null) {
        return "a new instance from the factory, " + target + ", is not Restorable although the checked one is";
      }
      restored.readState(read, "env.");
    } catch (RuntimeException e) {
      return "readState into " + into + " of the state that writeState wrote after " + STEPS_BEFORE_SAVE
          + " random steps threw " + e + "; a Restorable environment must read back what it wrote";
    }
    List<Step<O>> actual = new ArrayList<>();
    Iterator<A> replayed = after.iterator();
    try {
      play(target, rng, r -> replayed.next(), after.size(), new ArrayList<>(), actual, running);
    } catch (RuntimeException e) {
      return "after readState into " + into + ", replaying the actions that followed the save threw " + e + " after "
          + actual.size() + " events; the environment that wrote the state had accepted them";
    }
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      String difference = difference(expected.get(i), actual.get(i));
      if (difference != null) {
        return "after writeState and readState into " + into + ", event " + i + " of those that followed the save"
            + " (steps, and the first observations of reset()) had " + difference + " than in the environment that"
            + " wrote the state: the state must hold everything a step or reset() reads, the random generator"
            + " included";
      }
    }
    if (expected.size() != actual.size()) {
      return "after writeState and readState into " + into + ", the same actions gave " + actual.size() + " events"
          + " instead of " + expected.size() + " (steps, and the first observations of reset())";
    }
    return null;
  }

  /**
   * Plays {@code steps} actions, calling {@code reset()} before a step where no episode runs; records the
   * actions and, copied, every step and every first observation of a {@code reset()} (as a step of reward
   * 0). Returns whether an episode runs at the end, or {@code null} if an action could not be drawn.
   */
  private static <O, A> Boolean play(Environment<O, A> env, RandomGenerator rng, Function<RandomGenerator, A> actions,
      int steps, List<A> played, List<Step<O>> events, boolean running) {
    for (int t = 0; t < steps; t++) {
      if (!running) {
        events.add(Step.of(copy(env.reset()), 0, false, false));
      }
      A action = actions.apply(rng);
      if (action == null) {
        return null;
      }
      played.add(action);
      Step<O> s = env.step(action);
      events.add(new Step<>(copy(s.observation()), s.reward(), s.terminated(), s.truncated(), s.info()));
      running = !s.done();
    }
    return running;
  }

  @SuppressWarnings("unchecked")
  private static <O> O copy(O observation) {
    return (O) Snapshots.of(observation);
  }

  /** How two recorded steps differ, as the middle of a sentence ("a different reward (…)"), or null. */
  private static String difference(Step<?> a, Step<?> b) {
    if (!Objects.deepEquals(a.observation(), b.observation())) {
      return "a different observation";
    } else if (Double.compare(a.reward(), b.reward()) != 0) {
      return "a different reward (" + b.reward() + " instead of " + a.reward() + ")";
    } else if (a.terminated() != b.terminated() || a.truncated() != b.truncated()) {
      return "other end flags (terminated " + b.terminated() + ", truncated " + b.truncated() + " instead of "
          + a.terminated() + ", " + a.truncated() + ")";
    } else if (!a.info().equals(b.info())) {
      return "another info (" + b.info() + " instead of " + a.info() + ")";
    }
    return null;
  }

  /**
   * Plays {@link #MASKED_EPISODES} episodes of random valid actions (seeds {@code seed + 1, …}), reporting
   * the first bad mask or refused valid action.
   */
  static void validActionsAccepted(Environment<?, Integer> env, ActionMasks masks, int n, long seed, int maxSteps,
      List<String> problems) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int e = 1; e <= MASKED_EPISODES; e++) {
      env.reset(seed + e);
      for (int t = 0; t < maxSteps; t++) {
        String what = "step " + t + " after reset(" + (seed + e) + ")";
        boolean[] mask = mask(masks, n, what, problems);
        if (mask == null) {
          return;
        }
        int action = sampleValid(mask, rng);
        Step<?> step;
        try {
          step = env.step(action);
        } catch (RuntimeException ex) {
          problems.add("the valid action " + action + " (mask " + Arrays.toString(mask) + ") was refused at " + what
              + ": " + ex + "; an action the mask marks valid must be accepted");
          return;
        }
        if (step == null || step.done()) {
          break;
        }
      }
    }
  }
}
