package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoint schema of a REINFORCE run: which entries {@link Reinforce#save} writes, and how {@link
 * Reinforce#resume} and {@link Reinforce#loadPolicy} read them back. A checkpoint is untrusted input:
 * every stored size, count and value is checked before anything is allocated or changed.
 *
 * <p>Entries: {@code kind} ("reinforce"); {@code config.*}, the configuration's {@link
 * ReinforceConfig#describe() description}; {@code counters.episodes}, {@code .steps}, {@code .updates};
 * {@code runningScore}; {@code baseline.runningMean}; {@code observation.size}; {@code actions}; {@code
 * policy.parameters}, {@code policy.optimizer}, {@code policy.optimizer.steps}; with a value function
 * also {@code value.parameters}, {@code value.optimizer}, {@code value.optimizer.steps}.
 */
final class ReinforceCheckpoint {

  /** Configuration entries that checkpoints of earlier versions do not have: not compared when absent. */
  private static final Set<String> RECORDED_LATER = Set.of("shaper");
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Reinforce.class);

  private ReinforceCheckpoint() {}

  /** The whole training state of {@code r}, as {@link Reinforce#save(Path, int)} writes it. */
  static CheckpointFile of(Reinforce<?> r) {
    CheckpointFile cp = new CheckpointFile();
    cp.putString("kind", "reinforce");
    for (Map.Entry<String, String> e : r.config.describe().entrySet()) {
      cp.putString("config." + e.getKey(), e.getValue());
    }
    cp.putLong("counters.episodes", r.episodes);
    cp.putLong("counters.steps", r.steps);
    cp.putLong("counters.updates", r.updates);
    cp.putDouble("runningScore", r.runningScore);
    cp.putDouble("baseline.runningMean", r.learner.runningMean);
    cp.putLong("observation.size", r.inputs);
    cp.putLong("actions", r.actions);
    ReinforceUpdate<?> u = r.learner;
    u.policy.writeState(cp, "policy.");
    cp.putFloats("policy.optimizer", u.optimizer.state());
    cp.putLong("policy.optimizer.steps", u.optimizer.steps());
    if (u.valueFunction != null) {
      cp.putFloats("value.parameters", u.valueFunction.parameters());
      cp.putFloats("value.optimizer", u.valueOptimizer.state());
      cp.putLong("value.optimizer.steps", u.valueOptimizer.steps());
    }
    return cp;
  }

  /**
   * The newest valid checkpoint of a run's rotation for {@code config}: falling back to {@code named.1}, …
   * is logged, and a checkpoint of another kind or of another configuration is refused.
   */
  static CheckpointFile.Loaded readFor(Path named, ReinforceConfig config) {
    CheckpointFile.Loaded loaded = CheckpointFile.readLatest(named);
    if (!loaded.skipped().isEmpty()) {
      LOG.warn("resuming from {}, the newest valid checkpoint; passed over: {}", loaded.file(), loaded.skipped());
    }
    String source = loaded.file().toString();
    CheckpointFile cp = loaded.checkpoint();
    requireReinforce(cp, source);
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> e : config.describe().entrySet()) {
      String key = "config." + e.getKey();
      if (!cp.has(key) && RECORDED_LATER.contains(e.getKey())) {
        LOG.info("{} was written before checkpoints recorded config.{}; it is not compared", source, e.getKey());
        continue;
      }
      String stored = cp.has(key) ? cp.getString(key) : "(missing)";
      if (!stored.equals(e.getValue())) {
        differences.add(e.getKey() + ": checkpoint has " + stored + ", given " + e.getValue());
      }
    }
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(
          "the configuration differs from the one stored in " + source + ": " + String.join("; ", differences));
    }
    return loaded;
  }

  /** Sets the state stored in {@code cp} on {@code r}, checking every entry against its networks. */
  static void restore(Reinforce<?> r, CheckpointFile cp, String source) {
    ReinforceUpdate<?> u = r.learner;
    int storedInputs = storedSize(cp, "observation.size", 1, source);
    int storedActions = storedSize(cp, "actions", 2, source);
    if (storedInputs != r.inputs || storedActions != r.actions) {
      throw new CheckpointException(source + " was written for observations of " + storedInputs + " values and "
          + storedActions + " actions; the environment " + r.environmentName() + " has " + r.inputs + " and " + r.actions);
    }
    restoreEntry(source, "policy.parameters", () -> u.policy.readState(cp, "policy."));
    restoreEntry(source, "policy.optimizer",
        () -> u.optimizer.restore(cp.floats("policy.optimizer"), cp.getLong("policy.optimizer.steps")));
    if (u.valueFunction != null) {
      restoreEntry(source, "value.parameters", () -> u.valueFunction.setParameters(cp.floats("value.parameters")));
      restoreEntry(source, "value.optimizer",
          () -> u.valueOptimizer.restore(cp.floats("value.optimizer"), cp.getLong("value.optimizer.steps")));
    }
    r.episodes = cp.getLong("counters.episodes");
    r.steps = cp.getLong("counters.steps");
    r.updates = cp.getLong("counters.updates");
    if (!(0 <= r.updates && r.updates <= r.episodes && r.episodes <= r.steps)) {
      throw new CheckpointException(source + ": the counters are inconsistent (updates " + r.updates + ", episodes "
          + r.episodes + ", steps " + r.steps + "); a run has 0 <= updates <= episodes <= steps");
    }
    r.runningScore = cp.getDouble("runningScore");
    u.runningMean = cp.getDouble("baseline.runningMean");
    if (Double.isInfinite(r.runningScore) || !Double.isFinite(u.runningMean)) {
      throw new CheckpointException(source + ": runningScore (" + r.runningScore + ") must be finite or NaN, and"
          + " baseline.runningMean (" + u.runningMean + ") finite");
    }
  }

  /** Runs {@code restore}, reporting a value it refuses as a {@link CheckpointException} naming the entry. */
  private static void restoreEntry(String source, String entry, Runnable restore) {
    try {
      restore.run();
    } catch (CheckpointException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(source + ": the entry " + entry + " is invalid: " + e.getMessage(), e);
    }
  }

  static void requireReinforce(CheckpointFile cp, String source) {
    if (!cp.has("kind") || !"reinforce".equals(cp.getString("kind"))) {
      throw new CheckpointException(source + " is a pgrl checkpoint, but not of a REINFORCE training run");
    }
  }

  /** A stored size, which must be an int of at least {@code least}. */
  private static int storedSize(CheckpointFile cp, String name, int least, String source) {
    long v = cp.getLong(name);
    if (v < least || v > Integer.MAX_VALUE) {
      throw new CheckpointException(
          source + ": " + name + " is " + v + "; it must be an int from " + least + " to " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  /** A stored text that must be one of {@code values}. */
  private static String storedChoice(CheckpointFile cp, String name, List<String> values, String source) {
    String v = cp.getString(name);
    if (!values.contains(v)) {
      throw new CheckpointException(source + ": " + name + " is '" + v + "'; it must be one of " + values);
    }
    return v;
  }

  /** The stored policy; see {@link Reinforce#loadPolicy(CheckpointFile, String)} for what is checked. */
  static MlpPolicy policy(CheckpointFile cp, String source) {
    requireReinforce(cp, source);
    int inputs = storedSize(cp, "observation.size", 1, source);
    int actions = storedSize(cp, "actions", 2, source);
    String activation = storedChoice(cp, "config.activation", names(Activation.values()), source);
    String head = storedChoice(cp, "config.head", names(Head.values()), source);
    boolean bias = Boolean.parseBoolean(storedChoice(cp, "config.bias", List.of("true", "false"), source));
    String hidden = cp.getString("config.hidden");
    MlpPolicy.Builder builder;
    try {
      String list = hidden.replaceAll("[\\[\\] ]", "");
      int[] sizes = list.isEmpty() ? new int[0] : Arrays.stream(list.split(",", -1)).mapToInt(Integer::parseInt).toArray();
      builder = MlpPolicy.builder(inputs, actions).hidden(sizes).activation(Activation.valueOf(activation))
          .head(Head.valueOf(head)).bias(bias);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(source + ": config.hidden is '" + hidden + "'; it must list at most 100 layer sizes"
          + " from 1 to " + Integer.MAX_VALUE + ", such as [64, 64]: " + e.getMessage(), e);
    }
    float[] parameters = cp.floats("policy.parameters");
    try {
      return builder.build(parameters);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(source + ": the stored policy does not fit together (observation.size, actions,"
          + " config.hidden, config.head, config.bias and policy.parameters): " + e.getMessage(), e);
    }
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
