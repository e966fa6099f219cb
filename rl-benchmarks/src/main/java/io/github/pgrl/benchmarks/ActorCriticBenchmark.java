package io.github.pgrl.benchmarks;

import io.github.pgrl.core.ActionDistribution;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.ActorCriticListener;
import io.github.pgrl.core.actorcritic.UpdateMetrics;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.ConvPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.util.Nd4jSetup;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pixels.FrameStack;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PPO's full loop, rollouts and updates: on CartPole-v1 with the SB3 zoo's settings (8 copies × 32 steps,
 * 20 epochs of one minibatch of 256, two 4-64-64 tanh networks), and on Pong's difference frames with
 * {@code pong train --algo ppo}'s defaults (16 copies × 128 steps, 3 epochs of minibatches of 1,024, two
 * 6400-200 ReLU networks), and ({@code -p task=pongConv}) with the same settings on two stacked 80×80 frames
 * with the convolutional policy of the PPO runs on Pong (8 8×8/4, 16 4×4/2, 32 ReLU, output ×0.01) and a
 * 12800-64-1 ReLU critic. One invocation is one update;
 * the {@code steps} counter is environment steps per second, updates included, and {@code rolloutNanos}
 * / {@code learnNanos} split the time between the rollouts and the updates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ActorCriticBenchmark {

  /** The task. */
  @Param({"cartpole", "pong"})
  public String task;

  /**
   * How the policy acts on a lockstep step: its own {@code observeAll} (one batched pass for the
   * convolutional policy), or {@code perCopy}, one {@code observe} per copy (the policy wrapped so that it
   * keeps {@code TrainablePolicy}'s default).
   */
  @Param({"observeAll"})
  public String acting;

  /** Threads: the vector environment's and the trainer's. */
  @Param({"1", "2"})
  public int threads;

  private VectorEnvironment<float[], Integer> envs;
  private ActorCritic<?> trainer;
  private final long[] split = new long[2];

  /** Environment steps, and the time of rollouts and updates, counted per second by JMH. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Steps {
    /** Environment steps so far in this iteration. */
    public long steps;
    /** Nanoseconds of rollouts so far in this iteration. */
    public long rolloutNanos;
    /** Nanoseconds of updates so far in this iteration. */
    public long learnNanos;
  }

  /** Builds the trainer. */
  @Setup(Level.Trial)
  public void setUp() {
    Nd4jSetup.setThreads(1);
    ActorCriticConfig config;
    if (task.equals("cartpole")) {
      envs = VectorEnvironment.threaded(CartPole::v1, 8, threads);
      config = ActorCriticConfig.ppo().seed(1).rolloutSteps(32).minibatchSize(256).epochs(20).gamma(0.98).gaeLambda(0.8)
          .optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3)).threads(threads)
          .build();
    } else if (task.equals("pong")) {
      PongConfig game = PongConfig.builder().twoActions(true).frameSkip(4).build();
      envs = VectorEnvironment.threaded(() -> FrameDifference.of(PongEnvironment.binary(game, 2)), 16, threads);
      config = ActorCriticConfig.ppo().seed(1).hidden(200).valueHidden(200).activation(Activation.RELU)
          .rolloutSteps(128).minibatchSize(1024).epochs(3).entropyCoefficient(0.03)
          .optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3)).threads(threads)
          .build();
    } else if (task.equals("pongConv")) {
      PongConfig game = PongConfig.builder().twoActions(true).frameSkip(4).reuseObservation(false).build();
      envs = VectorEnvironment.threaded(() -> FrameStack.of(PongEnvironment.binary(game, 2), 2, false), 16, threads);
      config = ActorCriticConfig.ppo().seed(1).valueHidden(64).activation(Activation.RELU)
          .rolloutSteps(128).minibatchSize(1024).epochs(3).entropyCoefficient(0.03)
          .optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3)).threads(threads)
          .build();
      ConvPolicy conv = ConvPolicy.builder(2, 80, 80, 2).conv(8, 8, 4).conv(16, 4, 2).hidden(32).outputScale(0.01)
          .build(new SplittableRandom(1));
      trainer = ActorCritic.create(envs, acting.equals("perCopy") ? new PerCopy(conv) : conv, config);
    } else {
      throw new IllegalArgumentException("task " + task + ": cartpole, pong or pongConv");
    }
    if (trainer == null) {
      trainer = ActorCritic.create(envs, config);
    }
    trainer.addListener(new ActorCriticListener() {
      @Override
      public void onUpdate(UpdateMetrics m) {
        split[0] += (long) (m.rolloutSeconds() * 1e9);
        split[1] += (long) (m.learnSeconds() * 1e9);
      }
    });
  }

  /** Stops the threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    trainer.close();
    envs.close();
  }

  /**
   * One update: a rollout, then its epochs.
   *
   * @param counter where the steps and times are counted
   * @return the running score (so that the JIT keeps the work)
   */
  @Benchmark
  public double update(Steps counter) {
    long r = split[0];
    long l = split[1];
    counter.steps += trainer.train(Budget.updates(1)).steps();
    counter.rolloutNanos += split[0] - r;
    counter.learnNanos += split[1] - l;
    return trainer.runningScore();
  }

  /** A policy acting as its inner one with {@code TrainablePolicy}'s default {@code observeAll}. */
  private record PerCopy(ConvPolicy inner) implements TrainablePolicy<float[], Integer> {
    @Override
    public ActionDistribution<Integer> distribution(float[] observation) {
      return inner.distribution(observation);
    }

    @Override
    public RecordedSteps<float[], Integer> newSteps() {
      return inner.newSteps();
    }

    @Override
    public ActionDistribution<Integer> observe(float[] observation, RecordedSteps<float[], Integer> steps) {
      return inner.observe(observation, steps);
    }

    @Override
    public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, Objective objective, Executor executor) {
      return inner.computeGradient(steps, objective, executor);
    }

    @Override
    public float[][] parameterBlocks() {
      return inner.parameterBlocks();
    }

    @Override
    public float[][] gradientBlocks() {
      return inner.gradientBlocks();
    }

    @Override
    public void parametersChanged() {
      inner.parametersChanged();
    }

    @Override
    public TrainablePolicy<float[], Integer> sharer() {
      return new PerCopy(inner.sharer());
    }
  }
}
