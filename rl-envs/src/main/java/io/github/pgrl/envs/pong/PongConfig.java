package io.github.pgrl.envs.pong;

/**
 * The rules and options of a {@link PongEnvironment}. Build one with {@link #builder()}; {@link
 * #defaults()} is the standard game.
 *
 * @param agentSpeed rows per frame the agent's paddle moves, positive (default 3)
 * @param opponentSpeed the built-in opponent's top speed in rows per frame, positive (default 4)
 * @param opponentDelay how many frames late the opponent sees the ball, 0 to 63 (default 0)
 * @param ballSpeed the ball's horizontal speed in columns per frame, positive, at most 4 (default 2.5)
 * @param maxBounce the ball's vertical speed after a hit at a paddle's very edge, rows per frame,
 *     positive, at most 157 (the court's height less the ball's, so that one bounce off a bar keeps the
 *     ball in the court) (default 6)
 * @param pointsToWin the score that ends a game, at least 1 (default 21)
 * @param maxSteps agent steps after which an episode is truncated, at least 1 (default 100,000)
 * @param frameSkipMin the least number of frames an action is repeated for, at least 1 (default 1)
 * @param frameSkipMax the most, at least {@code frameSkipMin}; each step draws uniformly between the two
 *     (default 1)
 * @param stickiness the probability, in {@code [0, 1)}, that a frame repeats the previous frame's action
 *     instead of the agent's new one, as ALE's sticky actions (default 0)
 * @param twoActions whether the action space is UP/DOWN ({@code Discrete(2)}) instead of NOOP/UP/DOWN
 *     ({@code Discrete(3)}) (default false)
 * @param reuseObservation whether {@code step} returns the same observation array every time (faster; the
 *     previous observation is then overwritten) instead of a new one (default false)
 * @since 0.1.0
 */
public record PongConfig(
    double agentSpeed,
    double opponentSpeed,
    int opponentDelay,
    double ballSpeed,
    double maxBounce,
    int pointsToWin,
    int maxSteps,
    int frameSkipMin,
    int frameSkipMax,
    double stickiness,
    boolean twoActions,
    boolean reuseObservation) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException naming the first field outside its range and what is allowed
   */
  public PongConfig {
    positive("agentSpeed", agentSpeed);
    positive("opponentSpeed", opponentSpeed);
    if (opponentDelay < 0 || opponentDelay > 63) {
      throw new IllegalArgumentException("opponentDelay must lie in 0..63 frames, got " + opponentDelay);
    }
    positive("ballSpeed", ballSpeed);
    if (ballSpeed > 4) {
      throw new IllegalArgumentException("ballSpeed must be at most 4 columns per frame (the paddle width), got " + ballSpeed);
    }
    positive("maxBounce", maxBounce);
    if (maxBounce > MAX_BOUNCE_LIMIT) {
      throw new IllegalArgumentException("maxBounce must be at most " + MAX_BOUNCE_LIMIT
          + " rows per frame (the court's height less the ball's), got " + maxBounce);
    }
    if (pointsToWin < 1) {
      throw new IllegalArgumentException("pointsToWin must be at least 1, got " + pointsToWin);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
    }
    if (frameSkipMin < 1 || frameSkipMax < frameSkipMin) {
      throw new IllegalArgumentException(
          "the frame skip needs 1 <= min <= max, got min " + frameSkipMin + " and max " + frameSkipMax);
    }
    if (!(stickiness >= 0 && stickiness < 1)) {
      throw new IllegalArgumentException("stickiness must lie in [0, 1), got " + stickiness);
    }
  }

  /** The steepest bounce that one reflection off a bar can keep inside the court. */
  private static final int MAX_BOUNCE_LIMIT = PongGame.COURT_BOTTOM - PongGame.COURT_TOP - PongGame.BALL_HEIGHT;

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
  }

  /**
   * The standard game: one frame per step, no sticky actions, three actions, first to 21.
   *
   * @return the default configuration
   */
  public static PongConfig defaults() {
    return builder().build();
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this configuration.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.agentSpeed = agentSpeed;
    b.opponentSpeed = opponentSpeed;
    b.opponentDelay = opponentDelay;
    b.ballSpeed = ballSpeed;
    b.maxBounce = maxBounce;
    b.pointsToWin = pointsToWin;
    b.maxSteps = maxSteps;
    b.frameSkipMin = frameSkipMin;
    b.frameSkipMax = frameSkipMax;
    b.stickiness = stickiness;
    b.twoActions = twoActions;
    b.reuseObservation = reuseObservation;
    return b;
  }

  /** Builds a {@link PongConfig}. */
  public static final class Builder {
    private double agentSpeed = 3;
    private double opponentSpeed = 4;
    private int opponentDelay;
    private double ballSpeed = 2.5;
    private double maxBounce = 6;
    private int pointsToWin = 21;
    private int maxSteps = 100_000;
    private int frameSkipMin = 1;
    private int frameSkipMax = 1;
    private double stickiness;
    private boolean twoActions;
    private boolean reuseObservation;

    private Builder() {}

    /** @param v rows per frame of the agent's paddle @return this */
    public Builder agentSpeed(double v) { agentSpeed = v; return this; }
    /** @param v the opponent's top speed @return this */
    public Builder opponentSpeed(double v) { opponentSpeed = v; return this; }
    /** @param v the opponent's reaction delay in frames @return this */
    public Builder opponentDelay(int v) { opponentDelay = v; return this; }
    /** @param v the ball's horizontal speed @return this */
    public Builder ballSpeed(double v) { ballSpeed = v; return this; }
    /** @param v the steepest bounce @return this */
    public Builder maxBounce(double v) { maxBounce = v; return this; }
    /** @param v points that win a game @return this */
    public Builder pointsToWin(int v) { pointsToWin = v; return this; }
    /** @param v the truncation limit in agent steps @return this */
    public Builder maxSteps(int v) { maxSteps = v; return this; }
    /** @param v frames per step, fixed @return this */
    public Builder frameSkip(int v) { frameSkipMin = v; frameSkipMax = v; return this; }
    /** @param min the least frames per step @param max the most @return this */
    public Builder frameSkip(int min, int max) { frameSkipMin = min; frameSkipMax = max; return this; }
    /** @param v the sticky-action probability @return this */
    public Builder stickiness(double v) { stickiness = v; return this; }
    /** @param v whether the actions are UP/DOWN only @return this */
    public Builder twoActions(boolean v) { twoActions = v; return this; }
    /** @param v whether observations reuse one array @return this */
    public Builder reuseObservation(boolean v) { reuseObservation = v; return this; }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the first field outside its range
     */
    public PongConfig build() {
      return new PongConfig(agentSpeed, opponentSpeed, opponentDelay, ballSpeed, maxBounce, pointsToWin, maxSteps,
          frameSkipMin, frameSkipMax, stickiness, twoActions, reuseObservation);
    }
  }
}
