package io.github.pgrl.benchmarks;

import io.github.pgrl.core.ActionDistribution;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicy.Chooser;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.ComputePath;
import io.github.pgrl.core.policy.ConvPolicy;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.util.Nd4jSetup;
import io.github.pgrl.envs.pong.PongSamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One lockstep step of a rollout's acting, for {@code copies} copies: every copy's observation staged in the
 * policy's record, its action drawn from π with the copy's generator, the step completed. The score is the
 * time of one lockstep step (divide by {@code copies} for the time per environment step); the environments
 * are not stepped (their observations are recorded beforehand).
 *
 * <p>Policies: {@code conv} is {@code ConvPolicyBenchmark}'s net on two stacked 80×80 Pong frames (16 8×8/4,
 * 32 4×4/2, 256 ReLU, 2 actions), {@code convSmall} the net of the PPO runs on Pong (8 8×8/4, 16 4×4/2, 32);
 * {@code mlpPong} the classic 6400-200 ReLU network with one Bernoulli output on difference frames;
 * {@code mlpCartPole} the 4-64-64 tanh softmax network on CartPole-like states.
 *
 * <p>Paths: {@code perCopy} is one {@link TrainablePolicy#observe} per copy, the default {@link
 * TrainablePolicy#observeAll} (the MLP on its sparse Java path, keeping each pass's activations);
 * {@code observeAll} is the policy's own {@link TrainablePolicy#observeAll} (one batched pass for the
 * convolutional policy; the default for the MLP); {@code nd4jBatch} (MLPs only) is what a batched MLP
 * override on ND4J would cost: the copies staged, then one forward pass of all of them as one dense matrix
 * product per layer ({@code MlpPolicy.logProbabilities} on {@link ComputePath#DENSE_ND4J}), before drawing;
 * {@code javaBatch} the same on {@link ComputePath#SPARSE_JAVA} (a batched Java pass, row after row).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class LockstepBenchmark {

  /** The policy. */
  @Param({"conv", "convSmall", "mlpPong", "mlpCartPole"})
  public String policy;

  /** The copies stepped in lockstep. */
  @Param({"8", "16"})
  public int copies;

  /** How the copies are observed ({@code nd4jBatch} and {@code javaBatch}: {@code -p path=…} with the MLPs). */
  @Param({"perCopy", "observeAll"})
  public String path;

  /** ND4J's threads. */
  @Param({"1"})
  public int blasThreads;

  static final int STEPS = 64;
  private TrainablePolicy<float[], Integer> acting;
  private MlpPolicy batchPolicy;
  private float[][][] observations;
  private RecordedSteps<float[], Integer> steps;
  private final List<Integer> previous = new ArrayList<>();
  private SplittableRandom[] rngs;
  private Chooser<Integer> chooser;
  private int t;

  /** Records the observations and builds the policy. */
  @Setup
  public void setUp() {
    Nd4jSetup.setThreads(blasThreads);
    SplittableRandom rng = new SplittableRandom(3);
    float[][] frames;
    switch (policy) {
      case "conv" -> {
        acting = ConvPolicy.builder(2, 80, 80, 2).conv(16, 8, 4).conv(32, 4, 2).hidden(256).build(rng);
        frames = ConvPolicyBenchmark.stackedFrames(STEPS * copies, rng);
      }
      case "convSmall" -> {
        acting = ConvPolicy.builder(2, 80, 80, 2).conv(8, 8, 4).conv(16, 4, 2).hidden(32).build(rng);
        frames = ConvPolicyBenchmark.stackedFrames(STEPS * copies, rng);
      }
      case "mlpPong" -> {
        batchPolicy = MlpPolicy.builder(6400, 2).hidden(200).activation(Activation.RELU).head(Head.BERNOULLI)
            .bias(false).build(rng);
        frames = PongSamples.differenceFrames(STEPS * copies, 2, 1);
      }
      case "mlpCartPole" -> {
        batchPolicy = MlpPolicy.builder(4, 2).hidden(64, 64).build(rng);
        frames = new float[STEPS * copies][];
        for (int k = 0; k < frames.length; k++) {
          frames[k] = new float[] {(float) rng.nextDouble(-2.4, 2.4), (float) rng.nextGaussian(),
              (float) rng.nextDouble(-0.2, 0.2), (float) rng.nextGaussian()};
        }
      }
      default -> throw new IllegalArgumentException("policy " + policy);
    }
    boolean batchOnly = path.equals("nd4jBatch") || path.equals("javaBatch");
    if (batchPolicy != null) {
      acting = batchPolicy;
      if (batchOnly) {
        batchPolicy = batchPolicy.sharer();
        batchPolicy.computePath(path.equals("nd4jBatch") ? ComputePath.DENSE_ND4J : ComputePath.SPARSE_JAVA);
      }
    } else if (batchOnly) {
      throw new IllegalArgumentException(path + " is measured for the MLPs only");
    }
    observations = new float[STEPS][copies][];
    for (int k = 0; k < frames.length; k++) {
      observations[k / copies][k % copies] = frames[k];
    }
    steps = acting.newSteps();
    previous.addAll(Collections.nCopies(copies, null));
    rngs = new SplittableRandom[copies];
    for (int i = 0; i < copies; i++) {
      rngs[i] = new SplittableRandom(10 + i);
    }
    chooser = (i, d) -> Exploration.NONE.choose(d, previous.get(i), rngs[i]);
  }

  /**
   * One lockstep step of every copy.
   *
   * @return the number of recorded steps (so that the JIT keeps the work)
   */
  @Benchmark
  public int step() {
    if (steps.size() >= STEPS * copies) {
      steps.clear();
    }
    List<float[]> obs = Arrays.asList(observations[t]);
    t = (t + 1) % STEPS;
    List<Integer> actions = switch (path) {
      case "perCopy" -> perCopy(obs);
      case "observeAll" -> acting.observeAll(obs, null, previous, steps, chooser);
      default -> batched(obs);
    };
    for (int i = 0; i < copies; i++) {
      previous.set(i, actions.get(i));
    }
    return steps.size();
  }

  private List<Integer> perCopy(List<float[]> obs) {
    List<Integer> actions = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      ActionDistribution<Integer> d = acting.observe(obs.get(i), steps);
      Integer a = chooser.choose(i, d);
      steps.complete(a, previous.get(i));
      actions.add(a);
    }
    return actions;
  }

  /** The copies staged, one batched forward pass, then one draw per copy from the pass's log-probabilities. */
  private List<Integer> batched(List<float[]> obs) {
    RecordedSteps<float[], Integer> lockstep = batchPolicy.newSteps();
    for (int i = 0; i < copies; i++) {
      lockstep.add(obs.get(i), 0, previous.get(i));
    }
    double[] logMu = batchPolicy.logProbabilities(lockstep, Exploration.NONE);
    List<Integer> actions = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      double p0 = Math.exp(logMu[i]); // π(0|s): every staged action is 0
      Integer a = rngs[i].nextDouble() < p0 ? 0 : 1;
      actions.add(a);
    }
    steps.append(lockstep);
    return actions;
  }
}
