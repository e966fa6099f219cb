package io.github.pgrl.core.check;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.Step;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The checks of the contracts an environment may add to {@link Environment}: {@link SparseObservations}
 * (its non-zero indices) and {@link ActionMasks} (its masks, and that valid actions are accepted). Each
 * check gives the problem it found as a sentence, or {@code null}.
 */
final class OptionalContracts {

  /** How many extra episodes of random valid actions a masked environment plays. */
  static final int MASKED_EPISODES = 5;

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
