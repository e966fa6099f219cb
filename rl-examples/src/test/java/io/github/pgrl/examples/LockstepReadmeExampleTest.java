package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.policy.ConvPolicy;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.core.vector.VectorStep;
import io.github.pgrl.envs.pixels.FrameStack;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The README snippet "copies in lockstep, one batched pass" (for "Your own training loop"): eight copies of
 * Pong on stacked frames, each lockstep step observed with {@code observeAll}, which the convolutional
 * policy computes as one batched forward pass. The body of the test method is the snippet, between the
 * {@code README:lockstep} markers.
 */
class LockstepReadmeExampleTest {

  @Test
  void eightCopiesActWithOneBatchedPassPerStep() {
    // README:lockstep:start
    ConvPolicy policy = ConvPolicy.builder(2, 80, 80, 2).conv(16, 8, 4).conv(32, 4, 2).hidden(256)
        .build(new SplittableRandom(1)); // two stacked 80×80 frames, two actions
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    PongConfig game = PongConfig.builder().twoActions(true).reuseObservation(false).build();
    try (VectorEnvironment<float[], Integer> envs =
        VectorEnvironment.of(() -> FrameStack.of(PongEnvironment.binary(game, 2), 2, false), 8)) {
      policy.requireFits(envs.observationSpace());
      SplittableRandom[] rngs = new SplittableRandom[8]; // one generator per copy
      for (int i = 0; i < 8; i++) {
        rngs[i] = new SplittableRandom(100 + i);
      }
      List<Integer> previous = new ArrayList<>(Collections.nCopies(8, null)); // null: an episode's first step
      List<float[]> observations = envs.reset(1);
      for (int t = 0; t < 32; t++) {
        // stages every copy's observation, asks for its action, completes its step: one batched pass
        List<Integer> actions = policy.observeAll(observations, null, previous, steps,
            (copy, pi) -> pi.sample(rngs[copy]));
        VectorStep<float[]> step = envs.step(actions);
        for (int i = 0; i < 8; i++) {
          previous.set(i, step.done(i) ? null : actions.get(i));
        }
        observations = step.observations();
      }
    }
    // steps holds 8 × 32 steps, copy after copy, for policy.computeGradient(steps, objective, null)
    // README:lockstep:end
    assertEquals(8 * 32, steps.size());
  }
}
