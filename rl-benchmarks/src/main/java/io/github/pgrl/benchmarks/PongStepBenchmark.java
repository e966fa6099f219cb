package io.github.pgrl.benchmarks;

import io.github.pgrl.core.Step;
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
 * One Pong step on one thread, with random actions: the binary 80×80 observation rendered directly and
 * the full 210×160 RGB frame (both reusing their observation array, as a training loop does). Episodes
 * that end are reset inside the measured method, so the figure is the sustained rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PongStepBenchmark {

  private PongEnvironment.Binary binary;
  private PongEnvironment.Rgb rgb;
  private final SplittableRandom rng = new SplittableRandom(1);

  /** Makes and resets both environments. */
  @Setup
  public void setUp() {
    PongConfig config = PongConfig.builder().reuseObservation(true).build();
    binary = PongEnvironment.binary(config, 2);
    rgb = PongEnvironment.rgb(config);
    binary.reset(1);
    rgb.reset(1);
  }

  /**
   * A step with the 80×80 binary observation.
   *
   * @return the observation (so that the JIT keeps the work)
   */
  @Benchmark
  public float[] stepBinary() {
    Step<float[]> s = binary.step(rng.nextInt(3));
    if (s.done()) {
      return binary.reset();
    }
    return s.observation();
  }

  /**
   * A step with the 210×160 RGB frame.
   *
   * @return the frame
   */
  @Benchmark
  public byte[] stepRgb() {
    Step<byte[]> s = rgb.step(rng.nextInt(3));
    if (s.done()) {
      return rgb.reset();
    }
    return s.observation();
  }
}
