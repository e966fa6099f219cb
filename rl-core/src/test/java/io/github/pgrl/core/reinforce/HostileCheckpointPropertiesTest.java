package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A checkpoint with a valid checksum but hostile header values (sizes, counters, step counts, texts, array
 * lengths and contents) is either loaded consistently or refused with a {@link CheckpointException} (for
 * {@code resume}, a changed configuration may also be the documented {@link IllegalArgumentException}),
 * never another exception and never an {@link OutOfMemoryError}.
 *
 * <p>Runs in the surefire execution {@code small-heap} (-Xmx96m): an allocation of a hostile size fails
 * there.
 */
class HostileCheckpointPropertiesTest {

  /** A run with every entry kind: a value function and Adam. */
  private static final ReinforceConfig ADAM = ReinforceConfig.builder().seed(5).hidden(8)
      .optimizer(OptimizerConfig.Adam.of(0.05)).baseline(BaselineKind.VALUE_FUNCTION).valueHidden(4).batchEpisodes(2)
      .build();
  /** A run with two hidden layers, a Bernoulli head without biases, RMSProp and a running mean. */
  private static final ReinforceConfig RMSPROP = ReinforceConfig.builder().seed(6).hidden(4, 3).head(Head.BERNOULLI)
      .bias(false).optimizer(OptimizerConfig.RmsProp.classic(1e-3)).baseline(BaselineKind.RUNNING_MEAN).batchEpisodes(2)
      .build();
  private static final List<ReinforceConfig> CONFIGS = List.of(ADAM, RMSPROP);

  private static final List<String> TEXTS = new ArrayList<>(ADAM.describe().keySet().stream().map(k -> "config." + k).toList());
  private static final List<String> LONGS = List.of("observation.size", "actions", "counters.episodes", "counters.steps",
      "counters.updates", "policy.optimizer.steps", "value.optimizer.steps");
  private static final List<String> DOUBLES = List.of("runningScore", "baseline.runningMean");
  private static final List<String> ARRAYS = List.of("policy.parameters", "policy.optimizer", "value.parameters",
      "value.optimizer");

  /** The MLP's architecture, stored after 3edb90a; checkpoints of 3edb90a have only the config.* entries. */
  private static final List<String> ARCHITECTURE = List.of("policy.class", "policy.hidden", "policy.activation",
      "policy.head", "policy.bias");

  static {
    TEXTS.add("kind");
    TEXTS.addAll(ARCHITECTURE);
  }

  private static Path dir;
  /** Checkpoints of each configuration after 0 and 1 updates. */
  private static List<CheckpointFile> bases;

  @BeforeContainer
  static void saveTheBases() throws Exception {
    dir = Files.createTempDirectory("hostile");
    bases = new ArrayList<>();
    for (ReinforceConfig config : CONFIGS) {
      for (int updates = 0; updates <= 1; updates++) {
        Path f = dir.resolve("base");
        try (Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(3), config)) {
          if (updates > 0) {
            r.train(Budget.updates(updates));
          }
          r.save(f);
        }
        bases.add(CheckpointFile.read(f));
      }
    }
  }

  @AfterContainer
  static void deleteTheFiles() throws Exception {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  /** One hostile change of a checkpoint. */
  record Edit(String description, UnaryOperator<CheckpointFile> apply) {
    @Override
    public String toString() {
      return description;
    }
  }

  @Property(tries = 200)
  void aHostileHeaderIsRefusedWithACheckpointExceptionOrLoadsConsistently(
      @ForAll("bases") int base, @ForAll("edits") List<Edit> edits) throws Exception {
    CheckpointFile cp = CheckpointFile.fromBytes(bases.get(base).toBytes(), "base");
    for (Edit e : edits) {
      cp = e.apply().apply(cp);
    }
    Path file = dir.resolve("hostile.pgrl");
    Files.write(file, cp.toBytes()); // a valid checksum: an attacker recomputes it
    CheckpointFile stored = CheckpointFile.read(file);

    try {
      MlpPolicy p = ReinforceCheckpoint.loadPolicy(file);
      assertArrayEquals(stored.floats("policy.parameters"), p.parameters());
      assertTrue(p.parametersFinite());
      assertEquals(stored.getLong("observation.size"), p.inputs());
      assertEquals(stored.getLong("actions"), p.actions());
    } catch (CheckpointException e) {
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    ReinforceConfig config = CONFIGS.get(base / 2);
    try (Reinforce<MlpPolicy> r = Reinforce.resume(file, new TwoArmedBandit(3), config)) {
      assertArrayEquals(stored.floats("policy.parameters"), r.policy().parameters());
      assertEquals(stored.getLong("counters.updates"), r.updates());
      assertTrue(0 <= r.updates() && r.updates() <= r.episodes() && r.episodes() <= r.steps());
    } catch (CheckpointException e) {
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("the configuration differs from the one stored in " + file), e.getMessage());
    }
  }

  @Provide
  Arbitrary<Integer> bases() {
    return Arbitraries.integers().between(0, 2 * CONFIGS.size() - 1);
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, text()), Tuple.of(5, integer()), Tuple.of(2, real()), Tuple.of(5, array()), Tuple.of(1, retyped()),
        Tuple.of(1, removed()), Tuple.of(1, hugeArchitecture()), Tuple.of(1, deepArchitecture()))
        .list().ofMinSize(1).ofMaxSize(3);
  }

  private static Arbitrary<Edit> text() {
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.of("", " ", "-1", "0", "1", "2147483647", "2147483648", "9223372036854775807", "NaN", "Infinity",
            "[300000]", "[2147483647]", "[2147483647, 2147483647]", "[-1]", "[0]", "[]", "[8]", "[8, 8]", "[4, 3]",
            "[8,]", "[,]", "[", "]", "true", "false", "TRUE", "SOFTMAX", "BERNOULLI", "RELU", "TANH", "reinforce",
            "[" + String.join(", ", Collections.nCopies(500, "1")) + "]"),
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.integers().list().ofMaxSize(4).map(l -> l.toString()));
    return Combinators.combine(Arbitraries.of(TEXTS), values)
        .as((name, v) -> new Edit(name + " = '" + abbreviate(v) + "'", cp -> cp.putString(name, v)));
  }

  private static Arbitrary<Edit> integer() {
    Arbitrary<Long> values = Arbitraries.oneOf(
        Arbitraries.of(0L, 1L, 2L, 3L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L, (long) Integer.MIN_VALUE, 300_000L, 6400L, 1L << 32, (1L << 32) + 1),
        Arbitraries.longs());
    return Combinators.combine(Arbitraries.of(LONGS), values)
        .as((name, v) -> new Edit(name + " = " + v, cp -> cp.putLong(name, v)));
  }

  private static Arbitrary<Edit> real() {
    Arbitrary<Double> values = Arbitraries.oneOf(
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.MIN_VALUE),
        Arbitraries.doubles());
    return Combinators.combine(Arbitraries.of(DOUBLES), values)
        .as((name, v) -> new Edit(name + " = " + v, cp -> cp.putDouble(name, v)));
  }

  private static Arbitrary<Edit> array() {
    Arbitrary<Float> values = Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MAX_VALUE, -Float.MAX_VALUE, -1f, 0f, -0f, 1e30f, Float.MIN_VALUE);
    Arbitrary<Edit> resized = Combinators.combine(Arbitraries.of(ARRAYS),
            Arbitraries.of("0", "1", "n - 1", "n + 1", "2n", "n / 2", "1000"))
        .as((name, length) -> new Edit(name + " of length " + length, cp -> {
          float[] v = floatsOr(cp, name);
          int n = v.length;
          int to = switch (length) {
            case "0" -> 0;
            case "1" -> 1;
            case "n - 1" -> Math.max(0, n - 1);
            case "n + 1" -> n + 1;
            case "2n" -> 2 * n;
            case "n / 2" -> n / 2;
            default -> 1000;
          };
          return cp.putFloats(name, Arrays.copyOf(v, to));
        }));
    Arbitrary<Edit> changed = Combinators.combine(Arbitraries.of(ARRAYS), Arbitraries.integers().between(0, 10_000),
            values, Arbitraries.of(false, true))
        .as((name, at, value, all) -> new Edit(name + (all ? " all " : "[" + at + "] = ") + value, cp -> {
          float[] v = floatsOr(cp, name);
          if (all) {
            Arrays.fill(v, value);
          } else if (v.length > 0) {
            v[at % v.length] = value;
          }
          return cp.putFloats(name, v);
        }));
    return Arbitraries.oneOf(resized, changed);
  }

  private static float[] floatsOr(CheckpointFile cp, String name) {
    try {
      return cp.floats(name);
    } catch (CheckpointException missingOrOfAnotherType) {
      return new float[3];
    }
  }

  /** An entry replaced by a value of another type. */
  private static Arbitrary<Edit> retyped() {
    List<String> names = new ArrayList<>(TEXTS);
    names.addAll(LONGS);
    names.addAll(DOUBLES);
    names.addAll(ARRAYS);
    return Combinators.combine(Arbitraries.of(names), Arbitraries.integers().between(0, 4))
        .as((name, type) -> new Edit(name + " retyped " + type, cp -> switch (type) {
          case 0 -> cp.putString(name, "1");
          case 1 -> cp.putLong(name, 1);
          case 2 -> cp.putDouble(name, 1);
          case 3 -> cp.putFloats(name, new float[] {1});
          default -> cp.putDoubles(name, new double[] {1});
        }));
  }

  private static Arbitrary<Edit> removed() {
    List<String> names = new ArrayList<>(TEXTS);
    names.addAll(LONGS);
    names.addAll(DOUBLES);
    names.addAll(ARRAYS);
    return Arbitraries.of(names).map(name -> new Edit("without " + name, cp -> without(cp, name)));
  }

  /** 6,400 inputs and 300,000 hidden units: 1.9 billion parameters claimed by a small file. */
  private static Arbitrary<Edit> hugeArchitecture() {
    return Arbitraries.of(
        new Edit("6400 inputs, hidden [300000]",
            cp -> cp.putLong("observation.size", 6400).putString("policy.hidden", "[300000]")),
        new Edit("6400 inputs, hidden [300000], as 3edb90a stored it",
            cp -> as3edb90a(cp).putLong("observation.size", 6400).putString("config.hidden", "[300000]")));
  }

  /** {@code cp} as 3edb90a wrote it: the architecture only in the config.* entries. */
  private static CheckpointFile as3edb90a(CheckpointFile cp) {
    for (String name : ARCHITECTURE) {
      cp = without(cp, name);
    }
    return cp;
  }

  /** A consistent network of n one-unit hidden layers: beyond 100 layers, its ND4J views alone fill a small heap. */
  private static Arbitrary<Edit> deepArchitecture() {
    return Arbitraries.of(3, 100, 101, 10_000).map(n -> new Edit(n + " hidden layers, consistent", cp -> cp
        .putLong("observation.size", 1).putLong("actions", 2).putString("policy.head", "SOFTMAX")
        .putString("policy.bias", "true")
        .putString("policy.hidden", Arrays.toString(Collections.nCopies(n, 1).stream().mapToInt(i -> i).toArray()))
        .putFloats("policy.parameters", new float[2 * n + 4])));
  }

  /** A copy of {@code cp} without the entry {@code name}. */
  private static CheckpointFile without(CheckpointFile cp, String name) {
    CheckpointFile out = new CheckpointFile();
    for (String n : cp.names()) {
      if (n.equals(name)) {
        continue;
      }
      try {
        out.putFloats(n, cp.floats(n));
      } catch (CheckpointException notFloats) {
        try {
          out.putLong(n, cp.getLong(n));
        } catch (CheckpointException notLong) {
          try {
            out.putDouble(n, cp.getDouble(n));
          } catch (CheckpointException notDouble) {
            try {
              out.putString(n, cp.getString(n));
            } catch (CheckpointException notString) {
              out.putDoubles(n, cp.doubles(n));
            }
          }
        }
      }
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
