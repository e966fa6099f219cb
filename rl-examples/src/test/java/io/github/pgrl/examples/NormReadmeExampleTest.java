package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.normalize.ObservationNormalizer;
import io.github.pgrl.core.normalize.RewardNormalizer;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.core.vector.VectorStep;
import io.github.pgrl.core.wrappers.NormalizeObservation;
import io.github.pgrl.envs.cartpole.CartPole;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The README's normalisation snippet (region {@code README:normalisation}), compiled and run: a rollout of
 * 8 CartPole copies × 32 steps with normalised observations and rewards, the statistics in a checkpoint,
 * and an evaluation environment that normalises as trained.
 */
class NormReadmeExampleTest {

  @Test
  void theNormalisationSnippetNormalisesARolloutAndEvaluatesWithTheStoredStatistics() {
    // README:normalisation:start
    VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(CartPole::v1, 8);
    ObservationNormalizer observations = ObservationNormalizer.of(4);   // clip ±10, as SB3's VecNormalize
    RewardNormalizer rewards = RewardNormalizer.of(8, 0.99);             // 8 copies, the trainer's γ
    double[][] reward = new double[8][32];                               // [copy][step]
    boolean[][] done = new boolean[8][32];
    float[][] obs = envs.reset(1).toArray(float[][]::new);
    for (int t = 0; t < 32; t++) {
      observations.update(obs, 8);                                       // update, then normalise (SB3's order)
      List<Integer> actions = IntStream.range(0, 8)                      // the policy sees normalised observations;
          .mapToObj(c -> observations.normalize(obs[c])[2] > 0 ? 1 : 0)  // this one pushes towards the pole's lean
          .toList();
      VectorStep<float[]> step = envs.step(actions);
      for (int c = 0; c < 8; c++) {
        obs[c] = step.observations().get(c);
        reward[c][t] = step.rewards()[c];
        done[c][t] = step.done(c);                                       // terminated or truncated
      }
    }
    rewards.normalize(reward, done);                                     // the whole rollout, in place
    CheckpointFile checkpoint = new CheckpointFile();                    // the statistics go with the policy
    observations.writeState(checkpoint, "obs.");
    rewards.writeState(checkpoint, "reward.");

    ObservationNormalizer trained = ObservationNormalizer.of(4);         // evaluation: as trained, frozen
    trained.readState(checkpoint, "obs.");
    Environment<float[], Integer> evaluation = NormalizeObservation.of(CartPole.v1(), trained);
    // README:normalisation:end
    assertEquals(8 * 32 + 1e-4, observations.statistics().count(), 1e-9);
    for (double[] row : reward) {
      for (double r : row) {
        assertTrue(r > 0 && r <= 10, "a normalised CartPole reward " + r);
      }
    }
    float[] raw = CartPole.v1().reset(5);
    assertArrayEquals(observations.normalize(raw), evaluation.reset(5));
    assertTrue(evaluation.observationSpace().contains(evaluation.reset(6)));
  }
}
