package io.github.pgrl.envs.pong;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Helpers shared by the Pong tests: a snapshot of the game's true state, the classic pong-from-pixels
 * preprocessing written again on the RGB frame (independently of {@link PongRenderer.Binary}), and jqwik
 * generators of configurations.
 */
final class PongTesting {

  /** Atari Pong's colours, restated from the anchors (not taken from the renderer). */
  static final int[] BACKGROUND = {144, 72, 17};
  static final int[] AGENT = {92, 186, 92};
  static final int[] OPPONENT = {213, 130, 74};
  static final int[] WHITE = {236, 236, 236};

  private PongTesting() {}

  /** Everything that {@link PongGame} exposes, compared bit for bit by the record's {@code equals}. */
  record State(double ballX, double ballY, double ballVx, double ballVy, double agentY, double opponentY,
      int agentScore, int opponentScore) {

    static State of(PongGame g) {
      return new State(g.ballX(), g.ballY(), g.ballVx(), g.ballVy(), g.agentY(), g.opponentY(), g.agentScore(),
          g.opponentScore());
    }

    static State of(PongEnvironment<?> env) {
      return of(env.game());
    }
  }

  /**
   * The classic preprocessing of a 210×160 RGB frame: keep rows 35..194, every {@code stride}-th row and
   * column of the red channel, 144 and 109 become 0, everything else 1.
   */
  static float[] preprocess(byte[] frame, int stride) {
    int side = 160 / stride;
    float[] out = new float[side * side];
    for (int i = 0; i < side; i++) {
      int row = 35 + stride * i;
      for (int j = 0; j < side; j++) {
        int col = stride * j;
        int red = frame[(row * 160 + col) * 3] & 0xff;
        out[i * side + j] = red == 144 || red == 109 ? 0f : 1f;
      }
    }
    return out;
  }

  /** The colour of a pixel of an RGB frame as three unsigned values. */
  static int[] pixel(byte[] frame, int row, int col) {
    int base = (row * 160 + col) * 3;
    return new int[] {frame[base] & 0xff, frame[base + 1] & 0xff, frame[base + 2] & 0xff};
  }

  static boolean is(byte[] frame, int row, int col, int[] colour) {
    return Arrays.equals(pixel(frame, row, col), colour);
  }

  /** Which cells of a binary image are set, as "row,col" pairs, for readable failure messages. */
  static String difference(float[] expected, float[] actual, int side) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < expected.length && sb.length() < 400; k++) {
      if (expected[k] != actual[k]) {
        sb.append('(').append(k / side).append(',').append(k % side).append(")=").append(actual[k]).append(' ');
      }
    }
    return sb.toString();
  }

  /**
   * Configurations with the default physics and random options: frame skip (fixed or a range), sticky
   * actions, two or three actions, observation reuse, a few points to win and a random step limit.
   */
  static Arbitrary<PongConfig> options() {
    Arbitrary<int[]> frameSkip = Arbitraries.integers().between(1, 4)
        .flatMap(min -> Arbitraries.integers().between(min, min + 3).map(max -> new int[] {min, max}));
    Arbitrary<Double> stickiness = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.just(0.25),
        Arbitraries.doubles().between(0.0, 0.95));
    return Combinators.combine(frameSkip, stickiness, Arbitraries.of(true, false), Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3_000))
        .as((skip, sticky, two, reuse, points, maxSteps) -> PongConfig.builder()
            .frameSkip(skip[0], skip[1])
            .stickiness(sticky)
            .twoActions(two)
            .reuseObservation(reuse)
            .pointsToWin(points)
            .maxSteps(maxSteps)
            .build());
  }

  /** {@link #options()} with random physics too: speeds, delay and the steepest bounce. */
  static Arbitrary<PongConfig> anyRules() {
    Arbitrary<double[]> speeds = Combinators.combine(
            Arbitraries.doubles().between(0.25, 12), Arbitraries.doubles().between(0.25, 12),
            Arbitraries.doubles().between(0.25, 4), Arbitraries.doubles().between(0.25, 157))
        .as((agent, opponent, ball, bounce) -> new double[] {agent, opponent, ball, bounce});
    return Combinators.combine(options(), speeds, Arbitraries.integers().between(0, 63))
        .as((options, s, delay) -> options.toBuilder()
            .agentSpeed(s[0])
            .opponentSpeed(s[1])
            .ballSpeed(s[2])
            .maxBounce(s[3])
            .opponentDelay(delay)
            .build());
  }
}
