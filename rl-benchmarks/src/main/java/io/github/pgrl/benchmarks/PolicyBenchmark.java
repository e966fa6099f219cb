package io.github.pgrl.benchmarks;

import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.Batch;
import io.github.pgrl.core.policy.Exploration;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.util.Nd4jSetup;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward and backward passes of the classic pong-from-pixels network (6400 → 200 ReLU → 1 sigmoid, no
 * biases), per step, on real difference frames of Pong: the automatic (sparse Java) path and the dense
 * ND4J path. The unit is steps per second: one step is one forward pass for action selection plus its
 * share of the batched backward pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class PolicyBenchmark {

  static final int STEPS = 2000;

  /** Which compute path: "auto" (the sparse Java path for these inputs) or "dense" (ND4J). */
  @Param({"auto", "dense"})
  public String path;

  private MlpPolicy policy;
  private Batch batch;
  private float[][] frames;
  private double[] weights;
  private final double[] probs = new double[2];

  /** Collects {@value #STEPS} difference frames from random Pong play and builds the network. */
  @Setup
  public void setUp() {
    Nd4jSetup.setThreads(1);
    SplittableRandom rng = new SplittableRandom(3);
    policy = MlpPolicy.builder(6400, 2).hidden(200).activation(Activation.RELU).head(Head.BERNOULLI).bias(false).build(rng);
    PongEnvironment.Binary env = PongEnvironment.binary(PongConfig.builder().twoActions(true).frameSkip(2).build(), 2);
    float[] prev = env.reset(1);
    frames = new float[STEPS][];
    batch = new Batch(6400);
    weights = new double[STEPS];
    for (int t = 0; t < STEPS; t++) {
      Step<float[]> s = env.step(rng.nextInt(2));
      float[] d = new float[6400];
      for (int i = 0; i < d.length; i++) {
        d[i] = s.observation()[i] - prev[i];
      }
      prev = s.observation();
      frames[t] = d;
      batch.add(d, rng.nextInt(2), -1);
      weights[t] = rng.nextGaussian();
      if (s.done()) {
        prev = env.reset();
      }
    }
    if (path.equals("dense")) {
      policy.computePath(io.github.pgrl.core.policy.ComputePath.DENSE_ND4J);
    }
  }

  /**
   * Forward passes for {@value #STEPS} steps, then one backward pass over them.
   *
   * @return the gradient norm (so that the JIT keeps the work)
   */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public double forwardAndBackward() {
    double sum = 0;
    for (float[] f : frames) {
      policy.probabilities(f, probs);
      sum += probs[1];
    }
    return sum + policy.computeGradient(batch, weights, Exploration.NONE, 0.0, MlpPolicy.Reduction.SUM).gradientNorm();
  }
}
