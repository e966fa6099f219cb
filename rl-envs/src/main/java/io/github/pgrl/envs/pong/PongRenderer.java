package io.github.pgrl.envs.pong;

import static io.github.pgrl.envs.pong.PongGame.AGENT_X;
import static io.github.pgrl.envs.pong.PongGame.BALL_HEIGHT;
import static io.github.pgrl.envs.pong.PongGame.BALL_WIDTH;
import static io.github.pgrl.envs.pong.PongGame.COURT_BOTTOM;
import static io.github.pgrl.envs.pong.PongGame.HEIGHT;
import static io.github.pgrl.envs.pong.PongGame.OPPONENT_X;
import static io.github.pgrl.envs.pong.PongGame.PADDLE_HEIGHT;
import static io.github.pgrl.envs.pong.PongGame.PADDLE_WIDTH;
import static io.github.pgrl.envs.pong.PongGame.WIDTH;

import java.util.Arrays;

/**
 * Draws a {@link PongGame} as an Atari Pong frame (210×160 RGB, row-major, height-width-channel), or
 * directly as the binary image that the classic pong-from-pixels preprocessing makes of that frame.
 *
 * <p>Colours are Atari Pong's: background (144, 72, 17), bars and ball (236, 236, 236), the agent's paddle
 * (92, 186, 92), the opponent's (213, 130, 74); the scores are drawn above the court in the paddles'
 * colours. The binary image of stride {@code s} has a 1 at (i, j) exactly where the frame's pixel at row
 * {@code 35 + s·i}, column {@code s·j} is not background; with {@code s = 2} that is the classic 80×80
 * input (crop rows 35–194, every second row and column, erase the background).
 *
 * <p>Both renderers are incremental: after the first full drawing they erase the three sprites where they
 * were and draw them where they are, so a frame costs a few hundred byte writes. Not thread-safe.
 */
public final class PongRenderer {

  /** The first row that the classic preprocessing keeps. */
  public static final int CROP_TOP = 35;
  /** The number of rows (and columns) that the classic preprocessing keeps. */
  public static final int CROP_SIZE = 160;

  static final byte[] BACKGROUND = rgb(144, 72, 17);
  static final byte[] WHITE = rgb(236, 236, 236);
  static final byte[] AGENT = rgb(92, 186, 92);
  static final byte[] OPPONENT = rgb(213, 130, 74);

  private static final int TOP_BAR_FROM = 24;
  private static final int BOTTOM_BAR_TO = HEIGHT;
  private static final int SCORE_TOP = 2;
  private static final int DIGIT_SCALE = 4;

  private PongRenderer() {}

  private static byte[] rgb(int r, int g, int b) {
    return new byte[] {(byte) r, (byte) g, (byte) b};
  }

  /** The three sprites as rectangles {x, y, w, h} (integer pixels). */
  static void sprites(PongGame g, int[] out) {
    out[0] = (int) Math.floor(g.ballX());
    out[1] = (int) Math.floor(g.ballY());
    out[2] = BALL_WIDTH;
    out[3] = BALL_HEIGHT;
    out[4] = AGENT_X;
    out[5] = (int) Math.floor(g.agentY());
    out[6] = PADDLE_WIDTH;
    out[7] = PADDLE_HEIGHT;
    out[8] = OPPONENT_X;
    out[9] = (int) Math.floor(g.opponentY());
    out[10] = PADDLE_WIDTH;
    out[11] = PADDLE_HEIGHT;
  }

  /**
   * Draws the game into one observation array, from scratch or by updating the sprites that moved.
   *
   * @param <O> the observation type
   */
  interface Canvas<O> {
    /** Draws from scratch. */
    void full(PongGame g);

    /** Redraws what changed since the last drawing. */
    void update(PongGame g);

    /** The array drawn into (the same every time). */
    O image();

    /** A copy of {@link #image()}. */
    O copyOfImage();
  }

  /** Incremental RGB frames. */
  static final class Rgb implements Canvas<byte[]> {
    private final byte[] frame = new byte[HEIGHT * WIDTH * 3];
    private final int[] drawn = new int[12];
    private final int[] now = new int[12];
    private int agentScore = -1;
    private int opponentScore = -1;
    private boolean fresh;

    @Override
    public byte[] image() {
      return frame;
    }

    @Override
    public byte[] copyOfImage() {
      return frame.clone();
    }

    @Override
    public void full(PongGame g) {
      for (int i = 0; i < HEIGHT * WIDTH; i++) {
        System.arraycopy(BACKGROUND, 0, frame, 3 * i, 3);
      }
      fill(0, TOP_BAR_FROM, WIDTH, PongGame.COURT_TOP - TOP_BAR_FROM, WHITE);
      fill(0, COURT_BOTTOM, WIDTH, BOTTOM_BAR_TO - COURT_BOTTOM, WHITE);
      agentScore = -1;
      opponentScore = -1;
      fresh = true;
      update(g);
    }

    /** Moves the sprites and, if needed, redraws the scores. */
    @Override
    public void update(PongGame g) {
      sprites(g, now);
      if (!fresh) {
        for (int k = 0; k < 12; k += 4) {
          fill(drawn[k], drawn[k + 1], drawn[k + 2], drawn[k + 3], BACKGROUND);
        }
      }
      fill(now[4], now[5], now[6], now[7], AGENT);
      fill(now[8], now[9], now[10], now[11], OPPONENT);
      fill(now[0], now[1], now[2], now[3], WHITE);
      System.arraycopy(now, 0, drawn, 0, 12);
      fresh = false;
      if (g.agentScore() != agentScore || g.opponentScore() != opponentScore) {
        agentScore = g.agentScore();
        opponentScore = g.opponentScore();
        fill(0, 0, WIDTH, TOP_BAR_FROM, BACKGROUND);
        drawNumber(opponentScore, 36, OPPONENT);
        drawNumber(agentScore, 116, AGENT);
      }
    }

    private void fill(int x, int y, int w, int h, byte[] color) {
      int x0 = Math.max(0, x);
      int x1 = Math.min(WIDTH, x + w);
      int y0 = Math.max(0, y);
      int y1 = Math.min(HEIGHT, y + h);
      for (int r = y0; r < y1; r++) {
        int base = (r * WIDTH + x0) * 3;
        for (int c = x0; c < x1; c++, base += 3) {
          frame[base] = color[0];
          frame[base + 1] = color[1];
          frame[base + 2] = color[2];
        }
      }
    }

    private void drawNumber(int n, int right, byte[] color) {
      String s = Integer.toString(n);
      int x = right - s.length() * 4 * DIGIT_SCALE;
      for (int i = 0; i < s.length(); i++) {
        int[] rows = DIGITS[s.charAt(i) - '0'];
        for (int r = 0; r < 5; r++) {
          for (int c = 0; c < 3; c++) {
            if ((rows[r] >> (2 - c) & 1) != 0) {
              fill(x + c * DIGIT_SCALE, SCORE_TOP + r * DIGIT_SCALE, DIGIT_SCALE, DIGIT_SCALE, color);
            }
          }
        }
        x += 4 * DIGIT_SCALE;
      }
    }
  }

  /** Incremental binary images of a given stride. */
  static final class Binary implements Canvas<float[]> {
    private final int stride;
    private final int size;
    private final float[] image;
    private final int[] drawn = new int[12];
    private final int[] now = new int[12];
    /** Cell ranges: three sprites' for {@link #nonZeroIndices}, then one scratch range for {@link #mark}. */
    private final int[] cells = new int[16];
    private boolean fresh = true;

    Binary(int stride) {
      if (stride < 1 || CROP_SIZE % stride != 0) {
        throw new IllegalArgumentException("the stride must divide " + CROP_SIZE + ", got " + stride);
      }
      this.stride = stride;
      this.size = CROP_SIZE / stride;
      this.image = new float[size * size];
    }

    int side() {
      return size;
    }

    @Override
    public float[] image() {
      return image;
    }

    @Override
    public float[] copyOfImage() {
      return image.clone();
    }

    @Override
    public void full(PongGame g) {
      Arrays.fill(image, 0f);
      fresh = true;
      update(g);
    }

    @Override
    public void update(PongGame g) {
      sprites(g, now);
      if (!fresh) {
        for (int k = 0; k < 12; k += 4) {
          mark(drawn[k], drawn[k + 1], drawn[k + 2], drawn[k + 3], 0f);
        }
      }
      for (int k = 0; k < 12; k += 4) {
        mark(now[k], now[k + 1], now[k + 2], now[k + 3], 1f);
      }
      System.arraycopy(now, 0, drawn, 0, 12);
      fresh = false;
    }

    /**
     * Writes the indices of the image's non-zero cells (the cells of the sprites last drawn), increasing;
     * returns how many, or −1 before the first drawing.
     */
    int nonZeroIndices(int[] out) {
      if (fresh) {
        return -1;
      }
      // the cell ranges [i0, i1) × [j0, j1) of the three sprites
      int[] r = cells;
      int top = size;
      int bottom = 0;
      for (int k = 0; k < 3; k++) {
        cellRange(drawn[4 * k], drawn[4 * k + 1], drawn[4 * k + 2], drawn[4 * k + 3], r, 4 * k);
        if (r[4 * k] < r[4 * k + 1] && r[4 * k + 2] < r[4 * k + 3]) {
          top = Math.min(top, r[4 * k]);
          bottom = Math.max(bottom, r[4 * k + 1]);
        }
      }
      int n = 0;
      for (int i = top; i < bottom; i++) {
        // emit the row's cells left to right, each sprite's from where the last run ended, so that cells
        // where sprites overlap (the ball over a paddle) are emitted once
        int from = 0;
        while (true) {
          int next = size;
          int end = 0;
          for (int k = 0; k < 12; k += 4) {
            if (r[k] <= i && i < r[k + 1] && r[k + 3] > from && Math.max(r[k + 2], from) < next) {
              next = Math.max(r[k + 2], from);
              end = r[k + 3];
            }
          }
          if (next == size) {
            break;
          }
          int base = i * size;
          for (int j = next; j < end; j++) {
            out[n++] = base + j;
          }
          from = end;
        }
      }
      return n;
    }

    /** The cells whose sampled pixel lies in the rectangle, as [i0, i1) × [j0, j1) at {@code out[off..off+4)}. */
    private void cellRange(int x, int y, int w, int h, int[] out, int off) {
      // sampled rows: CROP_TOP + stride*i in [y, y+h); sampled columns: stride*j in [x, x+w)
      out[off] = Math.max(0, ceilDiv(y - CROP_TOP, stride));
      out[off + 1] = Math.min(size, ceilDiv(y + h - CROP_TOP, stride));
      out[off + 2] = Math.max(0, ceilDiv(x, stride));
      out[off + 3] = Math.min(size, ceilDiv(x + w, stride));
    }

    /** Sets the cells whose sampled pixel lies in the rectangle. */
    private void mark(int x, int y, int w, int h, float v) {
      int[] r = cells;
      cellRange(x, y, w, h, r, 12);
      int i0 = r[12];
      int i1 = r[13];
      int j0 = r[14];
      int j1 = r[15];
      for (int i = i0; i < i1; i++) {
        int base = i * size;
        for (int j = j0; j < j1; j++) {
          image[base + j] = v;
        }
      }
    }

    private static int ceilDiv(int a, int b) {
      return -Math.floorDiv(-a, b);
    }
  }

  /** A 3×5 pixel font: each digit is five rows of three bits. */
  private static final int[][] DIGITS = {
    {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
    {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7},
  };
}
