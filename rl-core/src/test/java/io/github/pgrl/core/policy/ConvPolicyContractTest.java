package io.github.pgrl.core.policy;

import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicyContract;
import java.util.SplittableRandom;
import net.jqwik.api.Group;

/**
 * {@link ConvPolicy} honours the trainable-policy contract: with two conv layers and a dense layer, with
 * one conv layer straight into the head on a non-square image whose last column no window reaches, and
 * with a kernel as large as the image.
 *
 * <p>The images are small on purpose. The contract's finite differences move a parameter by 10⁻³ in
 * float; a conv weight is shared by every position of its layer, so on a large image some pre-activation
 * sits within that step of a ReLU's kink, and the difference quotient then measures neither side. With
 * at most four positions per filter that stays as rare as for the MLP. The larger configurations (two
 * conv layers on 2×8×8, three on 2×9×9) are checked in {@code ConvPolicyGradientTest}, against a reference
 * in double with a step of 10⁻⁶.
 */
class ConvPolicyContractTest {

  /** The contract for the policies of one builder. */
  private abstract static class Network implements TrainablePolicyContract {
    private final int[] shape;
    private final int actions;

    Network(int channels, int height, int width, int actions) {
      this.shape = new int[] {channels, height, width};
      this.actions = actions;
    }

    abstract ConvPolicy.Builder layers(ConvPolicy.Builder b);

    @Override
    public TrainablePolicy<float[], Integer> createPolicy(long seed) {
      return layers(ConvPolicy.builder(shape[0], shape[1], shape[2], actions)).build(new SplittableRandom(seed));
    }

    @Override
    public int observationLength() {
      return shape[0] * shape[1] * shape[2];
    }

    @Override
    public int actionCount() {
      return actions;
    }
  }

  /** 2×5×5 → 3 filters 3×3 stride 2 (2×2) → 2 filters 2×2 (1×1) → 4 dense → softmax over 3. */
  @Group
  class TwoConvLayersAndADenseLayer extends Network {
    TwoConvLayersAndADenseLayer() {
      super(2, 5, 5, 3);
    }

    @Override
    ConvPolicy.Builder layers(ConvPolicy.Builder b) {
      return b.conv(3, 3, 2).conv(2, 2, 1).hidden(4);
    }
  }

  /** 1×5×6 → 3 filters 3×3 stride 2 (2×2, the last column unseen) → softmax over 2. */
  @Group
  class OneStridedConvLayerIntoTheHead extends Network {
    OneStridedConvLayerIntoTheHead() {
      super(1, 5, 6, 2);
    }

    @Override
    ConvPolicy.Builder layers(ConvPolicy.Builder b) {
      return b.conv(3, 3, 2);
    }
  }

  /** 3×5×5 → 2 filters 5×5 (one position) → 4 dense → 3 dense → softmax over 4. */
  @Group
  class AKernelAsLargeAsTheImage extends Network {
    AKernelAsLargeAsTheImage() {
      super(3, 5, 5, 4);
    }

    @Override
    ConvPolicy.Builder layers(ConvPolicy.Builder b) {
      return b.conv(2, 5, 1).hidden(4, 3);
    }
  }
}
