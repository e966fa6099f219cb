package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.MultiCategorical;
import io.github.pgrl.core.Switches;
import io.github.pgrl.core.policy.MultiDiscretePolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's "Several discrete choices at once" snippet compiles, runs and learns. */
class MultiDiscreteReadmeExampleTest {

  @Test
  void aMultiDiscretePolicyLearnsToSetThreeSwitchesAtOnce() {
    // README:multidiscrete:start
    Environment<float[], int[]> env = new Switches(3, 2, 4);   // set 3 switches of 3, 2 and 4 positions at once
    MultiDiscrete actions = (MultiDiscrete) env.actionSpace();   // MultiDiscrete([3, 2, 4])
    MultiDiscretePolicy policy = MultiDiscretePolicy.builder(4, actions)
        .hidden(16)                                            // 4 -> 16 tanh -> softmaxes over 3, 2 and 4
        .build(new SplittableRandom(1));
    ReinforceConfig config = ReinforceConfig.builder()
        .seed(5)
        .batchEpisodes(16)
        .optimizer(OptimizerConfig.Adam.of(0.02))
        .build();                                              // exploration stays Exploration.NONE
    try (Reinforce<MultiDiscretePolicy> trainer = Reinforce.create(env, policy, config)) {
      trainer.train(Budget.updates(80));
    }
    MultiCategorical pi = policy.distribution(Switches.observation(1)); // one Categorical per switch
    int[] positions = pi.mode();                                        // the most probable position of each
    // README:multidiscrete:end
    assertArrayEquals(((Switches) env).right(1), positions, "the right positions in context 1: " + pi);
  }
}
