package io.github.pgrl.examples;

import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shared-network}: one network for the policy and the critic, from the command line. */
class SharedNetworkCommandTest {

  private static Properties properties(Path dir) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(dir.resolve("run.properties"))));
    return p;
  }

  @Test
  void aSharedRunStoresItsConfigurationResumesAndEvaluates(@TempDir Path dir) throws Exception {
    CliRun.Result train = run("train", "--env", "CartPole-v1", "--algo", "ppo", "--shared-network", "--steps", "512",
        "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    assertTrue((train.out() + train.err()).contains(", shared network"), train.out() + train.err());
    Properties props = properties(dir);
    assertEquals("true", props.getProperty("config.sharedNetwork"));
    assertEquals("0.5", props.getProperty("config.valueCoefficient"));
    CheckpointFile cp = CheckpointFile.read(dir.resolve("checkpoint.pgrl"));
    assertEquals("true", cp.getString("policy.valueOutput"));
    assertFalse(cp.has("value.parameters"), "no separate critic");

    // the stored configuration brings the shared network back without the option
    CliRun.Result resumed = run("train", "--resume", "--out", dir.toString(), "--steps", "512");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(1024, CheckpointFile.read(dir.resolve("checkpoint.pgrl")).getLong("counters.steps"));
    CliRun.Result eval = run("eval", "--checkpoint", dir.toString(), "--episodes", "2");
    assertEquals(0, eval.code(), eval.err());
  }

  @Test
  void pongTrainsASharedNetworkResumesAndPlays(@TempDir Path dir) throws Exception {
    CliRun.Result train = run("pong", "train", "--algo", "ppo", "--shared-network", "--steps", "512", "--envs", "2",
        "--rollout", "256", "--hidden", "8", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    assertEquals("true", properties(dir).getProperty("config.sharedNetwork"));
    assertEquals("true", CheckpointFile.read(dir.resolve("checkpoint.pgrl")).getString("policy.valueOutput"));
    CliRun.Result eval = run("pong", "eval", "--checkpoint", dir.toString(), "--games", "1");
    assertEquals(0, eval.code(), eval.err());
    CliRun.Result resumed = run("pong", "train", "--resume", "--steps", "512", "--out", dir.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(1024, CheckpointFile.read(dir.resolve("checkpoint.pgrl")).getLong("counters.steps"));
  }

  @Test
  void aSeparateRunRefusesToResumeWithASharedNetwork(@TempDir Path dir) {
    assertEquals(0, run("train", "--env", "CartPole-v1", "--algo", "a2c", "--steps", "400", "--out", dir.toString())
        .code());
    CliRun.Result resumed = run("train", "--resume", "--out", dir.toString(), "--steps", "400", "--shared-network");
    assertNotEquals(0, resumed.code());
    assertTrue(resumed.err().contains("sharedNetwork"), resumed.err());
  }

  @Test
  void reinforceAndContinuousActionsRefuseTheOption(@TempDir Path dir) {
    CliRun.Result reinforce = run("train", "--env", "CartPole-v1", "--shared-network", "--out", dir.resolve("r").toString());
    assertNotEquals(0, reinforce.code());
    assertTrue(reinforce.err().contains("--shared-network (a2c and ppo only)"), reinforce.err());
    CliRun.Result pendulum = run("train", "--env", "Pendulum-v1", "--algo", "ppo", "--shared-network", "--steps", "400",
        "--out", dir.resolve("p").toString());
    assertNotEquals(0, pendulum.code());
    assertTrue(pendulum.err().contains("a shared network (--shared-network) is the MLP of Discrete actions"),
        pendulum.err());
  }
}
