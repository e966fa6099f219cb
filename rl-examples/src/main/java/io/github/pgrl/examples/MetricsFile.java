package io.github.pgrl.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading and mending a training folder's {@code metrics.csv}. */
final class MetricsFile {

  private MetricsFile() {}

  /**
   * Cuts a line that a killed run left half-written at the end, so that appending continues on a clean
   * line; a missing file is created with the header.
   */
  static void repair(Path file, String header) {
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, header + "\n");
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      if (end != bytes.length) {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
          ch.truncate(end);
        }
      }
      if (end == 0) {
        Files.writeString(file, header + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot repair " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Mends the file of a run resumed from a checkpoint: cuts a half-written last line, and drops the rows
   * of episodes from {@code firstReplayed} on (played after the checkpoint, so they are played again), so
   * that every episode appears once. The file is rewritten atomically.
   */
  static void resumeAt(Path file, String header, long firstReplayed) {
    repair(file, header);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> kept = new ArrayList<>();
      kept.add(lines.isEmpty() ? header : lines.get(0));
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        int comma = line.indexOf(',');
        if (comma > 0 && Long.parseLong(line.substring(0, comma)) < firstReplayed) {
          kept.add(line);
        }
      }
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".metrics", ".csv");
      Files.write(tmp, kept, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mend " + file + ": " + e.getMessage(), e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " is not a pgrl metrics file: " + e.getMessage(), e);
    }
  }

  /** The (episode, running score) pairs of a metrics file. */
  static List<double[]> curve(Path file) {
    List<double[]> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return out;
      }
      String[] head = lines.get(0).split(",");
      int episode = indexOf(head, "episode");
      int running = indexOf(head, "running_score");
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        if (f.length == head.length) {
          out.add(new double[] {Double.parseDouble(f[episode]), Double.parseDouble(f[running])});
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " is not a pgrl metrics file: " + e.getMessage(), e);
    }
    return out;
  }

  private static int indexOf(String[] head, String column) {
    for (int i = 0; i < head.length; i++) {
      if (head[i].equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("the metrics file has no column " + column);
  }
}
