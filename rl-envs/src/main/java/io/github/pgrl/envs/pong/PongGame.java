package io.github.pgrl.envs.pong;

import java.util.random.RandomGenerator;

/**
 * The state and physics of a game of Pong in the pixel coordinates of an Atari 2600 frame (210 rows ×
 * 160 columns), one frame at a time. Rendering lives elsewhere ({@link PongRenderer}); this class only
 * moves things.
 *
 * <p>Geometry (rows grow downwards): the court spans rows {@value #COURT_TOP} to {@value #COURT_BOTTOM}
 * (exclusive), between a white bar above and one below; the agent's paddle is at columns {@value
 * #AGENT_X}–{@value #AGENT_X}+3 on the right, the opponent's at {@value #OPPONENT_X}–{@value
 * #OPPONENT_X}+3 on the left; paddles are {@value #PADDLE_HEIGHT} rows tall, the ball is {@value
 * #BALL_WIDTH}×{@value #BALL_HEIGHT}. Positions are kept in double precision and drawn at their floor.
 *
 * <p>Physics per frame: the agent's paddle moves {@link PongConfig#agentSpeed()} rows up or down; the
 * opponent's paddle moves towards the ball's centre by at most {@link PongConfig#opponentSpeed()} rows,
 * seeing the ball {@link PongConfig#opponentDelay()} frames late; the ball moves, bounces off the bars, and
 * bounces off a paddle whose face it crosses while overlapping it, leaving at an angle that grows with
 * the distance of the contact from the paddle's centre. A ball that leaves the screen scores a point for
 * the other side and is served again from the centre in a random direction. Not thread-safe.
 */
public final class PongGame {

  /** First row of the court. */
  public static final int COURT_TOP = 34;
  /** Row below the court (exclusive end). */
  public static final int COURT_BOTTOM = 195;
  /** Frame height. */
  public static final int HEIGHT = 210;
  /** Frame width. */
  public static final int WIDTH = 160;
  /** Left column of the agent's paddle. */
  public static final int AGENT_X = 140;
  /** Left column of the opponent's paddle. */
  public static final int OPPONENT_X = 16;
  /** Paddle width. */
  public static final int PADDLE_WIDTH = 4;
  /** Paddle height. */
  public static final int PADDLE_HEIGHT = 16;
  /** Ball width. */
  public static final int BALL_WIDTH = 2;
  /** Ball height. */
  public static final int BALL_HEIGHT = 4;

  /** Event bit: the agent's paddle hit the ball. */
  public static final int AGENT_HIT = 1;
  /** Event bit: the opponent's paddle hit the ball. */
  public static final int OPPONENT_HIT = 2;
  /** Event bit: the agent won a point. */
  public static final int AGENT_POINT = 4;
  /** Event bit: the opponent won a point. */
  public static final int OPPONENT_POINT = 8;

  /** Paddle command: stay. */
  public static final int STAY = 0;
  /** Paddle command: up. */
  public static final int UP = 1;
  /** Paddle command: down. */
  public static final int DOWN = 2;

  private static final double SERVE_X = (WIDTH - BALL_WIDTH) / 2.0;
  private static final int MAX_DELAY = 64;
  private static final double SERVE_VY = 1.5;

  private final PongConfig config;
  private double ballX;
  private double ballY;
  private double ballVx;
  private double ballVy;
  private double agentY;
  private double opponentY;
  private int agentScore;
  private int opponentScore;
  private final double[] ballHistory = new double[MAX_DELAY];
  private int frame;

  /**
   * A game with the given rules, not yet started.
   *
   * @param config the rules
   */
  public PongGame(PongConfig config) {
    this.config = config;
  }

  /**
   * Starts a new game: scores 0, paddles centred, ball served.
   *
   * @param rng the source of the serve's randomness
   */
  public void reset(RandomGenerator rng) {
    agentScore = 0;
    opponentScore = 0;
    double mid = (COURT_TOP + COURT_BOTTOM - PADDLE_HEIGHT) / 2.0;
    agentY = mid;
    opponentY = mid;
    frame = 0;
    serve(rng);
  }

  private void serve(RandomGenerator rng) {
    ballX = SERVE_X;
    ballY = COURT_TOP + 30 + rng.nextDouble() * (COURT_BOTTOM - COURT_TOP - 60 - BALL_HEIGHT);
    double speed = config.ballSpeed();
    ballVx = rng.nextBoolean() ? speed : -speed;
    ballVy = (rng.nextDouble() * 2 - 1) * SERVE_VY;
    java.util.Arrays.fill(ballHistory, ballY);
  }

  /**
   * Advances one frame.
   *
   * @param command the agent's paddle command: {@link #STAY}, {@link #UP} or {@link #DOWN}
   * @param rng the source of the next serve's randomness
   * @return the events of the frame, a combination of the event bits
   */
  public int advance(int command, RandomGenerator rng) {
    int events = 0;
    if (command == UP) {
      agentY = Math.max(COURT_TOP, agentY - config.agentSpeed());
    } else if (command == DOWN) {
      agentY = Math.min(COURT_BOTTOM - PADDLE_HEIGHT, agentY + config.agentSpeed());
    }
    // the opponent follows where the ball was opponentDelay frames ago
    double seen = ballHistory[Math.floorMod(frame - config.opponentDelay(), MAX_DELAY)];
    double target = seen + BALL_HEIGHT / 2.0 - PADDLE_HEIGHT / 2.0;
    double move = Math.max(-config.opponentSpeed(), Math.min(config.opponentSpeed(), target - opponentY));
    opponentY = Math.max(COURT_TOP, Math.min(COURT_BOTTOM - PADDLE_HEIGHT, opponentY + move));

    double prevX = ballX;
    ballX += ballVx;
    ballY += ballVy;
    if (ballY < COURT_TOP) {
      ballY = 2 * COURT_TOP - ballY;
      ballVy = -ballVy;
    } else if (ballY > COURT_BOTTOM - BALL_HEIGHT) {
      ballY = 2 * (COURT_BOTTOM - BALL_HEIGHT) - ballY;
      ballVy = -ballVy;
    }
    if (ballVx > 0 && prevX + BALL_WIDTH <= AGENT_X && ballX + BALL_WIDTH > AGENT_X && overlaps(agentY)) {
      ballX = 2 * (AGENT_X - BALL_WIDTH) - ballX;
      bounce(agentY, -1);
      events |= AGENT_HIT;
    } else if (ballVx < 0 && prevX >= OPPONENT_X + PADDLE_WIDTH && ballX < OPPONENT_X + PADDLE_WIDTH && overlaps(opponentY)) {
      ballX = 2 * (OPPONENT_X + PADDLE_WIDTH) - ballX;
      bounce(opponentY, 1);
      events |= OPPONENT_HIT;
    }
    if (ballX + BALL_WIDTH < 0) {
      agentScore++;
      events |= AGENT_POINT;
      serve(rng);
    } else if (ballX > WIDTH) {
      opponentScore++;
      events |= OPPONENT_POINT;
      serve(rng);
    }
    frame++;
    ballHistory[Math.floorMod(frame, MAX_DELAY)] = ballY;
    return events;
  }

  private boolean overlaps(double paddleY) {
    return ballY + BALL_HEIGHT > paddleY && ballY < paddleY + PADDLE_HEIGHT;
  }

  /** Sends the ball back in direction {@code sign}, steeper the farther from the paddle's centre. */
  private void bounce(double paddleY, int sign) {
    double offset = (ballY + BALL_HEIGHT / 2.0 - (paddleY + PADDLE_HEIGHT / 2.0)) / ((PADDLE_HEIGHT + BALL_HEIGHT) / 2.0);
    ballVx = sign * config.ballSpeed();
    ballVy = Math.max(-1, Math.min(1, offset)) * config.maxBounce();
  }

  /** The ball's and the paddles' positions and speeds: ball x, y, vx, vy, agent's y, opponent's y. */
  double[] positions() {
    return new double[] {ballX, ballY, ballVx, ballVy, agentY, opponentY};
  }

  /** The rows of the ball's top edge in the last frames, a ring indexed by the frame (for the delay). */
  double[] ballHistory() {
    return ballHistory.clone();
  }

  /** The number of frames since the game started. */
  int frame() {
    return frame;
  }

  /**
   * Sets a state that {@link #positions()}, {@link #ballHistory()}, the scores and {@link #frame()} gave, after
   * checking that a game of these rules can be in it: the ball between the bars and at most beyond a goal
   * line by its width, moving at the ball speed horizontally and at most the larger of the serve's and the
   * bounce's speed vertically; the paddles in the court; every remembered row one the ball can have.
   *
   * @param positions the values of {@link #positions()}, finite
   * @param history the values of {@link #ballHistory()}, finite
   * @param agentScore the agent's points, in {@code 0..pointsToWin} (the caller checked)
   * @param opponentScore the opponent's points, in {@code 0..pointsToWin} (the caller checked)
   * @param frame the frame count, at least 0 (the caller checked)
   * @throws IllegalArgumentException naming the first value out of its range and the range; nothing changed
   */
  void restore(double[] positions, double[] history, int agentScore, int opponentScore, int frame) {
    double lowestBall = COURT_BOTTOM - BALL_HEIGHT;
    double lowestPaddle = COURT_BOTTOM - PADDLE_HEIGHT;
    double maxVy = Math.max(SERVE_VY, config.maxBounce());
    within("the ball's x", positions[0], -BALL_WIDTH, WIDTH);
    within("the ball's y", positions[1], COURT_TOP, lowestBall);
    if (Math.abs(positions[2]) != config.ballSpeed()) {
      throw new IllegalArgumentException("the ball's x velocity is " + positions[2] + "; it is ±" + config.ballSpeed()
          + ", the ball speed of the rules");
    }
    within("the ball's y velocity", positions[3], -maxVy, maxVy);
    within("the agent's paddle's y", positions[4], COURT_TOP, lowestPaddle);
    within("the opponent's paddle's y", positions[5], COURT_TOP, lowestPaddle);
    if (history.length != MAX_DELAY) {
      throw new IllegalArgumentException("the ball's history has " + history.length + " rows; it has " + MAX_DELAY);
    }
    for (int i = 0; i < MAX_DELAY; i++) {
      within("the ball's y " + i + " in the history", history[i], COURT_TOP, lowestBall);
    }
    ballX = positions[0];
    ballY = positions[1];
    ballVx = positions[2];
    ballVy = positions[3];
    agentY = positions[4];
    opponentY = positions[5];
    System.arraycopy(history, 0, ballHistory, 0, MAX_DELAY);
    this.agentScore = agentScore;
    this.opponentScore = opponentScore;
    this.frame = frame;
  }

  private static void within(String what, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw new IllegalArgumentException(what + " is " + value + ", outside [" + low + ", " + high + "]");
    }
  }

  /**
   * The column of the ball's left edge.
   *
   * @return the ball's x
   */
  public double ballX() {
    return ballX;
  }

  /**
   * The row of the ball's top edge.
   *
   * @return the ball's y
   */
  public double ballY() {
    return ballY;
  }

  /**
   * The ball's horizontal speed in columns per frame (positive towards the agent).
   *
   * @return the ball's x velocity
   */
  public double ballVx() {
    return ballVx;
  }

  /**
   * The ball's vertical speed in rows per frame (positive downwards).
   *
   * @return the ball's y velocity
   */
  public double ballVy() {
    return ballVy;
  }

  /**
   * The top row of the agent's paddle.
   *
   * @return the agent paddle's y
   */
  public double agentY() {
    return agentY;
  }

  /**
   * The top row of the opponent's paddle.
   *
   * @return the opponent paddle's y
   */
  public double opponentY() {
    return opponentY;
  }

  /**
   * Points won by the agent in this game.
   *
   * @return the agent's score
   */
  public int agentScore() {
    return agentScore;
  }

  /**
   * Points won by the opponent in this game.
   *
   * @return the opponent's score
   */
  public int opponentScore() {
    return opponentScore;
  }

  /**
   * The rules.
   *
   * @return the configuration
   */
  public PongConfig config() {
    return config;
  }
}
