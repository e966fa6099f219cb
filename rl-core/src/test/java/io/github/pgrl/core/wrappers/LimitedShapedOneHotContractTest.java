package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.RewardShaper;

/**
 * A time limit around shaped rewards around one-hot states of the chain keeps the environment contract, its
 * {@code Restorable} properties included: each wrapper writes its own state (the step count, the previous
 * observation, the hot index) and the chain's under {@code inner.}.
 */
class LimitedShapedOneHotContractTest implements EnvironmentContract<float[], Integer> {

  /** The raw reward plus a tenth of the index that was hot before the step. */
  static final RewardShaper<float[], Integer> LEFT_INDEX = (before, action, step) -> {
    int hot = 0;
    while (before[hot] == 0f) {
      hot++;
    }
    return step.reward() + 0.1 * hot;
  };

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return TimeLimit.of(ShapeReward.of(OneHot.of(new Chain(6)), LEFT_INDEX), 7);
  }
}
