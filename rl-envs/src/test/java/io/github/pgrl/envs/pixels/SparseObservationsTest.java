package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.policy.MlpPolicy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.check.CheckReport;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.core.credit.DiscountedReturn;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.wrappers.Wrapper;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.envs.pong.PongGame;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Pong's binary images and their difference frames say where they are non-zero ({@link
 * SparseObservations}), exactly and without changing a single observation, and a trainer that uses the
 * indices learns exactly what one that scans the observations learns.
 */
class SparseObservationsTest {

  private static PongConfig game(int frameSkip, boolean reuse) {
    return PongConfig.builder().twoActions(true).frameSkip(frameSkip).reuseObservation(reuse).build();
  }

  /** The same environment without the {@link SparseObservations} interface. */
  private static <A> Environment<float[], A> opaque(Environment<float[], A> env) {
    return new Wrapper<>(env) {};
  }

  /** The indices of the non-zero values, increasing. */
  private static int[] scan(float[] x) {
    return java.util.stream.IntStream.range(0, x.length).filter(i -> x[i] != 0f).toArray();
  }

  private static int[] listed(SparseObservations env, int size) {
    int[] out = new int[size];
    int n = env.nonZeroIndices(out);
    assertTrue(n >= 0, "the environment could not tell");
    return Arrays.copyOf(out, n);
  }

  @Property(tries = 30)
  void pongBinaryListsExactlyItsNonZeroCellsWithoutScanning(
      @ForAll @IntRange(min = 1, max = 4) int frameSkip, @ForAll long seed) {
    PongEnvironment.Binary pong = PongEnvironment.binary(game(frameSkip, true), 2);
    SplittableRandom actions = new SplittableRandom(seed);
    float[] x = pong.reset(seed);
    assertArrayEquals(scan(x), listed(pong, 6400), "after reset");
    for (int t = 0; t < 600; t++) {
      Step<float[]> s = pong.step(actions.nextInt(2));
      assertArrayEquals(scan(s.observation()), listed(pong, 6400), "step " + t);
      if (s.done()) {
        x = pong.reset(seed + t);
        assertArrayEquals(scan(x), listed(pong, 6400), "after the reset at step " + t);
      }
    }
  }

  private static boolean overlap(double x1, double y1, int w1, int h1, double x2, double y2, int w2, int h2) {
    int ax = (int) Math.floor(x1);
    int ay = (int) Math.floor(y1);
    int bx = (int) Math.floor(x2);
    int by = (int) Math.floor(y2);
    return ax < bx + w2 && bx < ax + w1 && ay < by + h2 && by < ay + h1;
  }

  @Test
  void pongBinaryListsOverlappingSpritesOnceWhenTheBallPassesOverAPaddle() {
    // at stride 1 a cell is a pixel; a ball that slips past a paddle's corner is drawn over it now and then
    PongEnvironment.Binary pong = PongEnvironment.binary(PongConfig.builder().reuseObservation(true).build(), 1);
    SplittableRandom actions = new SplittableRandom(11);
    pong.reset(3);
    int overlaps = 0;
    for (int t = 0; t < 200_000 && overlaps < 10; t++) {
      Step<float[]> s = pong.step(actions.nextInt(3));
      PongGame g = pong.game();
      if (overlap(g.ballX(), g.ballY(), PongGame.BALL_WIDTH, PongGame.BALL_HEIGHT, PongGame.AGENT_X, g.agentY(),
          PongGame.PADDLE_WIDTH, PongGame.PADDLE_HEIGHT)
          || overlap(g.ballX(), g.ballY(), PongGame.BALL_WIDTH, PongGame.BALL_HEIGHT, PongGame.OPPONENT_X,
              g.opponentY(), PongGame.PADDLE_WIDTH, PongGame.PADDLE_HEIGHT)) {
        overlaps++;
        assertArrayEquals(scan(s.observation()), listed(pong, 160 * 160), "step " + t);
      }
      if (s.done()) {
        pong.reset(t);
      }
    }
    assertTrue(overlaps > 0, "the ball was never drawn over a paddle");
  }

  @Test
  void pongBinaryCannotTellBeforeItsFirstResetAndRejectsAShortArray() {
    PongEnvironment.Binary pong = PongEnvironment.binary(game(4, true), 2);
    assertEquals(-1, pong.nonZeroIndices(new int[6400]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pong.nonZeroIndices(new int[10]));
    assertTrue(e.getMessage().contains("6400"), e.getMessage());
  }

  @Property(tries = 30)
  void differenceFramesOfPongAreExactlyThoseComputedInFullAndListTheirNonZeros(
      @ForAll @IntRange(min = 1, max = 4) int frameSkip, @ForAll boolean reuseOutput, @ForAll long seed) {
    FrameDifference<Integer> sparse = FrameDifference.of(PongEnvironment.binary(game(frameSkip, true), 2), reuseOutput);
    FrameDifference<Integer> full =
        FrameDifference.of(opaque(PongEnvironment.binary(game(frameSkip, true), 2)), reuseOutput);
    SplittableRandom actions = new SplittableRandom(seed);
    assertArrayEquals(full.reset(seed), sparse.reset(seed));
    assertEquals(0, sparse.nonZeroIndices(new int[6400]), "a reset's difference is all zeros");
    int steps = 0;
    for (int t = 0; t < 500; t++) {
      int a = actions.nextInt(2);
      Step<float[]> s = sparse.step(a);
      Step<float[]> f = full.step(a);
      assertArrayEquals(f.observation(), s.observation(), "step " + t);
      int[] nonZero = listed(sparse, 6400);
      for (int i : scan(s.observation())) {
        assertTrue(Arrays.binarySearch(nonZero, i) >= 0, "step " + t + ": index " + i + " is not listed");
      }
      assertEquals(-1, full.nonZeroIndices(new int[6400]), "the opaque one cannot tell");
      steps++;
      if (s.done()) {
        long next = seed + t;
        assertArrayEquals(full.reset(next), sparse.reset(next));
      }
    }
    assertEquals(500, steps);
  }

  /** A scripted environment that says where its observations are non-zero only when {@code tells} allows. */
  private static final class SometimesSparse extends Wrapper<float[], Integer> implements SparseObservations {
    private final boolean[] tells;
    private float[] latest;
    private int t;

    SometimesSparse(List<float[]> script, boolean... tells) {
      super(new ScriptedEnvironment<>(Box.of(0f, 1f, 4), script, true));
      this.tells = tells;
    }

    @Override
    public float[] reset() {
      t = 0;
      return latest = env.reset();
    }

    @Override
    public float[] reset(long seed) {
      return reset();
    }

    @Override
    public Step<float[]> step(Integer action) {
      Step<float[]> s = env.step(action);
      t++;
      latest = s.observation();
      return s;
    }

    @Override
    public int nonZeroIndices(int[] out) {
      if (!tells[t]) {
        return -1;
      }
      int[] nz = scan(latest);
      System.arraycopy(nz, 0, out, 0, nz.length);
      return nz.length;
    }
  }

  @Test
  void aWrappedEnvironmentThatSometimesCannotTellGivesTheFullDifferencesAndUnknownIndices() {
    List<float[]> script = List.of(new float[] {0, 1, 0, 0}, new float[] {0, 0, 1, 0}, new float[] {1, 0, 1, 0},
        new float[] {0, 0, 0, 1}, new float[] {0, 1, 0, 1});
    FrameDifference<Integer> d = FrameDifference.of(new SometimesSparse(script, true, true, false, true, true), true);
    int[] out = new int[4];

    assertArrayEquals(new float[4], d.reset());
    assertEquals(0, d.nonZeroIndices(out));
    assertArrayEquals(new float[] {0, -1, 1, 0}, d.step(0).observation());
    assertEquals(2, d.nonZeroIndices(out), "both frames known: the union of their non-zeros");
    assertArrayEquals(new int[] {1, 2}, Arrays.copyOf(out, 2));
    assertArrayEquals(new float[] {1, 0, 0, 0}, d.step(0).observation());
    assertEquals(-1, d.nonZeroIndices(out), "the current frame is not known");
    assertArrayEquals(new float[] {-1, 0, -1, 1}, d.step(0).observation());
    assertEquals(-1, d.nonZeroIndices(out), "the previous frame is not known");
    assertArrayEquals(new float[] {0, 1, 0, 0}, d.step(0).observation(), "the reused array was cleared in full");
    assertEquals(2, d.nonZeroIndices(out));
    assertArrayEquals(new int[] {1, 3}, Arrays.copyOf(out, 2));
  }

  @Test
  void theCheckerPassesPongsIndicesAndThoseOfItsDifferenceFrames() {
    CheckReport pong = EnvironmentChecker.defaults().report(PongEnvironment.binary(game(4, true), 2));
    assertTrue(pong.passed(), pong.toString());
    CheckReport difference =
        EnvironmentChecker.defaults().report(FrameDifference.of(PongEnvironment.binary(game(4, true), 2), true));
    assertTrue(difference.passed(), difference.toString());
  }

  private static ReinforceConfig smallPong() {
    return ReinforceConfig.builder()
        .seed(5)
        .hidden(16)
        .head(Head.BERNOULLI)
        .bias(false)
        .optimizer(OptimizerConfig.RmsProp.classic(1e-3))
        .credit(DiscountedReturn.of(0.99).restartingAtNonZeroReward())
        .batchEpisodes(2)
        .build();
  }

  private static Environment<float[], Integer> pongWithPoints(int points, boolean sparse) {
    PongConfig c = PongConfig.builder().twoActions(true).frameSkip(4).pointsToWin(points).reuseObservation(true).build();
    Environment<float[], Integer> pong = PongEnvironment.binary(c, 2);
    return FrameDifference.of(sparse ? pong : opaque(pong), true);
  }

  @Test
  void trainingWithTheIndicesLearnsExactlyWhatTrainingWithAScanLearns() {
    float[][] parameters = new float[2][];
    for (int k = 0; k < 2; k++) {
      boolean sparse = k == 0;
      try (Reinforce<MlpPolicy> r = Reinforce.create(() -> pongWithPoints(3, sparse), smallPong(), 2)) {
        r.train(Budget.updates(4));
        parameters[k] = r.policy().parameters();
      }
    }
    assertArrayEquals(parameters[1], parameters[0]);
    assertFalse(Arrays.equals(parameters[0], untrained()), "training changed nothing");
  }

  private static float[] untrained() {
    try (Reinforce<MlpPolicy> r = Reinforce.create(pongWithPoints(3, true), smallPong())) {
      return r.policy().parameters();
    }
  }
}
