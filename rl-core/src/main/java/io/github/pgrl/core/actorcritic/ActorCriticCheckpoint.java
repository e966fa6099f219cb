package io.github.pgrl.core.actorcritic;

import io.github.pgrl.core.internal.CheckpointEntries;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint of an {@link ActorCritic} run. A checkpoint is untrusted input: every stored size, count
 * and value is checked before anything changes, and the policy, whose parameters the caller passed, is
 * restored last.
 *
 * <p>Entries: {@code kind} ("actor-critic"); {@code config.*}, the configuration's {@link
 * ActorCriticConfig#describe() description}, compared on resume (but for {@code threads}); {@code observation.size}, {@code
 * action.space}, {@code copies}; {@code counters.updates}, {@code .steps}, {@code .episodes}; {@code
 * runningScore}; the policy's state under {@code policy.} with {@code policy.class}, {@code policy.optimizer}
 * and {@code policy.optimizer.steps}; {@code value.parameters}, {@code value.optimizer}, {@code
 * value.optimizer.steps} (not for a shared network, whose value output is part of the policy's state); the
 * copies' unfinished episodes under {@code rollout.} (current observations,
 * previous actions, lengths, scores, info totals); {@code envs.exact} and, when it is 1, the vector
 * environment's state under {@code envs.}; and the normalisers' statistics under {@code normalize.}.
 */
final class ActorCriticCheckpoint {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ActorCritic.class);

  private ActorCriticCheckpoint() {}

  static void write(ActorCritic<?> ac, Path file, int keep) {
    CheckpointFile cp = new CheckpointFile();
    cp.putString("kind", "actor-critic");
    for (Map.Entry<String, String> e : ac.config.describe().entrySet()) {
      cp.putString("config." + e.getKey(), e.getValue());
    }
    RolloutCollector<?> c = ac.run.collector;
    cp.putLong("observation.size", ac.inputs);
    cp.putString("action.space", c.envs.actionSpace().toString());
    cp.putLong("copies", c.envs.size());
    cp.putLong("counters.updates", ac.updates);
    cp.putLong("counters.steps", ac.steps);
    cp.putLong("counters.episodes", ac.episodes);
    cp.putDouble("runningScore", ac.runningScore);
    ac.policy.writeState(cp, "policy.");
    cp.putString("policy.class", ac.policy.getClass().getName());
    cp.putFloats("policy.optimizer", ac.optimizer.state());
    cp.putLong("policy.optimizer.steps", ac.optimizer.steps());
    if (ac.critic != null) {
      cp.putFloats("value.parameters", ac.critic.parameters());
      cp.putFloats("value.optimizer", ac.valueOptimizer.state());
      cp.putLong("value.optimizer.steps", ac.valueOptimizer.steps());
    }
    int n = c.envs.size();
    float[] obs = new float[n * ac.inputs];
    for (int i = 0; i < n; i++) {
      System.arraycopy(c.observations[i], 0, obs, i * ac.inputs, ac.inputs);
    }
    cp.putFloats("rollout.observations", obs);
    cp.putDoubles("rollout.previous", RolloutCollector.encodePrevious(c.previous));
    cp.putDoubles("rollout.lengths", Arrays.stream(c.lengths).asDoubleStream().toArray());
    cp.putDoubles("rollout.scores", c.scores.clone());
    cp.putDoubles("rollout.shapedReturns", c.shapedReturns.clone());
    for (int i = 0; i < n; i++) {
      List<String> keys = new ArrayList<>(c.infos.get(i).keySet());
      keys.sort(null);
      cp.putLong("rollout.info." + i + ".count", keys.size());
      for (int j = 0; j < keys.size(); j++) {
        cp.putString("rollout.info." + i + ".key." + j, keys.get(j));
      }
      cp.putDoubles("rollout.info." + i + ".values", keys.stream().mapToDouble(c.infos.get(i)::get).toArray());
    }
    ac.run.writeEnvironments(cp);
    if (ac.observationNormalizer != null) {
      ac.observationNormalizer.writeState(cp, "normalize.observations.");
    }
    if (ac.rewardNormalizer != null) {
      ac.rewardNormalizer.writeState(cp, "normalize.rewards.");
    }
    if (keep <= 1) {
      cp.write(file);
    } else {
      cp.writeRotating(file, keep);
    }
  }

  static void read(ActorCritic<?> ac, Path named) {
    CheckpointFile.Loaded loaded = CheckpointFile.readLatest(named);
    if (!loaded.skipped().isEmpty()) {
      LOG.warn("resuming from {}, the newest valid checkpoint; passed over: {}", loaded.file(), loaded.skipped());
    }
    CheckpointFile cp = loaded.checkpoint();
    String source = loaded.file().toString();
    if (!cp.has("kind") || !"actor-critic".equals(cp.getString("kind"))) {
      throw new CheckpointException(source + " is a pgrl checkpoint, but not of an actor-critic (A2C or PPO) run");
    }
    List<String> differences = new ArrayList<>();
    Map<String, String> given = new java.util.LinkedHashMap<>(ac.config.describe());
    // separate networks describe no sharedNetwork, which is how every checkpoint of them stores it
    given.putIfAbsent("sharedNetwork", "false");
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (e.getKey().equals("threads")) {
        continue; // the results do not depend on it
      }
      String key = "config." + e.getKey();
      String stored = cp.has(key) ? cp.getString(key) : e.getKey().equals("sharedNetwork") ? "false" : "(missing)";
      if (!stored.equals(e.getValue())) {
        differences.add(e.getKey() + ": checkpoint has " + stored + ", given " + e.getValue());
      }
    }
    if (!differences.isEmpty()) {
      throw new CheckpointException("the configuration differs from the one stored in " + source + ": "
          + String.join("; ", differences));
    }
    RolloutCollector<?> c = ac.run.collector;
    int n = c.envs.size();
    long inputs = cp.getLong("observation.size");
    String space = cp.getString("action.space");
    long copies = cp.getLong("copies");
    if (inputs != ac.inputs || !space.equals(c.envs.actionSpace().toString()) || copies != n) {
      throw new CheckpointException(source + " was written for " + copies + " copies with observations of " + inputs
          + " values and the action space " + space + "; the environments have " + n + ", " + ac.inputs + " and "
          + c.envs.actionSpace());
    }
    String policyClass = cp.getString("policy.class");
    if (!policyClass.equals(ac.policy.getClass().getName())) {
      throw new CheckpointException(source + " holds the state of a " + policyClass + ", not of the "
          + ac.policy.getClass().getName() + " given to resume: resume with a policy of the class it was trained with");
    }
    long updates = cp.getLong("counters.updates");
    long steps = cp.getLong("counters.steps");
    long episodes = cp.getLong("counters.episodes");
    long perUpdate = (long) n * ac.config.rolloutSteps();
    if (updates < 0 || episodes < 0 || updates > Long.MAX_VALUE / perUpdate || steps != updates * perUpdate) {
      throw new CheckpointException(source + ": the counters are inconsistent (updates " + updates + ", steps " + steps
          + ", episodes " + episodes + "); a run has steps = updates × " + perUpdate + " and no negative counter");
    }
    double runningScore = cp.getDouble("runningScore");
    if (Double.isInfinite(runningScore)) {
      throw new CheckpointException(source + ": runningScore must be finite or NaN, got " + runningScore);
    }
    float[] obs = cp.floats("rollout.observations");
    double[] previous = cp.doubles("rollout.previous");
    double[] lengths = cp.doubles("rollout.lengths");
    double[] scores = cp.doubles("rollout.scores");
    double[] shaped = cp.doubles("rollout.shapedReturns");
    if (obs.length != n * ac.inputs || previous.length != n || lengths.length != n || scores.length != n
        || shaped.length != n) {
      throw new CheckpointException(source + ": the rollout.* entries must hold one value per copy (" + n
          + " copies of " + ac.inputs + " observation values)");
    }
    List<Map<String, Double>> infos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String at = "rollout.info." + i;
      double[] values = cp.doubles(at + ".values");
      long count = cp.getLong(at + ".count");
      if (count != values.length) {
        throw new CheckpointException(source + ": " + at + " has " + count + " keys and " + values.length + " values");
      }
      Map<String, Double> m = new HashMap<>();
      for (int j = 0; j < values.length; j++) {
        requireFinite(source, at + ".values", values[j]);
        if (m.put(cp.getString(at + ".key." + j), values[j]) != null) {
          throw new CheckpointException(source + ": " + at + " names the key '" + cp.getString(at + ".key." + j)
              + "' twice");
        }
      }
      infos.add(m);
    }
    for (int i = 0; i < n; i++) {
      requireFinite(source, "rollout.scores", scores[i]);
      requireFinite(source, "rollout.shapedReturns", shaped[i]);
      if (!(lengths[i] >= 0 && lengths[i] < Integer.MAX_VALUE && lengths[i] == Math.rint(lengths[i]))) {
        throw new CheckpointException(source + ": rollout.lengths[" + i + "] is " + lengths[i]
            + "; it must be a whole number of steps from 0 to " + (Integer.MAX_VALUE - 1));
      }
    }
    for (float v : obs) {
      if (!Float.isFinite(v)) {
        throw new CheckpointException(source + ": rollout.observations holds " + v + "; observations must be finite");
      }
    }
    CheckpointEntries.restore(source, "policy.optimizer",
        () -> ac.optimizer.restore(cp.floats("policy.optimizer"), cp.getLong("policy.optimizer.steps")));
    if (ac.critic != null) {
      CheckpointEntries.restore(source, "value.parameters", () -> ac.critic.setParameters(cp.floats("value.parameters")));
      CheckpointEntries.restore(source, "value.optimizer",
          () -> ac.valueOptimizer.restore(cp.floats("value.optimizer"), cp.getLong("value.optimizer.steps")));
    }
    CheckpointEntries.restore(source, "rollout.previous", () -> ac.run.restorePrevious(previous));
    if (ac.observationNormalizer != null) {
      CheckpointEntries.restore(source, "normalize.observations", () -> ac.observationNormalizer.readState(cp,
          "normalize.observations."));
    }
    if (ac.rewardNormalizer != null) {
      CheckpointEntries.restore(source, "normalize.rewards", () -> ac.rewardNormalizer.readState(cp, "normalize.rewards."));
    }
    boolean exact = restoreEnvironments(ac, cp, source);
    CheckpointEntries.restore(source, "policy.parameters", () -> ac.policy.readState(cp, "policy."));
    ac.updates = updates;
    ac.steps = steps;
    ac.episodes = episodes;
    ac.runningScore = runningScore;
    if (exact) {
      for (int i = 0; i < n; i++) {
        c.observations[i] = Arrays.copyOfRange(obs, i * ac.inputs, (i + 1) * ac.inputs);
        c.lengths[i] = (int) lengths[i];
        c.scores[i] = scores[i];
        c.shapedReturns[i] = shaped[i];
        c.infos.get(i).clear();
        c.infos.get(i).putAll(infos.get(i));
      }
    }
    ac.resumedExactly = exact;
  }

  /**
   * Restores the environments' states if the checkpoint has them and the environments can take them;
   * otherwise starts fresh episodes, with reset seeds of the resumed update so that they differ from the
   * run's first ones, and says so.
   */
  private static boolean restoreEnvironments(ActorCritic<?> ac, CheckpointFile cp, String source) {
    boolean stored = cp.getLong("envs.exact") == 1;
    if (stored && ac.run.canRestoreEnvironments()) {
      CheckpointEntries.restore(source, "envs", () -> ac.run.readEnvironments(cp));
      return true;
    }
    ActorCritic.warnFreshEpisodes(ac.run.collector.envs);
    ac.run.startFresh(cp.getLong("counters.updates"));
    return false;
  }

  private static void requireFinite(String source, String entry, double v) {
    if (!Double.isFinite(v)) {
      throw new CheckpointException(source + ": " + entry + " holds " + v + "; it must be finite");
    }
  }

}
