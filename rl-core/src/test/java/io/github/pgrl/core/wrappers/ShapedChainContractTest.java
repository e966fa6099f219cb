package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.RewardShaper;

/**
 * {@link ShapeReward} over the chain, with a shaper that reads the previous observation (a {@code Discrete}
 * state), keeps the environment contract, its {@code Restorable} properties included: the previous
 * observation is part of the wrapper's state.
 */
class ShapedChainContractTest implements EnvironmentContract<Integer, Integer> {

  /** The raw reward plus a quarter of the state the step left. */
  static final RewardShaper<Integer, Integer> LEFT_STATE = (before, action, step) -> step.reward() + 0.25 * before;

  @Override
  public Environment<Integer, Integer> createEnvironment() {
    return ShapeReward.of(new Chain(6), LEFT_STATE);
  }
}
