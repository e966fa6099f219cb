package io.github.pgrl.benchmarks;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Step;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pixels.PixelPipeline;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Pong step with the classic preprocessing into difference frames, on one thread, random UP/DOWN
 * actions at frame skip 4: from the 210×160 RGB frame through {@code PixelPipeline.classic} (crop,
 * downsample, binarise), and from the binary image rendered directly (what {@code pong train} uses).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PreprocessingBenchmark {

  private Environment<float[], Integer> fromRgb;
  private Environment<float[], Integer> fromBinary;
  private final SplittableRandom rng = new SplittableRandom(1);

  /** Makes and resets both pipelines. */
  @Setup
  public void setUp() {
    PongConfig config = PongConfig.builder().twoActions(true).frameSkip(4).reuseObservation(true).build();
    fromRgb = FrameDifference.of(PixelPipeline.classic(PongEnvironment.rgb(config)), true);
    fromBinary = FrameDifference.of(PongEnvironment.binary(config, 2), true);
    fromRgb.reset(1);
    fromBinary.reset(1);
  }

  /**
   * A step of RGB frames, preprocessed into a difference frame.
   *
   * @return the observation (so that the JIT keeps the work)
   */
  @Benchmark
  public float[] rgbThroughClassicPipeline() {
    return step(fromRgb);
  }

  /**
   * A step of binary images rendered directly, differenced.
   *
   * @return the observation
   */
  @Benchmark
  public float[] binaryDirect() {
    return step(fromBinary);
  }

  private float[] step(Environment<float[], Integer> env) {
    Step<float[]> s = env.step(rng.nextInt(2));
    return s.done() ? env.reset() : s.observation();
  }
}
