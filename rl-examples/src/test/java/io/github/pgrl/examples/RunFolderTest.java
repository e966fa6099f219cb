package io.github.pgrl.examples;

import static io.github.pgrl.examples.CliRun.assertUserError;
import static io.github.pgrl.examples.CliRun.names;
import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A training folder is the user's data: a fresh run never overwrites one, two trainers never share one,
 * a resume keeps the files' permissions and clears what a killed write left, and garbage in the files is
 * refused naming the file and the line.
 */
class RunFolderTest {

  private static CliRun.Result pongTrain(Path dir, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("pong", "train", "--episodes", "2", "--batch", "1", "--hidden", "8",
        "--envs", "1", "--out", dir.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void aFreshRunIntoAFolderThatHoldsARunIsRefusedAndTouchesNothing(@TempDir Path dir) throws Exception {
    assertEquals(0, pongTrain(dir).code());
    byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));
    byte[] properties = Files.readAllBytes(dir.resolve("run.properties"));
    byte[] checkpoint = Files.readAllBytes(dir.resolve("checkpoint.pgrl"));

    assertUserError(pongTrain(dir, "--seed", "9"), dir + " holds a training run", "--resume", "--start-over");
    assertArrayEquals(metrics, Files.readAllBytes(dir.resolve("metrics.csv")));
    assertArrayEquals(properties, Files.readAllBytes(dir.resolve("run.properties")));
    assertArrayEquals(checkpoint, Files.readAllBytes(dir.resolve("checkpoint.pgrl")));

    Path cartpole = dir.resolve("cartpole");
    assertEquals(0, run("cartpole", "train", "--episodes", "3", "--out", cartpole.toString()).code());
    byte[] cartpoleMetrics = Files.readAllBytes(cartpole.resolve("metrics.csv"));
    assertUserError(run("cartpole", "train", "--episodes", "3", "--out", cartpole.toString()), "holds a training run");
    assertArrayEquals(cartpoleMetrics, Files.readAllBytes(cartpole.resolve("metrics.csv")));
  }

  @Test
  void startOverMovesTheOldRunBesideTheFolderAndStartsANewOne(@TempDir Path parent) throws Exception {
    Path dir = parent.resolve("run");
    assertEquals(0, pongTrain(dir).code());
    byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));
    Files.writeString(dir.resolve("notes.txt"), "the user's own file");

    CliRun.Result again = pongTrain(dir, "--start-over", "--seed", "2");
    assertEquals(0, again.code(), again.err());
    List<String> siblings = names(parent);
    assertEquals(2, siblings.size(), siblings.toString());
    Path aside = parent.resolve(siblings.get(1));
    assertTrue(aside.getFileName().toString().matches("run\\.old-\\d{8}-\\d{6}"), aside.toString());
    assertTrue(again.err().contains("is now in " + aside), again.err());
    assertEquals(List.of("checkpoint.pgrl", "learning-curve.png", "metrics.csv", "run.properties", "updates.csv"), names(aside));
    assertArrayEquals(metrics, Files.readAllBytes(aside.resolve("metrics.csv")));
    assertEquals(3, Files.readAllLines(dir.resolve("metrics.csv")).size(), "the new run's header and two games");
    assertTrue(Files.readString(dir.resolve("run.properties")).contains("seed=2"));
    assertEquals("the user's own file", Files.readString(dir.resolve("notes.txt")), "other files stay");

    assertUserError(pongTrain(dir, "--start-over", "--resume"), "exclude each other");
  }

  private static Process lockHolder(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
        dir.toString()).redirectErrorStream(true).start();
  }

  @Test
  void aSecondTrainerInThisProcessIsRefusedAndTheFirstKeepsItsLock(@TempDir Path dir) throws Exception {
    CommandLine cmd = new CommandLine(CommandLine.Model.CommandSpec.create());
    try (RunFolder held = RunFolder.open(cmd, dir, RunFolder.Start.FRESH, PongCommand.RUN_FILES)) {
      assertUserError(pongTrain(dir), "the output folder " + dir + " is in use by another training run (in this process)");
      assertUserError(run("cartpole", "train", "--episodes", "1", "--out", dir.toString()), "is in use");
      // on Linux, closing any handle to a locked file releases the process's lock: a refusal must not
      Process other = lockHolder(dir);
      String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(other.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, other.exitValue(), "another process took the lock after refusals here: " + said);
      assertTrue(said.contains("refused: the output folder " + dir + " is in use"), said);
    }
    assertEquals(0, pongTrain(dir).code(), "free again once released");
  }

  @Test
  void aLockFileThatIsALinkIsNotWrittenThrough(@TempDir Path dir) throws Exception {
    Path precious = Files.writeString(dir.resolve("precious.txt"), "precious\n");
    Path run = Files.createDirectory(dir.resolve("run"));
    Files.createSymbolicLink(run.resolve(RunFolder.LOCK), precious);
    assertUserError(pongTrain(run), "cannot lock the output folder " + run);
    assertEquals("precious\n", Files.readString(precious));
  }

  @Test
  void aResumeOfAFolderThatDoesNotExistCreatesNothing(@TempDir Path dir) {
    Path typo = dir.resolve("typo");
    assertUserError(pongTrain(typo, "--resume"), "--resume: there is no run folder " + typo);
    assertFalse(Files.exists(typo));
  }

  @Test
  void startOverMovesNothingWhenTheNewRunIsRefused(@TempDir Path parent) throws Exception {
    Path dir = parent.resolve("run");
    assertEquals(0, pongTrain(dir).code());
    assertUserError(run("pong", "train", "--episodes", "1", "--start-over", "--hidden", "10000", "--batch", "10000",
        "--envs", "64", "--out", dir.toString()), "needs about");
    assertEquals(List.of("run"), names(parent), "no folder beside it");
    assertTrue(Files.exists(dir.resolve("checkpoint.pgrl")));

    Path cartpole = parent.resolve("cartpole");
    assertEquals(0, run("cartpole", "train", "--episodes", "2", "--out", cartpole.toString()).code());
    CliRun.Result again = run("cartpole", "train", "--episodes", "2", "--start-over", "--out", cartpole.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("The run that was in " + cartpole + " is now in " + cartpole + ".old-"), again.err());
  }

  @Test
  void runPropertiesSetOnlyTheOptionsThatDefineARun(@TempDir Path dir) throws Exception {
    assertEquals(0, pongTrain(dir).code());
    Files.writeString(dir.resolve("run.properties"), "episodes=-5\nresume=false\nminutes=1\nenvs=500\n",
        java.nio.file.StandardOpenOption.APPEND);
    CliRun.Result resumed = pongTrain(dir, "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("4 games in total"), resumed.out());
  }

  @Test
  void aTrainerInAnotherProcessLocksTheFolderUntilItIsKilled(@TempDir Path dir) throws Exception {
    Process holder = lockHolder(dir);
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line = lines.readLine();
      assertTrue(line != null && line.startsWith("locked"), "the holder says: " + line);
      assertUserError(pongTrain(dir), "is in use by another training run (process " + holder.pid() + ")");
    } finally {
      holder.destroyForcibly(); // SIGKILL: no shutdown hook, no finally in the holder
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
    CliRun.Result after = pongTrain(dir);
    assertEquals(0, after.code(), "the system released the killed process's lock: " + after.err());
  }

  @Test
  void resumeKeepsThePermissionsOfMetricsAndClearsWhatAKilledWriteLeft(@TempDir Path dir) throws Exception {
    assertEquals(0, pongTrain(dir).code());
    Path metrics = dir.resolve("metrics.csv");
    Files.setPosixFilePermissions(metrics, PosixFilePermissions.fromString("rw-rw-r--"));
    Files.writeString(metrics, "2,5,5,0.1,-21,-21.0000,0,21,0\n3,5", java.nio.file.StandardOpenOption.APPEND);
    Path stale = Files.write(dir.resolve(".checkpoint.pgrl.8371625.tmp"), new byte[4 << 20]);
    Path oldMetricsTemporary = Files.writeString(dir.resolve(".metrics4711.csv"), "x");

    CliRun.Result resumed = pongTrain(dir, "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(metrics)));
    assertFalse(Files.exists(stale), "the killed write's temporary is gone");
    assertFalse(Files.exists(oldMetricsTemporary));
    List<String> rows = Files.readAllLines(metrics);
    assertEquals(5, rows.size(), "header and games 0..3, each once: " + rows);
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i).startsWith((i - 1) + ","), rows.toString());
    }
  }

  @Test
  void runFilesThatAreSymbolicLinksAreRefused(@TempDir Path dir) throws Exception {
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.csv"), "precious\n");
    Path run = Files.createDirectory(dir.resolve("run"));
    Files.createSymbolicLink(run.resolve("metrics.csv"), elsewhere);
    assertUserError(pongTrain(run, "--start-over"), run.resolve("metrics.csv") + " is a symbolic link");
    assertEquals("precious\n", Files.readString(elsewhere));

    Path linkedFolder = Files.createSymbolicLink(dir.resolve("linked"), Files.createDirectory(dir.resolve("real")));
    assertEquals(0, pongTrain(linkedFolder).code(), "the folder itself may be a link");
    assertTrue(Files.exists(dir.resolve("real").resolve("checkpoint.pgrl")));
  }

  @Test
  void garbageInTheRunFilesIsRefusedNamingTheFileTheLineAndWhatWasExpected(@TempDir Path dir) throws Exception {
    assertEquals(0, pongTrain(dir).code());
    Path metrics = dir.resolve("metrics.csv");
    Path properties = dir.resolve("run.properties");
    byte[] goodMetrics = Files.readAllBytes(metrics);
    byte[] goodProperties = Files.readAllBytes(properties);

    Files.writeString(metrics, "abc,1,2,3,4,5,6,7,8\n", java.nio.file.StandardOpenOption.APPEND);
    assertUserError(pongTrain(dir, "--resume"), metrics + " line 4: expected an episode number (0 or more) in the first column, got 'abc'");
    Files.write(metrics, goodMetrics);
    Files.write(metrics, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}, java.nio.file.StandardOpenOption.APPEND);
    assertUserError(pongTrain(dir, "--resume"), metrics + " line 4: not text");
    Files.write(metrics, goodMetrics);
    Files.writeString(metrics, "1,2,3\n", java.nio.file.StandardOpenOption.APPEND);
    assertUserError(pongTrain(dir, "--resume"), metrics + " line 4: expected 9 comma-separated values");
    Files.write(metrics, goodMetrics);

    Files.writeString(properties, new String(goodProperties, StandardCharsets.UTF_8).replace("hidden=8", "hidden=abc"));
    assertUserError(pongTrain(dir, "--resume"), properties + " line ", ": hidden must be an integer, got 'abc'");
    Files.writeString(properties, "hidden=\\uZZZZ\n");
    assertUserError(pongTrain(dir, "--resume"), properties + " is not a properties file");
    Files.write(properties, new byte[] {'h', '=', (byte) 0xc3, '\n'});
    assertUserError(pongTrain(dir, "--resume"), properties + " is not text");
    Files.writeString(properties, new String(goodProperties, StandardCharsets.UTF_8).replace("frame-skip=4", "frame-skip=500"));
    assertUserError(pongTrain(dir, "--resume"), "--frame-skip must lie between 1 and 100, got 500", "read from " + properties);
    Files.writeString(properties, new String(goodProperties, StandardCharsets.UTF_8).replace("hidden=8", "hidden=abc"));
    assertUserError(run("pong", "eval", "--checkpoint", dir.toString(), "--games", "1"), "hidden must be an integer");
    Files.write(properties, goodProperties);

    Files.write(metrics, "episode,steps,total_st".getBytes(StandardCharsets.UTF_8)); // a kill cut the header
    assertEquals(0, pongTrain(dir, "--resume").code(), "a cut header is written again");
    assertTrue(Files.readAllLines(metrics).get(0).startsWith("episode,steps,total_steps,seconds,score"));
    Files.writeString(metrics, "episode,steps,score\n0,5,-21\n");
    assertUserError(pongTrain(dir, "--resume"), metrics + " line 1: the header is 'episode,steps,score', not this"
        + " command's");
    Files.write(metrics, goodMetrics);

    assertEquals(0, pongTrain(dir, "--resume").code(), "mended files resume");
  }
}
