package io.github.pgrl.core;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The contract every {@link TrainablePolicy} over {@code float[]} observations and {@code Integer}
 * actions (those of a {@code Discrete(n)} space) must honour, as jqwik properties that a policy's test
 * class inherits by implementing this interface, {@link #createPolicy(long)}, {@link
 * #observationLength()} and {@link #actionCount()}.
 *
 * <p>It is shared through the {@code rl-core} test-jar, like {@link EnvironmentContract}, so that a policy
 * of your own is tested as pgrl's {@code MlpPolicy} is:
 *
 * <pre>{@code
 * class MyPolicyContractTest implements TrainablePolicyContract {
 *   @Override
 *   public TrainablePolicy<float[], Integer> createPolicy(long seed) {
 *     return new MyPolicy(4, 2, new SplittableRandom(seed)); // 4 inputs, 2 actions
 *   }
 *
 *   @Override
 *   public int observationLength() {
 *     return 4;
 *   }
 *
 *   @Override
 *   public int actionCount() {
 *     return 2;
 *   }
 * }
 * }</pre>
 *
 * <p>The properties are those of {@link TrainablePolicyProperties}, with the actions {@code 0 … n − 1}
 * (every one of them compared in a snapshot of a distribution), the actions {@code n} and {@code −1}
 * outside the space, and the explorations of {@link #EXPLORATIONS}; it says how finite differences are
 * checked.
 *
 * @since 0.1.0
 */
public interface TrainablePolicyContract extends TrainablePolicyProperties<Integer> {

  /** The explorations the gradient is checked with: none, uniform and sticky mixed, and sticky alone. */
  List<Exploration> EXPLORATIONS = List.of(Exploration.NONE, new Exploration(0.1, 0.2), Exploration.sticky(0.5));

  /**
   * The number of actions {@code n}: the actions are {@code 0 … n − 1}.
   *
   * @return n, at least 2
   */
  int actionCount();

  /** A uniform action in {@code 0 … n − 1}. */
  @Override
  default Integer randomAction(SplittableRandom rng) {
    return rng.nextInt(actionCount());
  }

  /** Every action, {@code 0 … n − 1}. */
  @Override
  default List<Integer> probeActions() {
    return IntStream.range(0, actionCount()).boxed().toList();
  }

  /** {@code n} and {@code −1}. */
  @Override
  default List<Integer> actionsOutsideTheSpace() {
    return List.of(actionCount(), -1);
  }

  /** {@link #EXPLORATIONS}. */
  @Override
  default List<Exploration> explorations() {
    return EXPLORATIONS;
  }

  /** Uniform and sticky exploration mixed: ε = 0.1, ρ = 0.2. */
  @Override
  default Exploration mixedExploration() {
    return EXPLORATIONS.get(1);
  }
}
