package io.github.pgrl.core;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgrl.core.TrainablePolicy.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;

/**
 * The contract every {@link TrainablePolicy} over {@code float[]} observations and {@code int[]} actions of
 * a {@code MultiDiscrete(nvec)} space must honour: the properties of {@link TrainablePolicyProperties}, and
 * the refusal of any exploration but {@link Exploration#NONE}, which does not apply to several choices at
 * once. A policy's test class implements {@link #createPolicy(long)}, {@link #observationLength()} and
 * {@link #nvec()}:
 *
 * <pre>{@code
 * class MyPolicyContractTest implements MultiDiscretePolicyContract {
 *   @Override
 *   public TrainablePolicy<float[], int[]> createPolicy(long seed) {
 *     return new MyPolicy(4, MultiDiscrete.of(3, 2), new SplittableRandom(seed));
 *   }
 *
 *   @Override
 *   public int observationLength() {
 *     return 4;
 *   }
 *
 *   @Override
 *   public int[] nvec() {
 *     return new int[] {3, 2};
 *   }
 * }
 * }</pre>
 *
 * <p>A snapshot of a distribution compares the log-probabilities of every action when there are at most
 * {@value #PROBED_ACTIONS}, else of {@value #PROBED_ACTIONS} actions drawn with a fixed seed. Actions
 * outside the space are one of each length off by one, every component at its {@code nvec[i]}, and a
 * component at −1.
 *
 * @since 0.1.0
 */
public interface MultiDiscretePolicyContract extends TrainablePolicyProperties<int[]> {

  /** The most actions whose log-probabilities a snapshot of a distribution holds. */
  int PROBED_ACTIONS = 256;

  /**
   * The number of choices of each component of the policy's {@code MultiDiscrete(nvec)} action space.
   *
   * @return {@code nvec}: at least one component, each at least 1
   */
  int[] nvec();

  /** Each component uniform in {@code 0 … nvec[i] − 1}, in order. */
  @Override
  default int[] randomAction(SplittableRandom rng) {
    int[] nvec = nvec();
    int[] action = new int[nvec.length];
    for (int i = 0; i < nvec.length; i++) {
      action[i] = rng.nextInt(nvec[i]);
    }
    return action;
  }

  /** Every action in lexicographic order if there are at most {@value #PROBED_ACTIONS}, else that many at random. */
  @Override
  default List<int[]> probeActions() {
    int[] nvec = nvec();
    long count = 1;
    for (int n : nvec) {
      count *= n;
      if (count > PROBED_ACTIONS) {
        break;
      }
    }
    List<int[]> probes = new ArrayList<>();
    if (count > PROBED_ACTIONS) {
      SplittableRandom rng = new SplittableRandom(0);
      for (int k = 0; k < PROBED_ACTIONS; k++) {
        probes.add(randomAction(rng));
      }
      return probes;
    }
    int[] action = new int[nvec.length];
    for (int k = 0; k < count; k++) {
      probes.add(action.clone());
      for (int i = nvec.length - 1; i >= 0 && ++action[i] == nvec[i]; i--) {
        action[i] = 0;
      }
    }
    return probes;
  }

  /** One component too many, one too few (if there is more than one), every component at {@code nvec[i]}, and a −1. */
  @Override
  default List<int[]> actionsOutsideTheSpace() {
    int[] nvec = nvec();
    List<int[]> outside = new ArrayList<>();
    outside.add(new int[nvec.length + 1]);
    if (nvec.length > 1) {
      outside.add(new int[nvec.length - 1]);
    }
    outside.add(nvec.clone());
    int[] negative = new int[nvec.length];
    negative[nvec.length - 1] = -1;
    outside.add(negative);
    return outside;
  }

  /** Only {@link Exploration#NONE}. */
  @Override
  default List<Exploration> explorations() {
    return List.of(Exploration.NONE);
  }

  /** {@link Exploration#NONE}. */
  @Override
  default Exploration mixedExploration() {
    return Exploration.NONE;
  }

  /**
   * {@link TrainablePolicy#computeGradient} refuses uniform, sticky and mixed exploration with {@link
   * IllegalArgumentException}: exploration needs a {@link Categorical} (see {@link Exploration}).
   */
  @Example
  default void computeGradientRefusesAnyExplorationButNone() {
    SplittableRandom rng = new SplittableRandom(3);
    TrainablePolicy<float[], int[]> policy = createPolicy(3);
    RecordedSteps<float[], int[]> steps = TrainablePolicyProperties.record(policy, sample(rng, 3), false);
    for (Exploration exploration : TrainablePolicyContract.EXPLORATIONS) {
      if (!exploration.isNone()) {
        assertThrows(IllegalArgumentException.class,
            () -> policy.computeGradient(steps, Objective.mean(new double[3], 0.0, exploration), null),
            () -> exploration + " for actions of MultiDiscrete(" + Arrays.toString(nvec()) + ")");
      }
    }
  }
}
