package io.github.pgrl.examples;

import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicyContract;
import java.util.SplittableRandom;
import net.jqwik.api.Group;

/** The README's {@link LinearSoftmaxPolicy} honours the trainable-policy contract, for CartPole and wider. */
class LinearSoftmaxPolicyContractTest {

  /** A policy whose parameters are drawn from the seed (a new one starts at 0, the uniform policy). */
  static LinearSoftmaxPolicy withRandomParameters(int inputs, int actions, long seed) {
    LinearSoftmaxPolicy policy = new LinearSoftmaxPolicy(inputs, actions);
    SplittableRandom rng = new SplittableRandom(seed);
    float[] theta = new float[policy.parameterCount()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) rng.nextGaussian();
    }
    policy.setParameters(theta);
    return policy;
  }

  /** CartPole's shape: 4 values, 2 actions. */
  @Group
  class FourInputsTwoActions implements TrainablePolicyContract {
    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      return withRandomParameters(4, 2, seed);
    }

    @Override
    public int observationLength() {
      return 4;
    }

    @Override
    public int actionCount() {
      return 2;
    }
  }

  /** More actions than two, where the softmax is not a sigmoid. */
  @Group
  class SevenInputsFiveActions implements TrainablePolicyContract {
    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      return withRandomParameters(7, 5, seed);
    }

    @Override
    public int observationLength() {
      return 7;
    }

    @Override
    public int actionCount() {
      return 5;
    }
  }
}
