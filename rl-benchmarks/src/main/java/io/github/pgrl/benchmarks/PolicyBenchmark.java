package io.github.pgrl.benchmarks;

import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.policy.ComputePath;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.util.Nd4jSetup;
import io.github.pgrl.envs.pong.PongSamples;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * biases), per step, on real difference frames of Pong (frame skip 2): the unit is steps per second, one
 * step being one forward pass for action selection plus its share of the batched backward pass.
 *
 * <p>Paths: {@code indexed} is what training on Pong does ({@link MlpPolicy#observe} on the engine's
 * {@link Batch} given the non-zero indices that {@code FrameDifference} reports, so no scan of the
 * observation; the update reusing the recorded activations); {@code auto} is the same for an environment
 * that cannot say where its observations are non-zero ({@link MlpPolicy#observe}, scanning each
 * observation); {@code recompute} is the sparse Java path recomputing the
 * forward pass in the update (what training did before observe existed); {@code dense} is ND4J with dense inputs. {@link
 * #batchedForward8} is the forward pass alone over batches of 8 observations, [8, 6400] × [6400, 200]: what
 * one step of 8 environments in lockstep would cost with one batched forward.
 *
 * <p>It measures the engine, so it uses the engine's record, {@code io.github.pgrl.core.internal.Batch},
 * directly: the one module besides rl-core's policies and trainer (and {@code pgrl bench}) that may, see
 * docs/ARCHITECTURE.md, "Architecture rules (ArchUnit)".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class PolicyBenchmark {

  static final int STEPS = 2000;
  static final int LOCKSTEP = 8;

  /** Which compute path: "indexed", "auto", "recompute" or "dense" (see the class comment). */
  @Param({"indexed", "auto", "recompute", "dense"})
  public String path;

  /** ND4J's threads (only the dense path uses ND4J); compare with {@code -p path=dense -p blasThreads=1,2}. */
  @Param({"1"})
  public int blasThreads;

  private MlpPolicy policy;
  private Batch batch;
  private Batch recorded;
  private Batch[] lockstep;
  private double[] lockstepWeights;
  private float[][] frames;
  private int[][] nonZero;
  private int[] actions;
  private double[] weights;
  private final double[] probs = new double[2];

  /** Collects {@value #STEPS} difference frames from random Pong play and builds the network. */
  @Setup
  public void setUp() {
    Nd4jSetup.setThreads(blasThreads);
    SplittableRandom rng = new SplittableRandom(3);
    policy = MlpPolicy.builder(6400, 2).hidden(200).activation(Activation.RELU).head(Head.BERNOULLI).bias(false).build(rng);
    frames = PongSamples.differenceFrames(STEPS, 2, 1);
    nonZero = new int[STEPS][];
    for (int t = 0; t < STEPS; t++) {
      float[] f = frames[t];
      nonZero[t] = IntStream.range(0, f.length).filter(i -> f[i] != 0f).toArray();
    }
    batch = new Batch(6400);
    recorded = new Batch(6400);
    actions = new int[STEPS];
    weights = new double[STEPS];
    lockstep = new Batch[STEPS / LOCKSTEP];
    for (int t = 0; t < STEPS; t++) {
      actions[t] = rng.nextInt(2);
      batch.add(frames[t], actions[t], -1);
      weights[t] = rng.nextGaussian();
      if (t % LOCKSTEP == 0) {
        lockstep[t / LOCKSTEP] = new Batch(6400);
      }
      lockstep[t / LOCKSTEP].add(frames[t], actions[t], -1);
    }
    lockstepWeights = new double[LOCKSTEP];
    if (path.equals("dense")) {
      policy.computePath(ComputePath.DENSE_ND4J);
    } else {
      policy.computePath(ComputePath.SPARSE_JAVA);
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
    if (path.equals("indexed")) {
      recorded.clear();
      for (int t = 0; t < STEPS; t++) {
        recorded.hintNonZeros(nonZero[t], nonZero[t].length);
        sum += policy.observe(frames[t], recorded).probability(1);
        recorded.completeStep(actions[t], -1);
      }
      return sum + gradientNorm(recorded);
    }
    if (path.equals("auto")) {
      recorded.clear();
      for (int t = 0; t < STEPS; t++) {
        sum += policy.observe(frames[t], recorded).probability(1);
        recorded.completeStep(actions[t], -1);
      }
      return sum + gradientNorm(recorded);
    }
    for (float[] f : frames) {
      policy.probabilities(f, probs);
      sum += probs[1];
    }
    return sum + gradientNorm(batch);
  }

  private double gradientNorm(Batch steps) {
    policy.computeGradient(steps, new TrainablePolicy.Objective(weights, 0.0, Exploration.NONE, 1.0), null);
    return policy.gradientNorm();
  }

  /**
   * The forward pass alone, {@value #LOCKSTEP} observations at a time (one batched pass per step of
   * {@value #LOCKSTEP} environments in lockstep).
   *
   * @return the sum of the objectives (so that the JIT keeps the work)
   */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public double batchedForward8() {
    double sum = 0;
    for (Batch b : lockstep) {
      sum += policy.evaluate(b, new TrainablePolicy.Objective(lockstepWeights, 0.0, Exploration.NONE, 1.0)).objective();
    }
    return sum;
  }
}
