package io.github.pgrl.examples;

import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.Schedule;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.OptimizerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of an actor-critic run ({@code --algo a2c} or {@code --algo ppo}) that {@code train --env},
 * {@code cartpole train} and {@code pong train} share, their checks, and the {@link ActorCriticConfig} they
 * make with the options each command has of its own (hidden layers, learning rate, γ, entropy, seed).
 *
 * <p>{@code --shared-network} is not stored as an option: the stored configuration records it ({@code
 * config.sharedNetwork}, present only for a shared network), and {@link #restoreSharedNetwork} reads it back, so
 * that folders of runs from before the option still load.
 *
 * <p>Options not given take the defaults of the environment and algorithm ({@link Defaults}): {@link
 * EnvSetup#PPO_DEFAULTS}, {@link EnvSetup#A2C_DEFAULTS} and Pong's in {@link PongSetup}. The values used are
 * stored in {@code run.properties} ({@link #STORED}), so that {@code --resume} and {@code eval} rebuild the
 * same configuration; {@code --threads} is not stored, since results do not depend on it.
 */
final class ActorCriticOptions {

  /** The algorithms of the command line, REINFORCE first (the default). */
  static final List<String> ALGORITHMS = List.of("reinforce", "a2c", "ppo");

  /** The values {@code --normalize} accepts. */
  static final List<String> NORMALIZE = List.of("none", "obs", "reward", "both");

  /** The most steps of one rollout ({@code --envs × --rollout}): about 100 MB of CartPole's records. */
  static final int MAX_ROLLOUT = 1_000_000;

  /** The most epochs per rollout. */
  static final int MAX_EPOCHS = 1_000;

  /**
   * The defaults of one environment and algorithm.
   *
   * @param envs environment copies
   * @param rollout steps per copy in a rollout
   * @param minibatch steps per minibatch (PPO)
   * @param epochs passes over a rollout (PPO)
   * @param lr the learning rate of both networks (PPO: Adam; A2C: RMSProp)
   * @param anneal whether the learning rate and the clip range fall linearly to 0 over a budget in steps
   * @param gamma the discount factor
   * @param lambda GAE's λ
   * @param clip PPO's clip range ε
   * @param ent the entropy coefficient
   * @param normalize none, obs, reward or both
   * @param hidden the hidden layers of the policy and of the value function
   * @param steps the default budget in steps, 0 for the command's own
   */
  record Defaults(int envs, int rollout, int minibatch, int epochs, double lr, boolean anneal, double gamma,
      double lambda, double clip, double ent, String normalize, String hidden, long steps) {

    /** SB3's A2C (8 copies × 5 steps, RMSProp 7e-4, γ 0.99, λ 1, no entropy bonus, 64,64) with this budget. */
    static Defaults a2c(String normalize, long steps) {
      return new Defaults(8, 5, 0, 0, 7e-4, false, 0.99, 1.0, 0, 0.0, normalize, "64,64", steps);
    }

    /** A row of the README's table of defaults. */
    String row(String env, String algo) {
      boolean ppo = algo.equals("ppo");
      return String.format(Locale.ROOT, "| %s | %s | %d × %d | %s | %s | %s %s%s | %s | %s | %s | %s | %s | %s | %s |",
          env, algo, envs, rollout, ppo ? String.valueOf(minibatch) : "—", ppo ? String.valueOf(epochs) : "—",
          ppo ? "Adam" : "RMSProp", number(lr), anneal ? ", linear to 0" : "", number(gamma), number(lambda),
          ppo ? number(clip) + (anneal ? ", linear to 0" : "") : "—", number(ent), normalize, hidden,
          steps > 0 ? String.format(Locale.ROOT, "%,d steps", steps) : "60 minutes");
    }
  }

  private static String number(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  @Option(names = "--rollout", description = "a2c, ppo: steps per environment copy in one rollout (default: per environment and algorithm).")
  Integer rollout;

  @Option(names = "--epochs", description = "ppo: passes over each rollout (default: per environment).")
  Integer epochs;

  @Option(names = "--minibatch", description = "ppo: steps per minibatch (default: per environment).")
  Integer minibatch;

  @Option(names = "--lambda", description = "a2c, ppo: lambda of GAE in [0, 1] (default: per environment and algorithm).")
  Double lambda;

  @Option(names = "--clip", description = "ppo: the clip range epsilon in (0, 1] (default: per environment).")
  Double clip;

  @Option(names = "--anneal", description = "a2c, ppo: environment steps over which the learning rate (and ppo's clip range) fall"
      + " linearly to 0; 0 keeps them constant (default: the --steps budget where the defaults anneal, else 0).")
  Long anneal;

  @Option(names = "--normalize", description = "a2c, ppo: normalise none, obs (observations), reward (rewards) or both by running"
      + " statistics (default: per environment).")
  String normalize;

  @Option(names = "--threads", description = "a2c, ppo: threads that step the environment copies; results do not depend on them"
      + " (default: 1; pong: the copies, at most the cores).")
  Integer threads;

  @Option(names = "--shared-network", description = "a2c, ppo: one network for the policy and the critic: a value output"
      + " beside the policy's, trained with the policy's optimizer by the combined loss (value coefficient 0.5); MLP"
      + " policies of Discrete actions (default: separate networks).")
  boolean sharedNetwork;

  /** The options of this class that define a run, stored in {@code run.properties}. */
  static final List<String> STORED = List.of("--rollout", "--epochs", "--minibatch", "--lambda", "--clip", "--anneal",
      "--normalize");

  /** The options of PPO that A2C does not take. */
  static final List<String> PPO_ONLY = List.of("--epochs", "--minibatch", "--clip");

  /** The options of {@code options} that a run of {@code algo} (a2c or ppo) stores: A2C's have no {@link #PPO_ONLY}. */
  static List<String> storedBy(String algo, List<String> options) {
    return algo.equals("a2c") ? options.stream().filter(o -> !PPO_ONLY.contains(o)).toList() : options;
  }

  /**
   * Fills the options not given with the defaults. The learning rate and the clip range anneal over
   * {@code budgetSteps} if the defaults anneal and the budget is in steps; otherwise they stay constant.
   */
  void fill(Defaults d, long budgetSteps) {
    rollout = rollout == null ? d.rollout() : rollout;
    epochs = epochs == null ? d.epochs() : epochs;
    minibatch = minibatch == null ? d.minibatch() : minibatch;
    lambda = lambda == null ? d.lambda() : lambda;
    clip = clip == null ? d.clip() : clip;
    normalize = normalize == null ? d.normalize() : normalize;
    anneal = anneal == null ? (d.anneal() ? budgetSteps : 0) : anneal;
  }

  /**
   * Checks the filled options.
   *
   * @param envs the environment copies of the run
   * @throws CommandLine.ParameterException naming the first bad value and what is allowed
   */
  void validate(CommandLine cmd, String algo, int envs) {
    Cli.requireRange(cmd, "--envs", envs, 1, Limits.ENVS);
    Cli.requireRange(cmd, "--rollout", rollout, 1, MAX_ROLLOUT);
    if ((long) envs * rollout > MAX_ROLLOUT) {
      throw new CommandLine.ParameterException(cmd, String.format(Locale.ROOT, "--envs %d × --rollout %d is %,d steps"
          + " per rollout; at most %,d fit in memory: use fewer copies or a shorter rollout", envs, rollout,
          (long) envs * rollout, MAX_ROLLOUT));
    }
    if (algo.equals("ppo")) {
      Cli.requireRange(cmd, "--epochs", epochs, 1, MAX_EPOCHS);
      Cli.requireRange(cmd, "--minibatch", minibatch, 1, MAX_ROLLOUT);
      if (!(clip > 0 && clip <= 1)) {
        throw new CommandLine.ParameterException(cmd, "--clip must lie in (0, 1], got " + clip);
      }
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new CommandLine.ParameterException(cmd, "--lambda must lie in [0, 1], got " + lambda);
    }
    if (anneal < 0) {
      throw new CommandLine.ParameterException(cmd, "--anneal must be 0 (constant) or a number of steps, got " + anneal);
    }
    if (!NORMALIZE.contains(normalize)) {
      throw new CommandLine.ParameterException(cmd, "--normalize must be one of " + String.join(", ", NORMALIZE) + ", got '"
          + normalize + "'");
    }
    if (threads != null) {
      Cli.requireRange(cmd, "--threads", threads, 1, Limits.ENVS);
    }
  }

  /**
   * The configuration of these options and the command's own.
   *
   * @param algo a2c or ppo
   * @param activation the hidden activation of both networks
   */
  ActorCriticConfig config(String algo, long seed, int[] hidden, Activation activation, double lr, double gamma, double ent) {
    boolean ppo = algo.equals("ppo");
    // the optimizers of SB3: Adam with ε 1e-5 for PPO, RMSProp (decay 0.99, ε 1e-5) for A2C
    OptimizerConfig optimizer = ppo ? new OptimizerConfig.Adam(lr, 0.9, 0.999, 1e-5) : new OptimizerConfig.RmsProp(lr, 0.99, 1e-5);
    ActorCriticConfig.Builder b = (ppo ? ActorCriticConfig.ppo() : ActorCriticConfig.a2c())
        .seed(seed)
        .hidden(hidden)
        .valueHidden(hidden)
        .activation(activation)
        .optimizer(optimizer)
        .valueOptimizer(optimizer)
        .rolloutSteps(rollout)
        .gamma(gamma)
        .gaeLambda(lambda)
        .entropyCoefficient(ent)
        .normalizeObservations(normalize.equals("obs") || normalize.equals("both"))
        .normalizeRewards(normalize.equals("reward") || normalize.equals("both"))
        .learningRateSchedule(anneal > 0 ? Schedule.linear(1, 0, anneal) : Schedule.constant(1))
        .sharedNetwork(sharedNetwork);
    if (ppo) {
      b.epochs(epochs).minibatchSize(minibatch).clipRange(anneal > 0 ? Schedule.linear(clip, 0, anneal) : Schedule.constant(clip));
    }
    return b.build();
  }

  /** What the run does, for the line printed when it starts. */
  String describe(String algo, int envs) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s, %d envs × %d steps", algo, envs, rollout));
    if (algo.equals("ppo")) {
      s.append(String.format(Locale.ROOT, ", minibatch %d, %d epochs, clip %s", minibatch, epochs, clip));
    }
    s.append(String.format(Locale.ROOT, ", lambda %s", lambda));
    if (anneal > 0) {
      s.append(String.format(Locale.ROOT, ", annealed to 0 over %,d steps", anneal));
    }
    s.append(", normalize ").append(normalize);
    return (sharedNetwork ? s.append(", shared network") : s).toString();
  }

  /** Sets {@code --shared-network} if the run stored in {@code dir} has a shared network (see the class comment). */
  void restoreSharedNetwork(Path dir) {
    if ("true".equals(RunProperties.stored(dir, RunProperties.CONFIG + "sharedNetwork"))) {
      sharedNetwork = true;
    }
  }

  /**
   * Refuses the options given on the command line that the algorithm does not use, all in one message.
   *
   * @param appliesTo for each option that not every algorithm uses, the algorithms that use it
   * @throws CommandLine.ParameterException naming each such option and the algorithms it is for
   */
  static void refuseInapplicable(CommandLine cmd, String algo, Map<String, Set<String>> appliesTo) {
    CommandLine.ParseResult parsed = cmd.getParseResult();
    if (parsed == null) {
      return;
    }
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : appliesTo.entrySet()) {
      if (parsed.hasMatchedOption(e.getKey()) && !e.getValue().contains(algo)) {
        List<String> algos = ALGORITHMS.stream().filter(e.getValue()::contains).toList();
        wrong.add(e.getKey() + " (" + String.join(" and ", algos) + " only)");
      }
    }
    if (!wrong.isEmpty()) {
      throw new CommandLine.ParameterException(cmd, "--algo " + algo + " does not take " + String.join(", ", wrong));
    }
  }

  /** Which algorithms use the options of this class, and {@code --envs} and {@code --ent}. */
  static Map<String, Set<String>> appliesTo() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    Set<String> ac = Set.of("a2c", "ppo");
    for (String option : List.of("--envs", "--rollout", "--lambda", "--ent", "--anneal", "--normalize", "--threads",
        "--shared-network")) {
      m.put(option, ac);
    }
    for (String option : PPO_ONLY) {
      m.put(option, Set.of("ppo"));
    }
    return m;
  }

  /**
   * Refuses an algorithm the command line does not know.
   *
   * @throws CommandLine.ParameterException listing the algorithms
   */
  static void requireKnown(CommandLine cmd, String algo) {
    if (!ALGORITHMS.contains(algo)) {
      throw new CommandLine.ParameterException(cmd, "--algo must be one of " + String.join(", ", ALGORITHMS) + ", got '"
          + algo + "'");
    }
  }
}
