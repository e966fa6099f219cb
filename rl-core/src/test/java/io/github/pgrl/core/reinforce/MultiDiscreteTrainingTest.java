package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.Switches;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.MultiDiscretePolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.space.MultiDiscrete;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REINFORCE trains a {@link MultiDiscretePolicy} on {@link Switches}, resumes it to the same bits, and
 * refuses a policy whose {@code nvec} is not the environment's.
 */
class MultiDiscreteTrainingTest {

  private static final ReinforceConfig CONFIG =
      ReinforceConfig.builder().seed(5).batchEpisodes(16).optimizer(OptimizerConfig.Adam.of(0.02)).build();

  private static MultiDiscretePolicy policy(int... nvec) {
    return MultiDiscretePolicy.builder(Switches.CONTEXTS, MultiDiscrete.of(nvec)).hidden(16).build(new SplittableRandom(1));
  }

  @Test
  void reinforceLearnsTheRightPositionOfEverySwitchInEveryContext() {
    Switches env = new Switches(3, 2, 4);
    MultiDiscretePolicy policy = policy(3, 2, 4);
    try (Reinforce<MultiDiscretePolicy> trainer = Reinforce.create(env, policy, CONFIG)) {
      trainer.train(Budget.updates(80));
      // a random policy scores 5·(1/3 + 1/2 + 1/4)/3 ≈ 1.8 per episode, a perfect one 5
      assertTrue(trainer.runningScore() > 4.5, "running score " + trainer.runningScore());
    }
    for (int c = 0; c < Switches.CONTEXTS; c++) {
      assertArrayEquals(env.right(c), policy.distribution(Switches.observation(c)).mode(),
          "the most probable positions in context " + c + ": " + policy.distribution(Switches.observation(c)));
    }
  }

  @Test
  void itResumesToTheBitsOfARunThatNeverStopped(@TempDir Path dir) {
    Path file = dir.resolve("switches.pgrl");
    MultiDiscretePolicy straight = policy(3, 2, 4);
    try (Reinforce<MultiDiscretePolicy> r = Reinforce.create(Switches::new, straight, CONFIG, 2)) {
      r.train(Budget.updates(6));
    }
    MultiDiscretePolicy first = policy(3, 2, 4);
    try (Reinforce<MultiDiscretePolicy> r = Reinforce.create(new Switches(), first, CONFIG)) {
      r.train(Budget.updates(3));
      r.save(file);
    }
    MultiDiscretePolicy resumed = policy(3, 2, 4);
    try (Reinforce<MultiDiscretePolicy> r = Reinforce.resume(file, new Switches(), resumed, CONFIG)) {
      r.train(Budget.updates(3));
    }
    assertArrayEquals(straight.parameters(), resumed.parameters(), "three updates, saved, three more: as six on two threads");
    MultiDiscretePolicy relu = MultiDiscretePolicy.builder(Switches.CONTEXTS, MultiDiscrete.of(3, 2, 4)).hidden(16)
        .activation(Activation.RELU).build(new SplittableRandom(1));
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Reinforce.resume(file, new Switches(), relu, CONFIG));
    assertTrue(e.getMessage().contains("the checkpoint holds a policy whose activation is TANH, this one's is RELU"),
        e.getMessage());
  }

  @Test
  void aPolicyOfAnotherNvecIsRefusedAtCreationNamingBoth() {
    for (int[] nvec : new int[][] {{2, 2, 4}, {3, 3, 4}, {3, 2}, {3, 2, 4, 2}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Reinforce.create(new Switches(3, 2, 4), policy(nvec), CONFIG));

      assertEquals("the policy " + policy(nvec) + " chooses among nvec = " + Arrays.toString(nvec) + "; the environment"
          + " Switches[3, 2, 4] has the action space MultiDiscrete([3, 2, 4])", e.getMessage());
    }
  }

  @Test
  void explorationIsRefusedForSeveralChoicesAtOnce() {
    ReinforceConfig exploring = CONFIG.toBuilder().exploration(Exploration.sticky(0.25)).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(new Switches(), policy(3, 2, 4), exploring));

    assertTrue(e.getMessage().contains("use Exploration.NONE"), e.getMessage());
  }
}
