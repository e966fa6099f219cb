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
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.core.wrappers.NormalizeObservation;
import io.github.pgrl.envs.acrobot.Acrobot;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.mountaincar.MountainCarContinuous;
import io.github.pgrl.envs.pendulum.Pendulum;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The actor-critic learning measurements of docs/BENCHMARKS.md: A2C and PPO ({@link ActorCritic}) on the
 * classic-control environments, several seeds, one line each. Off by default (minutes of CPU); run it with
 *
 * <pre>
 * mvn -B -o -pl rl-examples test -Dtest=ActorCriticLearningMeasurement -Dpgrl.learning=true \
 *     -Dpgrl.learning.env=CartPole-v1 -Dpgrl.learning.algo=ppo [-Dpgrl.learning.seeds=1,2,3,4,5] \
 *     [-Dpgrl.learning.steps=100000]
 * </pre>
 *
 * <p>{@code env} is one of {@code CartPole-v1}, {@code Acrobot-v1}, {@code Pendulum-v1}, {@code
 * MountainCarContinuous-v0}; {@code algo} {@code ppo} or {@code a2c}. The configurations are the static
 * methods {@link #cartPolePpo}, {@link #cartPoleA2c}, {@link #acrobotPpo}, {@link #pendulumPpo} and {@link
 * #mountainCarContinuousPpo}, the one place they are written. Properties override single values (the
 * configuration's value when absent): {@code envs}, {@code rollout}, {@code minibatch}, {@code epochs},
 * {@code lr} (both networks, the optimizer kept), {@code gamma}, {@code lambda}, {@code clip}, {@code
 * entropy}, {@code maxGradNorm}, {@code normObs}, {@code normRewards}, {@code hidden} (e.g. {@code 64,64},
 * both networks), {@code logStd} (initial, Gaussian policies), {@code anneal} (steps over which the learning
 * rate and ε fall linearly to 0; 0 for constant values), {@code target}, {@code threads}, {@code log} (steps
 * between progress lines, 0 for none), {@code shared} ({@code true} for one network with a value output, {@link
 * ActorCriticConfig#sharedNetwork()}) and {@code valueCoefficient} (its c_v).
 *
 * <p>For each seed it prints: the environment step at which the mean of the last 100 training episodes
 * first reaches the target (with the wall time until then), the final 100-episode training mean, the mean
 * ± deviation of 100 evaluation episodes sampling the policy and of 100 playing its mode (reset seeds
 * derived from 1000 + seed; through the frozen observation statistics when the run normalises), the wall
 * time of training split into rollouts and updates, the JVM's CPU time over it (which the machine's other
 * work does not inflate), steps/s, and {@code /proc/loadavg} before and after. Runs are deterministic in
 * their steps and scores, so only the times depend on the machine.
 */
@EnabledIfSystemProperty(named = "pgrl.learning", matches = "true")
class ActorCriticLearningMeasurement {

  /**
   * One measured configuration.
   *
   * @param env the environment's registered name
   * @param factory makes one copy of the environment
   * @param copies environment copies
   * @param config the trainer's configuration
   * @param steps the environment steps of one run
   * @param target the 100-episode training mean to reach
   * @param initialLogStd the Gaussian policy's initial log standard deviation; NaN for discrete actions
   */
  record Setup(String env, Supplier<Environment<float[], ?>> factory, int copies, ActorCriticConfig config, long steps,
      double target, double initialLogStd) {}

  // ---- the configurations: the one place they are written ----

  /** The SB3 zoo's PPO for CartPole-v1: 8 × 32 steps, minibatch 256, 20 epochs, γ 0.98, λ 0.8, 1e-3 and ε 0.2 annealed. */
  static Setup cartPolePpo(long seed) {
    long steps = 100_000;
    ActorCriticConfig c = ActorCriticConfig.ppo().seed(seed).rolloutSteps(32).minibatchSize(256).epochs(20).gamma(0.98)
        .gaeLambda(0.8).optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3))
        .learningRateSchedule(Schedule.linear(1, 0, steps)).clipRange(Schedule.linear(0.2, 0, steps)).build();
    return new Setup("CartPole-v1", CartPole::v1, 8, c, steps, 475, Double.NaN);
  }

  /** SB3's A2C defaults (the zoo's CartPole-v1 A2C): 8 × 5 steps, RMSProp 7e-4, γ 0.99, n-step returns. */
  static Setup cartPoleA2c(long seed) {
    ActorCriticConfig c = ActorCriticConfig.a2c().seed(seed).build();
    return new Setup("CartPole-v1", CartPole::v1, 8, c, 500_000, 475, Double.NaN);
  }

  /** The SB3 zoo's PPO for Acrobot-v1: normalised observations and rewards, 16 × 256 steps, 4 epochs, λ 0.94. */
  static Setup acrobotPpo(long seed) {
    ActorCriticConfig c = ActorCriticConfig.ppo().seed(seed).rolloutSteps(256).minibatchSize(64).epochs(4).gamma(0.99)
        .gaeLambda(0.94).entropyCoefficient(0).normalizeObservations(true).normalizeRewards(true).build();
    return new Setup("Acrobot-v1", Acrobot::v1, 16, c, 500_000, -100, Double.NaN);
  }

  /**
   * The SB3 zoo's PPO for Pendulum-v1 (4 × 1024 steps, 10 epochs, γ 0.9, λ 0.95, Adam 1e-3) without its
   * state-dependent exploration: a {@link GaussianPolicy} with a learned log std starting at 0, unsquashed.
   */
  static Setup pendulumPpo(long seed) {
    ActorCriticConfig c = ActorCriticConfig.ppo().seed(seed).rolloutSteps(1024).minibatchSize(64).epochs(10).gamma(0.9)
        .gaeLambda(0.95).optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3))
        .clipRange(Schedule.constant(0.2)).build();
    return new Setup("Pendulum-v1", Pendulum::v1, 4, c, 1_000_000, -250, 0.0);
  }

  /**
   * Zoo-like PPO for MountainCarContinuous-v0: normalised observations and rewards, 1 copy × 2048 steps,
   * λ 0.9, and the Gaussian policy of {@link #pendulumPpo} (σ 1 at the start, where the zoo uses gSDE).
   */
  static Setup mountainCarContinuousPpo(long seed) {
    ActorCriticConfig c = ActorCriticConfig.ppo().seed(seed).rolloutSteps(2048).minibatchSize(64).epochs(10)
        .gamma(0.99).gaeLambda(0.9).normalizeObservations(true).normalizeRewards(true).build();
    return new Setup("MountainCarContinuous-v0", MountainCarContinuous::v0, 1, c, 200_000, 90, 0.0);
  }

  /** The configuration named by {@code env} and {@code algo}. */
  static LongFunction<Setup> configuration(String env, String algo) {
    return switch (env + " " + algo) {
      case "CartPole-v1 ppo" -> ActorCriticLearningMeasurement::cartPolePpo;
      case "CartPole-v1 a2c" -> ActorCriticLearningMeasurement::cartPoleA2c;
      case "Acrobot-v1 ppo" -> ActorCriticLearningMeasurement::acrobotPpo;
      case "Pendulum-v1 ppo" -> ActorCriticLearningMeasurement::pendulumPpo;
      case "MountainCarContinuous-v0 ppo" -> ActorCriticLearningMeasurement::mountainCarContinuousPpo;
      default -> throw new IllegalArgumentException("no configuration for env " + env + " and algo " + algo
          + "; there are CartPole-v1 ppo|a2c, Acrobot-v1 ppo, Pendulum-v1 ppo, MountainCarContinuous-v0 ppo");
    };
  }

  // ---- the overrides ----

  private static String property(String name) {
    return System.getProperty("pgrl.learning." + name);
  }

  private static double number(String name, double fallback) {
    String v = property(name);
    return v == null ? fallback : Double.parseDouble(v);
  }

  /** The setup with the properties' overrides applied. */
  static Setup overridden(Setup s) {
    ActorCriticConfig.Builder b = s.config().toBuilder();
    ActorCriticConfig c = s.config();
    if (property("rollout") != null) {
      b.rolloutSteps((int) number("rollout", 0));
    }
    if (property("minibatch") != null) {
      b.minibatchSize((int) number("minibatch", 0));
    }
    if (property("epochs") != null) {
      b.epochs((int) number("epochs", 0));
    }
    if (property("lr") != null) {
      double lr = number("lr", 0);
      b.optimizer(withRate(c.optimizer(), lr)).valueOptimizer(withRate(c.valueOptimizer(), lr));
    }
    if (property("gamma") != null) {
      b.gamma(number("gamma", 0));
    }
    if (property("lambda") != null) {
      b.gaeLambda(number("lambda", 0));
    }
    double clip = number("clip", c.clipRange().start());
    if (property("anneal") != null) {
      long anneal = (long) number("anneal", 0);
      b.learningRateSchedule(anneal == 0 ? Schedule.constant(1) : Schedule.linear(1, 0, anneal))
          .clipRange(anneal == 0 ? Schedule.constant(clip) : Schedule.linear(clip, 0, anneal));
    } else if (property("clip") != null) {
      Schedule old = c.clipRange();
      b.clipRange(old.steps() == 0 ? Schedule.constant(clip) : Schedule.linear(clip, old.end(), old.steps()));
    }
    if (property("entropy") != null) {
      b.entropyCoefficient(number("entropy", 0));
    }
    if (property("maxGradNorm") != null) {
      b.maxGradientNorm(number("maxGradNorm", 0));
    }
    if (property("normObs") != null) {
      b.normalizeObservations(Boolean.parseBoolean(property("normObs")));
    }
    if (property("normRewards") != null) {
      b.normalizeRewards(Boolean.parseBoolean(property("normRewards")));
    }
    if (property("hidden") != null) {
      int[] hidden = Arrays.stream(property("hidden").split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
      b.hidden(hidden).valueHidden(hidden);
    }
    if (property("threads") != null) {
      b.threads((int) number("threads", 1));
    }
    if (property("shared") != null) {
      b.sharedNetwork(Boolean.parseBoolean(property("shared")));
    }
    if (property("valueCoefficient") != null) {
      b.valueCoefficient(number("valueCoefficient", 0.5));
    }
    return new Setup(s.env(), s.factory(), (int) number("envs", s.copies()), b.build(),
        (long) number("steps", s.steps()), number("target", s.target()),
        Double.isNaN(s.initialLogStd()) ? Double.NaN : number("logStd", s.initialLogStd()));
  }

  private static OptimizerConfig withRate(OptimizerConfig o, double lr) {
    if (o instanceof OptimizerConfig.Adam a) {
      return new OptimizerConfig.Adam(lr, a.beta1(), a.beta2(), a.epsilon());
    }
    if (o instanceof OptimizerConfig.RmsProp r) {
      return new OptimizerConfig.RmsProp(lr, r.decay(), r.epsilon());
    }
    throw new IllegalArgumentException("lr override supports Adam and RMSProp, the configuration has " + o);
  }

  // ---- the measurement ----

  /** The mean of the last 100 training episodes, the first step it reached the target, progress lines. */
  static final class Window implements ActorCriticListener {
    private final ArrayDeque<Double> last = new ArrayDeque<>();
    private final double target;
    private final long logEvery;
    private final long started = System.nanoTime();
    private double sum;
    long stepAtTarget = -1;
    double secondsAtTarget = Double.NaN;
    double rolloutSeconds;
    double learnSeconds;

    Window(double target, long logEvery) {
      this.target = target;
      this.logEvery = logEvery;
    }

    @Override
    public void onEpisode(EpisodeStats stats) {
      last.addLast(stats.score());
      sum += stats.score();
      if (last.size() > 100) {
        sum -= last.removeFirst();
      }
      if (stepAtTarget < 0 && last.size() == 100 && sum / 100 >= target) {
        stepAtTarget = stats.totalSteps();
        secondsAtTarget = (System.nanoTime() - started) / 1e9;
      }
    }

    @Override
    public void onUpdate(UpdateMetrics m) {
      rolloutSeconds += m.rolloutSeconds();
      learnSeconds += m.learnSeconds();
      if (logEvery > 0 && (m.totalSteps() - m.steps()) / logEvery != m.totalSteps() / logEvery) {
        System.out.println(String.format(Locale.ROOT,
            "  %,d steps: 100-episode mean %.1f, entropy %.3f, KL %.4f, clip fraction %.3f, explained variance %.2f",
            m.totalSteps(), mean(), m.entropy(), m.approxKl(), m.clipFraction(), m.explainedVariance()));
      }
    }

    double mean() {
      return last.isEmpty() ? Double.NaN : sum / last.size();
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** CPU time of the whole JVM (every thread, ND4J's included), nanoseconds; −1 if the platform cannot tell. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void measure(Setup s, long seed, long logEvery) {
    String loadBefore = loadAverage();
    Window window = new Window(s.target(), logEvery);
    VectorEnvironment envs = VectorEnvironment.of((Supplier) s.factory(), s.copies());
    ActorCritic<? extends TrainablePolicy<float[], ?>> trainer;
    if (envs.actionSpace() instanceof Box box) {
      // the output layer ×0.01 as ActorCritic.create's MLP (SB3's orthogonal 0.01 gain)
      GaussianPolicy policy = GaussianPolicy.builder(((Box) envs.observationSpace()).size(), box)
          .hidden(s.config().hidden()).initialLogStd(s.initialLogStd()).outputScale(0.01)
          .build(Seeds.generator(seed, 0, Seeds.INITIALISATION));
      trainer = ActorCritic.create(envs, policy, s.config());
    } else {
      trainer = ActorCritic.create((VectorEnvironment<float[], Integer>) envs, s.config());
    }
    long started = System.nanoTime();
    long cpuStarted = processCpuNanos();
    try (envs; ActorCritic<?> t = trainer) {
      t.addListener(window);
      t.train(Budget.steps(s.steps()));
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
      String loadAfter = loadAverage();
      Environment<float[], Object> eval = (Environment<float[], Object>) s.factory().get();
      if (t.observationNormalizer().isPresent()) {
        eval = NormalizeObservation.of(eval, t.observationNormalizer().get());
      }
      TrainablePolicy<float[], Object> policy = (TrainablePolicy<float[], Object>) t.policy();
      EvaluationResult sampled = PolicyEvaluation.evaluate(policy, eval, 100, 1000 + seed);
      EvaluationResult greedy = PolicyEvaluation.evaluate(PolicyEvaluation.greedy(policy, eval), eval, 100, 1000 + seed);
      String logStd = t.policy() instanceof GaussianPolicy g
          ? String.format(Locale.ROOT, ", log std %.2f", g.parameters()[g.parameterCount() - 1]) : "";
      System.out.println(String.format(Locale.ROOT,
          "%s %s seed %d: target %s at step %s (%s s); %,d steps, final 100-episode mean %.1f; eval sampled %.1f ± %.1f,"
              + " greedy %.1f ± %.1f%s; %.1f s (rollouts %.1f s, updates %.1f s; process CPU %.1f s), %,.0f steps/s;"
              + " load %s -> %s",
          s.env(), s.config().algorithm(), seed, fmt(s.target()),
          window.stepAtTarget < 0 ? "never" : String.format(Locale.ROOT, "%,d", window.stepAtTarget),
          Double.isNaN(window.secondsAtTarget) ? "-" : String.format(Locale.ROOT, "%.1f", window.secondsAtTarget),
          t.steps(), window.mean(), sampled.mean(), sampled.standardDeviation(), greedy.mean(),
          greedy.standardDeviation(), logStd, seconds, window.rolloutSeconds, window.learnSeconds, cpuSeconds,
          t.steps() / seconds, loadBefore, loadAfter));
    }
  }

  private static String fmt(double x) {
    return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
  }

  @Test
  void measureSeeds() {
    String env = System.getProperty("pgrl.learning.env", "CartPole-v1");
    String algo = System.getProperty("pgrl.learning.algo", "ppo").toLowerCase(Locale.ROOT);
    LongFunction<Setup> configuration = configuration(env, algo);
    long logEvery = (long) number("log", 0);
    boolean first = true;
    for (String seedText : System.getProperty("pgrl.learning.seeds", "1,2,3,4,5").split(",")) {
      long seed = Long.parseLong(seedText.trim());
      Setup s = overridden(configuration.apply(seed));
      if (first) {
        System.out.println(s.env() + " × " + s.copies() + ", " + s.steps() + " steps, target " + fmt(s.target())
            + (Double.isNaN(s.initialLogStd()) ? "" : ", initial log std " + s.initialLogStd()) + ": " + s.config());
        first = false;
      }
      measure(s, seed, logEvery);
    }
  }
}
