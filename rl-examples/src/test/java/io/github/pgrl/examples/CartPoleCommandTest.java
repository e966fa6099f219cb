package io.github.pgrl.examples;

import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of the cartpole commands with tiny budgets: files, output and exit codes. */
class CartPoleCommandTest {

  @Test
  void trainWritesMetricsAndACheckpointThatEvalAndResumeUse(@TempDir Path dir) throws Exception {
    CliRun.Result train = run("cartpole", "train", "--episodes", "5", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
    assertEquals("episode,steps,total_steps,seconds,score,running_score,mean100", csv.get(0));
    assertEquals(6, csv.size());
    assertTrue(Files.size(dir.resolve("checkpoint.pgrl")) > 0);
    assertTrue(train.out().contains("Checkpoint: "), train.out());

    CliRun.Result eval = run("cartpole", "eval", "--checkpoint", dir.toString(), "--episodes", "3");
    assertEquals(0, eval.code(), eval.err());
    String[] lines = eval.out().strip().split("\n");
    String json = lines[lines.length - 1];
    assertTrue(json.matches("\\{\"episodes\":3,\"mean_return\":[0-9.]+,\"std_return\":[0-9.]+,\"checkpoint\":\".*checkpoint.pgrl\"}"), json);

    CliRun.Result resumed = run("cartpole", "train", "--episodes", "2", "--out", dir.toString(), "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("7 episodes in total"), resumed.out());
    assertEquals(8, Files.readAllLines(dir.resolve("metrics.csv")).size());
  }

  @Test
  void resumeTakesTheRunsStoredOptionsAndRefusesOthers(@TempDir Path dir) throws Exception {
    CliRun.Result train = run("cartpole", "train", "--episodes", "3", "--hidden", "16", "--lr", "0.02", "--seed", "4",
        "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    assertTrue(Files.readString(dir.resolve("run.properties")).contains("hidden=16"));
    CliRun.Result resumed = run("cartpole", "train", "--episodes", "2", "--resume", "--out", dir.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("5 episodes in total"), resumed.out());
    CliRun.Result changed = run("cartpole", "train", "--episodes", "2", "--resume", "--lr", "0.5", "--out", dir.toString());
    CliRun.assertUserError(changed, "--lr 0.5 differs from the run's 0.02");
  }

  @Test
  void benchPrintsATableAndJsonLast() {
    CliRun.Result bench = run("cartpole", "bench", "--seeds", "1", "--episodes", "3", "--target", "400");
    assertEquals(0, bench.code(), bench.err());
    String[] lines = bench.out().strip().split("\n");
    assertTrue(lines[lines.length - 1].startsWith("{\"target\":400.0,\"episodes\":3,\"reached\":0,"), bench.out());
  }

  @Test
  void userErrorsExitWithTwoAndOneMessageWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path foreign = dir.resolve("foreign.pgrl");
    Files.writeString(foreign, "not a checkpoint");
    String[][] cases = {
      {"cartpole", "train", "--episodes", "-1", "--out", dir.toString()},
      {"cartpole", "train", "--bogus"},
      {"cartpole", "train", "--gamma", "1.5", "--out", dir.toString()},
      {"cartpole", "eval", "--checkpoint", dir.resolve("missing").toString()},
      {"cartpole", "eval", "--checkpoint", foreign.toString()},
      {"cartpole", "train", "--resume", "--out", dir.resolve("empty").toString()},
      {"cartpole", "train", "--episodes", "1", "--out", "/proc/not-writable"},
    };
    for (String[] args : cases) {
      CliRun.Result r = run(args);
      assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
      assertTrue(r.err().startsWith("pgrl: "), r.err());
      assertFalse(r.err().contains("\tat "), "a stack trace for " + String.join(" ", args) + ":\n" + r.err());
      assertTrue(r.err().contains("Usage: pgrl cartpole"), r.err());
    }
  }

  @Test
  void helpAndVersionExitWithZero() {
    assertEquals(0, run("--version").code());
    CliRun.Result help = run("cartpole", "train", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--episodes"));
  }
}
