package io.github.pgrl.envs.gridmaze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.ActionMasks;
import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.util.Seeds;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * GridMaze-v0 honours the environment contract with its masks; the masks are the layout's (a move is
 * valid exactly when it stays on the grid and out of the walls); an invalid move is refused naming the
 * move, the cell and the valid moves, and changes nothing; the goal terminates, the step limit truncates.
 */
class GridMazeTest implements EnvironmentContract<float[], Integer> {

  @Override
  public Environment<float[], Integer> createEnvironment() {
    return GridMaze.v0();
  }

  private static final int[][] MOVES = {{-1, 0}, {0, 1}, {1, 0}, {0, -1}};

  /** The mask of a cell as the layout says, computed here independently of the environment. */
  private static boolean[] layoutMask(int cell) {
    boolean[] out = new boolean[4];
    for (int a = 0; a < 4; a++) {
      int r = cell / 7 + MOVES[a][0];
      int c = cell % 7 + MOVES[a][1];
      out[a] = r >= 0 && r < 7 && c >= 0 && c < 7 && GridMaze.LAYOUT[r].charAt(c) != '#';
    }
    return out;
  }

  private static int cellOf(float[] observation) {
    int cell = -1;
    for (int i = 0; i < observation.length; i++) {
      if (observation[i] == 1f) {
        assertEquals(-1, cell, "one-hot");
        cell = i;
      }
    }
    return cell;
  }

  /** Shortest distances to the goal, by breadth-first search on the layout. */
  static int[] distances() {
    int[] d = new int[49];
    Arrays.fill(d, -1);
    d[48] = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>(Set.of(48));
    while (!queue.isEmpty()) {
      int cell = queue.poll();
      boolean[] mask = layoutMask(cell);
      for (int a = 0; a < 4; a++) {
        int next = cell + MOVES[a][0] * 7 + MOVES[a][1];
        if (mask[a] && d[next] < 0) {
          d[next] = d[cell] + 1;
          queue.add(next);
        }
      }
    }
    return d;
  }

  /** The best possible mean score of the evaluation episodes {@code 0..episodes-1} of a seed. */
  static double optimalMean(int episodes, long seed) {
    int[] d = distances();
    GridMaze env = GridMaze.v0();
    double sum = 0;
    for (int e = 0; e < episodes; e++) {
      sum -= d[cellOf(env.reset(Seeds.derive(seed, e, Seeds.ENVIRONMENT)))];
    }
    return sum / episodes;
  }

  @Property(tries = 30)
  void theMaskIsTheLayoutsAndEveryValidMoveGoesThere(@ForAll long seed) {
    GridMaze env = GridMaze.v0();
    SplittableRandom rng = new SplittableRandom(seed);
    int cell = cellOf(env.reset(seed));
    for (int t = 0; t < 50; t++) {
      boolean[] mask = env.validActions();
      assertArrayEquals(layoutMask(cell), mask, "cell " + cell);
      int a;
      do {
        a = rng.nextInt(4);
      } while (!mask[a]);
      Step<float[]> step = env.step(a);
      int next = cellOf(step.observation());
      assertEquals(cell + MOVES[a][0] * 7 + MOVES[a][1], next);
      assertEquals(-1.0, step.reward());
      assertEquals(next == 48, step.terminated());
      cell = next;
      if (step.done()) {
        break;
      }
    }
  }

  @Example
  void anInvalidMoveIsRefusedNamingTheMoveTheCellAndTheValidMovesAndChangesNothing() {
    GridMaze env = GridMaze.v0();
    float[] first = env.reset(0);
    int cell = cellOf(first);
    boolean[] mask = layoutMask(cell);
    int invalid = mask[0] ? (mask[1] ? (mask[2] ? 3 : 2) : 1) : 0;
    assertFalse(mask[invalid], "every cell has a wall or an edge next to it");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(invalid));
    assertTrue(e.getMessage().startsWith("the move " + invalid + " ("), e.getMessage());
    assertTrue(e.getMessage().contains("at row " + cell / 7 + ", column " + cell % 7), e.getMessage());
    assertTrue(e.getMessage().contains("the valid moves are ["), e.getMessage());
    assertArrayEquals(mask, env.validActions().clone());
    int valid = mask[0] ? 0 : mask[1] ? 1 : mask[2] ? 2 : 3;
    assertEquals(cell + MOVES[valid][0] * 7 + MOVES[valid][1], cellOf(env.step(valid).observation()));
  }

  @Example
  void anActionOutsideTheSpaceNamesTheActionAndTheSpace() {
    GridMaze env = GridMaze.v0();
    env.reset(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(4));
    assertTrue(e.getMessage().contains("action 4 is not in the action space Discrete(4)"), e.getMessage());
  }

  @Example
  void everyFreeCellButTheGoalIsAStartAndEveryOneReachesTheGoal() {
    GridMaze env = GridMaze.v0();
    Set<Integer> starts = new HashSet<>();
    for (long s = 0; s < 2000; s++) {
      starts.add(cellOf(env.reset(s)));
    }
    assertEquals(31, starts.size());
    int[] d = distances();
    int max = 0;
    double sum = 0;
    for (int cell : starts) {
      assertTrue(d[cell] > 0, "cell " + cell + " reaches the goal");
      max = Math.max(max, d[cell]);
      sum += d[cell];
    }
    // the numbers of GridMaze's Javadoc
    assertEquals(22, max);
    assertEquals(10.8, sum / 31, 0.05);
  }

  @Example
  void anEpisodeIsTruncatedAfter50StepsWithoutReachingTheGoal() {
    GridMaze env = GridMaze.v0();
    env.reset(0);
    Step<float[]> step = null;
    for (int t = 0; t < 50; t++) {
      assertTrue(step == null || !step.done(), "step " + t);
      boolean[] mask = env.validActions();
      // back and forth between two cells, away from the goal
      int a = t % 2 == 0 ? firstValid(mask) : opposite(firstValid(mask));
      step = env.step(a);
    }
    assertTrue(step.truncated());
    assertFalse(step.terminated());
    assertThrows(IllegalStateException.class, () -> env.step(0));
  }

  private int firstValidAtStart = -1;

  private int firstValid(boolean[] mask) {
    if (firstValidAtStart < 0) {
      for (int a = 0; a < 4 && firstValidAtStart < 0; a++) {
        firstValidAtStart = mask[a] ? a : -1;
      }
    }
    return firstValidAtStart;
  }

  private static int opposite(int a) {
    return (a + 2) % 4;
  }

  @Example
  void itHasMasksThroughActionMasksOf() {
    assertTrue(ActionMasks.of(GridMaze.v0()) != null);
  }
}
