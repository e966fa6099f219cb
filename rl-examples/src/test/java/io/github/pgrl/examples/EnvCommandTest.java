package io.github.pgrl.examples;

import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.policy.GaussianPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgrl train --env} and {@code pgrl eval} with tiny budgets: files, resume, JSON and user errors. */
class EnvCommandTest {

  @Test
  void cartPoleTrainsResumesWithOnlyOutAndEvaluates(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("cartpole");
    CliRun.Result train = run("train", "--env", "CartPole-v1", "--episodes", "5", "--hidden", "16,8", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    assertEquals(6, Files.readAllLines(dir.resolve("metrics.csv")).size());
    String props = Files.readString(dir.resolve("run.properties"));
    for (String stored : List.of("env=CartPole-v1", "algo=reinforce", "hidden=16,8", "lr=0.01", "batch=1", "baseline=none")) {
      assertTrue(props.contains(stored), stored + " in\n" + props);
    }
    assertTrue(train.out().contains("5 episodes in total"), train.out());

    CliRun.Result resumed = run("train", "--resume", "--out", dir.toString(), "--episodes", "2");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("7 episodes in total"), resumed.out());
    assertEquals(8, Files.readAllLines(dir.resolve("metrics.csv")).size());
    assertEquals("[16, 8]", CheckpointFile.read(dir.resolve("checkpoint.pgrl")).getString("policy.hidden"));

    CliRun.Result eval = run("eval", "--checkpoint", dir.toString(), "--episodes", "4", "--seed", "3");
    assertEquals(0, eval.code(), eval.err());
    Map<String, String> json = json(CliRun.lastLine(eval.out()));
    assertEquals("4", json.get("episodes"));
    assertEquals("\"CartPole-v1\"", json.get("env"));
    assertEquals("3", json.get("seed"));
    assertEquals("\"greedy\"", json.get("actions"));
    double mean = Double.parseDouble(json.get("mean_return"));
    assertTrue(mean >= 1 && mean <= 500, json.toString()); // CartPole-v1 returns lie in [1, 500]
    assertTrue(Double.parseDouble(json.get("std_return")) >= 0, json.toString());
    String[] ci = json.get("ci95").replaceAll("[\\[\\]]", "").split(",");
    assertTrue(Double.parseDouble(ci[0]) <= mean && mean <= Double.parseDouble(ci[1]), json.toString());
  }

  @Test
  void cartPoleDefaultsTrainTheRunOfCartpoleTrain(@TempDir Path tmp) throws Exception {
    Path generic = tmp.resolve("generic");
    Path cartpole = tmp.resolve("cartpole");
    assertEquals(0, run("train", "--env", "CartPole-v1", "--episodes", "12", "--out", generic.toString()).code());
    assertEquals(0, run("cartpole", "train", "--episodes", "12", "--out", cartpole.toString()).code());
    assertArrayEquals(CheckpointFile.read(cartpole.resolve("checkpoint.pgrl")).floats("policy.parameters"),
        CheckpointFile.read(generic.resolve("checkpoint.pgrl")).floats("policy.parameters"));
    // every column but the seconds
    assertEquals(Files.readAllLines(cartpole.resolve("metrics.csv")).stream().map(EnvCommandTest::withoutSeconds).toList(),
        Files.readAllLines(generic.resolve("metrics.csv")).stream().map(EnvCommandTest::withoutSeconds).toList());
  }

  private static String withoutSeconds(String row) {
    return row.replaceFirst("^([^,]*,[^,]*,[^,]*),[^,]*,", "$1,");
  }

  @Test
  void evaluationIsReproducibleAndSamplingIsAnotherPolicy(@TempDir Path dir) {
    assertEquals(0, run("train", "--env", "CartPole-v1", "--episodes", "30", "--out", dir.toString()).code());
    String greedy = CliRun.lastLine(run("eval", "--checkpoint", dir.toString(), "--episodes", "5").out());
    assertEquals(greedy, CliRun.lastLine(run("eval", "--checkpoint", dir.toString(), "--episodes", "5").out()));
    String sampled = CliRun.lastLine(run("eval", "--checkpoint", dir.toString(), "--episodes", "5", "--sample").out());
    assertEquals("\"sampled\"", json(sampled).get("actions"));
    assertFalse(json(greedy).get("mean_return").equals(json(sampled).get("mean_return")), greedy + "\n" + sampled);
  }

  @Test
  void acrobotTrainsWithItsDefaultsAndResumes(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("acrobot");
    CliRun.Result train = run("train", "--env", "Acrobot-v1", "--steps", "1000", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    String props = Files.readString(dir.resolve("run.properties"));
    for (String stored : List.of("env=Acrobot-v1", "hidden=64", "lr=0.003", "gamma=0.99", "batch=8", "baseline=value")) {
      assertTrue(props.contains(stored), stored + " in\n" + props);
    }
    CheckpointFile cp = CheckpointFile.read(dir.resolve("checkpoint.pgrl"));
    assertEquals("Discrete(3)", cp.getString("action.space"));
    assertTrue(cp.has("value.parameters"), "the value baseline is trained");
    assertEquals(8, cp.getLong("counters.episodes")); // one update of 8 episodes reaches the 1,000 steps

    CliRun.Result resumed = run("train", "--resume", "--out", dir.toString(), "--steps", "1");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("16 episodes in total"), resumed.out());

    CliRun.Result eval = run("eval", "--checkpoint", dir.toString(), "--episodes", "2", "--env", "Acrobot-v1");
    assertEquals(0, eval.code(), eval.err());
    Map<String, String> json = json(CliRun.lastLine(eval.out()));
    assertEquals("2", json.get("episodes"));
    double mean = Double.parseDouble(json.get("mean_return"));
    assertTrue(mean >= -500 && mean <= 0, json.toString()); // Acrobot-v1: −1 per step, at most 500 steps
  }

  @Test
  void pendulumTrainsAGaussianPolicyResumesAndEvaluates(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("pendulum");
    CliRun.Result train = run("train", "--env", "Pendulum-v1", "--steps", "4000", "--hidden", "16", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    CheckpointFile cp = CheckpointFile.read(dir.resolve("checkpoint.pgrl"));
    assertEquals(GaussianPolicy.class.getName(), cp.getString("policy.class"));
    assertEquals("Box(low=[-2.0], high=[2.0])", cp.getString("action.space"));
    assertEquals(20, cp.getLong("counters.episodes")); // Pendulum's default batch: 20 episodes of 200 steps
    CliRun.Result resumed = run("train", "--resume", "--out", dir.toString(), "--steps", "1");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("40 episodes in total"), resumed.out());
    CliRun.Result eval = run("eval", "--checkpoint", dir.toString(), "--episodes", "3");
    assertEquals(0, eval.code(), eval.err());
    Map<String, String> json = json(CliRun.lastLine(eval.out()));
    assertEquals("3", json.get("episodes"));
    double mean = Double.parseDouble(json.get("mean_return"));
    assertTrue(mean < 0 && mean > -200 * 16.3, json.toString()); // a step costs at most π² + 0.1·8² + 0.001·2²
  }

  @Test
  void gridMazeTrainsWithItsMasksAndEvaluatesGreedilyAmongTheValidMoves(@TempDir Path dir) {
    CliRun.Result train = run("train", "--env", "GridMaze-v0", "--steps", "20000", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    for (String how : List.of("greedy", "sampled")) {
      CliRun.Result eval = how.equals("greedy") ? run("eval", "--checkpoint", dir.toString(), "--episodes", "5")
          : run("eval", "--checkpoint", dir.toString(), "--episodes", "5", "--sample");
      assertEquals(0, eval.code(), how + ": " + eval.err()); // an invalid move would end the game with an error
      assertEquals("\"" + how + "\"", json(CliRun.lastLine(eval.out())).get("actions"));
    }
  }

  @Test
  void resumeRefusesOptionsThatDifferFromTheRunsAndChangesNothing(@TempDir Path dir) throws Exception {
    assertEquals(0, run("train", "--env", "CartPole-v1", "--episodes", "2", "--out", dir.toString()).code());
    Map<String, byte[]> before = contents(dir);
    CliRun.assertUserError(run("train", "--resume", "--out", dir.toString(), "--lr", "0.5"),
        "--lr 0.5 differs from the run's 0.01");
    CliRun.assertUserError(run("train", "--resume", "--out", dir.toString(), "--env", "Acrobot-v1"),
        "--env Acrobot-v1 differs from the run's CartPole-v1");
    assertContentsEqual(before, contents(dir));
    assertEquals(0, run("train", "--resume", "--out", dir.toString(), "--lr", "0.01", "--episodes", "1").code(),
        "the same value may be given again");
  }

  @Test
  void everyBadInputExitsWithTwoAndOneMessageAndWritesNothing(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("run");
    assertEquals(0, run("train", "--env", "CartPole-v1", "--episodes", "2", "--out", run.toString()).code());
    Path foreignCheckpoint = tmp.resolve("foreign");
    Files.createDirectory(foreignCheckpoint);
    Files.copy(run.resolve("checkpoint.pgrl"), foreignCheckpoint.resolve("checkpoint.pgrl"));
    Files.writeString(foreignCheckpoint.resolve("run.properties"),
        Files.readString(run.resolve("run.properties")).replace("env=CartPole-v1", "env=Acrobot-v1"));
    Path cartpoleRun = tmp.resolve("cartpole-run");
    assertEquals(0, run("cartpole", "train", "--episodes", "1", "--out", cartpoleRun.toString()).code());
    Path fresh = tmp.resolve("fresh");
    String out = fresh.toString();
    Object[][] cases = {
      {new String[] {"train", "--env", "CartPole-v9", "--out", out}, List.of("'CartPole-v9'", "known: [CartPole-v1,")},
      {new String[] {"train", "--out", out}, List.of("--env is missing", "Acrobot-v1")},
      {new String[] {"train", "--env", "Pong-rgb-v0", "--out", out}, List.of("image observations", "pgrl pong train")},
      {new String[] {"train", "--env", "Pong-binary-v0", "--out", out}, List.of("image observations", "pgrl pong train")},
      {new String[] {"train", "--env", "CartPole-v1", "--hidden", "64,,64", "--out", out}, List.of("--hidden must be")},
      {new String[] {"train", "--env", "CartPole-v1", "--hidden", "0", "--out", out}, List.of("--hidden must be")},
      {new String[] {"train", "--env", "CartPole-v1", "--hidden", "1,1,1,1,1,1,1,1,1,1,1", "--out", out}, List.of("1 to 10 layer")},
      {new String[] {"train", "--env", "CartPole-v1", "--hidden", "10000,10000,10000,10000,10000", "--out", out},
          List.of("needs about", "more than this JVM may use", "java -Xmx")},
      {new String[] {"train", "--env", "CartPole-v1", "--algo", "sarsa", "--out", out}, List.of("--algo must be one of reinforce, a2c, ppo")},
      {new String[] {"train", "--env", "CartPole-v1", "--baseline", "median", "--out", out}, List.of("--baseline must be")},
      {new String[] {"train", "--env", "CartPole-v1", "--steps", "10", "--episodes", "2", "--out", out}, List.of("--steps and --episodes")},
      {new String[] {"train", "--env", "CartPole-v1", "--minutes", "1", "--episodes", "2", "--out", out}, List.of("--episodes and --minutes")},
      {new String[] {"train", "--env", "CartPole-v1", "--steps", "-3", "--out", out}, List.of("--steps must be at least 1")},
      {new String[] {"train", "--env", "CartPole-v1", "--episodes", "0", "--out", out}, List.of("--episodes must be at least 1")},
      {new String[] {"train", "--env", "CartPole-v1", "--minutes", "-1", "--out", out}, List.of("--minutes must be")},
      {new String[] {"train", "--env", "CartPole-v1", "--lr", "-0.1", "--out", out}, List.of("--lr must be a positive")},
      {new String[] {"train", "--env", "CartPole-v1", "--batch", "-2", "--out", out}, List.of("--batch must lie between")},
      {new String[] {"train", "--env", "CartPole-v1", "--gamma", "2", "--out", out}, List.of("--gamma must lie in [0, 1]")},
      {new String[] {"train", "--resume"}, List.of("--resume needs --out")},
      {new String[] {"train", "--resume", "--out", out}, List.of("no run folder")},
      {new String[] {"train", "--resume", "--out", cartpoleRun.toString()}, List.of("has no env", "pgrl cartpole train --resume")},
      {new String[] {"train", "--env", "CartPole-v1", "--out", run.toString()}, List.of("holds a training run", "--resume")},
      {new String[] {"eval", "--checkpoint", fresh.resolve("none").toString()}, List.of("no such file or folder")},
      {new String[] {"eval", "--checkpoint", run.toString(), "--env", "Acrobot-v1"}, List.of("holds a run of CartPole-v1, not of Acrobot-v1")},
      {new String[] {"eval", "--checkpoint", run.toString(), "--env", "Nope"}, List.of("'Nope'", "known:")},
      {new String[] {"eval", "--checkpoint", run.toString(), "--episodes", "-1"}, List.of("--episodes must lie between")},
      {new String[] {"eval", "--checkpoint", cartpoleRun.toString()}, List.of("has no env")},
      {new String[] {"eval", "--checkpoint", foreignCheckpoint.toString()}, List.of("action space Discrete(2)", "Discrete(3)")},
    };
    Map<String, byte[]> before = contents(run);
    for (Object[] c : cases) {
      String[] args = (String[]) c[0];
      CliRun.Result r = run(args);
      @SuppressWarnings("unchecked")
      List<String> mentions = (List<String>) c[1];
      try {
        CliRun.assertUserError(r, mentions.toArray(String[]::new));
      } catch (AssertionError e) {
        throw new AssertionError(String.join(" ", args) + ": " + e.getMessage(), e);
      }
      assertEquals(1, r.err().lines().filter(l -> l.startsWith("pgrl: ")).count(), "one message:\n" + r.err());
      assertFalse(Files.exists(fresh), String.join(" ", args) + " created " + fresh);
    }
    assertContentsEqual(before, contents(run));
  }

  @Test
  void helpListsEveryOption() {
    CliRun.Result help = run("train", "--help");
    assertEquals(0, help.code());
    for (String option : List.of("--env", "--algo", "--steps", "--episodes", "--minutes", "--seed", "--hidden", "--lr",
        "--gamma", "--batch", "--baseline", "--out", "--resume")) {
      assertTrue(help.out().contains(option), option + " in\n" + help.out());
    }
    CliRun.Result eval = run("eval", "--help");
    assertEquals(0, eval.code());
    assertTrue(eval.out().contains("--sample"), eval.out());
  }

  private static final Pattern VALUE = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|null");
  private static final Pattern MEMBER =
      Pattern.compile("\"([a-z_0-9]+)\":(" + VALUE + "|\\[(?:" + VALUE + ")(?:,(?:" + VALUE + "))*])");

  /** The members of a flat JSON object (values as their JSON text), failing unless the whole line is one. */
  static Map<String, String> json(String line) {
    assertTrue(line.startsWith("{") && line.endsWith("}"), "not a JSON object: " + line);
    Map<String, String> members = new LinkedHashMap<>();
    Matcher m = MEMBER.matcher(line);
    int at = 1;
    while (at < line.length() - 1) {
      assertTrue(m.find(at) && m.start() == at, "not JSON at " + at + ": " + line);
      members.put(m.group(1), m.group(2));
      at = m.end();
      if (at < line.length() - 1) {
        assertEquals(',', line.charAt(at), "not JSON at " + at + ": " + line);
        at++;
      }
    }
    return members;
  }

  private static Map<String, byte[]> contents(Path dir) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : CliRun.names(dir)) {
      files.put(name, Files.readAllBytes(dir.resolve(name)));
    }
    return files;
  }

  private static void assertContentsEqual(Map<String, byte[]> before, Map<String, byte[]> after) {
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
  }
}
