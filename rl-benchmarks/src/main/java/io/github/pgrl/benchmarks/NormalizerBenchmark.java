package io.github.pgrl.benchmarks;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.normalize.ObservationNormalizer;
import io.github.pgrl.core.normalize.RewardNormalizer;
import io.github.pgrl.envs.cartpole.CartPole;
import java.util.Arrays;
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
 * The normalisers on CartPole's {@code float[4]} observations, on one thread, in nanoseconds: one
 * observation normalised into a new array and in place, one lockstep step of 8 copies (update the
 * statistics with the 8 observations, then normalise each), and the rewards of a rollout of 8 copies × 32
 * steps (SB3's CartPole PPO rollout; the rewards, CartPole's +1 at first, are normalised again on every
 * call, which costs the same). The observations are 4,096 recorded from random play, taken in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NormalizerBenchmark {

  private static final int RECORDED = 4096;
  private static final int COPIES = 8;
  private static final int STEPS = 32;

  private final float[][] observations = new float[RECORDED][];
  private final float[][] batch = new float[COPIES][];
  private final float[] scratch = new float[4];
  private final double[][] rewards = new double[COPIES][STEPS];
  private final boolean[][] done = new boolean[COPIES][STEPS];
  private ObservationNormalizer normalizer;
  private RewardNormalizer rewardNormalizer;
  private int next;

  /** Records observations of random play and fits a normaliser to them. */
  @Setup
  public void setUp() {
    CartPole env = CartPole.v1();
    SplittableRandom rng = new SplittableRandom(1);
    observations[0] = env.reset(1);
    for (int i = 1; i < RECORDED; i++) {
      Step<float[]> s = env.step(rng.nextInt(2));
      observations[i] = s.done() ? env.reset() : s.observation();
    }
    normalizer = ObservationNormalizer.of(4);
    normalizer.update(observations, RECORDED);
    rewardNormalizer = RewardNormalizer.of(COPIES, 0.98);
    for (int c = 0; c < COPIES; c++) {
      Arrays.fill(rewards[c], 1.0);
      done[c][(c * 7) % STEPS] = true;
    }
  }

  private float[] nextObservation() {
    next = (next + 1) & (RECORDED - 1);
    return observations[next];
  }

  /**
   * One observation into a new array.
   *
   * @return the normalised observation
   */
  @Benchmark
  public float[] normalize() {
    return normalizer.normalize(nextObservation());
  }

  /**
   * One observation in place (into a scratch copy).
   *
   * @return the normalised observation
   */
  @Benchmark
  public float[] normalizeInPlace() {
    System.arraycopy(nextObservation(), 0, scratch, 0, 4);
    normalizer.normalizeInPlace(scratch);
    return scratch;
  }

  /**
   * A lockstep step of 8 copies: the statistics updated with the 8 observations, then each normalised.
   *
   * @return the last normalised observation
   */
  @Benchmark
  public float[] updateAndNormalizeEightCopies() {
    for (int c = 0; c < COPIES; c++) {
      batch[c] = nextObservation();
    }
    normalizer.update(batch, COPIES);
    float[] last = null;
    for (int c = 0; c < COPIES; c++) {
      last = normalizer.normalize(batch[c]);
    }
    return last;
  }

  /**
   * The rewards of a rollout of 8 copies × 32 steps, in place (each copy's episode ends once).
   *
   * @return the rewards
   */
  @Benchmark
  public double[][] rewardsOfARollout() {
    rewardNormalizer.normalize(rewards, done);
    return rewards;
  }
}
