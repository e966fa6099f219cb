package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongShaping;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that define a Pong training run, shared by {@code pong train}, {@code eval}, {@code watch}
 * and {@code record}, and stored as {@code run.properties} in the output folder so that a run can be
 * resumed and its checkpoints evaluated with the same settings.
 *
 * <p>The agent sees only pixels: the difference of consecutive 80×80 binary images of the game (the
 * input of the classic pong-from-pixels network), chooses UP or DOWN with a Bernoulli policy (or, with {@code --actions 3}, NOOP, UP or DOWN with a softmax), and learns
 * from the sparse ±1 reward of each point (or, with {@code --shaping hits}, also a bonus for each paddle
 * hit).
 *
 * <p>With {@code --algo a2c} or {@code --algo ppo} the same network (200 ReLU units, no biases) is trained
 * by {@link io.github.pgrl.core.actorcritic.ActorCritic} on {@code --envs} copies of the game, with a value
 * network of the same shape; options not given take {@link #PPO_DEFAULTS} or {@link #A2C_DEFAULTS}.
 */
final class PongSetup {

  static final String PROPERTIES = RunProperties.FILE;

  /**
   * PPO's defaults on Pong: the best of the measured configurations (docs/BENCHMARKS.md, "PPO and A2C on
   * Pong from pixels", run C): 16 copies × 128 steps, 3 epochs of minibatches of 1,024, Adam 1e-3, γ 0.99,
   * λ 0.95, clip 0.2, entropy 0.03, on the classic network. CleanRL's Atari values (Adam 2.5e-4, clip 0.1,
   * entropy 0.01) hardly moved the policy on difference frames.
   */
  static final ActorCriticOptions.Defaults PPO_DEFAULTS =
      new ActorCriticOptions.Defaults(16, 128, 1024, 3, 1e-3, false, 0.99, 0.95, 0.2, 0.03, "none", "200", 0);

  /** A2C's defaults on Pong: SB3's A2C (8 copies × 5 steps, RMSProp 7e-4) with its Atari entropy bonus, 0.01. */
  static final ActorCriticOptions.Defaults A2C_DEFAULTS =
      new ActorCriticOptions.Defaults(8, 5, 0, 0, 7e-4, false, 0.99, 1.0, 0, 0.01, "none", "200", 0);

  @Option(names = "--algo", description = "The algorithm: reinforce, a2c or ppo (default: reinforce).")
  String algo;

  @CommandLine.Mixin ActorCriticOptions ac = new ActorCriticOptions();

  @Option(names = "--hidden", defaultValue = "200", description = "Hidden ReLU units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate: RMSProp's (reinforce, a2c) or Adam's (ppo)"
      + " (default: ${DEFAULT-VALUE}; a2c 0.0007, ppo 0.00025).")
  double lr;

  @Option(names = "--gamma", defaultValue = "0.99", description = "Discount factor in [0, 1] (default: ${DEFAULT-VALUE}).")
  double gamma;

  @Option(names = "--batch", defaultValue = "10", description = "reinforce: games per update (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--frame-skip", defaultValue = "4", description = "Frames per agent step (default: ${DEFAULT-VALUE}; 4 learned faster than 2, see docs/BENCHMARKS.md).")
  int frameSkip;

  @Option(names = "--actions", defaultValue = "2",
      description = "Actions: 2 (UP, DOWN with a Bernoulli policy, as the classic network) or 3 (NOOP, UP, DOWN with a"
          + " softmax policy, which can hold the paddle still) (default: ${DEFAULT-VALUE}).")
  int actions;

  @Option(names = "--shaping", defaultValue = "none",
      description = "Reward shaping: none (the sparse ±1 of each point) or hits (plus --hit-bonus per paddle hit) (default: ${DEFAULT-VALUE}).")
  String shaping;

  @Option(names = "--hit-bonus", defaultValue = "0.5", description = "The bonus per hit with --shaping hits, between -1 and 1; returns then restart only at points (default: ${DEFAULT-VALUE}).")
  double hitBonus;

  @Option(names = "--exploration", defaultValue = "0",
      description = "Probability of repeating the previous action instead of the policy's (sticky exploration), in [0, 1) (default: ${DEFAULT-VALUE}).")
  double exploration;

  @Option(names = {"--entropy", "--ent"}, defaultValue = "0.03",
      description = "Weight of the entropy bonus, at least 0 (default: ${DEFAULT-VALUE}; it beat 0 and 0.01 clearly, see docs/BENCHMARKS.md;"
          + " a2c and ppo: 0.01).")
  double entropy;

  @Option(names = "--seed", defaultValue = "1", description = "Master seed (default: ${DEFAULT-VALUE}).")
  long seed;

  /** Checks the values, naming the first bad one. */
  void validate(CommandLine cmd) {
    Cli.requireRange(cmd, "--hidden", hidden, 1, Limits.HIDDEN);
    Cli.requirePositive(cmd, "--lr", lr);
    Cli.requireRange(cmd, "--batch", batch, 1, Limits.BATCH);
    Cli.requireRange(cmd, "--frame-skip", frameSkip, 1, Limits.FRAME_SKIP);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new CommandLine.ParameterException(cmd, "--gamma must lie in [0, 1], got " + gamma);
    }
    if (actions != 2 && actions != 3) {
      throw new CommandLine.ParameterException(cmd, "--actions must be 2 (UP, DOWN) or 3 (NOOP, UP, DOWN), got " + actions);
    }
    if (!shaping.equals("none") && !shaping.equals("hits")) {
      throw new CommandLine.ParameterException(cmd, "--shaping must be none or hits, got " + shaping);
    }
    if (!(Math.abs(hitBonus) < 1)) {
      throw new CommandLine.ParameterException(cmd, "--hit-bonus must lie strictly between -1 and 1 (smaller than"
          + " a point, at which returns restart), got " + hitBonus);
    }
    if (!(entropy >= 0) || Double.isInfinite(entropy)) {
      throw new CommandLine.ParameterException(cmd, "--entropy must be a finite number of at least 0, got " + entropy);
    }
    if (!(exploration >= 0 && exploration < 1)) {
      throw new CommandLine.ParameterException(cmd, "--exploration must lie in [0, 1), got " + exploration);
    }
  }

  /** The game: default opponent and rules, the chosen actions and frame skip. */
  PongConfig game(boolean reuse) {
    return PongConfig.builder().twoActions(actions == 2).frameSkip(frameSkip).reuseObservation(reuse).build();
  }

  /** What the agent sees: the difference of consecutive 80×80 binary frames. */
  Environment<float[], Integer> environment() {
    return FrameDifference.of(PongEnvironment.binary(game(true), 2), true);
  }

  /**
   * What the agent sees, as {@link #environment()}, in a new array every step: a copy of a vector
   * environment keeps the final observation of an episode while it resets.
   */
  Environment<float[], Integer> freshEnvironment() {
    return FrameDifference.of(PongEnvironment.binary(game(false), 2), false);
  }

  private RewardShaper<float[], Integer> shaper() {
    return shaping.equals("hits") ? PongShaping.hitBonus(hitBonus) : RewardShaper.identity();
  }

  /** Whether the run is an actor-critic one (a2c or ppo). */
  boolean isActorCritic() {
    return algo != null && !algo.equals("reinforce");
  }

  /** The options of this class and the algorithms that use them, where not every algorithm does. */
  static Map<String, Set<String>> appliesTo() {
    Map<String, Set<String>> m = new LinkedHashMap<>(ActorCriticOptions.appliesTo());
    m.remove("--envs"); // games in parallel for every algorithm
    m.remove("--ent"); // --entropy, for every algorithm
    m.put("--batch", Set.of("reinforce"));
    return m;
  }

  /**
   * Checks the algorithm and the options it does not take; for a new actor-critic run, fills the options not
   * given with the algorithm's defaults (a resumed run has its stored values).
   *
   * @param envs the games in parallel given, or {@code null}
   * @param fresh whether the run is new
   * @return the games in parallel: given, stored, or the algorithm's default (2 for REINFORCE)
   * @throws CommandLine.ParameterException naming the first bad value and what is allowed
   */
  int resolve(CommandLine cmd, Integer envs, boolean fresh) {
    algo = algo == null ? ActorCriticOptions.ALGORITHMS.get(0) : algo;
    ActorCriticOptions.requireKnown(cmd, algo);
    ActorCriticOptions.refuseInapplicable(cmd, algo, appliesTo());
    if (!isActorCritic()) {
      return envs == null ? 2 : envs;
    }
    ActorCriticOptions.Defaults d = algo.equals("ppo") ? PPO_DEFAULTS : A2C_DEFAULTS;
    CommandLine.ParseResult given = cmd.getParseResult();
    if (fresh) {
      lr = given.hasMatchedOption("--lr") ? lr : d.lr();
      entropy = given.hasMatchedOption("--entropy") ? entropy : d.ent();
      ac.fill(d, 0);
    }
    int copies = envs == null ? d.envs() : envs;
    ac.validate(cmd, algo, copies);
    return copies;
  }

  /** The configuration of an actor-critic run; call {@link #resolve} first. */
  ActorCriticConfig actorCriticConfig() {
    return ac.config(algo, seed, new int[] {hidden}, Activation.RELU, lr, gamma, entropy).toBuilder()
        .shaper(shaper())
        .exploration(Exploration.sticky(exploration))
        .build();
  }

  /**
   * The policy of an actor-critic run, initialised from the seed: the classic network (no biases; Bernoulli
   * for two actions, softmax for three), initialised as REINFORCE's. With the output layer 100 times
   * smaller (SB3's choice) the logits hardly depend on difference frames and PPO barely moved the policy
   * (docs/BENCHMARKS.md, runs smoke and A against C).
   */
  MlpPolicy actorCriticPolicy() {
    return MlpPolicy.builder(80 * 80, actions).hidden(hidden).activation(Activation.RELU)
        .head(actions == 2 ? Head.BERNOULLI : Head.SOFTMAX).bias(false).valueOutput(ac.sharedNetwork)
        .build(Seeds.generator(seed, 0, Seeds.INITIALISATION));
  }

  /** The stored options of this run: REINFORCE's {@link #OPTIONS}, or those of the actor-critic algorithm. */
  List<String> storedOptions() {
    return isActorCritic() ? ActorCriticOptions.storedBy(algo, ACTOR_CRITIC_OPTIONS) : OPTIONS;
  }

  ReinforceConfig config() {
    RewardShaper<float[], Integer> shaper = shaper();
    return ReinforceConfig.classicPongFromPixels()
        .seed(seed)
        .hidden(hidden)
        .head(actions == 2 ? Head.BERNOULLI : Head.SOFTMAX)
        .optimizer(OptimizerConfig.RmsProp.classic(lr))
        .gamma(gamma)
        // a point (±1) ends a rally; with the hit bonus (|x| < 1) a point is credited to the whole rally
        .credit(shaping.equals("hits")
            ? DiscountedReturn.of(gamma).restartingAtRewardsOfMagnitude(1.0)
            : DiscountedReturn.of(gamma).restartingAtNonZeroReward())
        .shaper(shaper)
        .exploration(Exploration.sticky(exploration))
        .entropyCoefficient(entropy)
        .batchEpisodes(batch)
        .build();
  }

  /** The options that define a REINFORCE run, stored in {@value #PROPERTIES}. */
  static final List<String> OPTIONS = List.of("--hidden", "--lr", "--gamma", "--batch", "--frame-skip", "--actions",
      "--shaping", "--hit-bonus", "--exploration", "--entropy", "--seed");

  /**
   * The options that define a PPO run (A2C's without those it does not take), stored in {@value
   * #PROPERTIES}: REINFORCE's but the batch, the algorithm, the games in parallel ({@code --envs}, of
   * {@code pong train}) and the actor-critic options.
   */
  static final List<String> ACTOR_CRITIC_OPTIONS = Stream.of(
      OPTIONS.stream().filter(o -> !o.equals("--batch")), Stream.of("--algo", "--envs"), ActorCriticOptions.STORED.stream())
      .flatMap(x -> x).toList();

  /**
   * Takes the stored options of a run for every option not given on the command line ({@link
   * RunProperties#load}), then checks them all. The options of a command that has no {@code --envs} (eval,
   * watch, record) are read without it.
   */
  void load(CommandLine cmd, Path dir) {
    String stored = RunProperties.stored(dir, "algo");
    String run = stored == null ? ActorCriticOptions.ALGORITHMS.get(0) : stored; // runs of REINFORCE store none
    if (algo != null && !algo.equals(run)) {
      throw new CommandLine.ParameterException(cmd, "--algo " + algo + " differs from the run's " + run + " (stored in "
          + dir.resolve(PROPERTIES) + ")");
    }
    // only the options of the run's algorithm: a REINFORCE run takes --envs from the command line
    Path file = RunProperties.load(cmd, dir, run.equals("reinforce") ? OPTIONS : ACTOR_CRITIC_OPTIONS);
    ac.restoreSharedNetwork(dir);
    if (isActorCritic()) {
      List<String> missing = storedOptions().stream().filter(o -> cmd.getCommandSpec().findOption(o) != null
          && cmd.getCommandSpec().findOption(o).getValue() == null).map(o -> o.substring(2)).toList();
      if (!missing.isEmpty()) {
        throw new CommandLine.ParameterException(cmd, file + " has no " + String.join(", ", missing) + ", which a run of"
            + " --algo " + algo + " stores: it is not the record of a run of pgrl pong train");
      }
    }
    try {
      if (cmd.getCommandSpec().findOption("--envs") == null) {
        resolve(cmd, null, false);
      }
      validate(cmd);
    } catch (CommandLine.ParameterException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage() + " (options not given on the command line are read"
          + " from " + file + ")");
    }
    if (isActorCritic()) {
      RunProperties.requireConfig(cmd, dir, RunProperties.config(actorCriticConfig().describe()));
    }
  }

  /** The options of a training folder (for eval, watch, record). */
  static PongSetup read(CommandLine cmd, Path dir) {
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
  @CommandLine.Command(name = "pong-run")
  static final class Holder {
    @CommandLine.Mixin PongSetup setup = new PongSetup();
  }

  /** What an actor-critic run on {@code copies} games does, for the line printed when it starts. */
  String describe(int copies) {
    return String.format(Locale.ROOT, "%s, hidden %d, %s %s, gamma %s, frame skip %d, shaping %s, exploration %s,"
        + " entropy bonus %s, seed %d", ac.describe(algo, copies), hidden, algo.equals("ppo") ? "Adam" : "RMSProp", lr,
        gamma, frameSkip, shaping.equals("hits") ? "hits (+" + hitBonus + ")" : "none", exploration, entropy, seed);
  }

  String describe() {
    return String.format(Locale.ROOT, "hidden %d, lr %s, gamma %s, batch %d games, frame skip %d, shaping %s, exploration %s, entropy bonus %s, seed %d",
        hidden, lr, gamma, batch, frameSkip, shaping.equals("hits") ? "hits (+" + hitBonus + ")" : "none", exploration, entropy,
        seed);
  }
}
