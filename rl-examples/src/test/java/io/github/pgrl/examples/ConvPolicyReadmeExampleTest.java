package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.policy.ConvPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.envs.pixels.FrameStack;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The README's "Images: the convolutional policy" snippet (between the {@code README:conv-policy}
 * markers, which {@link ReadmeSnippetsTest} reads) compiles and trains.
 */
class ConvPolicyReadmeExampleTest {

  @Test
  void theConvPolicySnippetTrainsOnStackedPongFrames() {
    // README:conv-policy:start
    PongConfig game = PongConfig.builder().twoActions(true).pointsToWin(3).build();
    Environment<float[], Integer> env = FrameStack.of(PongEnvironment.binary(game, 2), 2); // a Box [2, 80, 80]
    ConvPolicy policy = ConvPolicy.builder(env.observationSpace(), 2) // the image shape from the Box
        .conv(16, 8, 4)                                   // 16 filters 8×8, stride 4: 19×19
        .conv(32, 4, 2)                                   // 32 filters 4×4, stride 2: 8×8
        .hidden(256)
        .build(new SplittableRandom(1));                  // the generator of the initial weights
    ReinforceConfig config = ReinforceConfig.classicPongFromPixels().seed(1).build(); // MLP fields unused
    try (Reinforce<ConvPolicy> trainer = Reinforce.create(env, policy, config)) {
      trainer.train(Budget.episodes(20));
    }
    // README:conv-policy:end
    ConvPolicy untrained = ConvPolicy.builder(env.observationSpace(), 2).conv(16, 8, 4).conv(32, 4, 2).hidden(256)
        .build(new SplittableRandom(1));
    assertFalse(Arrays.equals(untrained.parameters(), policy.parameters()), "20 episodes changed the parameters");
  }
}
