package io.github.pgrl.core.check;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Space;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.wrappers.ObservationWrapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link EnvironmentChecker} and the trainer hold a {@link SparseObservations} environment to its
 * contract: every non-zero value listed, indices strictly increasing and in range.
 */
class SparseObservationsCheckTest {

  enum Hint { CORRECT, MISSES_THE_CELL, DESCENDING, OUT_OF_RANGE }

  /** The corridor seen as a one-hot vector of its cells, with a hint of the given kind. */
  static final class OneHotCorridor extends ObservationWrapper<float[], float[], Integer> implements SparseObservations {
    private final Hint hint;
    private final float[] oneHot = new float[Corridor.LENGTH];
    private int cell = -1;

    OneHotCorridor(Hint hint) {
      super(Corridor.correct());
      this.hint = hint;
    }

    @Override
    protected float[] observation(float[] position) {
      cell = (int) position[0];
      java.util.Arrays.fill(oneHot, 0f);
      oneHot[cell] = 1f;
      return oneHot;
    }

    @Override
    public Space<float[]> observationSpace() {
      return Box.of(0f, 1f, Corridor.LENGTH);
    }

    @Override
    public String toString() {
      return "OneHotCorridor(" + hint + ")";
    }

    @Override
    public int nonZeroIndices(int[] out) {
      if (cell < 0) {
        return -1;
      }
      switch (hint) {
        case CORRECT -> {
          // the hot cell and, as allowed, a zero one
          int zero = cell == 0 ? 1 : 0;
          out[0] = Math.min(zero, cell);
          out[1] = Math.max(zero, cell);
          return 2;
        }
        case MISSES_THE_CELL -> {
          out[0] = (cell + 1) % Corridor.LENGTH;
          return 1;
        }
        case DESCENDING -> {
          out[0] = Corridor.LENGTH - 1;
          out[1] = cell;
          out[2] = 0;
          return 3;
        }
        default -> {
          out[0] = cell;
          out[1] = Corridor.LENGTH;
          return 2;
        }
      }
    }
  }

  @Test
  void aCorrectListPasses() {
    CheckReport r = EnvironmentChecker.defaults().report(new OneHotCorridor(Hint.CORRECT));
    assertTrue(r.passed(), r.message());
  }

  @Test
  void eachBrokenListIsReportedOnceWithWhatWasWrong() {
    List<String> missing = EnvironmentChecker.defaults().report(new OneHotCorridor(Hint.MISSES_THE_CELL)).problems();
    assertEquals(1, missing.size(), missing.toString());
    assertTrue(missing.get(0).contains("does not list index") && missing.get(0).contains("after reset"), missing.get(0));

    List<String> descending = EnvironmentChecker.defaults().report(new OneHotCorridor(Hint.DESCENDING)).problems();
    assertEquals(1, descending.size(), descending.toString());
    assertTrue(descending.get(0).contains("strictly increasing"), descending.get(0));

    List<String> outside = EnvironmentChecker.defaults().report(new OneHotCorridor(Hint.OUT_OF_RANGE)).problems();
    assertEquals(1, outside.size(), outside.toString());
    assertTrue(outside.get(0).contains("lists 8 after"), outside.get(0));
  }

  @Test
  void theTrainerStopsAtABrokenListNamingTheEnvironment() {
    ReinforceConfig config = ReinforceConfig.builder().seed(3).hidden(4).batchEpisodes(2).build();
    try (Reinforce<MlpPolicy> r = Reinforce.create(new OneHotCorridor(Hint.DESCENDING), config)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("SparseObservations contract") && e.getMessage().contains("OneHotCorridor"),
          e.getMessage());
    }
    try (Reinforce<MlpPolicy> r = Reinforce.create(new OneHotCorridor(Hint.CORRECT), config)) {
      r.train(Budget.updates(2));
      assertEquals(2, r.updates());
    }
  }
}
