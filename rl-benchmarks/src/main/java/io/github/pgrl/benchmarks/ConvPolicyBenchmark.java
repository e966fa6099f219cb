package io.github.pgrl.benchmarks;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicy.Objective;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.ConvPolicy;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.util.Nd4jSetup;
import io.github.pgrl.envs.pixels.FrameStack;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongSamples;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backward per sample of the convolutional policy on two stacked 80×80 Pong frames, and of the
 * classic sparse MLP on Pong difference frames, at batches of 1, 32 and 128 steps, with the FLOP rate each
 * reaches against the machine's SGEMM rate measured in the same run.
 *
 * <p>Every benchmark reports its invocations per second (the primary score) and, as the secondary result
 * {@code flops}, floating-point operations per second (divide by 10⁹ for GFLOP/s):
 *
 * <ul>
 *   <li>{@link #conv}: {@code ConvPolicy.computeGradient} over {@code batch} recorded steps (one batched
 *       forward and backward pass), the net 2×80×80 → 16 filters 8×8 stride 4 (19×19) → 32 filters 4×4
 *       stride 2 (8×8) → 256 ReLU → softmax over 2. Per sample: forward 1,788,416 multiply-adds (conv
 *       739,328 + 524,288, dense 524,288 + 512), backward 2,837,504 (twice the forward but the derivative by
 *       the image), 9.25 MFLOP in all;
 *   <li>{@link #sparseMlp}: {@code MlpPolicy.computeGradient} of the classic 6400 → 200 ReLU → 1 sigmoid
 *       network (no biases) over {@code batch} difference frames, on its sparse Java path; its FLOPs are
 *       counted as a dense implementation would do them (5.12 MFLOP per sample), so its rate is the dense
 *       rate it is equivalent to, not the arithmetic it does;
 *   <li>{@link #convForwardOnly}: {@code ConvPolicy.evaluate}, the forward pass alone (3.58 MFLOP per sample),
 *       to compare with {@link #conv2dOpForward}: ND4J's {@code conv2d} custom op on the same two conv
 *       layers (with ReLU, no dense layers: 2.53 MFLOP per sample), the other formulation that was measured;
 *   <li>{@link #sgemm}: one 1024×1024×1024 float32 product ({@code Nd4j.gemm}), 2.15 GFLOP, the machine's
 *       rate at the same ND4J thread count.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ConvPolicyBenchmark {

  static final int SAMPLES = 512;
  static final long CONV_FORWARD = 739_328L + 524_288L + 524_288L + 512L;
  static final long CONV_BACKWARD = 2 * CONV_FORWARD - 739_328L;
  static final long CONV_LAYERS_FORWARD = 739_328L + 524_288L;
  static final long MLP_DENSE = 6400L * 200 + 200;
  static final long MLP_DENSE_BACKWARD = 6400L * 200 + 200 + 200;
  static final int N = 1024;

  /** The steps per computeGradient. */
  @Param({"1", "32", "128"})
  public int batch;

  /** ND4J's threads. */
  @Param({"2"})
  public int blasThreads;

  /** Floating-point operations, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    /** The count of the current iteration. */
    public double flops;

    /** Starts an iteration's count. */
    @Setup(Level.Iteration)
    public void reset() {
      flops = 0;
    }
  }

  private ConvPolicy conv;
  private MlpPolicy mlp;
  private RecordedSteps<float[], Integer>[] convSteps;
  private RecordedSteps<float[], Integer>[] mlpSteps;
  private Objective objective;
  private int next;
  private INDArray a;
  private INDArray b;
  private INDArray c;
  private INDArray[] images;
  private INDArray w1;
  private INDArray b1;
  private INDArray w2;
  private INDArray b2;

  /** Collects stacked frames and difference frames of random Pong play and builds the networks. */
  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    Nd4jSetup.setThreads(blasThreads);
    SplittableRandom rng = new SplittableRandom(3);
    conv = ConvPolicy.builder(2, 80, 80, 2).conv(16, 8, 4).conv(32, 4, 2).hidden(256).build(rng);
    mlp = MlpPolicy.builder(6400, 2).hidden(200).activation(Activation.RELU).head(Head.BERNOULLI).bias(false)
        .build(rng);
    float[][] stacked = stackedFrames(SAMPLES, rng);
    float[][] differences = PongSamples.differenceFrames(SAMPLES, 2, 1);
    int groups = SAMPLES / batch;
    convSteps = new RecordedSteps[groups];
    mlpSteps = new RecordedSteps[groups];
    images = new INDArray[groups];
    for (int g = 0; g < groups; g++) {
      convSteps[g] = conv.newSteps();
      mlpSteps[g] = mlp.newSteps();
      float[] pixels = new float[batch * 2 * 80 * 80];
      for (int r = 0; r < batch; r++) {
        int t = g * batch + r;
        int action = rng.nextInt(2);
        convSteps[g].add(stacked[t], action, null);
        mlpSteps[g].add(differences[t], action, null);
        System.arraycopy(stacked[t], 0, pixels, r * stacked[t].length, stacked[t].length);
      }
      images[g] = Nd4j.create(pixels, new long[] {batch, 2, 80, 80}, DataType.FLOAT);
    }
    double[] weights = new double[batch];
    for (int t = 0; t < batch; t++) {
      weights[t] = rng.nextGaussian();
    }
    objective = new Objective(weights, 0.01, Exploration.NONE, 1.0 / batch);
    a = uniform(rng, N, N);
    b = uniform(rng, N, N);
    c = Nd4j.zeros(DataType.FLOAT, N, N);
    w1 = uniform(rng, 8, 8, 2, 16);
    b1 = Nd4j.zeros(DataType.FLOAT, 16);
    w2 = uniform(rng, 4, 4, 16, 32);
    b2 = Nd4j.zeros(DataType.FLOAT, 32);
  }

  /** An array of values uniform in [−0.5, 0.5) from {@code rng}. */
  private static INDArray uniform(SplittableRandom rng, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] values = new float[(int) n];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (rng.nextDouble() - 0.5);
    }
    return Nd4j.create(values, shape, DataType.FLOAT);
  }

  /** Observations of FrameStack(2) over the 80×80 binary Pong image, random play, frame skip 2. */
  static float[][] stackedFrames(int count, SplittableRandom rng) {
    PongConfig config = PongConfig.builder().frameSkip(2).build();
    FrameStack<Integer> env = FrameStack.of(PongEnvironment.binary(config, 2), 2);
    float[][] out = new float[count][];
    out[0] = env.reset(1);
    for (int t = 1; t < count; t++) {
      var step = env.step(rng.nextInt(3));
      out[t] = step.observation();
      if (step.terminated() || step.truncated()) {
        out[t] = env.reset();
      }
    }
    return out;
  }

  private int group() {
    int g = next;
    next = (next + 1) % convSteps.length;
    return g;
  }

  /**
   * Forward and backward over {@code batch} steps of the convolutional policy.
   *
   * @param f the FLOP counter
   * @return the gradient norm
   */
  @Benchmark
  public double conv(Flops f) {
    conv.computeGradient(convSteps[group()], objective, null);
    f.flops += 2.0 * (CONV_FORWARD + CONV_BACKWARD) * batch;
    return conv.gradientNorm();
  }

  /**
   * The convolutional policy's forward pass alone over {@code batch} steps.
   *
   * @param f the FLOP counter
   * @return J
   */
  @Benchmark
  public double convForwardOnly(Flops f) {
    TrainablePolicy.Evaluation e = conv.evaluate(convSteps[group()], objective);
    f.flops += 2.0 * CONV_FORWARD * batch;
    return e.objective();
  }

  /**
   * Forward and backward over {@code batch} steps of the sparse MLP on difference frames.
   *
   * @param f the FLOP counter (dense-equivalent FLOPs)
   * @return the gradient norm
   */
  @Benchmark
  public double sparseMlp(Flops f) {
    mlp.computeGradient(mlpSteps[group()], objective, null);
    f.flops += 2.0 * (MLP_DENSE + MLP_DENSE_BACKWARD) * batch;
    return mlp.gradientNorm();
  }

  /**
   * ND4J's {@code conv2d} custom op on the two conv layers of {@link #conv}, with ReLU, forward only.
   *
   * @param f the FLOP counter
   * @return one output value
   */
  @Benchmark
  public double conv2dOpForward(Flops f) {
    INDArray h = conv2d(images[group()], w1, b1, 8, 4);
    Transforms.relu(h, false);
    INDArray o = conv2d(h, w2, b2, 4, 2);
    Transforms.relu(o, false);
    f.flops += 2.0 * CONV_LAYERS_FORWARD * batch;
    return o.getDouble(0);
  }

  private static INDArray conv2d(INDArray x, INDArray w, INDArray bias, int k, int s) {
    long[] shape = x.shape();
    long out = (shape[2] - k) / s + 1;
    INDArray y = Nd4j.create(DataType.FLOAT, shape[0], w.size(3), out, out);
    // kH, kW, sH, sW, pH, pW, dH, dW, same mode (0: valid), data format (0: NCHW), weights [kH, kW, iC, oC]
    Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w, bias).addOutputs(y)
        .addIntegerArguments(k, k, s, s, 0, 0, 1, 1, 0, 0, 0).build());
    return y;
  }

  /**
   * One 1024×1024×1024 float32 matrix product.
   *
   * @param f the FLOP counter
   * @return one value of the product
   */
  @Benchmark
  public double sgemm(Flops f) {
    Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    f.flops += 2.0 * N * N * N;
    return c.getDouble(0);
  }
}
