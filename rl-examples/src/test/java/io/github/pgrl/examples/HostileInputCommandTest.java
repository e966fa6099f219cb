package io.github.pgrl.examples;

import io.github.pgrl.core.policy.MlpPolicy;
import static io.github.pgrl.examples.CliRun.assertUserError;
import static io.github.pgrl.examples.CliRun.lastLine;
import static io.github.pgrl.examples.CliRun.names;
import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.wrappers.Wrapper;
import io.github.pgrl.envs.cartpole.CartPole;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a careless or hostile user can give the command line: damaged and foreign checkpoints, numbers
 * without bounds, outputs that cannot be written, and failures in the middle of a run. Each ends in one
 * message that says what was wrong, with exit code 2 for what the user can fix, and loses nothing.
 */
class HostileInputCommandTest {

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** A small Pong run with three checkpoints, the newest one damaged. */
  private static Path runWithADamagedNewestCheckpoint(Path dir) throws Exception {
    Path run = dir.resolve("run");
    for (int i = 0; i < 3; i++) {
      CliRun.Result r = run("pong", "train", "--episodes", "1", "--batch", "1", "--hidden", "8", "--envs", "1", "--out", run.toString(),
          i == 0 ? "--seed=1" : "--resume");
      assertEquals(0, r.code(), r.err());
    }
    byte[] bytes = Files.readAllBytes(run.resolve("checkpoint.pgrl"));
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(run.resolve("checkpoint.pgrl"), bytes);
    return run;
  }

  @Test
  void aCheckpointNamedAsAFileIsThatFileAndAFolderFallsBackSayingSo(@TempDir Path dir) throws Exception {
    Path run = runWithADamagedNewestCheckpoint(dir);
    Path named = run.resolve("checkpoint.pgrl");
    assertUserError(run("pong", "eval", "--checkpoint", named.toString(), "--games", "1"), named + ": checksum mismatch");

    CliRun.Result folder = run("pong", "eval", "--checkpoint", run.toString(), "--games", "1");
    assertEquals(0, folder.code(), folder.err());
    assertTrue(folder.err().contains("using " + run.resolve("checkpoint.pgrl.1") + ", the newest valid checkpoint in " + run
        + "; passed over: " + named + ": checksum mismatch"), folder.err());
    assertTrue(lastLine(folder.out()).endsWith(",\"checkpoint\":\"" + run.resolve("checkpoint.pgrl.1") + "\"}"), folder.out());
  }

  @Test
  void whatIsNotARegularFileOfPlausibleSizeIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path run = runWithADamagedNewestCheckpoint(dir);
    Path fifo = dir.resolve("fifo.pgrl");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    Path huge = run.resolve("huge.pgrl");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: 3 GB that take no disk
    }
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      assertUserError(run("pong", "eval", "--checkpoint", fifo.toString(), "--games", "1"), fifo.toString(), "not a regular file");
      assertUserError(run("pong", "eval", "--checkpoint", "/dev/zero", "--games", "1"), "/dev/zero", "not a regular file");
      assertUserError(run("pong", "eval", "--checkpoint", huge.toString(), "--games", "1"), huge.toString());
      assertUserError(run("cartpole", "eval", "--checkpoint", dir.toString()), "no valid checkpoint at " + dir.resolve("checkpoint.pgrl"));
    });
  }

  @Test
  void everySizeOptionHasABoundThatItNames(@TempDir Path dir) {
    String out = dir.resolve("run").toString(); // nothing may start, but if it did, not in the module
    assertUserError(run("pong", "train", "--out", out, "--envs", "100000", "--episodes", "1"), "--envs must lie between 1 and 64, got 100,000");
    assertUserError(run("pong", "train", "--out", out, "--envs", "2000", "--episodes", "1"), "--envs must lie between 1 and 64");
    assertUserError(run("pong", "train", "--out", out, "--hidden", "300000", "--episodes", "1"), "--hidden must lie between 1 and 10,000");
    assertUserError(run("pong", "train", "--out", out, "--batch", "0", "--episodes", "1"), "--batch must lie between 1 and 10,000, got 0");
    assertUserError(run("pong", "watch", "--checkpoint", "x", "--columns", "2000000000"),
        "--columns must lie between 1 and 1,000, got 2,000,000,000");
    assertUserError(run("pong", "watch", "--checkpoint", "x", "--fps", "0"), "--fps must lie between 1 and 1,000");
    assertUserError(run("pong", "record", "--out", "x", "--steps", "2000000000"), "--steps must lie between 1 and 1,000,000");
    assertUserError(run("pong", "eval", "--checkpoint", "x", "--games", "0"), "--games must lie between 1 and 1,000,000");
    assertUserError(run("cartpole", "train", "--out", out, "--hidden", "20000"), "--hidden must lie between 1 and 10,000");
    assertUserError(run("cartpole", "bench", "--seeds", "5000000"), "--seeds must lie between 1 and 1,000,000");
    assertUserError(run("bench", "--envs", "1000"), "--envs must lie between 1 and 64");
    assertUserError(run("check", "--steps", "0"), "--steps must lie between 1 and 10,000,000");
  }

  @Test
  void combinationsThatCannotFitTheHeapAreRefusedBeforeAnythingIsAllocated(@TempDir Path dir) {
    CliRun.Result r = run("pong", "train", "--envs", "64", "--hidden", "10000", "--batch", "10000", "--episodes", "1", "--out",
        dir.resolve("big").toString());
    assertUserError(r, "--envs 64 with --hidden 10000 and --batch 10000 needs about ", "more than this JVM may use",
        "java -Xmx");
    assertFalse(Files.exists(dir.resolve("big").resolve("metrics.csv")), "nothing was started");
    long heap = Runtime.getRuntime().maxMemory();
    assertTrue(Limits.pongBytes(64, 10_000, 10_000, 3) > heap, "the case above must exceed this JVM's heap");
    assertTrue(Limits.pongBytes(2, 200, 10, 2) < 256L << 20, "the classic run fits in 256 MB");
  }

  @Test
  void timeOptionsAreBoundedAndNamed(@TempDir Path dir) {
    String out = dir.resolve("run").toString(); // nothing may start, but if it did, not in the module
    assertUserError(run("pong", "train", "--out", out, "--minutes", "1e9"),
        "--minutes must be a number of minutes greater than 0 and at most 1,000,000, got 1.0E9");
    assertUserError(run("pong", "train", "--out", out, "--minutes", "1e-12"), "--minutes must be a number of minutes greater than 0");
    assertUserError(run("pong", "train", "--out", out, "--minutes", "NaN"), "--minutes must be");
    assertUserError(run("pong", "train", "--out", out, "--checkpoint-minutes", "Infinity", "--episodes", "1"), "--checkpoint-minutes must be");
    assertUserError(run("cartpole", "train", "--out", out, "--minutes", "-1"), "--minutes must be");
    assertUserError(run("cartpole", "bench", "--target", "NaN"), "--target must be a finite number");
    assertUserError(run("bench", "--seconds", "1e300"), "--seconds must lie between 0.01 and 3600.0, got 1.0E300");
    CommandLine cmd = new CommandLine(CommandLine.Model.CommandSpec.create());
    assertEquals(Duration.ofMinutes(1_000_000), Cli.minutes(cmd, "--minutes", 1e6));
    assertEquals(Duration.ofNanos(60), Cli.minutes(cmd, "--minutes", 1e-9));
  }

  @Test
  void outputsThatCannotBeWrittenNameTheFileAndTheCauseAndLeaveNothing(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    assertEquals(0, run("pong", "train", "--episodes", "1", "--batch", "1", "--hidden", "8", "--envs", "1", "--out",
        run.toString()).code());
    Path missing = dir.resolve("no-such-folder").resolve("game.gif");
    assertUserError(run("pong", "eval", "--checkpoint", run.toString(), "--games", "1", "--gif", missing.toString()),
        "cannot write " + missing + ": the folder " + missing.getParent() + " does not exist");
    assertUserError(run("pong", "eval", "--checkpoint", run.toString(), "--games", "1", "--gif", dir.toString()),
        "cannot write " + dir + ": it is a folder");

    Path old = Files.createDirectory(dir.resolve("old"));
    Files.writeString(old.resolve("actions.csv"), "step,frame\n");
    assertUserError(run("pong", "record", "--steps", "2", "--out", old.toString()), old + " holds a recording");
    assertEquals(List.of("actions.csv"), names(old), "an earlier recording is left alone");

    Path rec = Files.createDirectory(dir.resolve("rec"));
    Files.createDirectory(rec.resolve("frame_000002.png")); // the third frame cannot be written
    CliRun.Result record = run("pong", "record", "--steps", "5", "--out", rec.toString());
    assertUserError(record, "cannot write " + rec.resolve("frame_000002.png") + ": it is a folder",
        "the 2 frames written before were removed");
    assertEquals(List.of("frame_000002.png"), names(rec), "no partial frame, no actions.csv, no temporary");
    assertEquals(List.of("checkpoint.pgrl", "learning-curve.png", "metrics.csv", "run.properties", "updates.csv"),
        names(run).stream().filter(n -> !n.startsWith(".")).toList());
  }

  @Test
  void metricsRowsThatCannotBeWrittenFailInsteadOfVanishing() {
    Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
    MetricsFile.Appender csv = new MetricsFile.Appender(full);
    csv.row("%d,%.1f", 1, 2.0);
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, csv::flush);
    assertEquals("cannot write /dev/full: No space left on device", e.getMessage());
  }

  /** CartPole that runs out of memory in its fourth episode. */
  private static final class RunsOutOfMemory extends Wrapper<float[], Integer> {
    private int resets;

    RunsOutOfMemory() {
      super(CartPole.v1());
    }

    @Override
    public float[] reset(long seed) {
      resets++;
      return super.reset(seed);
    }

    @Override
    public Step<float[]> step(Integer action) {
      if (resets > 3) {
        throw new OutOfMemoryError("Java heap space");
      }
      return inner().step(action);
    }
  }

  @Test
  void aRunThatFailsSaysWhatHappenedAndThatTheLastCheckpointIsIntact(@TempDir Path dir) {
    Path checkpoint = dir.resolve("checkpoint.pgrl");
    try (Reinforce<MlpPolicy> trainer = Reinforce.create(new RunsOutOfMemory(), ReinforceConfig.builder().seed(1).hidden(4).build())) {
      Cli.RunFailure none = assertThrows(Cli.RunFailure.class,
          () -> Cli.trainInterruptibly(trainer, Budget.episodes(10), checkpoint, () -> trainer.save(checkpoint)));
      assertTrue(none.getMessage().contains("no checkpoint had been written yet"), none.getMessage());
    }
    try (Reinforce<MlpPolicy> trainer = Reinforce.create(new RunsOutOfMemory(), ReinforceConfig.builder().seed(1).hidden(4).build())) {
      trainer.train(Budget.episodes(2));
      trainer.save(checkpoint);
      Cli.RunFailure e = assertThrows(Cli.RunFailure.class,
          () -> Cli.trainInterruptibly(trainer, Budget.episodes(10), checkpoint, () -> trainer.save(checkpoint)));
      assertTrue(e.getMessage().startsWith("training ran out of memory (Java heap space); give Java more"), e.getMessage());
      assertTrue(e.getMessage().contains("the last checkpoint, " + checkpoint + " (written "), e.getMessage());
      assertTrue(e.getMessage().endsWith("), is intact: continue with --resume."), e.getMessage());
      try (Reinforce<MlpPolicy> resumed = Reinforce.resume(checkpoint, CartPole.v1(), trainer.config())) {
        assertEquals(2, resumed.episodes(), "the checkpoint loads");
      }

      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine().setErr(new PrintWriter(err));
      assertEquals(1, Cli.handle(e, cmd, cmd.parseArgs("check")));
      assertEquals("pgrl: " + e.getMessage(), err.toString().strip(), "one line, no stack trace");
      StringWriter debug = new StringWriter();
      cmd = Main.commandLine().setErr(new PrintWriter(debug));
      Cli.handle(e, cmd, cmd.parseArgs("check", "--debug"));
      assertTrue(debug.toString().contains("\tat "), "--debug prints the stack trace");
    }
  }
}
