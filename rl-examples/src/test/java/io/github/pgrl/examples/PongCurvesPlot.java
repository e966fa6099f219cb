package io.github.pgrl.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The plot of docs/BENCHMARKS.md, "PPO and A2C on Pong from pixels": the running score of several Pong runs against games (above) and against
 * minutes of wall time (below), from their per-game CSV files ({@code pong train}'s {@code metrics.csv} or
 * {@link PongActorCriticExperiment}'s {@code games.csv}, which share the columns {@code episode},
 * {@code seconds} and {@code running_score}).
 *
 * <pre>
 * java -cp ... io.github.pgrl.examples.PongCurvesPlot docs/pong-ppo-curves.png "PPO=runs/C/games.csv" \
 *     "REINFORCE=runs/reinforce/metrics.csv"
 * </pre>
 */
final class PongCurvesPlot {

  private PongCurvesPlot() {}

  /** Each run's (games, running score) and (minutes, running score) points. */
  static List<List<Plots.Series>> read(List<String> labelled) throws IOException {
    List<Plots.Series> byGames = new ArrayList<>();
    List<Plots.Series> byMinutes = new ArrayList<>();
    for (String arg : labelled) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("expected label=file.csv, got " + arg);
      }
      List<String> lines = Files.readAllLines(Path.of(arg.substring(eq + 1)));
      List<String> header = Arrays.asList(lines.get(0).split(","));
      int episode = column(header, "episode");
      int seconds = column(header, "seconds");
      int running = column(header, "running_score");
      List<double[]> g = new ArrayList<>();
      List<double[]> m = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        double score = Double.parseDouble(f[running]);
        g.add(new double[] {Double.parseDouble(f[episode]), score});
        m.add(new double[] {Double.parseDouble(f[seconds]) / 60, score});
      }
      byGames.add(new Plots.Series(arg.substring(0, eq), g));
      byMinutes.add(new Plots.Series(arg.substring(0, eq), m));
    }
    return List.of(byGames, byMinutes);
  }

  private static int column(List<String> header, String name) {
    int k = header.indexOf(name);
    if (k < 0) {
      throw new IllegalArgumentException("the CSV has no column " + name + "; its columns are " + header);
    }
    return k;
  }

  public static void main(String[] args) throws IOException {
    List<List<Plots.Series>> series = read(Arrays.asList(args).subList(1, args.length));
    XYChart byGames = Plots.runningScoreChart(series.get(0), "games (21-point matches)");
    XYChart byMinutes = Plots.runningScoreChart(series.get(1), "minutes of wall time");
    for (XYChart c : List.of(byGames, byMinutes)) {
      c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    }
    Plots.write(List.of(byGames, byMinutes), Path.of(args[0]));
  }
}
