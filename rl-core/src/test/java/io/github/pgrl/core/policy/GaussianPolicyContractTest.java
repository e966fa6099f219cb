package io.github.pgrl.core.policy;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicyProperties;
import io.github.pgrl.core.space.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Group;

/**
 * {@link GaussianPolicy} honours the trainable-policy contract with a log-std vector and a log-std head,
 * squashed and unbounded, in one and two dimensions, with and without hidden layers and biases, and on
 * both compute paths.
 */
class GaussianPolicyContractTest {

  /**
   * The contract for the policies of one builder, on one compute path, with actions of its box.
   *
   * <p>The contract draws actions independently of the policy, and perturbs every parameter by N(0, 0.5²),
   * log stds included. An action many σ from the mean makes log π large (½z²) and its float32 finite
   * differences noisy beyond the contract's tolerance (for z ≈ 15, about 0.004), so the unbounded
   * policies start from log stds of 0.5 and 1: σ stays near 1 and z within a few units.
   * GaussianPolicyGradientTest checks small σ with actions sampled from the policy.
   */
  private abstract static class Network implements TrainablePolicyProperties<float[]> {
    private final GaussianPolicy.Builder builder;
    private final int inputs;
    private final Box box;
    private final boolean squash;
    private final ComputePath path;

    Network(int inputs, Box box, boolean squash, ComputePath path) {
      this.builder = GaussianPolicy.builder(inputs, box).squash(squash);
      this.inputs = inputs;
      this.box = box;
      this.squash = squash;
      this.path = path;
      shape(builder);
    }

    abstract void shape(GaussianPolicy.Builder b);

    @Override
    public TrainablePolicy<float[], float[]> createPolicy(long seed) {
      GaussianPolicy policy = builder.build(new SplittableRandom(seed));
      policy.computePath(path);
      return policy;
    }

    @Override
    public int observationLength() {
      return inputs;
    }

    /**
     * Squashed: uniform in the inner 90 % of the box (log μ grows without bound at its edges). Unbounded:
     * uniform in the box widened by half a unit on each side, since samples leave the box.
     */
    @Override
    public float[] randomAction(SplittableRandom rng) {
      float[] a = new float[box.size()];
      for (int i = 0; i < a.length; i++) {
        double low = box.low()[i];
        double width = box.high()[i] - low;
        a[i] = (float) (squash ? low + width * rng.nextDouble(0.05, 0.95) : rng.nextDouble(low - 0.5, low + width + 0.5));
      }
      return a;
    }

    /** Three points across the box and, unbounded, one beyond its upper bound. */
    @Override
    public List<float[]> probeActions() {
      List<float[]> probes = new ArrayList<>();
      for (double f : squash ? new double[] {0.1, 0.5, 0.8} : new double[] {0.1, 0.5, 0.8, 1.5}) {
        float[] a = new float[box.size()];
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) (box.low()[i] + f * (box.high()[i] - box.low()[i]));
        }
        probes.add(a);
      }
      return probes;
    }

    /** Only {@link Exploration#NONE}: uniform and sticky exploration need a finite set of actions. */
    @Override
    public List<Exploration> explorations() {
      return List.of(Exploration.NONE);
    }

    @Override
    public Exploration mixedExploration() {
      return Exploration.NONE;
    }

    /** One value too many, a NaN, an infinity and, squashed, a value above the box. */
    @Override
    public List<float[]> actionsOutsideTheSpace() {
      int d = box.size();
      float[] nan = box.low().clone();
      nan[d - 1] = Float.NaN;
      float[] infinite = box.low().clone();
      infinite[0] = Float.POSITIVE_INFINITY;
      List<float[]> bad = new ArrayList<>(List.of(new float[d + 1], nan, infinite));
      if (squash) {
        float[] above = box.high().clone();
        above[0] = Math.nextUp(above[0]);
        bad.add(above);
      }
      return bad;
    }
  }

  /** Pendulum's shape: a log-std vector, unbounded, after two tanh layers with biases (the defaults). */
  @Group
  class VectorUnboundedAfterTwoTanhLayers extends Network {
    VectorUnboundedAfterTwoTanhLayers() {
      super(3, Box.of(-2f, 2f, 1), false, ComputePath.AUTO);
    }

    @Override
    void shape(GaussianPolicy.Builder b) {
      b.hidden(6, 4).initialLogStd(0.5);
    }
  }

  /** A log-std head, squashed into a box of two unequal coordinates, after a ReLU layer without biases. */
  @Group
  class HeadSquashedInTwoDimensionsAfterAReluLayerWithoutBiases extends Network {
    HeadSquashedInTwoDimensionsAfterAReluLayerWithoutBiases() {
      super(4, Box.of(new float[] {-1f, -2f}, new float[] {1f, 3f}), true, ComputePath.AUTO);
    }

    @Override
    void shape(GaussianPolicy.Builder b) {
      b.hidden(5).activation(Activation.RELU).bias(false).logStd(LogStd.HEAD);
    }
  }

  /** A linear policy with a log-std vector, squashed, without biases. */
  @Group
  class LinearVectorSquashedWithoutBiases extends Network {
    LinearVectorSquashedWithoutBiases() {
      super(2, Box.of(new float[] {-1f, 0f}, new float[] {1f, 0.5f}), true, ComputePath.AUTO);
    }

    @Override
    void shape(GaussianPolicy.Builder b) {
      b.hidden().bias(false);
    }
  }

  /** A log-std head, unbounded, with biases starting at a log std of 1, on ND4J's dense path. */
  @Group
  class HeadUnboundedOnTheNd4jPath extends Network {
    HeadUnboundedOnTheNd4jPath() {
      super(5, Box.of(-1f, 1f, 2), false, ComputePath.DENSE_ND4J);
    }

    @Override
    void shape(GaussianPolicy.Builder b) {
      b.hidden(6).logStd(LogStd.HEAD).initialLogStd(1.0);
    }
  }
}
