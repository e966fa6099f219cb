package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.policy.Activation;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that define a run of {@code pgrl train --env}: the environment, the algorithm and its
 * hyperparameters. Options not given take the environment's defaults ({@link #DEFAULTS} for REINFORCE,
 * {@link #PPO_DEFAULTS} and {@link #A2C_DEFAULTS} for the actor-critic algorithms); the values used are
 * stored as {@code run.properties} in the run's folder, so that {@code --resume} needs only {@code --out}
 * and {@code pgrl eval} builds the same policy to read the checkpoint into. An actor-critic run also stores
 * its configuration's {@link ActorCriticConfig#describe() description} under {@code config.}, which
 * reading the run compares with the configuration its options give.
 */
final class EnvSetup {

  /** The algorithms {@code --algo} accepts. */
  static final List<String> ALGORITHMS = ActorCriticOptions.ALGORITHMS;

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

  /** CartPole's PPO: the SB3 zoo's tuned values. */
  private static final ActorCriticOptions.Defaults CARTPOLE_PPO =
      new ActorCriticOptions.Defaults(8, 32, 256, 20, 1e-3, true, 0.98, 0.8, 0.2, 0.0, "none", "64,64", 100_000);

  /**
   * The PPO defaults per environment. CartPole (v1 and v0), Acrobot, MountainCar and Pendulum: the SB3 zoo's
   * tuned values ({@code hyperparams/ppo.yml}), without Pendulum's state-dependent exploration (gSDE), which
   * pgrl does not have; where the zoo leaves a value at SB3's default (Adam 3e-4, minibatches of 64, clip 0.2),
   * so does this table; Acrobot normalises observations and rewards (the zoo's {@code normalize: true}).
   * MountainCarContinuous: 1 copy × 2,048 steps, minibatches of 64, 10 epochs, Adam 3e-4, γ 0.99, λ 0.9,
   * observations and rewards normalised, 200,000 steps, which solved it on five of five seeds
   * (docs/BENCHMARKS.md, "Actor-critic learning"; the zoo's own values need its gSDE).
   * GridMaze (not in the zoo): CleanRL's defaults for classic control (entropy 0.01) on 8 copies × 64 steps.
   */
  static final Map<String, ActorCriticOptions.Defaults> PPO_DEFAULTS = Map.of(
      "CartPole-v1", CARTPOLE_PPO,
      "CartPole-v0", CARTPOLE_PPO,
      "Acrobot-v1", new ActorCriticOptions.Defaults(16, 256, 64, 4, 3e-4, false, 0.99, 0.94, 0.2, 0.0, "both", "64,64", 500_000),
      "MountainCar-v0", new ActorCriticOptions.Defaults(16, 16, 64, 4, 3e-4, false, 0.99, 0.98, 0.2, 0.0, "obs", "64,64", 1_000_000),
      "MountainCarContinuous-v0",
      new ActorCriticOptions.Defaults(1, 2048, 64, 10, 3e-4, false, 0.99, 0.9, 0.2, 0.0, "both", "64,64", 200_000),
      "Pendulum-v1", new ActorCriticOptions.Defaults(4, 1024, 64, 10, 1e-3, false, 0.9, 0.95, 0.2, 0.0, "none", "64,64", 100_000),
      "GridMaze-v0", new ActorCriticOptions.Defaults(8, 64, 128, 4, 2.5e-4, false, 0.99, 0.95, 0.2, 0.01, "none", "64,64", 100_000));

  /**
   * The A2C defaults per environment: SB3's A2C (8 copies × 5 steps, RMSProp 7e-4, γ 0.99, λ 1) everywhere,
   * with the zoo's observation normalisation and budgets where it has them (CartPole and Acrobot 500,000
   * steps, MountainCar and Pendulum 1,000,000); MountainCarContinuous and GridMaze take 100,000 steps.
   */
  static final Map<String, ActorCriticOptions.Defaults> A2C_DEFAULTS = Map.of(
      "CartPole-v1", ActorCriticOptions.Defaults.a2c("none", 500_000),
      "CartPole-v0", ActorCriticOptions.Defaults.a2c("none", 500_000),
      "Acrobot-v1", ActorCriticOptions.Defaults.a2c("obs", 500_000),
      "MountainCar-v0", ActorCriticOptions.Defaults.a2c("obs", 1_000_000),
      "MountainCarContinuous-v0", ActorCriticOptions.Defaults.a2c("obs", 100_000),
      "Pendulum-v1", ActorCriticOptions.Defaults.a2c("none", 1_000_000),
      "GridMaze-v0", ActorCriticOptions.Defaults.a2c("none", 100_000));

  /** The environments of the README's tables, in their order. */
  static final List<String> TABLE_ORDER = List.of("CartPole-v1", "CartPole-v0", "Acrobot-v1", "MountainCar-v0",
      "MountainCarContinuous-v0", "Pendulum-v1", "GridMaze-v0");

  @Option(names = "--env", description = "The environment, a registered name such as CartPole-v1 or Acrobot-v1.")
  String env;

  @Option(names = "--algo", description = "The algorithm: reinforce, a2c or ppo (default: reinforce).")
  String algo;

  @Option(names = "--hidden", description = "Hidden layer sizes, comma-separated, such as 64,64 (default: per environment).")
  String hidden;

  @Option(names = "--lr", description = "Learning rate: Adam's (reinforce, ppo) or RMSProp's (a2c) (default: per environment and algorithm).")
  Double lr;

  @Option(names = "--gamma", description = "Discount factor in [0, 1] (default: per environment).")
  Double gamma;

  @Option(names = "--batch", description = "reinforce: episodes per update (default: per environment).")
  Integer batch;

  @Option(names = "--baseline", description = "reinforce: none, running-mean or value (default: per environment).")
  String baseline;

  @Option(names = "--seed", description = "Master seed (default: 1).")
  Long seed;

  @Option(names = "--envs", description = "a2c, ppo: environment copies stepped in lockstep (default: per environment and algorithm).")
  Integer envs;

  @Option(names = "--ent", description = "a2c, ppo: weight of the entropy bonus, at least 0 (default: per environment and algorithm).")
  Double ent;

  @CommandLine.Mixin ActorCriticOptions ac = new ActorCriticOptions();

  /** The options that define a REINFORCE run, stored in {@code run.properties}. */
  static final List<String> OPTIONS =
      List.of("--env", "--algo", "--hidden", "--lr", "--gamma", "--batch", "--baseline", "--seed");

  /** The options that define a PPO run, stored in {@code run.properties}; an A2C run stores those A2C uses. */
  static final List<String> ACTOR_CRITIC_OPTIONS = Stream.concat(
      Stream.of("--env", "--algo", "--hidden", "--lr", "--gamma", "--seed", "--envs", "--ent"),
      ActorCriticOptions.STORED.stream()).toList();

  /** The options that define this run, for {@link RunProperties#save}; call {@link #resolve} first. */
  List<String> storedOptions() {
    return isActorCritic() ? ActorCriticOptions.storedBy(algo, ACTOR_CRITIC_OPTIONS) : OPTIONS;
  }

  /** Whether the run is an actor-critic one (a2c or ppo); call {@link #resolve} first. */
  boolean isActorCritic() {
    return !algo.equals("reinforce");
  }

  /** The environment's defaults, {@link #OTHERS} if it has none of its own. */
  Defaults defaults() {
    return DEFAULTS.getOrDefault(env, OTHERS);
  }

  /** The environment's defaults for the actor-critic algorithm, CartPole's if it has none of its own. */
  ActorCriticOptions.Defaults actorCriticDefaults() {
    Map<String, ActorCriticOptions.Defaults> table = algo.equals("ppo") ? PPO_DEFAULTS : A2C_DEFAULTS;
    return table.getOrDefault(env, table.get("CartPole-v1"));
  }

  /** The budget when none is given: the environment's and algorithm's; call {@link #resolve} first. */
  Budget defaultBudget() {
    return isActorCritic() ? Budget.steps(actorCriticDefaults().steps()) : defaults().budget();
  }

  /** The options of this command and the algorithms that use them, where not every algorithm does. */
  static Map<String, Set<String>> appliesTo() {
    Map<String, Set<String>> m = new LinkedHashMap<>(ActorCriticOptions.appliesTo());
    m.put("--batch", Set.of("reinforce"));
    m.put("--baseline", Set.of("reinforce"));
    return m;
  }

  /**
   * Checks the environment and every option, then fills the options not given with the defaults of the
   * environment and algorithm.
   *
   * @param given the budget given on the command line, {@code null} for the default one: an actor-critic
   *     run whose defaults anneal does so over a budget in steps
   * @throws CommandLine.ParameterException naming the first bad value and what is allowed
   */
  void resolve(CommandLine cmd, Budget given) {
    requireVectorEnvironment(cmd, env);
    algo = algo == null ? ALGORITHMS.get(0) : algo;
    ActorCriticOptions.requireKnown(cmd, algo);
    ActorCriticOptions.refuseInapplicable(cmd, algo, appliesTo());
    seed = seed == null ? 1L : seed;
    if (isActorCritic()) {
      ActorCriticOptions.Defaults d = actorCriticDefaults();
      hidden = hidden == null ? d.hidden() : hidden;
      lr = lr == null ? d.lr() : lr;
      gamma = gamma == null ? d.gamma() : gamma;
      envs = envs == null ? d.envs() : envs;
      ent = ent == null ? d.ent() : ent;
      ac.fill(d, given == null ? d.steps() : given.steps());
    } else {
      Defaults d = defaults();
      hidden = hidden == null ? d.hidden() : hidden;
      lr = lr == null ? d.lr() : lr;
      gamma = gamma == null ? d.gamma() : gamma;
      batch = batch == null ? d.batch() : batch;
      baseline = baseline == null ? d.baseline() : baseline;
    }
    hidden = String.join(",", Arrays.stream(layers(cmd, hidden)).mapToObj(Integer::toString).toList());
    Cli.requirePositive(cmd, "--lr", lr);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new CommandLine.ParameterException(cmd, "--gamma must lie in [0, 1], got " + gamma);
    }
    boolean value;
    if (isActorCritic()) {
      if (!(ent >= 0) || Double.isInfinite(ent)) {
        throw new CommandLine.ParameterException(cmd, "--ent must be a finite number of at least 0, got " + ent);
      }
      ac.validate(cmd, algo, envs);
      value = true;
    } else {
      Cli.requireRange(cmd, "--batch", batch, 1, Limits.BATCH);
      if (!BASELINES.containsKey(baseline)) {
        throw new CommandLine.ParameterException(cmd, "--baseline must be none, running-mean or value, got '" + baseline + "'");
      }
      value = baseline.equals("value");
    }
    try (Environment<float[], ?> e = environment()) {
      int inputs = ((Box) e.observationSpace()).size();
      int[] layers = layers(cmd, hidden);
      // Discrete: a logit per action; otherwise, as an estimate, a mean and a spread per action value
      int outputs = e.actionSpace() instanceof Discrete n ? n.n() : 2 * Arrays.stream(e.actionSpace().shape()).reduce(1, Math::multiplyExact);
      long bytes = Limits.networkBytes(inputs, layers, outputs) + (value ? Limits.networkBytes(inputs, layers, 1) : 0)
          + (isActorCritic() ? Limits.rolloutBytes((long) envs * ac.rollout, inputs, layers) : 0);
      Limits.requireMemory(cmd, bytes, "--hidden " + hidden + (isActorCritic() ? " with --envs " + envs + " × --rollout "
          + ac.rollout : value ? " with --baseline value" : ""));
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

  /** The REINFORCE configuration of these options; call {@link #resolve} first. */
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

  /** The actor-critic configuration of these options; call {@link #resolve} first. */
  ActorCriticConfig actorCriticConfig(CommandLine cmd) {
    return ac.config(algo, seed, layers(cmd, hidden), Activation.TANH, lr, gamma, ent);
  }

  /**
   * A new policy of this run for the environment ({@link Policies}), initialised from the seed; call
   * {@link #resolve} first.
   */
  <A> TrainablePolicy<float[], A> policy(CommandLine cmd, String name, Environment<float[], A> e) {
    return isActorCritic() ? Policies.of(name, e, actorCriticConfig(cmd)) : Policies.of(name, e, config(cmd));
  }

  /** What {@link RunProperties#save} stores besides the options: an actor-critic run's configuration. */
  Map<String, String> storedConfig(CommandLine cmd) {
    if (!isActorCritic()) {
      return Map.of();
    }
    Map<String, String> describe = new java.util.LinkedHashMap<>(actorCriticConfig(cmd).describe());
    describe.remove("threads"); // the results do not depend on it: a run may resume on other threads
    return RunProperties.config(describe);
  }

  /**
   * Takes the stored options of a run ({@link RunProperties#load}), refusing options given with other
   * values, then checks them all. An actor-critic run's stored configuration must be the one its options
   * give (it is not if another version of pgrl, with other defaults, wrote it).
   *
   * @throws CommandLine.ParameterException if the folder holds no run of {@code pgrl train}, an option
   *     differs, or a stored value is bad
   */
  void load(CommandLine cmd, Path dir) {
    String storedAlgo = RunProperties.stored(dir, "algo");
    // only the options of the run's algorithm
    List<String> required = storedAlgo == null || storedAlgo.equals("reinforce") ? OPTIONS
        : ActorCriticOptions.storedBy(storedAlgo, ACTOR_CRITIC_OPTIONS);
    Path file = RunProperties.load(cmd, dir, required);
    ac.restoreSharedNetwork(dir);
    List<String> missing = new ArrayList<>();
    for (String option : required) {
      if (cmd.getCommandSpec().findOption(option).getValue() == null) {
        missing.add(option.substring(2));
      }
    }
    if (!missing.isEmpty()) {
      throw new CommandLine.ParameterException(cmd, file + " has no " + String.join(", ", missing) + ": it is not the"
          + " record of a run of pgrl train (a run of pgrl cartpole train continues with pgrl cartpole train --resume)");
    }
    // options given on the command line that the run's algorithm does not take: not a problem of the file
    ActorCriticOptions.refuseInapplicable(cmd, storedAlgo == null ? ALGORITHMS.get(0) : storedAlgo, appliesTo());
    try {
      resolve(cmd, null);
    } catch (CommandLine.ParameterException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage() + " (read from " + file + ")");
    }
    RunProperties.requireConfig(cmd, dir, storedConfig(cmd));
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
  @CommandLine.Command(name = "train")
  static final class Holder {
    @CommandLine.Mixin EnvSetup setup = new EnvSetup();
  }

  /**
   * The options parsed from {@code args} into a command of their own, as {@code pgrl train} parses them:
   * for a command that trains a fixed environment ({@code cartpole train --algo ppo}) as {@code train --env}.
   */
  static CommandLine parse(List<String> args) {
    CommandLine probe = new CommandLine(new Holder());
    probe.parseArgs(args.toArray(String[]::new));
    return probe;
  }

  /** The setup of a command made by {@link #parse}. */
  static EnvSetup of(CommandLine probe) {
    return ((Holder) probe.getCommand()).setup;
  }

  String describe() {
    if (isActorCritic()) {
      return String.format(Locale.ROOT, "%s, hidden %s, %s %s, gamma %s, entropy %s, seed %d", ac.describe(algo, envs),
          hidden, algo.equals("ppo") ? "Adam" : "RMSProp", lr, gamma, ent, seed);
    }
    return String.format(Locale.ROOT, "%s, hidden %s, Adam %s, gamma %s, batch %d episodes, baseline %s, seed %d", algo,
        hidden, lr, gamma, batch, baseline, seed);
  }

  /**
   * The README's table of the actor-critic defaults, one row per environment and algorithm, Pong's ({@code
   * pong train}) last.
   */
  static List<String> defaultsTable() {
    List<String> rows = new ArrayList<>();
    for (String algo : List.of("ppo", "a2c")) {
      for (String env : TABLE_ORDER) {
        rows.add((algo.equals("ppo") ? PPO_DEFAULTS : A2C_DEFAULTS).get(env).row(env, algo));
      }
    }
    rows.add(PongSetup.PPO_DEFAULTS.row("Pong (`pong train`)", "ppo"));
    rows.add(PongSetup.A2C_DEFAULTS.row("Pong (`pong train`)", "a2c"));
    return rows;
  }
}
