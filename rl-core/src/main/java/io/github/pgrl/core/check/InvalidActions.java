package io.github.pgrl.core.check;

import io.github.pgrl.core.Space;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The actions just outside an action space that {@link EnvironmentChecker} tries, for the kinds it knows. */
final class InvalidActions {

  /** The kinds of space {@link #of} knows, for the checker's note about other kinds. */
  static final String KINDS = "Discrete, MultiDiscrete and Box";

  private InvalidActions() {}

  /**
   * Actions outside the space: {@code n} and −1 for {@code Discrete(n)}; for {@code MultiDiscrete(nvec)}
   * one component too many, every component at its {@code nvec[i]}, and a −1; for a {@link Box} one
   * element too many and all NaN.
   *
   * @param space the action space
   * @return the actions, empty for another kind of space
   */
  static List<Object> of(Space<?> space) {
    List<Object> invalid = new ArrayList<>();
    if (space instanceof Discrete d) {
      invalid.add(d.n());
      invalid.add(-1);
    } else if (space instanceof MultiDiscrete m) {
      invalid.add(new int[m.size() + 1]);
      invalid.add(m.nvec());
      int[] negative = new int[m.size()];
      negative[m.size() - 1] = -1;
      invalid.add(negative);
    } else if (space instanceof Box b) {
      invalid.add(new float[b.size() + 1]);
      float[] nan = new float[b.size()];
      Arrays.fill(nan, Float.NaN);
      invalid.add(nan);
    }
    return invalid;
  }
}
