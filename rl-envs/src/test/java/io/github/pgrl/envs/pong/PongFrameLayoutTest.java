package io.github.pgrl.envs.pong;

import static io.github.pgrl.envs.pong.PongGame.BALL_HEIGHT;
import static io.github.pgrl.envs.pong.PongGame.BALL_WIDTH;
import static io.github.pgrl.envs.pong.PongGame.PADDLE_HEIGHT;
import static io.github.pgrl.envs.pong.PongTesting.AGENT;
import static io.github.pgrl.envs.pong.PongTesting.BACKGROUND;
import static io.github.pgrl.envs.pong.PongTesting.OPPONENT;
import static io.github.pgrl.envs.pong.PongTesting.WHITE;
import static io.github.pgrl.envs.pong.PongTesting.is;
import static io.github.pgrl.envs.pong.PongTesting.pixel;
import static io.github.pgrl.envs.pong.PongTesting.preprocess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The RGB frames have the Atari Pong layout of the anchors (colours, bars, paddle columns), and the classic
 * preprocessing, applied here to those frames, leaves exactly the sprites: the binary observation.
 */
class PongFrameLayoutTest {

  private static final int COURT_FIRST_ROW = 34;
  private static final int COURT_LAST_ROW = 194;

  @Provide
  Arbitrary<PongConfig> options() {
    return PongTesting.options().map(c -> c.toBuilder().maxSteps(100_000).build());
  }

  /** The colour that the anchors' layout puts at a court pixel for the game's state: ball over paddles. */
  private static int[] expectedCourtColour(PongGame g, int row, int col) {
    if (inside(row, col, (int) Math.floor(g.ballY()), (int) Math.floor(g.ballX()), BALL_HEIGHT, BALL_WIDTH)) {
      return WHITE;
    }
    if (inside(row, col, (int) Math.floor(g.agentY()), 140, PADDLE_HEIGHT, 4)) {
      return AGENT;
    }
    if (inside(row, col, (int) Math.floor(g.opponentY()), 16, PADDLE_HEIGHT, 4)) {
      return OPPONENT;
    }
    return BACKGROUND;
  }

  private static boolean inside(int row, int col, int top, int left, int height, int width) {
    return row >= top && row < top + height && col >= left && col < left + width;
  }

  /** Checks the whole frame against the layout of the anchors; fails naming the first wrong pixel. */
  private static void assertLayout(byte[] frame, PongGame g, String where) {
    assertEquals(210 * 160 * 3, frame.length);
    for (int row = 0; row < 210; row++) {
      for (int col = 0; col < 160; col++) {
        int base = (row * 160 + col) * 3;
        boolean ok;
        if (row < 24) {
          ok = at(frame, base, BACKGROUND) || at(frame, base, AGENT) || at(frame, base, OPPONENT);
        } else if (row < COURT_FIRST_ROW || row > COURT_LAST_ROW) {
          ok = at(frame, base, WHITE);
        } else {
          ok = at(frame, base, expectedCourtColour(g, row, col));
        }
        if (!ok) {
          String rule = row < 24 ? "the score area (rows 0..23) holds background and the paddles' colours only"
              : row < COURT_FIRST_ROW ? "the upper bar (rows 24..33) is white"
              : row > COURT_LAST_ROW ? "the lower bar (rows 195..209) is white"
              : "the court shows " + Arrays.toString(expectedCourtColour(g, row, col)) + " here for "
                  + PongTesting.State.of(g);
          fail(where + ": pixel (" + row + ", " + col + ") is " + Arrays.toString(pixel(frame, row, col)) + "; " + rule);
        }
      }
    }
  }

  private static boolean at(byte[] frame, int base, int[] colour) {
    return (frame[base] & 0xff) == colour[0] && (frame[base + 1] & 0xff) == colour[1]
        && (frame[base + 2] & 0xff) == colour[2];
  }

  @Property(tries = 25)
  void everyPixelOfEveryFrameFollowsTheAtariLayout(@ForAll("options") PongConfig config, @ForAll long seed,
      @ForAll long actionSeed) {
    PongEnvironment.Rgb env = PongEnvironment.rgb(config);
    SplittableRandom actions = new SplittableRandom(actionSeed);
    assertLayout(env.reset(seed), env.game(), "after reset(" + seed + ")");
    for (int t = 0; t < 600; t++) {
      Step<byte[]> step = env.step(actions.nextInt(env.config().twoActions() ? 2 : 3));
      if (t % 7 == 0 || step.reward() != 0 || step.done()) {
        assertLayout(step.observation(), env.game(), "step " + t + " from seed " + seed);
      }
      if (step.done()) {
        assertLayout(env.reset(), env.game(), "reset() after step " + t);
      }
    }
  }

  @Property(tries = 25)
  void theIncrementallyDrawnFrameEqualsAFrameDrawnFromScratch(@ForAll("options") PongConfig config,
      @ForAll long seed, @ForAll long actionSeed) {
    PongEnvironment.Rgb env = PongEnvironment.rgb(config);
    SplittableRandom actions = new SplittableRandom(actionSeed);
    byte[] first = env.reset(seed);
    assertArrayEquals(env.renderRgb(), first, "after reset");
    for (int t = 0; t < 1_000; t++) {
      Step<byte[]> step = env.step(actions.nextInt(config.twoActions() ? 2 : 3));
      if (!Arrays.equals(env.renderRgb(), step.observation())) {
        fail("step " + t + " from seed " + seed + ": the incremental frame differs from a full drawing, "
            + PongTesting.State.of(env));
      }
      if (step.done()) {
        byte[] afterReset = env.reset();
        assertArrayEquals(env.renderRgb(), afterReset, "reset() after step " + t);
      }
    }
  }

  @Example
  void theFirstFrameHasCentredPaddlesInTheirColumnsAndBarsOutsideTheCroppedRows() {
    PongEnvironment.Rgb env = PongEnvironment.rgb();
    byte[] frame = env.reset(0);

    // paddles are 16 rows tall, centred in rows 34..194: top at floor((34 + 195 - 16) / 2) = 106
    TreeSet<Integer> agentColumns = new TreeSet<>();
    TreeSet<Integer> opponentColumns = new TreeSet<>();
    TreeSet<Integer> agentRows = new TreeSet<>();
    TreeSet<Integer> opponentRows = new TreeSet<>();
    int whiteInCrop = 0;
    for (int row = 35; row <= 194; row++) {
      for (int col = 0; col < 160; col++) {
        if (is(frame, row, col, AGENT)) {
          agentColumns.add(col);
          agentRows.add(row);
        } else if (is(frame, row, col, OPPONENT)) {
          opponentColumns.add(col);
          opponentRows.add(row);
        } else if (is(frame, row, col, WHITE)) {
          whiteInCrop++;
        } else {
          assertTrue(is(frame, row, col, BACKGROUND), "pixel (" + row + ", " + col + ")");
        }
      }
    }
    assertEquals(new TreeSet<>(List.of(140, 141, 142, 143)), agentColumns);
    assertEquals(new TreeSet<>(List.of(16, 17, 18, 19)), opponentColumns);
    assertEquals(106, agentRows.first());
    assertEquals(121, agentRows.last());
    assertEquals(106, opponentRows.first());
    assertEquals(121, opponentRows.last());
    assertEquals(BALL_WIDTH * BALL_HEIGHT, whiteInCrop, "only the served ball is white between rows 35 and 194");
    for (int col = 0; col < 160; col++) {
      for (int row = 24; row <= 33; row++) {
        assertTrue(is(frame, row, col, WHITE), "upper bar at row " + row);
      }
      for (int row = 195; row < 210; row++) {
        assertTrue(is(frame, row, col, WHITE), "lower bar at row " + row);
      }
      assertTrue(is(frame, 34, col, BACKGROUND) || is(frame, 34, col, WHITE), "row 34 belongs to the court");
    }
  }

  @Example
  void theScoresAreDrawnAboveTheBarInThePaddlesColoursOnTheirSides() {
    PongEnvironment.Rgb env = PongEnvironment.rgb();
    byte[] frame = env.reset(3);
    assertScores(frame);
    SplittableRandom actions = new SplittableRandom(3);
    int points = 0;
    while (points < 3) {
      Step<byte[]> step = env.step(actions.nextInt(3));
      if (step.reward() != 0) {
        points++;
        assertScores(step.observation());
      }
    }
  }

  /** The opponent's digits (orange) lie left of the middle, the agent's (green) right of it, in rows 0..23. */
  private static void assertScores(byte[] frame) {
    int opponentPixels = 0;
    int agentPixels = 0;
    for (int row = 0; row < 24; row++) {
      for (int col = 0; col < 160; col++) {
        if (is(frame, row, col, OPPONENT)) {
          assertTrue(col < 80, "opponent's score at column " + col);
          opponentPixels++;
        } else if (is(frame, row, col, AGENT)) {
          assertTrue(col >= 80, "agent's score at column " + col);
          agentPixels++;
        }
      }
    }
    assertTrue(opponentPixels > 0 && agentPixels > 0, "both scores are drawn");
  }

  // ---- the classic preprocessing, written here on the bytes of the frame ----

  @Property(tries = 30)
  void theClassicPreprocessingOfTheFrameIsTheBinaryObservationForTheSameSeedAndActions(
      @ForAll("options") PongConfig config, @ForAll long seed, @ForAll long actionSeed) {
    PongEnvironment.Rgb rgb = PongEnvironment.rgb(config);
    PongEnvironment.Binary binary = PongEnvironment.binary(config, 2);
    SplittableRandom actions = new SplittableRandom(actionSeed);
    assertSameImage(preprocess(rgb.reset(seed), 2), binary.reset(seed), 80, "after reset(" + seed + ")");
    for (int t = 0; t < 1_000; t++) {
      int action = actions.nextInt(config.twoActions() ? 2 : 3);
      Step<byte[]> a = rgb.step(action);
      Step<float[]> b = binary.step(action);
      assertSameImage(preprocess(a.observation(), 2), b.observation(), 80, "step " + t + " from seed " + seed);
      assertEquals(a.reward(), b.reward());
      assertEquals(a.done(), b.done());
      if (a.done()) {
        assertSameImage(preprocess(rgb.reset(), 2), binary.reset(), 80, "reset() after step " + t);
      }
    }
  }

  @Property(tries = 30)
  void afterThePreprocessingExactlyThePaddlesAndTheBallRemain(@ForAll long seed, @ForAll long actionSeed) {
    PongEnvironment.Rgb env = PongEnvironment.rgb();
    SplittableRandom actions = new SplittableRandom(actionSeed);
    env.reset(seed);
    for (int t = 0; t < 300; t++) {
      float[] image = preprocess(env.step(actions.nextInt(3)).observation(), 2);
      PongGame g = env.game();
      float[] sprites = new float[6400];
      for (int i = 0; i < 80; i++) {
        for (int j = 0; j < 80; j++) {
          int row = 35 + 2 * i;
          int col = 2 * j;
          boolean set = !Arrays.equals(expectedCourtColour(g, row, col), BACKGROUND);
          sprites[i * 80 + j] = set ? 1f : 0f;
        }
      }
      assertSameImage(sprites, image, 80, "step " + t + " from seed " + seed + ", " + PongTesting.State.of(g));
    }
  }

  @Property(tries = 20)
  void everyStrideSamplesTheFrameAtRowsThirtyFivePlusStrideTimesIAndColumnsStrideTimesJ(
      @ForAll("strides") int stride, @ForAll long seed, @ForAll long actionSeed) {
    PongConfig config = PongConfig.defaults();
    PongEnvironment.Rgb rgb = PongEnvironment.rgb(config);
    PongEnvironment.Binary binary = PongEnvironment.binary(config, stride);
    int side = 160 / stride;
    assertEquals(side, binary.side());
    assertEquals(Box.of(0f, 1f, side, side), binary.observationSpace());
    SplittableRandom actions = new SplittableRandom(actionSeed);
    assertSameImage(preprocess(rgb.reset(seed), stride), binary.reset(seed), side, "after reset, stride " + stride);
    for (int t = 0; t < 400; t++) {
      int action = actions.nextInt(3);
      byte[] frame = rgb.step(action).observation();
      float[] image = binary.step(action).observation();
      assertSameImage(preprocess(frame, stride), image, side, "step " + t + ", stride " + stride);
    }
  }

  @Provide
  Arbitrary<Integer> strides() {
    return Arbitraries.of(1, 2, 4, 5, 8, 10, 16, 20, 32, 40, 80, 160);
  }

  @Property(tries = 30)
  void aStrideThatDoesNotDivide160IsRejectedSayingSo(@ForAll @IntRange(min = -200, max = 400) int stride) {
    Assume.that(stride < 1 || 160 % stride != 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PongEnvironment.binary(PongConfig.defaults(), stride));
    assertTrue(e.getMessage().contains("160") && e.getMessage().contains(String.valueOf(stride)), e.getMessage());
  }

  private static void assertSameImage(float[] expected, float[] actual, int side, String where) {
    if (!Arrays.equals(expected, actual)) {
      fail(where + ": the binary image differs from the preprocessed frame at (row, column)=value "
          + PongTesting.difference(expected, actual, side));
    }
  }
}
