package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReinforceCheckpoint#loadPolicy} and {@link Reinforce#resume} treat a checkpoint as untrusted input. */
class CheckpointLoadingTest {

  private static final ReinforceConfig CONFIG = ReinforceConfig.builder().seed(3).hidden(8)
      .optimizer(OptimizerConfig.Adam.of(0.05)).baseline(BaselineKind.VALUE_FUNCTION).valueHidden(4).batchEpisodes(4)
      .build();

  @TempDir Path dir;

  /** A checkpoint after one update, changed by {@code change} and re-encoded with a valid checksum. */
  private Path saved(Consumer<CheckpointFile> change) throws Exception {
    Path file = dir.resolve("c.pgrl");
    try (Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), CONFIG)) {
      r.train(Budget.updates(1));
      r.save(file);
    }
    CheckpointFile cp = CheckpointFile.read(file);
    change.accept(cp);
    Files.write(file, cp.toBytes());
    return file;
  }

  private static CheckpointException refusedByLoad(Path file, String... mentions) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> ReinforceCheckpoint.loadPolicy(file));
    assertMentions(e, file.toString());
    assertMentions(e, mentions);
    return e;
  }

  private static CheckpointException refusedByResume(Path file, String... mentions) {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Reinforce.resume(file, new TwoArmedBandit(10), CONFIG));
    assertMentions(e, file.toString());
    assertMentions(e, mentions);
    return e;
  }

  private static void assertMentions(Exception e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }
  }

  @Test
  void aStoredPolicyLoadsWithItsArchitectureAndParameters() throws Exception {
    Path file = saved(cp -> {});
    MlpPolicy p = ReinforceCheckpoint.loadPolicy(file);
    assertEquals(1, p.inputs());
    assertArrayEquals(new int[] {8}, p.hidden());
    assertArrayEquals(CheckpointFile.read(file).floats("policy.parameters"), p.parameters());
  }

  @Test
  void loadPolicyReadsExactlyTheNamedFileAndTheCallerMayFallBackItself() throws Exception {
    Path file = dir.resolve("c.pgrl");
    float[] older;
    try (Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(10), CONFIG)) {
      r.train(Budget.updates(1));
      r.save(file, 3);
      older = r.policy().parameters();
      r.train(Budget.updates(1));
      r.save(file, 3);
    }
    Files.write(file, new byte[] {1, 2, 3});
    refusedByLoad(file, "not a pgrl checkpoint");
    CheckpointFile.Loaded l = CheckpointFile.readLatest(file);
    assertEquals(CheckpointFile.readLatest(file).file(), file.resolveSibling("c.pgrl.1"));
    assertTrue(l.skipped().contains("not a pgrl checkpoint"), l.skipped());
    assertArrayEquals(older, ReinforceCheckpoint.loadPolicy(l.checkpoint(), l.file().toString()).parameters());
  }

  @Test
  void theCheckpointOfAnotherPolicyClassIsNotReadAsAnMlp() throws Exception {
    Path file = saved(cp -> cp.putString("policy.class", "com.example.LinearPolicy"));
    refusedByLoad(file, "com.example.LinearPolicy", "not an MlpPolicy", "readState");
    refusedByResume(file, "com.example.LinearPolicy", "not of the " + MlpPolicy.class.getName());
  }

  @Test
  void aHugeStoredHiddenLayerIsRefusedBeforeAnythingIsAllocated() throws Exception {
    // 6,400 inputs and 300,000 hidden units: 1.9 billion parameters, 7.7 GB, from a 1 KB file
    Path file = saved(cp -> cp.putLong("observation.size", 6400).putString("policy.hidden", "[300000]"));
    refusedByLoad(file, "does not fit together", "has 1920900002 parameters, not 34");
  }

  @Test
  void storedSizesOutsideTheirRangeAreRefusedNamingTheEntry() throws Exception {
    refusedByLoad(saved(cp -> cp.putLong("observation.size", (1L << 32) + 1)),
        "observation.size is 4294967297; it must be an int from 1 to 2147483647");
    refusedByLoad(saved(cp -> cp.putLong("actions", 1)), "actions is 1; it must be an int from 2");
    refusedByLoad(saved(cp -> cp.putString("policy.hidden", "[8, 0]")), "policy.hidden is '[8, 0]'", "at least 1 unit");
    refusedByLoad(saved(cp -> cp.putString("policy.hidden", "[2147483648]")), "policy.hidden is '[2147483648]'");
    refusedByLoad(saved(cp -> cp.putString("policy.hidden", "[8,]")), "policy.hidden is '[8,]'");
    refusedByLoad(saved(cp -> cp.putString("policy.bias", "yes")), "policy.bias is 'yes'; it must be one of [true, false]");
    refusedByLoad(saved(cp -> cp.putString("policy.activation", "SWISH")), "policy.activation is 'SWISH'");
    refusedByLoad(saved(cp -> cp.putString("policy.head", "BERNOULLI").putLong("actions", 3)), "exactly 2 actions");
    refusedByLoad(saved(cp -> cp.putDouble("observation.size", 1.0)), "'observation.size' is a Double, not a Long");
  }

  @Test
  void nonFiniteStoredValuesAreRefusedNamingTheEntryAndTheFirstBadIndex() throws Exception {
    Path file = saved(cp -> {
      float[] p = cp.floats("policy.parameters");
      p[5] = Float.NaN;
      p[6] = Float.NaN;
      cp.putFloats("policy.parameters", p);
    });
    refusedByLoad(file, "policy.parameters", "value 5 (of 34) is NaN");
    refusedByResume(file, "policy.parameters", "value 5 (of 34) is NaN");
    for (String entry : new String[] {"policy.optimizer", "value.parameters", "value.optimizer"}) {
      refusedByResume(saved(cp -> {
        float[] v = cp.floats(entry);
        v[2] = Float.NEGATIVE_INFINITY;
        cp.putFloats(entry, v);
      }), "the entry " + entry + " is invalid", "value 2", "-Infinity");
    }
    refusedByResume(saved(cp -> cp.putDouble("baseline.runningMean", Double.NaN)), "baseline.runningMean (NaN)");
    refusedByResume(saved(cp -> cp.putDouble("runningScore", Double.POSITIVE_INFINITY)), "runningScore (Infinity)");
    assertTrue(Double.isNaN(Reinforce.resume(saved(cp -> cp.putDouble("runningScore", Double.NaN)),
        new TwoArmedBandit(10), CONFIG).runningScore()), "a NaN running score (no episode yet) is accepted");
  }

  @Test
  void resumeRefusesStoredArraysCountersAndStepCountsThatDoNotFit() throws Exception {
    refusedByResume(saved(cp -> cp.putFloats("policy.parameters", new float[33])), "the entry policy.parameters",
        "has 34 parameters, got 33");
    refusedByResume(saved(cp -> cp.putFloats("policy.optimizer", new float[67])), "the entry policy.optimizer",
        "has 68 values, got 67");
    refusedByResume(saved(cp -> cp.putFloats("value.parameters", new float[0])), "the entry value.parameters");
    refusedByResume(saved(cp -> cp.putLong("policy.optimizer.steps", -1)), "policy.optimizer", "got -1");
    refusedByResume(saved(cp -> cp.putLong("value.optimizer.steps", Long.MIN_VALUE)), "value.optimizer");
    refusedByResume(saved(cp -> cp.putLong("counters.episodes", -4)), "counters are inconsistent", "episodes -4");
    refusedByResume(saved(cp -> cp.putLong("counters.updates", 5)), "0 <= updates <= episodes <= steps");
    refusedByResume(saved(cp -> cp.putLong("observation.size", 2)),
        "observations of 2 values and the action space Discrete(2)", "TwoArmedBandit has 1 and Discrete(2)");
    refusedByResume(saved(cp -> cp.putString("action.space", "Discrete(3)")), "the action space Discrete(3)",
        "TwoArmedBandit has 1 and Discrete(2)");
    refusedByResume(saved(cp -> cp.putString("kind", "ppo")), "not of a REINFORCE training run");
  }
}
