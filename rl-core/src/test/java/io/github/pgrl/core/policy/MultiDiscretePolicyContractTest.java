package io.github.pgrl.core.policy;

import io.github.pgrl.core.MultiDiscretePolicyContract;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.SplittableRandom;
import net.jqwik.api.Group;

/**
 * {@link MultiDiscretePolicy} honours the trainable-policy contract for several action spaces, with and
 * without hidden layers and biases, and on both compute paths.
 */
class MultiDiscretePolicyContractTest {

  /** The contract for the policies of one builder, on one compute path. */
  private abstract class Network implements MultiDiscretePolicyContract {
    private final MultiDiscretePolicy.Builder builder;
    private final int inputs;
    private final int[] nvec;
    private final ComputePath path;

    Network(int inputs, int[] nvec, ComputePath path) {
      this.builder = MultiDiscretePolicy.builder(inputs, MultiDiscrete.of(nvec));
      this.inputs = inputs;
      this.nvec = nvec;
      this.path = path;
      shape(builder);
    }

    abstract void shape(MultiDiscretePolicy.Builder b);

    @Override
    public TrainablePolicy<float[], int[]> createPolicy(long seed) {
      MultiDiscretePolicy policy = builder.build(new SplittableRandom(seed));
      policy.computePath(path);
      return policy;
    }

    @Override
    public int observationLength() {
      return inputs;
    }

    @Override
    public int[] nvec() {
      return nvec.clone();
    }
  }

  /** Three components of 3, 2 and 4 choices after two tanh layers, with biases. */
  @Group
  class ThreeComponentsAfterTwoTanhLayers extends Network {
    ThreeComponentsAfterTwoTanhLayers() {
      super(5, new int[] {3, 2, 4}, ComputePath.AUTO);
    }

    @Override
    void shape(MultiDiscretePolicy.Builder b) {
      b.hidden(6, 4);
    }
  }

  /** Two components after a ReLU layer, without biases. */
  @Group
  class TwoComponentsAfterAReluLayerWithoutBiases extends Network {
    TwoComponentsAfterAReluLayerWithoutBiases() {
      super(6, new int[] {2, 5}, ComputePath.AUTO);
    }

    @Override
    void shape(MultiDiscretePolicy.Builder b) {
      b.hidden(8).activation(Activation.RELU).bias(false);
    }
  }

  /** A linear policy whose middle component has a single choice. */
  @Group
  class LinearWithAOneChoiceComponent extends Network {
    LinearWithAOneChoiceComponent() {
      super(4, new int[] {3, 1, 2}, ComputePath.AUTO);
    }

    @Override
    void shape(MultiDiscretePolicy.Builder b) {
      b.hidden();
    }
  }

  /** Many components (more actions than a snapshot enumerates) on a single input. */
  @Group
  class ManyComponentsOnOneInput extends Network {
    ManyComponentsOnOneInput() {
      super(1, new int[] {2, 3, 2, 3, 2, 3, 2}, ComputePath.AUTO);
    }

    @Override
    void shape(MultiDiscretePolicy.Builder b) {
      b.hidden(3);
    }
  }

  /** Two components after a tanh layer on ND4J's dense path. */
  @Group
  class TwoComponentsOnTheNd4jPath extends Network {
    TwoComponentsOnTheNd4jPath() {
      super(5, new int[] {3, 3}, ComputePath.DENSE_ND4J);
    }

    @Override
    void shape(MultiDiscretePolicy.Builder b) {
      b.hidden(6);
    }
  }
}
