package io.github.pgrl.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Learning curves as PNG files, drawn with XChart. */
final class Plots {

  /** One curve: a label and (episode, running score) points. */
  record Series(String label, List<double[]> points) {}

  private static final int MAX_POINTS = 2000;

  private Plots() {}

  /** Writes the running score against the episode for each series into one PNG, atomically. */
  static void learningCurve(List<Series> series, Path png) {
    write(List.of(runningScoreChart(series, "games")), png);
  }

  /**
   * A chart of the running score of each series against its x values ({@code xAxisTitle}: games, minutes).
   */
  static XYChart runningScoreChart(List<Series> series, String xAxisTitle) {
    XYChart chart = new XYChartBuilder().width(900).height(500).title("Pong from pixels: running score")
        .xAxisTitle(xAxisTitle).yAxisTitle("running score (points won − lost)").build();
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setYAxisMin(-21.0);
    chart.getStyler().setYAxisMax(21.0);
    for (Series s : series) {
      int n = s.points().size();
      if (n == 0) {
        continue;
      }
      int step = Math.max(1, n / MAX_POINTS);
      int m = (n + step - 1) / step;
      double[] x = new double[m];
      double[] y = new double[m];
      for (int i = 0, k = 0; i < n && k < m; i += step, k++) {
        x[k] = s.points().get(i)[0];
        y[k] = s.points().get(i)[1];
      }
      chart.addSeries(s.label(), x, y).setMarker(SeriesMarkers.NONE);
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no games yet", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /** Writes charts one below the other into one PNG, atomically. */
  static void write(List<XYChart> charts, Path png) {
    Path target = png.toAbsolutePath();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(target.getParent(), ".plot", ".png");
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      BitmapEncoder.saveBitmap(charts, charts.size(), 1, tmp.toString().replaceAll("\\.png$", ""),
          BitmapEncoder.BitmapFormat.PNG);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a stray temporary file; the plot itself was not replaced
        }
      }
    }
  }
}
