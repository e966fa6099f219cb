package io.github.pgrl.examples;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.ActorCriticListener;
import io.github.pgrl.core.actorcritic.UpdateMetrics;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.pixels.FrameDifference;
import java.util.function.Supplier;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.reinforce.UpdateStats;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongSamples;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgrl bench}: measures this machine in a minute or two — Pong steps, the classic network's
 * compute, full REINFORCE training on Pong, and PPO on CartPole and on Pong — and prints a table and, as the last line, JSON. For careful numbers use
 * the JMH benchmarks in rl-benchmarks.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure Pong steps, policy compute, and REINFORCE and PPO training throughput on this machine; the"
        + " last line is JSON.")
final class BenchCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--seconds", defaultValue = "10", description = "Seconds per measurement (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--envs", defaultValue = "2", description = "Rollout threads of the training measurement (default: ${DEFAULT-VALUE}).")
  int envs;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    Cli.requireRange(cmd, "--seconds", seconds, 0.01, Limits.BENCH_SECONDS);
    Cli.requireRange(cmd, "--envs", envs, 1, Limits.ENVS);
    Limits.requireMemory(cmd, envs, 200, 10, 2);
    long nanos = (long) (seconds * 1e9);
    PrintWriter out = cmd.getOut();
    Map<String, Double> results = new LinkedHashMap<>();
    results.put("env_binary_steps_per_s", envBinary(nanos));
    row(out, "Pong step, 80×80 binary observation (1 thread)", results.get("env_binary_steps_per_s"));
    results.put("env_rgb_steps_per_s", envRgb(nanos));
    row(out, "Pong step, 210×160 RGB frame (1 thread)", results.get("env_rgb_steps_per_s"));
    results.put("policy_fwd_bwd_steps_per_s", policy(nanos));
    row(out, "6400-200-1 forward + backward on difference frames", results.get("policy_fwd_bwd_steps_per_s"));
    double[] split = new double[2];
    results.put("train_steps_per_s", train(nanos, split));
    row(out, "Pong training from pixels (" + envs + " rollout threads)", results.get("train_steps_per_s"));
    results.put("train_rollout_share", split[0] / (split[0] + split[1]));
    out.printf(Locale.ROOT, "  of its time: playing episodes %.0f %%, learning from them %.0f %%%n",
        100 * results.get("train_rollout_share"), 100 * (1 - results.get("train_rollout_share")));
    double[] ppoSplit = new double[2];
    results.put("ppo_cartpole_steps_per_s", actorCritic(() -> VectorEnvironment.threaded(CartPole::v1, 8, envs),
        cartPolePpo(), nanos, ppoSplit));
    row(out, "CartPole PPO, the zoo's settings (" + envs + " threads)", results.get("ppo_cartpole_steps_per_s"));
    results.put("ppo_cartpole_rollout_share", ppoSplit[0] / (ppoSplit[0] + ppoSplit[1]));
    out.printf(Locale.ROOT, "  of its time: rollouts %.0f %%, updates %.0f %%%n",
        100 * results.get("ppo_cartpole_rollout_share"), 100 * (1 - results.get("ppo_cartpole_rollout_share")));
    ppoSplit = new double[2];
    PongConfig game = PongConfig.builder().twoActions(true).frameSkip(4).build();
    results.put("ppo_pong_steps_per_s", actorCritic(() -> VectorEnvironment.threaded(
        () -> FrameDifference.of(PongEnvironment.binary(game, 2)), 16, envs), pongPpo(), nanos, ppoSplit));
    row(out, "Pong PPO from pixels, sparse MLP (" + envs + " threads)", results.get("ppo_pong_steps_per_s"));
    results.put("ppo_pong_rollout_share", ppoSplit[0] / (ppoSplit[0] + ppoSplit[1]));
    out.printf(Locale.ROOT, "  of its time: rollouts %.0f %%, updates %.0f %%%n",
        100 * results.get("ppo_pong_rollout_share"), 100 * (1 - results.get("ppo_pong_rollout_share")));
    StringBuilder json = new StringBuilder("{");
    results.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
        .append(v < 1 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.0f", v)));
    out.println(json.append('}'));
    out.flush();
    return 0;
  }

  private static void row(PrintWriter out, String what, double rate) {
    out.printf(Locale.ROOT, "%-55s %,14.0f steps/s%n", what, rate);
    out.flush();
  }

  private static double envBinary(long nanos) {
    PongEnvironment.Binary env = PongEnvironment.binary(PongConfig.builder().reuseObservation(true).build(), 2);
    return stepRate(env, nanos);
  }

  private static double envRgb(long nanos) {
    PongEnvironment.Rgb env = PongEnvironment.rgb(PongConfig.builder().reuseObservation(true).build());
    return stepRate(env, nanos);
  }

  private static <O> double stepRate(PongEnvironment<O> env, long nanos) {
    SplittableRandom rng = new SplittableRandom(1);
    env.reset(1);
    long steps = 0;
    long start = System.nanoTime();
    long end = start + nanos;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 10_000; i++) {
        Step<O> s = env.step(rng.nextInt(3));
        if (s.done()) {
          env.reset();
        }
      }
      steps += 10_000;
    }
    return steps / ((System.nanoTime() - start) / 1e9);
  }

  private static double policy(long nanos) {
    SplittableRandom rng = new SplittableRandom(3);
    MlpPolicy p = MlpPolicy.builder(6400, 2).hidden(200).activation(Activation.RELU).head(Head.BERNOULLI).bias(false).build(rng);
    float[][] frames = PongSamples.differenceFrames(2000, 2, 1);
    // the non-zero indices, which FrameDifference hands over in training
    int[][] nonZero = new int[frames.length][];
    for (int t = 0; t < frames.length; t++) {
      float[] f = frames[t];
      nonZero[t] = IntStream.range(0, f.length).filter(i -> f[i] != 0f).toArray();
    }
    // the engine's own record, so that the hint reaches it as in training: the public API has no way to hand
    // it over (only Reinforce does), and scanning each observation instead would measure another, slower
    // step (docs/ARCHITECTURE.md, "Architecture rules (ArchUnit)": the one class here that may use it)
    Batch batch = new Batch(6400);
    double[] w = new double[frames.length];
    for (int t = 0; t < w.length; t++) {
      w[t] = rng.nextGaussian();
    }
    long steps = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      // as in training: one forward pass per step for the action, then the gradient over the batch
      batch.clear();
      for (int t = 0; t < frames.length; t++) {
        batch.hintNonZeros(nonZero[t], nonZero[t].length);
        p.observe(frames[t], batch);
        batch.complete(rng.nextInt(2), null);
      }
      p.computeGradient(batch, new TrainablePolicy.Objective(w, 0.0, Exploration.NONE, 1.0), null);
      steps += frames.length;
    }
    return steps / ((System.nanoTime() - start) / 1e9);
  }

  /** The SB3 zoo's PPO for CartPole-v1: 8 copies × 32 steps, minibatches of 256, 20 epochs, Adam 1e-3. */
  private ActorCriticConfig cartPolePpo() {
    return ActorCriticConfig.ppo().seed(1).rolloutSteps(32).minibatchSize(256).epochs(20).gamma(0.98).gaeLambda(0.8)
        .optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3)).threads(envs).build();
  }

  /**
   * PPO on Pong's difference frames with {@code pong train --algo ppo}'s defaults: 16 copies × 128 steps, 3
   * epochs of minibatches of 1,024, Adam 1e-3, on 6400-200 ReLU networks.
   */
  private ActorCriticConfig pongPpo() {
    return ActorCriticConfig.ppo().seed(1).hidden(200).valueHidden(200).activation(Activation.RELU).rolloutSteps(128)
        .minibatchSize(1024).epochs(3).entropyCoefficient(0.03).optimizer(OptimizerConfig.Adam.of(1e-3))
        .valueOptimizer(OptimizerConfig.Adam.of(1e-3)).threads(envs).build();
  }

  /**
   * Trains the configuration's MLP for {@code nanos} after one update of warm-up; returns steps per second
   * (updates included), and the seconds of rollouts and of updates in {@code split}.
   */
  private static double actorCritic(Supplier<VectorEnvironment<float[], Integer>> envs, ActorCriticConfig config,
      long nanos, double[] split) {
    try (VectorEnvironment<float[], Integer> copies = envs.get();
        ActorCritic<MlpPolicy> ac = ActorCritic.create(copies, config)) {
      ac.train(Budget.updates(1));
      ac.addListener(new ActorCriticListener() {
        @Override
        public void onUpdate(UpdateMetrics u) {
          split[0] += u.rolloutSeconds();
          split[1] += u.learnSeconds();
        }
      });
      TrainingSummary s = ac.train(Budget.time(Duration.ofNanos(nanos)));
      return s.steps() / (s.elapsed().toNanos() / 1e9);
    }
  }

  /** Trains for {@code nanos}; returns steps per second, and the seconds playing and learning in {@code split}. */
  private double train(long nanos, double[] split) {
    PongSetup.Holder holder = new PongSetup.Holder();
    new CommandLine(holder).parseArgs();
    PongSetup setup = holder.setup;
    try (Reinforce<MlpPolicy> r = Reinforce.create(setup::environment, setup.config(), envs)) {
      r.train(Budget.updates(1));
      r.addListener(new TrainingListener() {
        @Override
        public void onUpdate(UpdateStats u) {
          split[0] += u.rolloutSeconds();
          split[1] += u.learnSeconds();
        }
      });
      TrainingSummary s = r.train(Budget.time(Duration.ofNanos(nanos)));
      return s.steps() / (s.elapsed().toNanos() / 1e9);
    }
  }
}
