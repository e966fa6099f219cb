package io.github.pgrl.envs.gridmaze;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.envs.ClassicControl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A 7×7 maze in which the moves into walls and off the grid are invalid: the environment says which moves
 * are valid ({@link ActionMasks}) and refuses the others.
 *
 * <h2>Description</h2>
 *
 * The agent starts on a random free cell and walks to the goal in the bottom-right corner. The layout,
 * {@code #} for a wall and {@code G} for the goal:
 *
 * <pre>
 *   . . . # . . .
 *   . # . # . # .
 *   . # . . . # .
 *   . # # # . # .
 *   . . . # . . .
 *   # # . # # # .
 *   . . . . . # G
 * </pre>
 *
 * <h2>Action Space</h2>
 *
 * {@code Discrete(4)}: 0 up, 1 right, 2 down, 3 left. A move is valid if it stays on the grid and does not
 * enter a wall; {@link #validActions()} gives the valid moves of the current cell (two to four in this
 * layout, never none).
 *
 * <h2>Observation Space</h2>
 *
 * {@code Box(0, 1, (49,))}: a one-hot vector of the agent's cell, index {@code 7·row + column}.
 *
 * <h2>Rewards</h2>
 *
 * −1 for every step, including the one that reaches the goal: the return is minus the episode's length.
 *
 * <h2>Starting State</h2>
 *
 * A free cell other than the goal, uniformly at random (31 cells; the shortest path to the goal is 10.8
 * steps on average, at most 22).
 *
 * <h2>Episode End</h2>
 *
 * Terminated on reaching the goal; truncated after 50 steps.
 *
 * <h2>Arguments</h2>
 *
 * None: {@link #v0()}, or {@link #withMaxEpisodeSteps(int)} for another step limit.
 *
 * <h2>Version History</h2>
 *
 * v0: the first version.
 *
 * <p>Errors: an action outside {@code Discrete(4)} throws {@link IllegalArgumentException} naming the
 * action and the space; a valid action of the space that the mask marks invalid throws {@link
 * IllegalArgumentException} naming the move, the cell and the valid moves; a step before the first reset
 * or after the end throws {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public final class GridMaze extends ClassicControl<Integer> implements ActionMasks {

  /** The layout, row by row: {@code #} a wall, {@code G} the goal, {@code .} a free cell. */
  static final String[] LAYOUT = {
      "...#...",
      ".#.#.#.",
      ".#...#.",
      ".###.#.",
      "...#...",
      "##.###.",
      ".....#G",
  };
  /** The side of the grid. */
  public static final int SIZE = 7;
  /** The step limit of {@link #v0()}. */
  public static final int MAX_EPISODE_STEPS = 50;

  private static final String[] MOVES = {"up", "right", "down", "left"};
  private static final int[] ROW_STEP = {-1, 0, 1, 0};
  private static final int[] COLUMN_STEP = {0, 1, 0, -1};
  private static final Discrete ACTIONS = Discrete.of(4);
  private static final Box OBSERVATIONS = Box.of(new float[SIZE * SIZE], filled(SIZE * SIZE, 1f));
  /** The goal's cell. */
  private static final int GOAL = cellOf('G');
  /** The cells an episode may start on: free and not the goal. */
  private static final int[] STARTS = starts();

  private final boolean[] valid = new boolean[4];
  private int cell;

  private GridMaze(int maxEpisodeSteps) {
    super(maxEpisodeSteps, OBSERVATIONS, ACTIONS);
  }

  /**
   * GridMaze-v0: truncated after 50 steps.
   *
   * @return a new environment
   */
  public static GridMaze v0() {
    return new GridMaze(MAX_EPISODE_STEPS);
  }

  /**
   * The maze with another step limit.
   *
   * @param maxEpisodeSteps the number of steps after which an episode is truncated, at least 1
   * @return a new environment
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   */
  public static GridMaze withMaxEpisodeSteps(int maxEpisodeSteps) {
    return new GridMaze(maxEpisodeSteps);
  }

  @Override
  protected void drawStartingState(RandomGenerator random) {
    cell = STARTS[random.nextInt(STARTS.length)];
  }

  /** The agent's cell, {@code row · 7 + column}. */
  @Override
  protected double[] savedState() {
    return new double[] {cell};
  }

  /** Checks that the cell is a free one of the maze, then puts the agent there. */
  @Override
  protected void restoreState(double[] s) {
    int c = (int) s[0];
    if (c != s[0] || c < 0 || c >= SIZE * SIZE || LAYOUT[c / SIZE].charAt(c % SIZE) == '#') {
      throw new IllegalArgumentException("the cell " + s[0] + " is not a free cell of the maze; the free cells are the"
          + " numbers row · " + SIZE + " + column of the cells that are not walls, in 0.." + (SIZE * SIZE - 1));
    }
    cell = c;
  }

  /**
   * The valid moves of the agent's cell.
   *
   * @return four flags (up, right, down, left), a buffer that the next call overwrites
   */
  @Override
  public boolean[] validActions() {
    for (int a = 0; a < 4; a++) {
      valid[a] = target(cell, a) >= 0;
    }
    return valid;
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (action == null || !ACTIONS.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + ACTIONS
          + " (0 up, 1 right, 2 down, 3 left)");
    }
    checkRunning();
    int next = target(cell, action);
    if (next < 0) {
      throw new IllegalArgumentException("the move " + action + " (" + MOVES[action] + ") is invalid at row "
          + cell / SIZE + ", column " + cell % SIZE + ": it leads into a wall or off the grid; the valid moves are "
          + validMoves() + " (see validActions())");
    }
    cell = next;
    return endStep(-1.0, cell == GOAL);
  }

  @Override
  protected float[] observation() {
    float[] x = new float[SIZE * SIZE];
    x[cell] = 1f;
    return x;
  }

  @Override
  public String toString() {
    return "GridMaze(maxEpisodeSteps=" + maxEpisodeSteps() + ")";
  }

  private List<Integer> validMoves() {
    List<Integer> out = new ArrayList<>();
    for (int a = 0; a < 4; a++) {
      if (target(cell, a) >= 0) {
        out.add(a);
      }
    }
    return out;
  }

  /** The cell a move from {@code from} leads to, or −1 if it is invalid. */
  static int target(int from, int action) {
    int r = from / SIZE + ROW_STEP[action];
    int c = from % SIZE + COLUMN_STEP[action];
    return r < 0 || r >= SIZE || c < 0 || c >= SIZE || LAYOUT[r].charAt(c) == '#' ? -1 : r * SIZE + c;
  }

  private static int cellOf(char ch) {
    for (int r = 0; r < SIZE; r++) {
      int c = LAYOUT[r].indexOf(ch);
      if (c >= 0) {
        return r * SIZE + c;
      }
    }
    throw new IllegalStateException("no '" + ch + "' in the layout");
  }

  private static int[] starts() {
    List<Integer> cells = new ArrayList<>();
    for (int i = 0; i < SIZE * SIZE; i++) {
      if (LAYOUT[i / SIZE].charAt(i % SIZE) == '.') {
        cells.add(i);
      }
    }
    return cells.stream().mapToInt(Integer::intValue).toArray();
  }

  private static float[] filled(int n, float v) {
    float[] x = new float[n];
    Arrays.fill(x, v);
    return x;
  }
}
