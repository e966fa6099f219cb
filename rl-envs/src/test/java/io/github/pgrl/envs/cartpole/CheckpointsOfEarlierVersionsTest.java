package io.github.pgrl.envs.cartpole;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.BaselineKind;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceCheckpoint;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written at 3edb90a, before the trainable-policy contract, (see {@code src/test/resources/checkpoints/README.md}) load, play and
 * resume: a resumed run continues to the state that version reached by training on — the same episodes,
 * steps, counters and running score, and the same parameters and optimizer state within float rounding.
 * Until tanh became a float32 rational function ({@code core.internal.Tanh}) they were the same bits; the
 * fixture's network is a tanh one, and after 3 updates its values differ from 3edb90a's by at most
 * 8.9·10⁻⁸ of each array's largest magnitude.
 */
class CheckpointsOfEarlierVersionsTest {

  /** The configuration the fixtures were written with. */
  private static final ReinforceConfig CONFIG = ReinforceConfig.builder().seed(5).hidden(16)
      .baseline(BaselineKind.VALUE_FUNCTION).batchEpisodes(3).exploration(new Exploration(0.05, 0.1))
      .entropyCoefficient(0.01).build();

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(CheckpointsOfEarlierVersionsTest.class.getResource("/checkpoints/" + name).toURI());
  }

  @Test
  void aRunSavedAt3edb90aResumesToWhatThatVersionTrainedOnTo(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("resumed.ckpt");
    try (Reinforce<MlpPolicy> r = Reinforce.resume(fixture("reinforce-3edb90a-cartpole-update5.ckpt"), CartPole::v1, CONFIG, 2)) {
      assertEquals(5, r.updates());
      r.train(Budget.updates(3));
      r.save(saved);
    }
    CheckpointFile expected = CheckpointFile.read(fixture("reinforce-3edb90a-cartpole-update8.ckpt"));
    CheckpointFile actual = CheckpointFile.read(saved);
    Set<String> added = new TreeSet<>(actual.names());
    added.removeAll(expected.names());
    assertEquals(Set.of("action.space", "policy.class", "policy.hidden", "policy.activation", "policy.head",
        "policy.bias"), added, "the entries since 3edb90a: the action space, the policy's class and the MLP's"
        + " architecture, equal to the configuration's here");
    assertEquals("Discrete(2)", actual.getString("action.space"));
    assertEquals(MlpPolicy.class.getName(), actual.getString("policy.class"));
    for (String field : List.of("hidden", "activation", "head", "bias")) {
      assertEquals(expected.getString("config." + field), actual.getString("policy." + field), field);
    }
    assertTrue(actual.names().containsAll(expected.names()), "every entry of 3edb90a is still written");
    for (String name : expected.names()) {
      if (name.startsWith("config.") || name.equals("kind")) {
        assertEquals(expected.getString(name), actual.getString(name), name);
      } else if (name.endsWith("parameters") || name.endsWith("optimizer")) {
        assertWithinRounding(expected.floats(name), actual.floats(name), name);
      } else if (name.startsWith("counters.") || name.endsWith(".steps") || name.endsWith(".size") || name.equals("actions")) {
        assertEquals(expected.getLong(name), actual.getLong(name), name);
      } else if (name.equals("runningScore") || name.startsWith("baseline.")) {
        assertEquals(expected.getDouble(name), actual.getDouble(name), 0.0, name);
      } else {
        throw new AssertionError("an entry this test does not know: " + name);
      }
    }
  }

  /**
   * Equal but for float rounding: each value within 10⁻⁵ of the largest magnitude in the array (measured:
   * at most 8.9·10⁻⁸ of it, in the policy's Adam moments; 5.9·10⁻⁹ in its parameters).
   */
  private static void assertWithinRounding(float[] expected, float[] actual, String name) {
    assertEquals(expected.length, actual.length, name + ": the number of values");
    float scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5 * scale, name + "[" + i + "]");
    }
  }

  @Test
  void thePolicyOfA3edb90aCheckpointLoadsAndPlays() throws Exception {
    MlpPolicy policy = ReinforceCheckpoint.loadPolicy(fixture("reinforce-3edb90a-cartpole-update8.ckpt"));
    assertArrayEquals(CheckpointFile.read(fixture("reinforce-3edb90a-cartpole-update8.ckpt")).floats("policy.parameters"),
        policy.parameters());
    try (CartPole env = CartPole.v1()) {
      EvaluationResult result = PolicyEvaluation.evaluate(policy.greedy(), env, 5, 1);
      assertEquals(5, result.episodes());
      assertTrue(result.mean() >= 8 && result.mean() <= 500, "a CartPole return: " + result.mean());
    }
  }
}
