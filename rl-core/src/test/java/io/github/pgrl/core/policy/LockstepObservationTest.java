package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.ActionDistribution;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.MaskablePolicy;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.TrainablePolicy.Chooser;
import io.github.pgrl.core.TrainablePolicy.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TrainablePolicy#observeAll} records a lockstep step of several copies as one {@link
 * TrainablePolicy#observe} per copy would: by default to the bit (the MLP, with and without masks), and
 * with {@link ConvPolicy}'s one batched forward pass within float rounding (the same actions on a fixed
 * seed, log μ within 1e-5, the same recorded steps) on stacked Pong-like frames.
 */
class LockstepObservationTest {

  /** What a lockstep rollout of a few steps played: actions and log μ, step after step, copy after copy. */
  private record Played(List<Integer> actions, double[] logMu, RecordedSteps<float[], Integer> steps) {}

  /** The rollout's chooser: the exploration with copy i's generator; log μ into {@code logMu[offset + i]}. */
  private static Chooser<Integer> chooser(Exploration e, List<Integer> previous, SplittableRandom[] rngs,
      double[] logMu, int offset) {
    return (i, d) -> {
      Integer a = e.choose(d, previous.get(i), rngs[i]);
      logMu[offset + i] = e.logProbability(d, a, previous.get(i));
      return a;
    };
  }

  /**
   * {@code steps} lockstep steps of the copies' observations ({@code observations[t][i]}), every copy's
   * previous action its last one; through {@code observeAll} or, with {@code perCopy}, through a loop of
   * {@code observe} as the rollout made before {@code observeAll}.
   */
  @SuppressWarnings("unchecked")
  private static Played play(TrainablePolicy<float[], Integer> policy, float[][][] observations, boolean[][][] masks,
      Exploration e, boolean perCopy) {
    int n = observations[0].length;
    SplittableRandom[] rngs = new SplittableRandom[n];
    for (int i = 0; i < n; i++) {
      rngs[i] = new SplittableRandom(100 + i);
    }
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    List<Integer> previous = new ArrayList<>(Collections.nCopies(n, null));
    List<Integer> all = new ArrayList<>();
    double[] logMu = new double[observations.length * n];
    for (int t = 0; t < observations.length; t++) {
      List<float[]> obs = Arrays.asList(observations[t]);
      List<boolean[]> mask = masks == null ? null : Arrays.asList(masks[t]);
      Chooser<Integer> chooser = chooser(e, previous, rngs, logMu, t * n);
      List<Integer> actions;
      if (perCopy) {
        actions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          ActionDistribution<Integer> d = mask == null || mask.get(i) == null ? policy.observe(obs.get(i), steps)
              : ((MaskablePolicy<float[]>) policy).observe(obs.get(i), mask.get(i), steps);
          Integer a = chooser.choose(i, d);
          steps.complete(a, previous.get(i));
          actions.add(a);
        }
      } else {
        actions = policy.observeAll(obs, mask, previous, steps, chooser);
      }
      all.addAll(actions);
      for (int i = 0; i < n; i++) {
        previous.set(i, actions.get(i));
      }
    }
    return new Played(all, logMu, steps);
  }

  /** The two records hold the same steps, and give the same gradient bits. */
  private static void assertSameRecords(TrainablePolicy<float[], Integer> policy, Played expected, Played actual,
      Exploration e) {
    RecordedSteps<float[], Integer> a = expected.steps();
    RecordedSteps<float[], Integer> b = actual.steps();
    assertEquals(a.size(), b.size());
    for (int t = 0; t < a.size(); t++) {
      assertArrayEquals(a.observation(t), b.observation(t), "observation " + t);
      assertEquals(a.action(t), b.action(t), "action " + t);
      assertEquals(a.previousAction(t), b.previousAction(t), "previous action " + t);
      assertArrayEquals(a.validActions(t), b.validActions(t), "mask " + t);
    }
    double[] w = new double[a.size()];
    Arrays.fill(w, 0.5);
    Objective objective = new Objective(w, 0.01, e, 1.0 / w.length);
    double ja = policy.computeGradient(a, objective, null).objective();
    float[] ga = policy.gradient();
    double jb = policy.computeGradient(b, objective, null).objective();
    assertEquals(ja, jb, 0.0);
    assertArrayEquals(ga, policy.gradient());
  }

  /** Sparse observations: a few non-zero values, as difference frames have. */
  private static float[][][] sparse(int steps, int copies, int inputs, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][][] out = new float[steps][copies][inputs];
    for (float[][] step : out) {
      for (float[] x : step) {
        for (int k = 0; k < 4; k++) {
          x[rng.nextInt(inputs)] = rng.nextBoolean() ? 1f : -1f;
        }
      }
    }
    return out;
  }

  @Test
  void theDefaultEqualsOneObservePerCopyToTheBit() {
    MlpPolicy policy = MlpPolicy.builder(30, 3).hidden(16).build(new SplittableRandom(5));
    float[][][] obs = sparse(5, 8, 30, 7);
    Exploration e = new Exploration(0.1, 0.25);
    Played loop = play(policy, obs, null, e, true);
    Played all = play(policy, obs, null, e, false);
    assertEquals(loop.actions(), all.actions());
    assertArrayEquals(loop.logMu(), all.logMu()); // to the bit
    assertSameRecords(policy, loop, all, e);
  }

  @Test
  void theDefaultAppliesEachCopysMaskAsObserveWithAMaskDoes() {
    MlpPolicy policy = MlpPolicy.builder(30, 4).hidden(16).build(new SplittableRandom(6));
    float[][][] obs = sparse(5, 6, 30, 8);
    SplittableRandom rng = new SplittableRandom(9);
    boolean[][][] masks = new boolean[5][6][];
    for (boolean[][] step : masks) {
      for (int i = 0; i < step.length; i++) {
        boolean[] m = new boolean[4];
        m[rng.nextInt(4)] = true;
        m[rng.nextInt(4)] = true;
        step[i] = i == 3 ? null : m; // copy 3 has no mask
      }
    }
    Played loop = play(policy, obs, masks, Exploration.NONE, true);
    Played all = play(policy, obs, masks, Exploration.NONE, false);
    assertEquals(loop.actions(), all.actions());
    assertArrayEquals(loop.logMu(), all.logMu());
    assertSameRecords(policy, loop, all, Exploration.NONE);
    for (int t = 0; t < all.steps().size(); t++) {
      boolean[] m = masks[t / 6][t % 6];
      if (m != null) {
        assertTrue(m[all.actions().get(t)], "step " + t + " played a masked action");
      }
    }
  }

  /**
   * Pairs of 80×80 binary frames as Pong's: two paddles of 2×8 pixels at the sides, a ball of 1×2 that
   * moved between the frames, at positions drawn from the seed.
   */
  static float[][][] stackedPongFrames(int steps, int copies, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][][] out = new float[steps][copies][];
    for (float[][] step : out) {
      for (int i = 0; i < copies; i++) {
        float[] x = new float[2 * 80 * 80];
        int left = rng.nextInt(72);
        int right = rng.nextInt(72);
        int by = 1 + rng.nextInt(77);
        int bx = 10 + rng.nextInt(58);
        int dy = rng.nextInt(3) - 1;
        int dx = rng.nextBoolean() ? 2 : -2;
        for (int f = 0; f < 2; f++) {
          int off = f * 6400;
          for (int y = 0; y < 8; y++) {
            for (int w = 0; w < 2; w++) {
              x[off + (left + y) * 80 + 8 + w] = 1f;
              x[off + (right + y) * 80 + 70 + w] = 1f;
            }
          }
          int yb = by + f * dy;
          int xb = bx + f * dx;
          x[off + yb * 80 + xb] = 1f;
          x[off + (yb + 1) * 80 + xb] = 1f;
        }
        step[i] = x;
      }
    }
    return out;
  }

  static ConvPolicy pongConvPolicy(int actions) {
    return ConvPolicy.builder(2, 80, 80, actions).conv(16, 8, 4).conv(32, 4, 2).hidden(256)
        .build(new SplittableRandom(12));
  }

  @ParameterizedTest(name = "{0} copies")
  @ValueSource(ints = {1, 8, 16})
  void theConvPolicysBatchedPassPlaysAsOnePassPerCopy(int copies) {
    ConvPolicy policy = pongConvPolicy(3);
    float[][][] obs = stackedPongFrames(4, copies, copies);
    Exploration e = new Exploration(0.1, 0.25);
    Played loop = play(policy, obs, null, e, true);
    Played batched = play(policy, obs, null, e, false);
    assertEquals(loop.actions(), batched.actions());
    assertArrayEquals(loop.logMu(), batched.logMu(), 1e-5);
    assertSameRecords(policy, loop, batched, e);
    assertTrue(copies == 1 || batched.actions().stream().distinct().count() > 1, "the policy plays more than one action");
  }

  @Test
  void theBatchedPassOfAConvPolicyWithAValueOutputReadsEachRowsLogitsPastTheValue() {
    ConvPolicy policy = ConvPolicy.builder(2, 80, 80, 3).conv(16, 8, 4).conv(32, 4, 2).hidden(256).valueOutput(true)
        .build(new SplittableRandom(12));
    float[][][] obs = stackedPongFrames(4, 8, 8);
    Exploration e = new Exploration(0.1, 0.25);
    Played loop = play(policy, obs, null, e, true);
    Played batched = play(policy, obs, null, e, false);
    assertEquals(loop.actions(), batched.actions());
    assertArrayEquals(loop.logMu(), batched.logMu(), 1e-5);
    assertSameRecords(policy, loop, batched, e);
  }

  @Test
  void moreCopiesThanAChunkOfRowsArePassedInChunks() {
    ConvPolicy policy = pongConvPolicy(2);
    // a chunk holds 2^23 / 46,208 = 181 rows: the first layer's im2col, 19·19 positions of 128 values, per row
    int copies = 200;
    float[][][] obs = stackedPongFrames(1, copies, 4);
    Played loop = play(policy, obs, null, Exploration.NONE, true);
    Played batched = play(policy, obs, null, Exploration.NONE, false);
    assertEquals(loop.actions(), batched.actions());
    assertArrayEquals(loop.logMu(), batched.logMu(), 1e-5);
    assertSameRecords(policy, loop, batched, Exploration.NONE);
  }

  @Test
  void listsOfDifferentLengthsAreRefused() {
    float[][] obs = stackedPongFrames(1, 3, 1)[0];
    List<Integer> twoPrevious = Arrays.asList(null, null);
    Chooser<Integer> first = (i, d) -> 0;
    for (TrainablePolicy<float[], Integer> policy : List.<TrainablePolicy<float[], Integer>>of(pongConvPolicy(2),
        MlpPolicy.builder(12800, 2).hidden(4).build(new SplittableRandom(1)))) {
      RecordedSteps<float[], Integer> steps = policy.newSteps();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> policy.observeAll(Arrays.asList(obs), null, twoPrevious, steps, first));
      assertTrue(e.getMessage().contains("3 observations, 2 previous actions"), e.getMessage());
      List<boolean[]> twoMasks = List.of(new boolean[] {true, true}, new boolean[] {true, true});
      e = assertThrows(IllegalArgumentException.class, () -> policy.observeAll(Arrays.asList(obs), twoMasks,
          Arrays.asList(null, null, null), steps, first));
      assertTrue(e.getMessage().contains("3 observations, 3 previous actions, 2 masks"), e.getMessage());
      assertEquals(0, steps.size());
    }
  }

  @Test
  void masksNeedAMaskablePolicy() {
    ConvPolicy policy = pongConvPolicy(2);
    float[][] obs = stackedPongFrames(1, 2, 1)[0];
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    List<boolean[]> masks = List.of(new boolean[] {true, false}, new boolean[] {true, true});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> policy.observeAll(Arrays.asList(obs), masks, Arrays.asList(null, null), steps, (i, d) -> 0));
    assertTrue(e.getMessage().contains("action masks need a MaskablePolicy"), e.getMessage());
    assertEquals(0, steps.size());
  }

  @Test
  void aBadObservationAmongTheCopiesRecordsNoStep() {
    ConvPolicy policy = pongConvPolicy(2);
    float[][] obs = stackedPongFrames(1, 4, 2)[0];
    obs[2][100] = Float.NaN;
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.observeAll(
        Arrays.asList(obs), null, Arrays.asList(null, null, null, null), steps, (i, d) -> 0));
    assertTrue(e.getMessage().contains("the observation has NaN at index 100"), e.getMessage());
    assertEquals(0, steps.size());
    assertThrows(IllegalStateException.class, () -> steps.complete(0, null), "nothing is staged");
  }

  @Test
  void aChoosersExceptionPropagatesAfterTheStepsBeforeItAsWithOneObservePerCopy() {
    float[][] obs = stackedPongFrames(1, 4, 3)[0];
    for (TrainablePolicy<float[], Integer> policy : List.<TrainablePolicy<float[], Integer>>of(pongConvPolicy(2),
        MlpPolicy.builder(12800, 2).hidden(4).build(new SplittableRandom(1)))) {
      RecordedSteps<float[], Integer> steps = policy.newSteps();
      IllegalStateException thrown = new IllegalStateException("the chooser failed");
      List<Integer> seen = new ArrayList<>();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> policy.observeAll(Arrays.asList(obs),
          null, Arrays.asList(null, null, null, null), steps, (i, d) -> {
            seen.add(i);
            if (i == 2) {
              throw thrown;
            }
            return 1;
          }));
      assertSame(thrown, e);
      assertEquals(List.of(0, 1, 2), seen, policy.toString());
      assertEquals(2, steps.size(), policy.toString());
    }
  }
}
