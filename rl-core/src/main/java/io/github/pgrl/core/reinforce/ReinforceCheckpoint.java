package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.internal.CheckpointEntries;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.space.Discrete;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoint of a REINFORCE run: which entries {@link Reinforce#save} writes, how {@link
 * Reinforce#resume} reads them back, and {@link #loadPolicy} to read the trained MLP for evaluation. A
 * checkpoint is untrusted input: every stored size, count and value is checked before anything is
 * allocated or changed.
 *
 * <p>Entries: {@code kind} ("reinforce"); {@code config.*}, the configuration's {@link
 * ReinforceConfig#describe() description}; {@code counters.episodes}, {@code .steps}, {@code .updates};
 * {@code runningScore}; {@code baseline.runningMean}; {@code observation.size}; {@code action.space}, the
 * environment's action space as text, compared on resume (absent before it was recorded, when {@code
 * actions} alone stood for {@code Discrete(actions)}); {@code actions} for a {@link
 * io.github.pgrl.core.space.Discrete} space; the
 * policy's state ({@link io.github.pgrl.core.TrainablePolicy#writeState} with the prefix {@code "policy."}:
 * {@code policy.parameters} by default; an {@link MlpPolicy} adds its architecture, {@code policy.hidden},
 * {@code .activation}, {@code .head} and {@code .bias}, which checkpoints of 3edb90a and before have
 * only as {@code config.*}); the policy's class ({@code policy.class}, which {@link Reinforce#resume}
 * compares; absent before, meaning the MLP); {@code policy.optimizer}, {@code policy.optimizer.steps}
 * (the names {@link #RESERVED} that a policy's {@code writeState} must not use); with a
 * value function also {@code value.parameters}, {@code value.optimizer}, {@code value.optimizer.steps}.
 * These names are those of every earlier version, so older checkpoints load and resume.
 *
 * @since 0.1.0
 */
public final class ReinforceCheckpoint {

  /** The entries under the policy's prefix that the trainer writes itself, after the policy's state. */
  static final List<String> RESERVED = List.of("policy.class", "policy.optimizer", "policy.optimizer.steps");

  /** Configuration entries that checkpoints of earlier versions do not have: not compared when absent. */
  private static final Set<String> RECORDED_LATER = Set.of("shaper");
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Reinforce.class);

  private ReinforceCheckpoint() {}


  /** A trainer of {@code policy} (or of the configuration's MLP) in the state of the newest valid checkpoint. */
  static <A, P extends io.github.pgrl.core.TrainablePolicy<float[], A>> Reinforce<P> resume(
      Path named, List<io.github.pgrl.core.Environment<float[], A>> envs, P policy, ReinforceConfig config) {
    return resume(named, envs, policy, config, null);
  }

  /** As {@link #resume(Path, List, io.github.pgrl.core.TrainablePolicy, ReinforceConfig)}, playing on the backend if not null. */
  static <A, P extends io.github.pgrl.core.TrainablePolicy<float[], A>> Reinforce<P> resume(Path named,
      List<io.github.pgrl.core.Environment<float[], A>> envs, P policy, ReinforceConfig config, RolloutBackend<A> backend) {
    CheckpointFile.Loaded loaded = readFor(named, config);
    Reinforce<P> r = Reinforce.of(envs, policy, config, backend);
    try {
      restore(r, loaded.checkpoint(), loaded.file().toString());
    } catch (RuntimeException e) {
      r.collector.stopThreads(); // the environments are the caller's to close
      throw e;
    }
    return r;
  }

  /** The whole training state of {@code r}, as {@link Reinforce#save(Path, int)} writes it. */
  static CheckpointFile of(Reinforce<?> r) {
    CheckpointFile cp = new CheckpointFile();
    cp.putString("kind", "reinforce");
    for (Map.Entry<String, String> e : r.config.describe().entrySet()) {
      cp.putString("config." + e.getKey(), e.getValue());
    }
    Progress p = r.progress;
    cp.putLong("counters.episodes", p.episodes);
    cp.putLong("counters.steps", p.steps);
    cp.putLong("counters.updates", p.updates);
    cp.putDouble("runningScore", p.runningScore);
    cp.putDouble("baseline.runningMean", r.learner.runningMean);
    cp.putLong("observation.size", r.inputs);
    if (r.actionSpace instanceof Discrete d) {
      cp.putLong("actions", d.n());
    }
    cp.putString("action.space", r.actionSpace.toString());
    ReinforceUpdate<?> u = r.learner;
    u.policy.writeState(cp, "policy.");
    for (String reserved : RESERVED) {
      if (cp.has(reserved)) {
        throw new IllegalStateException("the policy " + u.policy.getClass().getName() + " wrote the checkpoint entry "
            + reserved + " in writeState, a name the trainer keeps for itself (" + RESERVED + "): use other names");
      }
    }
    cp.putString("policy.class", u.policy.getClass().getName());
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
    // checkpoints before action.space was recorded are of Discrete actions, stored as their number
    String storedSpace = cp.has("action.space") ? cp.getString("action.space")
        : Discrete.of(storedSize(cp, "actions", 2, source)).toString();
    if (storedInputs != r.inputs || !storedSpace.equals(r.actionSpace.toString())) {
      throw new CheckpointException(source + " was written for observations of " + storedInputs + " values and the"
          + " action space " + storedSpace + "; the environment " + r.collector.environmentName() + " has " + r.inputs
          + " and " + r.actionSpace);
    }
    // 0.1.0-SNAPSHOT checkpoints (3edb90a and before) name no class: theirs is the MLP
    String stored = cp.has("policy.class") ? cp.getString("policy.class") : MlpPolicy.class.getName();
    if (!stored.equals(u.policy.getClass().getName())) {
      throw new CheckpointException(source + " holds the state of a " + stored + ", not of the "
          + u.policy.getClass().getName() + " given to resume: resume with a policy of the class it was trained with");
    }
    long episodes = cp.getLong("counters.episodes");
    long steps = cp.getLong("counters.steps");
    long updates = cp.getLong("counters.updates");
    if (!(0 <= updates && updates <= episodes && episodes <= steps)) {
      throw new CheckpointException(source + ": the counters are inconsistent (updates " + updates + ", episodes "
          + episodes + ", steps " + steps + "); a run has 0 <= updates <= episodes <= steps");
    }
    double runningScore = cp.getDouble("runningScore");
    double runningMean = cp.getDouble("baseline.runningMean");
    if (Double.isInfinite(runningScore) || !Double.isFinite(runningMean)) {
      throw new CheckpointException(source + ": runningScore (" + runningScore + ") must be finite or NaN, and"
          + " baseline.runningMean (" + runningMean + ") finite");
    }
    CheckpointEntries.restore(source, "policy.optimizer",
        () -> u.optimizer.restore(cp.floats("policy.optimizer"), cp.getLong("policy.optimizer.steps")));
    if (u.valueFunction != null) {
      CheckpointEntries.restore(source, "value.parameters", () -> u.valueFunction.setParameters(cp.floats("value.parameters")));
      CheckpointEntries.restore(source, "value.optimizer",
          () -> u.valueOptimizer.restore(cp.floats("value.optimizer"), cp.getLong("value.optimizer.steps")));
    }
    // last, so that a refused checkpoint leaves a policy the caller passed as it was
    CheckpointEntries.restore(source, "policy.parameters", () -> u.policy.readState(cp, "policy."));
    Progress p = r.progress;
    p.episodes = episodes;
    p.steps = steps;
    p.updates = updates;
    p.runningScore = runningScore;
    u.runningMean = runningMean;
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

  /**
   * The MLP stored in the checkpoint file written by {@link Reinforce#save(Path)}, for evaluation, without
   * the environment or the configuration. Exactly this file is read: a damaged file is reported, not
   * replaced by an older one (see {@link #loadPolicy(CheckpointFile, String)} to fall back to {@code
   * file.1}, …).
   *
   * @param file the checkpoint file of a run of {@link Reinforce#create(io.github.pgrl.core.Environment,
   *     ReinforceConfig)}'s MLP
   * @return the policy with the stored architecture and parameters
   * @throws CheckpointException if the file is not a valid pgrl checkpoint of such a run (see {@link
   *     CheckpointFile#read(Path)} and {@link #loadPolicy(CheckpointFile, String)})
   */
  public static MlpPolicy loadPolicy(Path file) {
    return loadPolicy(CheckpointFile.read(file), file.toString());
  }

  /**
   * The MLP stored in a checkpoint already read, for instance the newest valid one of a rotation:
   *
   * <pre>{@code
   * CheckpointFile.Loaded l = CheckpointFile.readLatest(file);  // file, file.1, file.2, ...
   * MlpPolicy policy = ReinforceCheckpoint.loadPolicy(l.checkpoint(), l.file().toString());
   * // report l.file(), and l.skipped() if it is not empty
   * }</pre>
   *
   * <p>The sizes ({@code observation.size}, {@code actions}, {@code policy.hidden}, or {@code
   * config.hidden} in checkpoints of 3edb90a and before) must be ints of at least 1 (2 actions), at most 100 hidden
   * layers, with the activation, head and bias among their names, and the architecture's parameter count must equal the
   * length of {@code policy.parameters}, whose values must be finite. All of this is checked before the
   * network is allocated, so memory use is bounded by the checkpoint's size. A run of a policy of the
   * caller's is read back by that policy's {@link io.github.pgrl.core.TrainablePolicy#readState}.
   *
   * @param checkpoint the checkpoint's entries
   * @param source where they were read from, for messages (the file name)
   * @return the policy with the stored architecture and parameters
   * @throws CheckpointException if the checkpoint is not of a REINFORCE run of an MLP, or its policy
   *     entries are missing, out of range or inconsistent; the message names the entry
   */
  public static MlpPolicy loadPolicy(CheckpointFile checkpoint, String source) {
    CheckpointFile cp = java.util.Objects.requireNonNull(checkpoint, "checkpoint");
    requireReinforce(cp, source);
    if (cp.has("policy.class") && !cp.getString("policy.class").equals(MlpPolicy.class.getName())) {
      throw new CheckpointException(source + " holds a policy of the class " + cp.getString("policy.class") + ", not an"
          + " MlpPolicy: make one of that class and read its state with readState(checkpoint, \"policy.\")");
    }
    int inputs = storedSize(cp, "observation.size", 1, source);
    int actions = storedSize(cp, "actions", 2, source);
    // checkpoints after 3edb90a store the MLP's architecture as policy.*; earlier ones only as config.*
    String at = cp.has("policy.hidden") ? "policy." : "config.";
    String activation = storedChoice(cp, at + "activation", names(Activation.values()), source);
    String head = storedChoice(cp, at + "head", names(Head.values()), source);
    boolean bias = Boolean.parseBoolean(storedChoice(cp, at + "bias", List.of("true", "false"), source));
    String hidden = cp.getString(at + "hidden");
    MlpPolicy.Builder builder;
    try {
      String list = hidden.replaceAll("[\\[\\] ]", "");
      int[] sizes = list.isEmpty() ? new int[0] : Arrays.stream(list.split(",", -1)).mapToInt(Integer::parseInt).toArray();
      builder = MlpPolicy.builder(inputs, actions).hidden(sizes).activation(Activation.valueOf(activation))
          .head(Head.valueOf(head)).bias(bias);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(source + ": " + at + "hidden is '" + hidden + "'; it must list at most 100 layer sizes"
          + " from 1 to " + Integer.MAX_VALUE + ", such as [64, 64]: " + e.getMessage(), e);
    }
    float[] parameters = cp.floats("policy.parameters");
    try {
      return builder.build(parameters);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(source + ": the stored policy does not fit together (observation.size, actions,"
          + " " + at + "hidden, " + at + "head, " + at + "bias and policy.parameters): " + e.getMessage(), e);
    }
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
