package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.ActorCriticListener;
import io.github.pgrl.core.actorcritic.Schedule;
import io.github.pgrl.core.actorcritic.UpdateMetrics;
import io.github.pgrl.core.eval.EvaluationResult;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.ConvPolicy;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.util.Nd4jSetup;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pixels.FrameStack;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The PPO and A2C Pong measurements of docs/BENCHMARKS.md ("PPO and A2C on Pong from pixels"): trains an {@link ActorCritic} on Pong from pixels
 * (the default opponent, the sparse ±1 reward of each point) for a budget of games (21-point matches, the
 * episodes, as docs/BENCHMARKS.md counts them) and minutes, logs every game and every update to CSV, then
 * plays 100 evaluation games with sampled and with greedy actions.
 *
 * <p>Run from {@code rl-examples} after {@code mvn -B -o -pl rl-examples test-compile}:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.github.pgrl.examples.PongActorCriticExperiment \
 *     out=runs/ppo1 algo=ppo copies=8 rollout=128 epochs=4 minibatch=256 lr=2.5e-4 games=20000 minutes=10
 * </pre>
 *
 * <p>Every option is {@code key=value}; {@link #DEFAULTS} lists them with their defaults. Files in {@code out}:
 * {@code games.csv} (the columns of {@code pong train}'s metrics), {@code updates.csv} (every {@link
 * UpdateMetrics} field) and {@code summary.txt} (options, load, result).
 */
final class PongActorCriticExperiment {

  /** Every option and its default. */
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("out", "runs/pongppo");
    DEFAULTS.put("algo", "ppo"); // ppo or a2c
    DEFAULTS.put("policy", "mlp"); // mlp (difference frames) or conv (2 stacked frames)
    DEFAULTS.put("copies", "8");
    DEFAULTS.put("envThreads", "2"); // threads stepping the copies
    DEFAULTS.put("threads", "1"); // ActorCriticConfig.threads: gradient passes
    DEFAULTS.put("rollout", "128");
    DEFAULTS.put("epochs", "4");
    DEFAULTS.put("minibatch", "256");
    DEFAULTS.put("lr", "2.5e-4");
    DEFAULTS.put("valueLr", "");
    DEFAULTS.put("anneal", "false"); // learning rate and clip range linearly to 0 over the games budget's steps
    DEFAULTS.put("clip", "0.1");
    DEFAULTS.put("entropy", "0.01");
    DEFAULTS.put("gamma", "0.99");
    DEFAULTS.put("lambda", "0.95");
    DEFAULTS.put("maxGradNorm", "0.5");
    DEFAULTS.put("frameSkip", "4");
    DEFAULTS.put("actions", "2");
    DEFAULTS.put("hidden", "200");
    DEFAULTS.put("valueHidden", "64");
    DEFAULTS.put("activation", "RELU");
    // classic: the pong-from-pixels network (no biases, Bernoulli head, output layer at full scale);
    // sb3: ActorCritic.create's softmax MLP with biases and its output layer initialised 100 times smaller
    DEFAULTS.put("init", "classic");
    DEFAULTS.put("seed", "1");
    DEFAULTS.put("games", "20000");
    DEFAULTS.put("minutes", "10");
    DEFAULTS.put("stopAtTarget", "false"); // stop once the mean of the last 100 training games is above 0
    DEFAULTS.put("evalGames", "100");
    DEFAULTS.put("evalSeed", "2024");
  }

  /** The columns of {@code games.csv}, those of {@code pong train}'s metrics file. */
  static final String GAMES_HEADER = PongCommand.HEADER;

  private final Map<String, String> o;

  private PongActorCriticExperiment(Map<String, String> options) {
    this.o = options;
    choice("algo", "ppo", "a2c");
    choice("policy", "mlp", "conv");
    choice("init", "classic", "sb3");
  }

  private void choice(String key, String... allowed) {
    if (!Arrays.asList(allowed).contains(s(key))) {
      throw new IllegalArgumentException(key + " must be one of " + Arrays.toString(allowed) + ", got " + s(key));
    }
  }

  private String s(String key) {
    return o.get(key);
  }

  private int i(String key) {
    return Integer.parseInt(s(key));
  }

  private double d(String key) {
    return Double.parseDouble(s(key));
  }

  private boolean conv() {
    return s("policy").equals("conv");
  }

  /** The game: default opponent and rules; new observation arrays, as vector copies need. */
  PongConfig game(boolean reuse) {
    return PongConfig.builder().twoActions(i("actions") == 2).frameSkip(i("frameSkip")).reuseObservation(reuse).build();
  }

  /** What the agent sees: difference frames for the MLP, two stacked frames for the convolutional policy. */
  Environment<float[], Integer> environment(boolean reuse) {
    PongEnvironment.Binary pong = PongEnvironment.binary(game(reuse), 2);
    return conv() ? FrameStack.of(pong, 2, reuse) : FrameDifference.of(pong, reuse);
  }

  ActorCriticConfig config(long steps) {
    ActorCriticConfig.Builder b = s("algo").equals("a2c") ? ActorCriticConfig.a2c() : ActorCriticConfig.ppo();
    double lr = d("lr");
    double valueLr = s("valueLr").isEmpty() ? lr : d("valueLr");
    b.seed(Long.parseLong(s("seed")))
        .hidden(ints(s("hidden")))
        .valueHidden(ints(s("valueHidden")))
        .activation(Activation.valueOf(s("activation")))
        .rolloutSteps(i("rollout"))
        .gamma(d("gamma"))
        .gaeLambda(d("lambda"))
        .entropyCoefficient(d("entropy"))
        .maxGradientNorm(d("maxGradNorm"))
        .threads(i("threads"));
    if (s("algo").equals("a2c")) {
      b.optimizer(new OptimizerConfig.RmsProp(lr, 0.99, 1e-5)).valueOptimizer(new OptimizerConfig.RmsProp(valueLr, 0.99, 1e-5));
    } else {
      b.optimizer(new OptimizerConfig.Adam(lr, 0.9, 0.999, 1e-5))
          .valueOptimizer(new OptimizerConfig.Adam(valueLr, 0.9, 0.999, 1e-5))
          .epochs(i("epochs"))
          .minibatchSize(i("minibatch"))
          .clipRange(Boolean.parseBoolean(s("anneal")) ? Schedule.linear(d("clip"), 0, steps) : Schedule.constant(d("clip")));
    }
    if (Boolean.parseBoolean(s("anneal"))) {
      b.learningRateSchedule(Schedule.linear(1, 0, steps));
    }
    return b.build();
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** The convolutional policy for two stacked 80×80 frames (the layers of ConvPolicyPongLearningTest). */
  ConvPolicy convPolicy(ActorCriticConfig config) {
    return ConvPolicy.builder(2, 80, 80, i("actions")).conv(8, 8, 4).conv(16, 4, 2).hidden(ints(s("hidden")))
        .outputScale(0.01).build(Seeds.generator(config.seed(), 0, Seeds.INITIALISATION));
  }

  /** The classic pong-from-pixels network: hidden ReLU layers, no biases, one Bernoulli output. */
  MlpPolicy classicPolicy(ActorCriticConfig config) {
    if (i("actions") != 2) {
      throw new IllegalArgumentException("init=classic needs actions=2 (a Bernoulli head), got actions=" + s("actions"));
    }
    return MlpPolicy.builder(80 * 80, 2).hidden(config.hidden()).activation(config.activation()).head(Head.BERNOULLI)
        .bias(false).build(Seeds.generator(config.seed(), 0, Seeds.INITIALISATION));
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  void run() throws IOException {
    Path out = Path.of(s("out"));
    Files.createDirectories(out);
    Nd4jSetup.setThreads(1);
    int games = i("games");
    // the step budget of the schedules: games × 1,000 steps, about a game's length while the agent learns
    ActorCriticConfig config = config((long) games * 1000);
    Supplier<Environment<float[], Integer>> factory = () -> environment(false);
    String loadBefore = load();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.threaded(factory, i("copies"), i("envThreads"));
        PrintWriter gamesCsv = new PrintWriter(Files.newBufferedWriter(out.resolve("games.csv")));
        PrintWriter updatesCsv = new PrintWriter(Files.newBufferedWriter(out.resolve("updates.csv")));
        ActorCritic<? extends TrainablePolicy<float[], Integer>> trainer = conv() ? ActorCritic.create(envs, convPolicy(config), config)
            : s("init").equals("classic") ? ActorCritic.create(envs, classicPolicy(config), config)
            : ActorCritic.create(envs, config)) {
      Progress progress = new Progress(gamesCsv, updatesCsv, Boolean.parseBoolean(s("stopAtTarget")) ? trainer : null);
      trainer.addListener(progress);
      System.err.println("config: " + o);
      TrainingSummary summary = trainer.train(new Budget(games, 0, 0, Duration.ofMillis((long) (d("minutes") * 60_000))));
      String loadAfter = load();
      gamesCsv.flush();
      updatesCsv.flush();
      double seconds = summary.elapsed().toNanos() / 1e9;
      StringBuilder text = new StringBuilder();
      text.append("options ").append(o).append('\n');
      text.append("config ").append(config.describe()).append('\n');
      text.append(String.format(Locale.ROOT, "trained %d games, %d steps, %d updates in %.1f s (%.0f steps/s); load before %s,"
              + " after %s%n", summary.episodes(), summary.steps(), summary.updates(), seconds, summary.steps() / seconds,
          loadBefore, loadAfter));
      text.append(String.format(Locale.ROOT, "running score %.2f; mean of the last 100 games %.2f; last-100 mean first > 0 at"
              + " game %d (%.1f s); running score first > 0 at game %d (%.1f s); best last-100 mean %.2f%n",
          summary.runningScore(), progress.last100(), progress.firstMeanAboveZero, progress.firstMeanAboveZeroSeconds,
          progress.firstRunningAboveZero, progress.firstRunningAboveZeroSeconds, progress.bestLast100));
      text.append(String.format(Locale.ROOT, "rollout %.1f s, learn %.1f s%n", progress.rolloutSeconds, progress.learnSeconds));
      System.err.print(text);
      int evalGames = i("evalGames");
      if (evalGames > 0) {
        Environment<float[], Integer> env = environment(true);
        long t = System.nanoTime();
        EvaluationResult sampled = PolicyEvaluation.evaluate(trainer.policy(), env, evalGames, Long.parseLong(s("evalSeed")));
        EvaluationResult greedy = PolicyEvaluation.evaluate(PolicyEvaluation.greedy(trainer.policy(), env), env, evalGames,
            Long.parseLong(s("evalSeed")));
        text.append(describe("sampled", sampled)).append(describe("greedy", greedy));
        text.append(String.format(Locale.ROOT, "evaluation took %.1f s%n", (System.nanoTime() - t) / 1e9));
        System.err.print(describe("sampled", sampled) + describe("greedy", greedy));
      }
      Files.writeString(out.resolve("summary.txt"), text);
    }
  }

  private static String describe(String how, EvaluationResult r) {
    long won = r.returns().stream().filter(x -> x > 0).count();
    return String.format(Locale.ROOT, "eval %s %d games: mean score %+.2f (95%% CI ±%.2f), won %d, mean length %.0f steps%n",
        how, r.episodes(), r.mean(), r.confidenceInterval().halfWidth(), won,
        r.lengths().stream().mapToInt(Integer::intValue).average().orElse(Double.NaN));
  }

  /** Writes the CSVs and tracks when the agent first beats the opponent in training. */
  static final class Progress implements ActorCriticListener {
    final PrintWriter gamesCsv;
    final PrintWriter updatesCsv;
    final ActorCritic<?> stopper;
    final long start = System.nanoTime();
    final ArrayDeque<Double> window = new ArrayDeque<>();
    double windowSum;
    long firstMeanAboveZero = -1;
    double firstMeanAboveZeroSeconds = Double.NaN;
    long firstRunningAboveZero = -1;
    double firstRunningAboveZeroSeconds = Double.NaN;
    double bestLast100 = Double.NaN;
    double rolloutSeconds;
    double learnSeconds;
    long lastPrint;

    Progress(PrintWriter gamesCsv, PrintWriter updatesCsv, ActorCritic<?> stopper) {
      this.gamesCsv = gamesCsv;
      this.updatesCsv = updatesCsv;
      this.stopper = stopper;
      gamesCsv.println(GAMES_HEADER);
      StringBuilder h = new StringBuilder("seconds");
      for (var c : UpdateMetrics.class.getRecordComponents()) {
        h.append(',').append(c.getName());
      }
      updatesCsv.println(h);
    }

    double seconds() {
      return (System.nanoTime() - start) / 1e9;
    }

    double last100() {
      return window.isEmpty() ? Double.NaN : windowSum / window.size();
    }

    @Override
    public void onEpisode(EpisodeStats e) {
      double sec = seconds();
      gamesCsv.printf(Locale.ROOT, "%d,%d,%d,%.3f,%.0f,%.4f,%.0f,%.0f,%.0f%n", e.episode() + 1, e.length(),
          e.totalSteps(), sec, e.score(), e.runningScore(), e.infoTotal(PongEnvironment.AGENT_POINTS),
          e.infoTotal(PongEnvironment.OPPONENT_POINTS), e.infoTotal(PongEnvironment.AGENT_HITS));
      window.addLast(e.score());
      windowSum += e.score();
      if (window.size() > 100) {
        windowSum -= window.removeFirst();
      }
      if (window.size() == 100) {
        bestLast100 = Double.isNaN(bestLast100) ? last100() : Math.max(bestLast100, last100());
        if (firstMeanAboveZero < 0 && last100() > 0) {
          firstMeanAboveZero = e.episode() + 1;
          firstMeanAboveZeroSeconds = sec;
          if (stopper != null) {
            stopper.requestStop();
          }
        }
      }
      if (firstRunningAboveZero < 0 && e.runningScore() > 0 && e.episode() >= 100) {
        firstRunningAboveZero = e.episode() + 1;
        firstRunningAboveZeroSeconds = sec;
      }
    }

    @Override
    public void onUpdate(UpdateMetrics m) {
      double sec = seconds();
      rolloutSeconds += m.rolloutSeconds();
      learnSeconds += m.learnSeconds();
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%.3f", sec));
      for (var c : UpdateMetrics.class.getRecordComponents()) {
        try {
          row.append(',').append(c.getAccessor().invoke(m));
        } catch (ReflectiveOperationException ex) {
          throw new IllegalStateException(ex);
        }
      }
      updatesCsv.println(row);
      long now = System.nanoTime();
      if (now - lastPrint > 15e9) {
        lastPrint = now;
        System.err.printf(Locale.ROOT, "%6.0f s  games %6d  steps %9d  running %+6.2f  last100 %+6.2f  entropy %.3f  kl %.4f"
                + "  clipfrac %.3f  ev %.2f  %.0f steps/s (rollout %.2f s, learn %.2f s)  load %s%n", sec, m.totalEpisodes(),
            m.totalSteps(), m.runningScore(), last100(), m.entropy(), m.approxKl(), m.clipFraction(), m.explainedVariance(),
            m.stepsPerSecond(), m.rolloutSeconds(), m.learnSeconds(), load());
        gamesCsv.flush();
        updatesCsv.flush();
      }
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 0 || !DEFAULTS.containsKey(a.substring(0, eq))) {
        throw new IllegalArgumentException("expected key=value with a key of " + DEFAULTS.keySet() + ", got " + a);
      }
      options.put(a.substring(0, eq), a.substring(eq + 1));
    }
    new PongActorCriticExperiment(options).run();
  }
}
