package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PongActorCriticExperimentTest {

  @Test
  void aShortRunLogsEveryGameAndUpdateAndPlotsThem(@TempDir Path dir) throws Exception {
    PongActorCriticExperiment.main(new String[] {"out=" + dir, "copies=2", "envThreads=1", "rollout=64", "epochs=1",
        "minibatch=64", "hidden=8", "valueHidden=8", "games=2", "minutes=2", "evalGames=1"});
    List<String> games = Files.readAllLines(dir.resolve("games.csv"));
    List<String> updates = Files.readAllLines(dir.resolve("updates.csv"));
    assertEquals(PongCommand.HEADER, games.get(0));
    assertTrue(games.size() >= 3, "two games or more, one row each: " + games);
    long lastSteps = 0;
    for (String row : games.subList(1, games.size())) {
      String[] f = row.split(",");
      assertEquals(9, f.length, row);
      // a 21-point game ends with 21 points for one side
      assertEquals(21, Math.max(Double.parseDouble(f[6]), Double.parseDouble(f[7])), row);
      assertEquals(Double.parseDouble(f[6]) - Double.parseDouble(f[7]), Double.parseDouble(f[4]), row);
      assertTrue(Long.parseLong(f[2]) > lastSteps, row);
      lastSteps = Long.parseLong(f[2]);
    }
    int columns = updates.get(0).split(",").length;
    for (String row : updates.subList(1, updates.size())) {
      assertEquals(columns, row.split(",").length, row);
    }
    // every update plays 2 copies × 64 steps; the games end inside the updates logged
    assertEquals(128L * (updates.size() - 1), Long.parseLong(updates.get(updates.size() - 1).split(",")[20]));
    assertTrue(lastSteps <= 128L * (updates.size() - 1));
    String summary = Files.readString(dir.resolve("summary.txt"));
    assertTrue(summary.contains("eval sampled 1 games") && summary.contains("eval greedy 1 games"), summary);

    Path png = dir.resolve("curves.png");
    PongCurvesPlot.main(new String[] {png.toString(), "PPO=" + dir.resolve("games.csv")});
    assertTrue(Files.size(png) > 1000, "a PNG was written");
  }

  @Test
  void anUnknownOptionIsRefusedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PongActorCriticExperiment.main(new String[] {"copys=8"}));
    assertTrue(e.getMessage().contains("copys=8") && e.getMessage().contains("copies"), e.getMessage());
    IllegalArgumentException algo = assertThrows(IllegalArgumentException.class,
        () -> PongActorCriticExperiment.main(new String[] {"algo=trpo"}));
    assertTrue(algo.getMessage().contains("[ppo, a2c]") && algo.getMessage().contains("trpo"), algo.getMessage());
  }

  @Test
  void aCurveFileWithoutTheRunningScoreIsRefused(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "episode,seconds,score\n1,0.5,-21\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PongCurvesPlot.read(List.of("x=" + csv)));
    assertTrue(e.getMessage().contains("running_score"), e.getMessage());
  }
}
