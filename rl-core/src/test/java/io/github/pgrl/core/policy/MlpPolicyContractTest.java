package io.github.pgrl.core.policy;

import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicyContract;
import java.util.SplittableRandom;
import net.jqwik.api.Group;

/**
 * {@link MlpPolicy} honours the trainable-policy contract with either head, with and without hidden layers
 * and biases, and on both compute paths.
 */
class MlpPolicyContractTest {

  /** Softmax over 3 actions after two tanh layers, with biases: the kind of network REINFORCE builds. */
  @Group
  class SoftmaxAfterTwoTanhLayers implements TrainablePolicyContract {
    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      return MlpPolicy.builder(5, 3).hidden(6, 4).build(new SplittableRandom(seed));
    }

    @Override
    public int observationLength() {
      return 5;
    }

    @Override
    public int actionCount() {
      return 3;
    }
  }

  /** A Bernoulli head after a ReLU layer, without biases: the classic Pong network, small. */
  @Group
  class BernoulliAfterAReluLayerWithoutBiases implements TrainablePolicyContract {
    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      return MlpPolicy.builder(6, 2).hidden(8).activation(Activation.RELU).head(Head.BERNOULLI).bias(false)
          .build(new SplittableRandom(seed));
    }

    @Override
    public int observationLength() {
      return 6;
    }

    @Override
    public int actionCount() {
      return 2;
    }
  }

  /** A linear softmax policy over 4 actions, with biases. */
  @Group
  class LinearSoftmax implements TrainablePolicyContract {
    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      return MlpPolicy.builder(4, 4).hidden().build(new SplittableRandom(seed));
    }

    @Override
    public int observationLength() {
      return 4;
    }

    @Override
    public int actionCount() {
      return 4;
    }
  }

  /** A linear Bernoulli policy without biases, on a single input. */
  @Group
  class LinearBernoulliWithoutBiasesOnOneInput implements TrainablePolicyContract {
    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      return MlpPolicy.builder(1, 2).hidden().head(Head.BERNOULLI).bias(false).build(new SplittableRandom(seed));
    }

    @Override
    public int observationLength() {
      return 1;
    }

    @Override
    public int actionCount() {
      return 2;
    }
  }

  /** Softmax after a tanh layer on ND4J's dense path. */
  @Group
  class SoftmaxOnTheNd4jPath implements TrainablePolicyContract {
    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      MlpPolicy policy = MlpPolicy.builder(5, 3).hidden(6).activation(Activation.TANH).build(new SplittableRandom(seed));
      policy.computePath(ComputePath.DENSE_ND4J);
      return policy;
    }

    @Override
    public int observationLength() {
      return 5;
    }

    @Override
    public int actionCount() {
      return 3;
    }
  }
}
