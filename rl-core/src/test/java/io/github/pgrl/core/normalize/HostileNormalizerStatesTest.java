package io.github.pgrl.core.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every way a stored normaliser state can be wrong is refused with a {@link CheckpointException} naming the
 * entry and the fault, and leaves the normaliser reading it unchanged.
 */
class HostileNormalizerStatesTest {

  private static final String PREFIX = "n.";
  /** The entries that hold float64 arrays; every other entry of a normaliser's state is one float64. */
  private static final Set<String> ARRAYS = Set.of("mean", "var", "returns");

  /** One fault of a stored state: what it does to the entries and what the refusal must say. */
  enum Corruption {
    MEAN_TOO_LONG(false, (e, n) -> e.put("mean", new double[n + 1]), "'n.mean' has %d values; these statistics have %d"),
    VAR_TOO_SHORT(false, (e, n) -> e.put("var", new double[n - 1]), "'n.var' has %d values; these statistics have %d"),
    MEAN_NAN(false, (e, n) -> at(e, "mean", n - 1, Double.NaN), "'n.mean' holds NaN at index %d; a mean must be finite"),
    MEAN_INFINITE(false, (e, n) -> at(e, "mean", 0, Double.NEGATIVE_INFINITY), "'n.mean' holds -Infinity at index 0"),
    VAR_NEGATIVE(false, (e, n) -> at(e, "var", n - 1, -0.5), "'n.var' holds -0.5 at index %d; a variance must be finite"
        + " and at least 0"),
    VAR_NAN(false, (e, n) -> at(e, "var", 0, Double.NaN), "'n.var' holds NaN at index 0"),
    VAR_INFINITE(false, (e, n) -> at(e, "var", 0, Double.POSITIVE_INFINITY), "'n.var' holds Infinity at index 0"),
    COUNT_ZERO(false, (e, n) -> e.put("count", 0.0), "'n.count' is 0.0; a count must be finite and positive"),
    COUNT_NEGATIVE(false, (e, n) -> e.put("count", -3.0), "'n.count' is -3.0"),
    COUNT_NAN(false, (e, n) -> e.put("count", Double.NaN), "'n.count' is NaN"),
    COUNT_INFINITE(false, (e, n) -> e.put("count", Double.POSITIVE_INFINITY), "'n.count' is Infinity"),
    COUNT_OF_ANOTHER_TYPE(false, (e, n) -> e.put("count", "1"), "the entry 'n.count' is a String, not a Double"),
    MEAN_MISSING(false, (e, n) -> e.remove("mean"), "has no entry 'n.mean'"),
    VAR_MISSING(false, (e, n) -> e.remove("var"), "has no entry 'n.var'"),
    COUNT_MISSING(false, (e, n) -> e.remove("count"), "has no entry 'n.count'"),
    CLIP_MISSING(false, (e, n) -> e.remove("clip"), "has no entry 'n.clip'"),
    ANOTHER_CLIP(false, (e, n) -> e.put("clip", 2.0), "'n.clip' holds a clip of 2.0; this normaliser's is 3.0"),
    RETURNS_TOO_LONG(true, (e, n) -> e.put("returns", new double[n + 1]), "'n.returns' holds the returns of %d"
        + " copies; this normaliser has %d"),
    RETURN_NAN(true, (e, n) -> at(e, "returns", n - 1, Double.NaN), "'n.returns' holds NaN for copy %d; a return must"
        + " be finite"),
    RETURNS_MISSING(true, (e, n) -> e.remove("returns"), "has no entry 'n.returns'"),
    GAMMA_MISSING(true, (e, n) -> e.remove("gamma"), "has no entry 'n.gamma'"),
    ANOTHER_GAMMA(true, (e, n) -> e.put("gamma", 0.5), "'n.gamma' holds a gamma of 0.5; this normaliser's is 0.9");

    final boolean rewardsOnly;
    final BiConsumer<Map<String, Object>, Integer> apply;
    final String message;

    Corruption(boolean rewardsOnly, BiConsumer<Map<String, Object>, Integer> apply, String message) {
      this.rewardsOnly = rewardsOnly;
      this.apply = apply;
      this.message = message;
    }

    /** The message the refusal must contain, for a state of {@code n} dimensions or copies. */
    String expected(int n) {
      return switch (this) {
        case MEAN_TOO_LONG -> String.format(message, n + 1, n);
        case VAR_TOO_SHORT -> String.format(message, n - 1, n);
        case RETURNS_TOO_LONG -> String.format(message, n + 1, n);
        case MEAN_NAN, VAR_NEGATIVE, RETURN_NAN -> String.format(message, n - 1);
        default -> message;
      };
    }

    private static void at(Map<String, Object> entries, String name, int index, double value) {
      double[] values = ((double[]) entries.get(name)).clone();
      values[index] = value;
      entries.put(name, values);
    }
  }

  /** The entries under {@link #PREFIX}, without it: float64 arrays and float64 values. */
  private static Map<String, Object> entries(CheckpointFile cp) {
    Map<String, Object> entries = new LinkedHashMap<>();
    for (String name : cp.names()) {
      String key = name.substring(PREFIX.length());
      entries.put(key, ARRAYS.contains(key) ? cp.doubles(name) : cp.getDouble(name));
    }
    return entries;
  }

  /** The entries in a checkpoint, through its bytes (as a file on disk would be read). */
  private static CheckpointFile checkpoint(Map<String, Object> entries) {
    CheckpointFile cp = new CheckpointFile();
    entries.forEach((key, value) -> {
      if (value instanceof double[] d) {
        cp.putDoubles(PREFIX + key, d);
      } else if (value instanceof Double d) {
        cp.putDouble(PREFIX + key, d);
      } else {
        cp.putString(PREFIX + key, (String) value);
      }
    });
    return CheckpointFile.fromBytes(cp.toBytes(), "hostile");
  }

  /** An observation normaliser of {@code length} values and clip 3 after {@code updates} batches. */
  private static ObservationNormalizer observations(int length, int updates, long seed) {
    ObservationNormalizer n = ObservationNormalizer.of(length, 3);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] offset = new double[length];
    double[] scale = new double[length];
    Arrays.fill(offset, rng.nextDouble(-5, 5));
    Arrays.fill(scale, rng.nextDouble(0.1, 5));
    for (int u = 0; u < updates; u++) {
      n.update(RunningMeanStdTest.gaussianRows(rng.nextLong(), 4, offset, scale), 4);
    }
    return n;
  }

  /** A reward normaliser of {@code copies} copies, γ 0.9 and clip 3 after {@code updates} rollouts. */
  private static RewardNormalizer rewards(int copies, int updates, long seed) {
    RewardNormalizer n = RewardNormalizer.of(copies, 0.9, 3);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int u = 0; u < updates; u++) {
      double[][] r = new double[copies][5];
      for (double[] row : r) {
        for (int t = 0; t < row.length; t++) {
          row[t] = rng.nextDouble(-2, 2);
        }
      }
      n.normalize(r, new boolean[copies][5]);
    }
    return n;
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void everyHostileStateIsRefusedNamingItsFaultAndChangesNothing(@ForAll Corruption corruption,
      @ForAll @IntRange(min = 1, max = 4) int size, @ForAll @IntRange(min = 0, max = 2) int updates) {
    if (!corruption.rewardsOnly) {
      CheckpointFile stored = new CheckpointFile();
      observations(size, updates + 1, 11 * size + updates).writeState(stored, PREFIX);
      ObservationNormalizer reader = observations(size, updates, 7);
      float[] probe = new float[size];
      Arrays.fill(probe, 1.5f);
      float[] before = reader.normalize(probe);
      byte[] stateBefore = state(reader::writeState);

      assertRefused(corruption, size, stored, cp -> reader.readState(cp, PREFIX));

      assertArrayEquals(before, reader.normalize(probe));
      assertArrayEquals(stateBefore, state(reader::writeState));
    }
    CheckpointFile stored = new CheckpointFile();
    rewards(size, updates + 1, 11 * size + updates).writeState(stored, PREFIX);
    RewardNormalizer reader = rewards(size, updates, 7);
    byte[] stateBefore = state(reader::writeState);

    // the statistics of the returns have one dimension; the returns are one per copy
    assertRefused(corruption, corruption.rewardsOnly ? size : 1, stored, cp -> reader.readState(cp, PREFIX));

    assertArrayEquals(stateBefore, state(reader::writeState));
  }

  private static byte[] state(BiConsumer<CheckpointFile, String> write) {
    CheckpointFile cp = new CheckpointFile();
    write.accept(cp, PREFIX);
    return cp.toBytes();
  }

  /** Corrupts the stored state of {@code n} dimensions or copies, reads it, and checks the refusal. */
  private static void assertRefused(Corruption corruption, int n, CheckpointFile stored, Consumer<CheckpointFile> read) {
    Map<String, Object> entries = entries(stored);
    corruption.apply.accept(entries, n);
    CheckpointFile hostile = checkpoint(entries);

    CheckpointException e = assertThrows(CheckpointException.class, () -> read.accept(hostile));

    String expected = corruption.expected(n);
    assertTrue(e.getMessage().contains(expected), () -> corruption + ": '" + e.getMessage() + "' does not say '"
        + expected + "'");
  }
}
