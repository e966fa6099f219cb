package io.github.pgrl.examples;

import static io.github.pgrl.examples.CliRun.lastLine;
import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of every pong subcommand with tiny budgets: files, output and exit codes. */
class PongCommandTest {

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void trainEvalRecordPlotAndResumeWriteWhatTheySay(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    CliRun.Result train = run("pong", "train", "--episodes", "4", "--batch", "2", "--envs", "2", "--out", run.toString());
    assertEquals(0, train.code(), train.err());
    List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(PongCommand.HEADER, csv.get(0));
    assertEquals(5, csv.size());
    for (String line : csv.subList(1, csv.size())) {
      String[] f = line.split(",");
      assertEquals(9, f.length, line);
      // score = points won - points lost, and a game ends at 21
      assertEquals(Double.parseDouble(f[6]) - Double.parseDouble(f[7]), Double.parseDouble(f[4]), 0.0, line);
      assertEquals(21.0, Math.max(Double.parseDouble(f[6]), Double.parseDouble(f[7])), 0.0, line);
    }
    BufferedImage curve = ImageIO.read(run.resolve("learning-curve.png").toFile());
    assertNotNull(curve);
    assertTrue(curve.getWidth() > 100);
    assertTrue(Files.exists(run.resolve("checkpoint.pgrl")));
    assertTrue(Files.readString(run.resolve("run.properties")).contains("hidden=200"));

    Path gif = dir.resolve("game.gif");
    CliRun.Result eval = run("pong", "eval", "--checkpoint", run.toString(), "--games", "2", "--seed", "5", "--gif", gif.toString());
    assertEquals(0, eval.code(), eval.err());
    String json = lastLine(eval.out());
    assertTrue(json.matches("\\{\"games\":2,\"mean_score\":-?[0-9.]+,\"win_rate\":[0-9.]+,\"points_won\":\\d+,\"points_lost\":\\d+,\"checkpoint\":\".*checkpoint.pgrl\"}"), json);
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertTrue(reader.getNumImages(true) > 100, "frames in the GIF");
      assertEquals(320, reader.read(0).getWidth());
    }

    Path rec = dir.resolve("rec");
    CliRun.Result record = run("pong", "record", "--steps", "3", "--out", rec.toString(), "--policy", "checkpoint",
        "--checkpoint", run.toString(), "--seed", "2");
    assertEquals(0, record.code(), record.err());
    assertEquals(4, Files.readAllLines(rec.resolve("actions.csv")).size());
    assertEquals(210, ImageIO.read(rec.resolve("frame_000002.png").toFile()).getHeight());

    Path plot = dir.resolve("both.png");
    CliRun.Result p = run("pong", "plot", "--runs", run + "," + run, "--out", plot.toString());
    assertEquals(0, p.code(), p.err());
    assertNotNull(ImageIO.read(plot.toFile()));

    CliRun.Result resumed = run("pong", "train", "--episodes", "2", "--out", run.toString(), "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("6 games in total"), resumed.out());
    assertEquals(7, Files.readAllLines(run.resolve("metrics.csv")).size());

    CliRun.Result changed = run("pong", "train", "--episodes", "2", "--out", run.toString(), "--resume", "--lr", "0.5");
    assertEquals(2, changed.code());
    assertTrue(changed.err().contains("--lr 0.5 differs from the run's 0.001"), changed.err());
  }

  @Test
  void threeActionsTrainAndTheirCheckpointIsEvaluatedWatchedAndRecordedWithThreeActions(@TempDir Path dir) throws Exception {
    CliRun.Result train = run("pong", "train", "--actions", "3", "--episodes", "2", "--batch", "1", "--hidden", "8",
        "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    assertTrue(Files.readString(dir.resolve("run.properties")).contains("actions=3"));
    CliRun.Result eval = run("pong", "eval", "--checkpoint", dir.toString(), "--games", "1", "--seed", "3");
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().strip().endsWith("}"), eval.out());
    CliRun.Result watch = run("pong", "watch", "--checkpoint", dir.toString(), "--fps", "1000", "--columns", "40");
    assertEquals(0, watch.code(), watch.err());
    assertTrue(watch.out().contains("\u001b[H"), "no ANSI screen updates");
    String[] lines = watch.out().strip().split("\n");
    assertTrue(lines[lines.length - 1].matches("agent (21 : \\d+|\\d+ : 21) opponent"), "the game did not end: " + lines[lines.length - 1]);
    CliRun.Result record = run("pong", "record", "--steps", "3", "--out", dir.resolve("rec").toString(), "--policy",
        "checkpoint", "--checkpoint", dir.toString());
    assertEquals(0, record.code(), record.err());
    assertTrue(Files.readAllLines(dir.resolve("rec").resolve("actions.csv")).get(1).matches("0,frame_000000.png,[012],(NOOP|UP|DOWN),0"));
  }

  @Test
  void recordWithScriptedPlayersNeedsNoCheckpoint(@TempDir Path dir) throws Exception {
    for (String policy : List.of("random", "tracker")) {
      CliRun.Result r = run("pong", "record", "--steps", "2", "--out", dir.resolve(policy).toString(), "--policy", policy);
      assertEquals(0, r.code(), r.err());
      assertTrue(Files.readAllLines(dir.resolve(policy).resolve("actions.csv")).get(1).matches("0,frame_000000.png,[01],(UP|DOWN),0"));
    }
  }

  @Test
  void userErrorsExitWithTwoAndOneMessage(@TempDir Path dir) throws Exception {
    Path foreign = dir.resolve("foreign.pgrl");
    Files.writeString(foreign, "not a checkpoint");
    Files.writeString(dir.resolve("run.properties"), "hidden=200\n");
    String[][] cases = {
      {"pong", "train", "--minutes", "-1", "--out", dir.toString()},
      {"pong", "train", "--shaping", "lots", "--episodes", "1", "--out", dir.toString()},
      {"pong", "train", "--exploration", "1.0", "--episodes", "1", "--out", dir.toString()},
      {"pong", "train", "--entropy", "-0.1", "--episodes", "1", "--out", dir.toString()},
      {"pong", "train", "--actions", "4", "--episodes", "1", "--out", dir.toString()},
      {"pong", "train", "--shaping", "hits", "--hit-bonus", "1", "--episodes", "1", "--out", dir.toString()},
      {"pong", "train", "--resume", "--out", dir.resolve("none").toString()},
      {"pong", "eval", "--checkpoint", dir.resolve("missing").toString()},
      {"pong", "eval", "--checkpoint", foreign.toString()},
      {"pong", "record", "--steps", "1", "--out", dir.toString(), "--policy", "genius"},
      {"pong", "record", "--steps", "1", "--out", dir.toString(), "--policy", "checkpoint"},
      {"pong", "plot", "--runs", dir.resolve("nothing").toString()},
      {"pong", "watch"},
      {"bench", "--seconds", "0"},
    };
    for (String[] args : cases) {
      CliRun.Result r = run(args);
      assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
      assertTrue(r.err().startsWith("pgrl: ") || r.err().startsWith("Missing required"), String.join(" ", args) + ": " + r.err());
      assertFalse(r.err().contains("\tat "), "a stack trace for " + String.join(" ", args) + ":\n" + r.err());
    }
  }

  @Test
  void benchPrintsATableAndJsonWithTheFourRates() {
    CliRun.Result r = run("bench", "--seconds", "0.2", "--envs", "1");
    assertEquals(0, r.code(), r.err());
    String json = lastLine(r.out());
    for (String key : List.of("train_steps_per_s", "env_binary_steps_per_s", "env_rgb_steps_per_s", "policy_fwd_bwd_steps_per_s")) {
      assertTrue(json.matches(".*\"" + key + "\":[1-9][0-9]*.*"), key + " in " + json);
    }
    java.util.regex.Matcher share = java.util.regex.Pattern.compile("\"train_rollout_share\":(0\\.[0-9]{3})").matcher(json);
    assertTrue(share.find(), "the share of time spent playing, in " + json);
    double playing = Double.parseDouble(share.group(1));
    assertTrue(playing > 0 && playing < 1, json);
    java.util.regex.Matcher line = java.util.regex.Pattern.compile("playing episodes (\\d+) %, learning from them (\\d+) %")
        .matcher(r.out());
    assertTrue(line.find(), r.out());
    assertEquals(100 * playing, Integer.parseInt(line.group(1)), 1.0, r.out());
    assertEquals(100, Integer.parseInt(line.group(1)) + Integer.parseInt(line.group(2)), 1, r.out());
  }
}
