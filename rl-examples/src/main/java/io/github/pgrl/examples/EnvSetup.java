package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.BaselineKind;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.envs.Environments;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that define a run of {@code pgrl train --env}: the environment, the algorithm and its
 * hyperparameters. Options not given take the environment's defaults ({@link #DEFAULTS}); the values
 * used are stored as {@code run.properties} in the run's folder, so that {@code --resume} needs only
 * {@code --out} and {@code pgrl eval} builds the same policy to read the checkpoint into.
 */
final class EnvSetup {

  /** The algorithms {@code --algo} accepts. */
  static final List<String> ALGORITHMS = List.of("reinforce");

  /** The baselines {@code --baseline} accepts, as {@link BaselineKind}s. */
  static final Map<String, BaselineKind> BASELINES =
      Map.of("none", BaselineKind.NONE, "running-mean", BaselineKind.RUNNING_MEAN, "value", BaselineKind.VALUE_FUNCTION);

  /** The most hidden layers of {@code --hidden}. */
  static final int MAX_LAYERS = 10;

  /**
   * The defaults of one environment.
   *
   * @param hidden the hidden layers of the policy (and of the value function)
   * @param lr Adam's learning rate (of the policy and of the value function)
   * @param gamma the discount factor
   * @param batch the episodes per update
   * @param baseline none, running-mean or value
   * @param episodes the default budget in episodes, or 0
   * @param steps the default budget in steps, or 0
   */
  record Defaults(String hidden, double lr, double gamma, int batch, String baseline, long episodes, long steps) {
    Budget budget() {
      return new Budget(episodes, steps, 0, null);
    }
  }

  /**
   * The per-environment defaults. CartPole: those of {@code pgrl cartpole train}. Acrobot: those of the
   * five-seed measurement in docs/BENCHMARKS.md (rl-envs' {@code AcrobotLearningTest}), which reached a
   * 100-episode mean above the threshold −100 within 150,000 steps. Pendulum: the network, rate, discount
   * and batch of the five-seed Gaussian measurement in docs/BENCHMARKS.md ("Pendulum learning"), without
   * its value-function epochs and reward scale, which the command line does not set. GridMaze: those of
   * rl-envs' {@code GridMazeLearningTest} but its entropy bonus. The mountain cars take Acrobot's settings,
   * unmeasured.
   */
  static final Map<String, Defaults> DEFAULTS = Map.of(
      "CartPole-v1", new Defaults("64", 0.01, 0.99, 1, "none", 1000, 0),
      "CartPole-v0", new Defaults("64", 0.01, 0.99, 1, "none", 1000, 0),
      "Acrobot-v1", new Defaults("64", 0.003, 0.99, 8, "value", 0, 150_000),
      "MountainCar-v0", new Defaults("64", 0.003, 0.99, 8, "value", 0, 150_000),
      "MountainCarContinuous-v0", new Defaults("64", 0.003, 0.99, 8, "value", 0, 150_000),
      "Pendulum-v1", new Defaults("64,64", 0.003, 0.95, 20, "value", 0, 1_000_000),
      "GridMaze-v0", new Defaults("32", 0.01, 0.99, 16, "none", 0, 300_000));

  /** The defaults of a vector environment without an entry in {@link #DEFAULTS}: CartPole's. */
  static final Defaults OTHERS = DEFAULTS.get("CartPole-v1");

  @Option(names = "--env", description = "The environment, a registered name such as CartPole-v1 or Acrobot-v1.")
  String env;

  @Option(names = "--algo", description = "The algorithm: reinforce (default: reinforce).")
  String algo;

  @Option(names = "--hidden", description = "Hidden layer sizes, comma-separated, such as 64,64 (default: per environment).")
  String hidden;

  @Option(names = "--lr", description = "Adam learning rate (default: per environment).")
  Double lr;

  @Option(names = "--gamma", description = "Discount factor in [0, 1] (default: per environment).")
  Double gamma;

  @Option(names = "--batch", description = "Episodes per update (default: per environment).")
  Integer batch;

  @Option(names = "--baseline", description = "none, running-mean or value (default: per environment).")
  String baseline;

  @Option(names = "--seed", description = "Master seed (default: 1).")
  Long seed;

  /** The options that define a run, stored in {@code run.properties}. */
  static final List<String> OPTIONS =
      List.of("--env", "--algo", "--hidden", "--lr", "--gamma", "--batch", "--baseline", "--seed");

  /** The environment's defaults, {@link #OTHERS} if it has none of its own. */
  Defaults defaults() {
    return DEFAULTS.getOrDefault(env, OTHERS);
  }

  /**
   * Checks the environment and every option, then fills the options not given with the environment's
   * defaults.
   *
   * @throws CommandLine.ParameterException naming the first bad value and what is allowed
   */
  void resolve(CommandLine cmd) {
    requireVectorEnvironment(cmd, env);
    Defaults d = defaults();
    algo = algo == null ? ALGORITHMS.get(0) : algo;
    hidden = hidden == null ? d.hidden() : hidden;
    lr = lr == null ? d.lr() : lr;
    gamma = gamma == null ? d.gamma() : gamma;
    batch = batch == null ? d.batch() : batch;
    baseline = baseline == null ? d.baseline() : baseline;
    seed = seed == null ? 1L : seed;
    if (!ALGORITHMS.contains(algo)) {
      throw new CommandLine.ParameterException(cmd, "--algo must be one of " + ALGORITHMS + ", got '" + algo
          + "' (actor-critic is not available yet)");
    }
    hidden = String.join(",", Arrays.stream(layers(cmd, hidden)).mapToObj(Integer::toString).toList());
    Cli.requirePositive(cmd, "--lr", lr);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new CommandLine.ParameterException(cmd, "--gamma must lie in [0, 1], got " + gamma);
    }
    Cli.requireRange(cmd, "--batch", batch, 1, Limits.BATCH);
    if (!BASELINES.containsKey(baseline)) {
      throw new CommandLine.ParameterException(cmd, "--baseline must be none, running-mean or value, got '" + baseline + "'");
    }
    try (Environment<float[], ?> e = environment()) {
      int inputs = ((Box) e.observationSpace()).size();
      int[] layers = layers(cmd, hidden);
      // Discrete: a logit per action; otherwise, as an estimate, a mean and a spread per action value
      int outputs = e.actionSpace() instanceof Discrete n ? n.n() : 2 * Arrays.stream(e.actionSpace().shape()).reduce(1, Math::multiplyExact);
      long bytes = Limits.networkBytes(inputs, layers, outputs)
          + (baseline.equals("value") ? Limits.networkBytes(inputs, layers, 1) : 0);
      Limits.requireMemory(cmd, bytes, "--hidden " + hidden + (baseline.equals("value") ? " with --baseline value" : ""));
    }
  }

  /**
   * The layer sizes of a {@code --hidden} list.
   *
   * @throws CommandLine.ParameterException unless it is 1 to {@value #MAX_LAYERS} sizes from 1 to {@link
   *     Limits#HIDDEN}, separated by commas
   */
  static int[] layers(CommandLine cmd, String list) {
    String[] parts = list.split(",", -1);
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        sizes[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        sizes[i] = -1;
      }
      if (parts.length > MAX_LAYERS || sizes[i] < 1 || sizes[i] > Limits.HIDDEN) {
        throw new CommandLine.ParameterException(cmd, String.format(Locale.ROOT, "--hidden must be 1 to %d layer"
            + " sizes from 1 to %,d separated by commas, such as 64 or 64,64; got '%s'", MAX_LAYERS, Limits.HIDDEN, list));
      }
    }
    return sizes;
  }

  /**
   * Refuses a name that is not registered, or whose environment does not give vectors.
   *
   * @throws CommandLine.ParameterException listing the known names, or pointing image environments to {@code
   *     pgrl pong train}
   */
  static void requireVectorEnvironment(CommandLine cmd, String name) {
    if (name == null) {
      throw new CommandLine.ParameterException(cmd, "--env is missing; give one of " + vectorNames());
    }
    if (!Environments.names().contains(name)) {
      throw new CommandLine.ParameterException(cmd, "--env: no environment is called '" + name + "'; known: "
          + vectorNames());
    }
    try (Environment<?, ?> e = Environments.make(name)) {
      if (!isVector(e)) {
        throw new CommandLine.ParameterException(cmd, "--env " + name + " has image observations ("
            + e.observationSpace() + "), for which pgrl train has no network: train Pong from pixels with pgrl pong"
            + " train; pgrl train takes " + vectorNames());
      }
    }
  }

  /** Whether an environment's observations are vectors: a one-dimensional {@link Box}, and not a game's pixels. */
  private static boolean isVector(Environment<?, ?> e) {
    return e.observationSpace() instanceof Box b && b.shape().length == 1 && !(e instanceof PongEnvironment<?>);
  }

  /** The registered names of environments with vector observations. */
  static List<String> vectorNames() {
    List<String> names = new ArrayList<>();
    for (String name : Environments.names()) {
      try (Environment<?, ?> e = Environments.make(name)) {
        if (isVector(e)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** A new instance of the environment; {@link #resolve} checked that it gives {@code float[]} vectors. */
  @SuppressWarnings("unchecked") // a one-dimensional Box is a Space<float[]>
  Environment<float[], ?> environment() {
    return (Environment<float[], ?>) Environments.make(env);
  }

  /** The configuration of these options; call {@link #resolve} first. */
  ReinforceConfig config(CommandLine cmd) {
    int[] layers = layers(cmd, hidden);
    return ReinforceConfig.builder()
        .seed(seed)
        .hidden(layers)
        .optimizer(OptimizerConfig.Adam.of(lr))
        .gamma(gamma)
        .batchEpisodes(batch)
        .baseline(BASELINES.get(baseline))
        .valueHidden(layers)
        .valueOptimizer(OptimizerConfig.Adam.of(lr))
        .build();
  }

  /**
   * Takes the stored options of a run ({@link RunProperties#load}), refusing options given with other
   * values, then checks them all.
   *
   * @throws CommandLine.ParameterException if the folder holds no run of {@code pgrl train}, an option
   *     differs, or a stored value is bad
   */
  void load(CommandLine cmd, Path dir) {
    Path file = RunProperties.load(cmd, dir, OPTIONS);
    List<String> missing = new ArrayList<>();
    for (String option : OPTIONS) {
      if (cmd.getCommandSpec().findOption(option).getValue() == null) {
        missing.add(option.substring(2));
      }
    }
    if (!missing.isEmpty()) {
      throw new CommandLine.ParameterException(cmd, file + " has no " + String.join(", ", missing) + ": it is not the"
          + " record of a run of pgrl train (a run of pgrl cartpole train continues with pgrl cartpole train --resume)");
    }
    try {
      resolve(cmd);
    } catch (CommandLine.ParameterException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage() + " (read from " + file + ")");
    }
  }

  /** The options of a training folder, for {@code pgrl eval}. */
  static EnvSetup read(CommandLine cmd, Path dir) {
    Holder holder = new Holder();
    CommandLine probe = new CommandLine(holder);
    probe.parseArgs();
    try {
      holder.setup.load(probe, dir);
    } catch (CommandLine.ParameterException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
    return holder.setup;
  }

  /** A throwaway command that carries the options, to read them from a file. */
  @CommandLine.Command(name = "train-run")
  static final class Holder {
    @CommandLine.Mixin EnvSetup setup = new EnvSetup();
  }

  String describe() {
    return String.format(Locale.ROOT, "%s, hidden %s, Adam %s, gamma %s, batch %d episodes, baseline %s, seed %d", algo,
        hidden, lr, gamma, batch, baseline, seed);
  }
}
