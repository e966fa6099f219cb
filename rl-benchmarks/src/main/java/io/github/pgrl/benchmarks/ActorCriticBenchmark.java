package io.github.pgrl.benchmarks;

import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.ActorCriticListener;
import io.github.pgrl.core.actorcritic.UpdateMetrics;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.util.Nd4jSetup;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
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
 * 6400-200 ReLU networks). One invocation is one update;
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

  /** Threads: the vector environment's and the trainer's. */
  @Param({"1", "2"})
  public int threads;

  private VectorEnvironment<float[], Integer> envs;
  private ActorCritic<MlpPolicy> trainer;
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
    } else {
      PongConfig game = PongConfig.builder().twoActions(true).frameSkip(4).build();
      envs = VectorEnvironment.threaded(() -> FrameDifference.of(PongEnvironment.binary(game, 2)), 16, threads);
      config = ActorCriticConfig.ppo().seed(1).hidden(200).valueHidden(200).activation(Activation.RELU)
          .rolloutSteps(128).minibatchSize(1024).epochs(3).entropyCoefficient(0.03)
          .optimizer(OptimizerConfig.Adam.of(1e-3)).valueOptimizer(OptimizerConfig.Adam.of(1e-3)).threads(threads)
          .build();
    }
    trainer = ActorCritic.create(envs, config);
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
}
