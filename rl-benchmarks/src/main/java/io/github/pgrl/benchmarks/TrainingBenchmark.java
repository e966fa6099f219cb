package io.github.pgrl.benchmarks;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.util.Nd4jSetup;
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
 * The full Pong training loop from pixels with {@code pong train}'s configuration (6400-200-1, RMSProp
 * 1e-3, batches of 10 games, frame skip 4, entropy bonus 0.03): environment, preprocessing, action
 * selection and updates. One invocation is one update; the {@code steps} counter is agent steps per
 * second, the figure to read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class TrainingBenchmark {

  /** Rollout threads. */
  @Param({"1", "2"})
  public int threads;

  private Reinforce<MlpPolicy> trainer;

  /** Agent steps played, counted per second by JMH. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Steps {
    /** Agent steps so far in this iteration. */
    public long steps;
  }

  /** Builds the trainer. */
  @Setup(Level.Trial)
  public void setUp() {
    Nd4jSetup.setThreads(1);
    PongConfig game = PongConfig.builder().twoActions(true).frameSkip(4).reuseObservation(true).build();
    // pong train's defaults: the classic recipe with its seed and entropy bonus
    ReinforceConfig config = ReinforceConfig.classicPongFromPixels().seed(1).entropyCoefficient(0.03).build();
    trainer = Reinforce.create(
        () -> (Environment<float[], Integer>) FrameDifference.of(PongEnvironment.binary(game, 2), true), config, threads);
  }

  /** Stops the rollout threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    trainer.close();
  }

  /**
   * One update: ten games played, then one policy-gradient step.
   *
   * @param counter where the steps are counted
   * @return the running score (so that the JIT keeps the work)
   */
  @Benchmark
  public double update(Steps counter) {
    counter.steps += trainer.train(Budget.updates(1)).steps();
    return trainer.runningScore();
  }
}
