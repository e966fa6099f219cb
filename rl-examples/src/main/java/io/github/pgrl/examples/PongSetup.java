package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongShaping;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 */
final class PongSetup {

  static final String PROPERTIES = RunProperties.FILE;

  @Option(names = "--hidden", defaultValue = "200", description = "Hidden ReLU units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--lr", defaultValue = "0.001", description = "RMSProp learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--gamma", defaultValue = "0.99", description = "Discount factor in [0, 1] (default: ${DEFAULT-VALUE}).")
  double gamma;

  @Option(names = "--batch", defaultValue = "10", description = "Games per update (default: ${DEFAULT-VALUE}).")
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

  @Option(names = "--entropy", defaultValue = "0.03",
      description = "Weight of the entropy bonus, at least 0 (default: ${DEFAULT-VALUE}; it beat 0 and 0.01 clearly, see docs/BENCHMARKS.md).")
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

  ReinforceConfig config() {
    RewardShaper<float[], Integer> shaper =
        shaping.equals("hits") ? PongShaping.hitBonus(hitBonus) : RewardShaper.identity();
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

  /** The options that define a run, stored in {@value #PROPERTIES}. */
  static final List<String> OPTIONS = List.of("--hidden", "--lr", "--gamma", "--batch", "--frame-skip", "--actions",
      "--shaping", "--hit-bonus", "--exploration", "--entropy", "--seed");

  /**
   * Takes the stored options of a run for every option not given on the command line ({@link
   * RunProperties#load}), then checks them all.
   */
  void load(CommandLine cmd, Path dir) {
    Path file = RunProperties.load(cmd, dir, OPTIONS);
    try {
      validate(cmd);
    } catch (CommandLine.ParameterException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage() + " (options not given on the command line are read"
          + " from " + file + ")");
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

  String describe() {
    return String.format(Locale.ROOT, "hidden %d, lr %s, gamma %s, batch %d games, frame skip %d, shaping %s, exploration %s, entropy bonus %s, seed %d",
        hidden, lr, gamma, batch, frameSkip, shaping.equals("hits") ? "hits (+" + hitBonus + ")" : "none", exploration, entropy,
        seed);
  }
}
