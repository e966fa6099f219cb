package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Policy;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.normalize.ObservationNormalizer;
import io.github.pgrl.core.wrappers.NormalizeObservation;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.space.Box;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgrl eval --checkpoint DIR}: plays a run of {@code pgrl train} for a number of seeded episodes
 * ({@link PolicyEvaluation}) and prints the returns' summary, the last line as JSON.
 *
 * <p>The policy is built from the run's stored options ({@link EnvSetup#read}, {@link Policies}), then
 * reads the checkpoint's state ({@link TrainablePolicy#readState}), so it works for whatever policy and
 * algorithm (REINFORCE, A2C, PPO) training used: every one stores its policy under {@code policy.}.
 * Actions are the policy's most probable ones ({@code mode()}) unless {@code --sample} asks to draw them,
 * as in training.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a run of pgrl train: play --episodes episodes; the last line is JSON.")
final class EvalCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--checkpoint", required = true, description = "A training folder of pgrl train, or a checkpoint file in one.")
  Path checkpoint;

  @Option(names = "--env", description = "The run's environment, checked against the run's (default: the run's).")
  String env;

  @Option(names = "--episodes", defaultValue = "100", description = "Episodes to play (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed", defaultValue = "12345", description = "Seed of the evaluation episodes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--sample", description = "Draw actions from the policy instead of playing the most probable one.")
  boolean sample;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    Cli.requireRange(cmd, "--episodes", episodes, 1, Limits.GAMES);
    if (env != null) {
      EnvSetup.requireVectorEnvironment(cmd, env);
    }
    Cli.CheckpointRead read = Cli.readCheckpointFile(cmd, checkpoint, EpisodeTraining.CHECKPOINT);
    EnvSetup setup = EnvSetup.read(cmd, read.folder());
    if (env != null && !env.equals(setup.env)) {
      throw new CommandLine.ParameterException(cmd, read.folder() + " holds a run of " + setup.env + ", not of " + env
          + ": evaluate it without --env, or give the folder of a run of " + env);
    }
    Cli.requireAlgorithm(read.entries(), read.file().toString(), setup.algo);
    EvaluationResult result;
    try (Environment<float[], ?> e = evaluationEnvironment(setup, read.entries())) {
      result = play(setup, e, read, cmd);
    }
    EvaluationResult.Interval ci = result.confidenceInterval();
    PrintWriter o = cmd.getOut();
    o.printf(Locale.ROOT, "%s, %d episodes (%s actions, seed %d): mean return %.2f (95%% CI %.2f to %.2f), std %.2f,"
        + " min %.2f, max %.2f, %.1f steps per episode%n", setup.env, episodes, sample ? "sampled" : "greedy", seed,
        result.mean(), ci.lower(), ci.upper(), result.standardDeviation(), Collections.min(result.returns()),
        Collections.max(result.returns()), result.meanLength());
    o.printf(Locale.ROOT, "{\"env\":%s,\"episodes\":%d,\"mean_return\":%s,\"std_return\":%s,\"ci95\":[%s,%s],"
        + "\"min_return\":%s,\"max_return\":%s,\"mean_length\":%s,\"seed\":%d,\"actions\":\"%s\",\"checkpoint\":%s}%n",
        Cli.jsonString(setup.env), result.episodes(), number(result.mean()), number(result.standardDeviation()),
        number(ci.lower()), number(ci.upper()), number(Collections.min(result.returns())),
        number(Collections.max(result.returns())), number(result.meanLength()), seed, sample ? "sampled" : "greedy",
        Cli.jsonString(read.file().toString()));
    o.flush();
    return 0;
  }

  /**
   * The environment the policy is evaluated on, as the run's options ({@code run.properties}) and its
   * checkpoint say training saw it: an actor-critic run that normalised its observations stored their
   * statistics under {@code normalize.observations.}, and is evaluated through {@link NormalizeObservation}
   * with them, frozen.
   *
   * @param checkpoint the checkpoint that is evaluated
   * @throws io.github.pgrl.core.checkpoint.CheckpointException if the stored statistics are missing or damaged
   */
  static Environment<float[], ?> evaluationEnvironment(EnvSetup setup, CheckpointFile checkpoint) {
    Environment<float[], ?> env = setup.environment();
    String prefix = "normalize.observations.";
    if (!checkpoint.has(prefix + "clip")) {
      return env;
    }
    ObservationNormalizer statistics = ObservationNormalizer.of(((Box) env.observationSpace()).size(),
        checkpoint.getDouble(prefix + "clip"));
    statistics.readState(checkpoint, prefix);
    return normalized(env, statistics);
  }

  private static <A> Environment<float[], A> normalized(Environment<float[], A> env, ObservationNormalizer statistics) {
    return NormalizeObservation.of(env, statistics);
  }

  /** Builds the run's policy, reads the checkpoint into it and plays it. */
  private <A> EvaluationResult play(EnvSetup setup, Environment<float[], A> e, Cli.CheckpointRead read, CommandLine cmd) {
    TrainablePolicy<float[], A> policy = setup.policy(cmd, setup.env, e);
    CheckpointFile cp = read.entries();
    String source = read.file().toString();
    int inputs = ((Box) e.observationSpace()).size();
    String actions = e.actionSpace().toString();
    // what training recorded; a checkpoint without these entries is refused by readState below
    if (cp.has("observation.size") && cp.getLong("observation.size") != inputs
        || cp.has("action.space") && !cp.getString("action.space").equals(actions)) {
      throw new IllegalArgumentException(source + " was written for observations of "
          + (cp.has("observation.size") ? cp.getLong("observation.size") : "(not recorded)") + " values and the action space " + (cp.has("action.space") ? cp.getString("action.space") : "(not recorded)")
          + "; " + setup.env + " (from " + read.folder().resolve(RunProperties.FILE) + ") has " + inputs + " and " + actions);
    }
    if (cp.has("policy.class") && !cp.getString("policy.class").equals(policy.getClass().getName())) {
      throw new IllegalArgumentException(source + " holds the state of a " + cp.getString("policy.class") + ", not of"
          + " the " + policy.getClass().getName() + " that pgrl train uses for " + setup.env);
    }
    try {
      policy.readState(cp, "policy.");
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(source + " does not fit the policy of its run's options: " + ex.getMessage(), ex);
    }
    return PolicyEvaluation.evaluate(sample ? policy : PolicyEvaluation.greedy(policy, e), e, episodes, seed);
  }

  /** A JSON number, or {@code null} where there is none (the interval of one episode is unbounded). */
  private static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null";
  }
}
