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

  /** The contract for the MLPs of one builder, on one compute path. */
  private abstract class Network implements TrainablePolicyContract {
    private final MlpPolicy.Builder builder;
    private final int inputs;
    private final int actions;
    private final ComputePath path;

    Network(int inputs, int actions, ComputePath path) {
      this.builder = MlpPolicy.builder(inputs, actions);
      this.inputs = inputs;
      this.actions = actions;
      this.path = path;
      shape(builder);
    }

    abstract void shape(MlpPolicy.Builder b);

    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      MlpPolicy policy = builder.build(new SplittableRandom(seed));
      policy.computePath(path);
      return policy;
    }

    @Override
    public int observationLength() {
      return inputs;
    }

    @Override
    public int actionCount() {
      return actions;
    }
  }

  /** Softmax over 3 actions after two tanh layers, with biases: the kind of network REINFORCE builds. */
  @Group
  class SoftmaxAfterTwoTanhLayers extends Network {
    SoftmaxAfterTwoTanhLayers() {
      super(5, 3, ComputePath.AUTO);
    }

    @Override
    void shape(MlpPolicy.Builder b) {
      b.hidden(6, 4);
    }
  }

  /** A Bernoulli head after a ReLU layer, without biases: the classic Pong network, small. */
  @Group
  class BernoulliAfterAReluLayerWithoutBiases extends Network {
    BernoulliAfterAReluLayerWithoutBiases() {
      super(6, 2, ComputePath.AUTO);
    }

    @Override
    void shape(MlpPolicy.Builder b) {
      b.hidden(8).activation(Activation.RELU).head(Head.BERNOULLI).bias(false);
    }
  }

  /** A linear softmax policy over 4 actions, with biases. */
  @Group
  class LinearSoftmax extends Network {
    LinearSoftmax() {
      super(4, 4, ComputePath.AUTO);
    }

    @Override
    void shape(MlpPolicy.Builder b) {
      b.hidden();
    }
  }

  /** A linear Bernoulli policy without biases, on a single input. */
  @Group
  class LinearBernoulliWithoutBiasesOnOneInput extends Network {
    LinearBernoulliWithoutBiasesOnOneInput() {
      super(1, 2, ComputePath.AUTO);
    }

    @Override
    void shape(MlpPolicy.Builder b) {
      b.hidden().head(Head.BERNOULLI).bias(false);
    }
  }

  /** Softmax after a tanh layer on ND4J's dense path. */
  @Group
  class SoftmaxOnTheNd4jPath extends Network {
    SoftmaxOnTheNd4jPath() {
      super(5, 3, ComputePath.DENSE_ND4J);
    }

    @Override
    void shape(MlpPolicy.Builder b) {
      b.hidden(6).activation(Activation.TANH);
    }
  }
}
