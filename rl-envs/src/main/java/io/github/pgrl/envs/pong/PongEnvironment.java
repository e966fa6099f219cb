package io.github.pgrl.envs.pong;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.SparseObservations;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.ByteImage;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.util.RestorableRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pong against a built-in opponent, seen as pixels: the stage on which an agent learns from the screen
 * alone. Pure Java, headless, deterministic for a seed.
 *
 * <h2>Description</h2>
 *
 * The agent moves the green paddle on the right; a built-in opponent moves the orange paddle on the left,
 * following the ball with a capped speed ({@link PongConfig#opponentSpeed()}) and an optional reaction
 * delay. A ball that gets past a paddle is a point for the other side. The ball leaves a paddle at an
 * angle that grows with the distance of the contact from the paddle's centre, so the opponent, slower
 * than the steepest balls, can be beaten by angled shots; a random player loses almost every point
 * (measured: see the tests and {@code docs/BENCHMARKS.md}). The frame layout and colours are Atari 2600
 * Pong's, so pipelines written for {@code ALE/Pong} work unchanged.
 *
 * <p>It is {@link Restorable}: {@link #writeState} writes the configuration, the generator's position (it
 * draws what {@code new SplittableRandom(seed)} draws, and counts it: {@link RestorableRandom}), the step
 * count, the last paddle command (for sticky actions) and the game (positions, speeds, scores, the ball's
 * recent rows that the opponent follows, the frame count), so that a state read back continues the match
 * exactly, serves included. The frame is drawn again from the game after a read.
 *
 * <h2>Action Space</h2>
 *
 * {@code Discrete(3)}: 0 NOOP, 1 UP, 2 DOWN; or, with {@link PongConfig#twoActions()}, {@code
 * Discrete(2)}: 0 UP, 1 DOWN.
 *
 * <h2>Observation Space</h2>
 *
 * {@link #rgb()}: the 210×160 RGB frame, {@code byte[100800]} in height-width-channel order ({@link
 * ByteImage}). {@link #binary()}: the 80×80 binary image that the classic pong-from-pixels preprocessing
 * makes of that frame (crop rows 35–194, every second row and column of the red channel, background 0,
 * everything else 1), rendered directly without drawing the frame, as {@code float[6400]} (row by row) in a
 * {@link Box} of [0, 1] of shape {@code [80, 80]}, as {@link io.github.pgrl.envs.pixels.PixelPipeline#classic}
 * gives; {@link #binary(PongConfig, int)} gives other strides (1: 160×160, 4: 40×40, …). Unless
 * {@link PongConfig#reuseObservation()} is set, every step returns a new array.
 *
 * <h2>Rewards</h2>
 *
 * +1 when the agent wins a point, −1 when the opponent does, 0 otherwise (summed over the frames of a
 * step). The step's {@code info} reports events when there are any: {@value #AGENT_HITS} and {@value
 * #OPPONENT_HITS} (the number of paddle hits, {@link Integer}), {@value #POINT} (+1 or −1) and {@value
 * #AGENT_POINTS} or {@value #OPPONENT_POINTS} (1, whoever won the point).
 *
 * <h2>Starting State</h2>
 *
 * Scores 0, both paddles centred, the ball served from the centre towards a random side with a random
 * vertical speed, from the environment's own generator; after every point the ball is served again.
 *
 * <h2>Episode End</h2>
 *
 * Terminated when either side reaches {@link PongConfig#pointsToWin()} points (21). Truncated after {@link
 * PongConfig#maxSteps()} agent steps. A step after the end throws {@link IllegalStateException}.
 *
 * <h2>Arguments</h2>
 *
 * {@link PongConfig}: paddle, opponent and ball speeds, the opponent's delay, points to win, the step
 * limit, frame skip (fixed or a uniform range, as ALE's {@code frameskip}), sticky actions (ALE's {@code
 * repeat_action_probability}), two or three actions, and observation reuse.
 *
 * <h2>Version History</h2>
 *
 * <ul>
 *   <li>0.1.0: first version.
 * </ul>
 *
 * @param <O> the observation type
 * @since 0.1.0
 */
public abstract sealed class PongEnvironment<O> implements Environment<O, Integer>, Restorable
    permits PongEnvironment.Rgb, PongEnvironment.Binary {

  /** Info key: how many times the agent's paddle hit the ball during the step. */
  public static final String AGENT_HITS = "agent_hits";
  /** Info key: how many times the opponent's paddle hit the ball during the step. */
  public static final String OPPONENT_HITS = "opponent_hits";
  /** Info key: +1 if the agent won a point during the step, −1 if the opponent did. */
  public static final String POINT = "point";
  /** Info key: 1 if the agent won a point during the step (absent otherwise). */
  public static final String AGENT_POINTS = "agent_points";
  /** Info key: 1 if the opponent won a point during the step (absent otherwise). */
  public static final String OPPONENT_POINTS = "opponent_points";

  private final PongConfig config;
  private final PongGame game;
  private final Discrete actions;
  private final PongRenderer.Canvas<O> canvas;
  private RestorableRandom rng = new RestorableRandom(0);
  private int lastCommand;
  private int steps;
  private boolean running;
  private boolean everReset;

  PongEnvironment(PongConfig config, PongRenderer.Canvas<O> canvas) {
    this.config = Objects.requireNonNull(config, "config");
    this.canvas = canvas;
    this.game = new PongGame(config);
    this.actions = Discrete.of(config.twoActions() ? 2 : 3);
  }

  /**
   * Pong with 210×160 RGB frames and the default rules.
   *
   * @return a new environment
   */
  public static Rgb rgb() {
    return new Rgb(PongConfig.defaults());
  }

  /**
   * Pong with 210×160 RGB frames.
   *
   * @param config the rules and options
   * @return a new environment
   */
  public static Rgb rgb(PongConfig config) {
    return new Rgb(config);
  }

  /**
   * Pong with the classic 80×80 binary observation and the default rules.
   *
   * @return a new environment
   */
  public static Binary binary() {
    return new Binary(PongConfig.defaults(), 2);
  }

  /**
   * Pong with a binary observation of the given stride.
   *
   * @param config the rules and options
   * @param stride the sampling step in rows and columns; it must divide 160 (2 gives 80×80)
   * @return a new environment
   * @throws IllegalArgumentException if the stride does not divide 160
   */
  public static Binary binary(PongConfig config, int stride) {
    return new Binary(config, stride);
  }

  /**
   * The rules and options.
   *
   * @return the configuration
   */
  public PongConfig config() {
    return config;
  }

  /**
   * The game's true state, read-only, for scripted players and tests.
   *
   * @return the game
   */
  public PongGame game() {
    return game;
  }

  /**
   * The current frame as 210×160 RGB, drawn from scratch (for recording and display).
   *
   * @return a new {@code byte[100800]}
   */
  public byte[] renderRgb() {
    PongRenderer.Rgb r = new PongRenderer.Rgb();
    r.full(game);
    return r.image();
  }

  @Override
  public Space<Integer> actionSpace() {
    return actions;
  }

  @Override
  public O reset(long seed) {
    rng = new RestorableRandom(seed);
    return reset();
  }

  @Override
  public O reset() {
    game.reset(rng);
    lastCommand = PongGame.STAY;
    steps = 0;
    running = true;
    everReset = true;
    drawFull();
    return observation();
  }

  @Override
  public Step<O> step(Integer action) {
    if (action == null || !actions.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + actions
          + (config.twoActions() ? " (0 UP, 1 DOWN)" : " (0 NOOP, 1 UP, 2 DOWN)"));
    }
    if (!running) {
      throw new IllegalStateException(everReset
          ? "step() called after the episode ended; call reset() to start a new one"
          : "step() called before reset(); call reset() to start an episode");
    }
    int command = config.twoActions() ? action + 1 : action;
    int frames = config.frameSkipMin() == config.frameSkipMax()
        ? config.frameSkipMin()
        : config.frameSkipMin() + rng.nextInt(config.frameSkipMax() - config.frameSkipMin() + 1);
    int agentHits = 0;
    int opponentHits = 0;
    int point = 0;
    boolean over = false;
    for (int f = 0; f < frames && !over; f++) {
      int c = config.stickiness() > 0 && rng.nextDouble() < config.stickiness() ? lastCommand : command;
      lastCommand = c;
      int events = game.advance(c, rng);
      if (events != 0) {
        agentHits += events & PongGame.AGENT_HIT;
        opponentHits += (events & PongGame.OPPONENT_HIT) >> 1;
        if ((events & PongGame.AGENT_POINT) != 0) {
          point++;
        } else if ((events & PongGame.OPPONENT_POINT) != 0) {
          point--;
        }
        over = game.agentScore() >= config.pointsToWin() || game.opponentScore() >= config.pointsToWin();
      }
    }
    steps++;
    drawUpdate();
    boolean truncated = !over && steps >= config.maxSteps();
    running = !(over || truncated);
    Map<String, Object> info = Map.of();
    if (agentHits != 0 || opponentHits != 0 || point != 0) {
      Map<String, Object> m = new HashMap<>(4);
      if (agentHits != 0) {
        m.put(AGENT_HITS, agentHits);
      }
      if (opponentHits != 0) {
        m.put(OPPONENT_HITS, opponentHits);
      }
      if (point != 0) {
        m.put(POINT, point);
        m.put(point > 0 ? AGENT_POINTS : OPPONENT_POINTS, 1);
      }
      info = m;
    }
    return new Step<>(observation(), point, over, truncated, info);
  }

  @Override
  public final void writeState(CheckpointFile checkpoint, String prefix) {
    checkpoint.putString(prefix + "environment", toString());
    checkpoint.putString(prefix + "config", config.toString());
    checkpoint.putLong(prefix + "rng.seed", rng.seed());
    checkpoint.putLong(prefix + "rng.draws", rng.draws());
    checkpoint.putLong(prefix + "steps", steps);
    checkpoint.putLong(prefix + "lastCommand", lastCommand);
    checkpoint.putLong(prefix + "started", everReset ? 1 : 0);
    checkpoint.putLong(prefix + "running", running ? 1 : 0);
    if (everReset) {
      checkpoint.putDoubles(prefix + "game.positions", game.positions());
      checkpoint.putDoubles(prefix + "game.ballHistory", game.ballHistory());
      checkpoint.putLong(prefix + "game.agentScore", game.agentScore());
      checkpoint.putLong(prefix + "game.opponentScore", game.opponentScore());
      checkpoint.putLong(prefix + "game.frame", game.frame());
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.pgrl.core.checkpoint.CheckpointException also if the state was written by Pong of
   *     another observation or configuration, a counter is out of its range ({@code steps} in {@code
   *     0..maxSteps}, scores in {@code 0..pointsToWin}), an episode runs that never started or whose game is
   *     over, or the game's positions and speeds are not ones a game of this configuration can have
   */
  @Override
  public final void readState(CheckpointFile checkpoint, String prefix) {
    StateReader in = new StateReader(checkpoint, prefix);
    in.requireEqual("environment", toString(), "a state is read into Pong with the same observation");
    in.requireEqual("config", config.toString(), "a state is read into Pong with the same configuration");
    long seed = in.getLong("rng.seed");
    long draws = in.count("rng.draws", 0, Long.MAX_VALUE);
    boolean started = in.flag("started");
    boolean running = in.flag("running");
    if (running && !started) {
      throw in.invalid("running", "is 1, but 'started' is 0: an episode runs only after a reset");
    }
    int steps = (int) in.count("steps", 0, !started ? 0 : running ? config.maxSteps() - 1 : config.maxSteps());
    int command = (int) in.count("lastCommand", PongGame.STAY, PongGame.DOWN);
    if (started) {
      int points = config.pointsToWin();
      int agentScore = (int) in.count("game.agentScore", 0, running ? points - 1 : points);
      int opponentScore = (int) in.count("game.opponentScore", 0, running ? points - 1 : points);
      int frame = (int) in.count("game.frame", 0, Integer.MAX_VALUE);
      double[] positions = in.doubles("game.positions", game.positions().length);
      double[] history = in.doubles("game.ballHistory", game.ballHistory().length);
      try {
        game.restore(positions, history, agentScore, opponentScore, frame);
      } catch (IllegalArgumentException e) {
        throw in.invalid("game.positions",
            "and 'game.ballHistory' are not a state of " + config + ": " + e.getMessage());
      }
    }
    this.rng = RestorableRandom.at(seed, draws);
    this.steps = steps;
    this.lastCommand = command;
    this.everReset = started;
    this.running = running;
    if (started) {
      drawFull();
    }
  }

  private void drawFull() {
    canvas.full(game);
  }

  private void drawUpdate() {
    canvas.update(game);
  }

  private O observation() {
    return config.reuseObservation() ? canvas.image() : canvas.copyOfImage();
  }

  @Override
  public void close() {
    running = false;
  }

  /** Pong seen as 210×160 RGB frames. */
  public static final class Rgb extends PongEnvironment<byte[]> {
    private static final ByteImage SPACE = ByteImage.of(PongGame.HEIGHT, PongGame.WIDTH, 3);

    Rgb(PongConfig config) {
      super(config, new PongRenderer.Rgb());
    }

    @Override
    public Space<byte[]> observationSpace() {
      return SPACE;
    }

    @Override
    public String toString() {
      return "Pong(rgb)";
    }
  }

  /** Pong seen as the binary image of the classic preprocessing, rendered directly. */
  public static final class Binary extends PongEnvironment<float[]> implements SparseObservations {
    private final PongRenderer.Binary renderer;
    private final Box space;

    Binary(PongConfig config, int stride) {
      this(config, new PongRenderer.Binary(stride));
    }

    private Binary(PongConfig config, PongRenderer.Binary renderer) {
      super(config, renderer);
      this.renderer = renderer;
      this.space = Box.of(0f, 1f, renderer.side(), renderer.side());
    }

    /**
     * The side of the square image.
     *
     * @return 160 divided by the stride
     */
    public int side() {
      return renderer.side();
    }

    @Override
    public Space<float[]> observationSpace() {
      return space;
    }

    /**
     * Writes the indices of the cells the three sprites (ball and paddles) cover in the latest observation:
     * exactly its non-zero values, a few dozen of 6,400, found without scanning the image.
     *
     * @param out receives the indices, increasing; at least {@code side() * side()} long
     * @return how many, or −1 before the first reset
     * @throws IllegalArgumentException if {@code out} is shorter than an observation
     */
    @Override
    public int nonZeroIndices(int[] out) {
      if (out.length < space.size()) {
        throw new IllegalArgumentException("need room for " + space.size() + " indices, got " + out.length);
      }
      return renderer.nonZeroIndices(out);
    }

    @Override
    public String toString() {
      return "Pong(binary " + side() + "x" + side() + ")";
    }
  }
}
