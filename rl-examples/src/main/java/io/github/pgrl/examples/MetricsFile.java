package io.github.pgrl.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and mending a training folder's {@code metrics.csv}: a header, then one row per episode in
 * increasing episode order, numbers separated by commas. An actor-critic run's {@code updates.csv} is
 * mended the same way, with one row per update keyed by its first column, {@code update}.
 *
 * <p>The file is mended in place (a half-written last line cut, rows played again after a resume cut
 * off), so it keeps its owner and permissions and no temporary file is ever involved. A file that is not
 * such a table is refused with its name, the line and what was expected there.
 */
final class MetricsFile {

  private MetricsFile() {}

  /**
   * Appends rows to a metrics file. A failed write (a full disk) throws, naming the file and the cause,
   * where a {@link java.io.PrintWriter} would lose the rows silently.
   */
  static final class Appender implements AutoCloseable {
    private final Path file;
    private final java.io.Writer out;

    Appender(Path file) {
      this.file = file;
      try {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw failure(e);
      }
    }

    /** Appends a row ({@link String#format} in {@link java.util.Locale#ROOT}) and a line end. */
    void row(String format, Object... args) {
      try {
        out.write(String.format(java.util.Locale.ROOT, format, args));
        out.write('\n');
      } catch (IOException e) {
        throw failure(e);
      }
    }

    void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw failure(e);
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw failure(e);
      }
    }

    private UncheckedIOException failure(IOException e) {
      return new UncheckedIOException("cannot write " + file + ": " + Cli.describe(e), e);
    }
  }

  /** One row: its first byte in the file and its fields. */
  private record Row(int line, long offset, String[] fields) {}

  /**
   * Mends the file of a run resumed from a checkpoint: cuts a half-written last line, and the rows of
   * episodes from {@code firstReplayed} on (played after the checkpoint, so they are played again), so
   * that every episode appears once. A missing or empty file is written with the header. The key is the
   * header's first column: the episode in {@code metrics.csv}, the update in {@code updates.csv}.
   *
   * @throws IllegalArgumentException if the file is not a metrics table (naming the line)
   * @throws UncheckedIOException if it cannot be read or written
   */
  static void resumeAt(Path file, String header, long firstReplayed) {
    try {
      if (!Files.exists(file) || Files.size(file) == 0) {
        Files.writeString(file, header + "\n");
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      int headerEnd = 0;
      while (headerEnd < bytes.length && bytes[headerEnd] != '\n') {
        headerEnd++;
      }
      if (headerEnd == bytes.length) {
        // the header itself was cut by a kill: no row can have been written after it
        Files.writeString(file, header + "\n");
        return;
      }
      String found = decode(file, bytes, 0, headerEnd, 1);
      if (!found.equals(header)) {
        throw new IllegalArgumentException(file + " line 1: the header is '" + shorten(found) + "', not this command's '"
            + header + "'; is it the metrics file of another command?");
      }
      long keep = bytes.length;
      long previous = -1;
      String[] head = found.split(",", -1);
      String key = head[0];
      for (Row row : rows(file, bytes, head)) {
        long episode = key(file, row, key);
        if (episode <= previous) {
          throw new IllegalArgumentException(file + " line " + row.line() + ": the " + key + "s must increase, but "
              + key + " " + episode + " follows " + key + " " + previous);
        }
        previous = episode;
        if (episode >= firstReplayed && keep == bytes.length) {
          keep = row.offset();
        }
      }
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      keep = Math.min(keep, end);
      if (keep < bytes.length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(keep);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mend " + file + ": " + Cli.describe(e), e);
    }
  }

  /**
   * The (episode, running score) pairs of a metrics file.
   *
   * @throws IllegalArgumentException if the file is not a metrics table (naming the line)
   * @throws UncheckedIOException if it cannot be read
   */
  static List<double[]> curve(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + Cli.describe(e), e);
    }
    String[] head = header(file, bytes);
    List<Row> rows = rows(file, bytes, head);
    int running = indexOf(file, head, "running_score");
    List<double[]> out = new ArrayList<>();
    for (Row row : rows) {
      out.add(new double[] {key(file, row, "episode"), number(file, row, running, head[running])});
    }
    return out;
  }

  /** The complete rows after the header (a half-written last line is not one), each with as many fields. */
  private static List<Row> rows(Path file, byte[] bytes, String[] head) {
    List<Row> rows = new ArrayList<>();
    int line = 1;
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (line > 1) {
        String text = decode(file, bytes, start, i, line);
        String[] fields = text.split(",", -1);
        if (fields.length != head.length) {
          throw new IllegalArgumentException(file + " line " + line + ": expected " + head.length
              + " comma-separated values (" + String.join(",", head) + "), got '" + shorten(text) + "'");
        }
        rows.add(new Row(line, start, fields));
      }
      line++;
      start = i + 1;
    }
    return rows;
  }

  private static String[] header(Path file, byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    String text = decode(file, bytes, 0, end, 1);
    if (!text.startsWith("episode,")) {
      throw new IllegalArgumentException(file + " line 1: expected the header of a pgrl metrics file (episode,steps,…),"
          + " got '" + shorten(text) + "'");
    }
    return text.split(",", -1);
  }

  /** The first column's number, which names the row: an episode or an update. */
  private static long key(Path file, Row row, String name) {
    try {
      long key = Long.parseLong(row.fields()[0]);
      if (key >= 0) {
        return key;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(file + " line " + row.line() + ": expected " + (name.matches("[aeiou].*") ? "an " : "a ")
        + name + " number (0 or more) in the first column, got '" + shorten(row.fields()[0]) + "'");
  }

  private static double number(Path file, Row row, int column, String name) {
    try {
      return Double.parseDouble(row.fields()[column]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " line " + row.line() + ": expected a number in column " + name
          + ", got '" + shorten(row.fields()[column]) + "'");
    }
  }

  private static String decode(Path file, byte[] bytes, int from, int to, int line) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString()
          .stripTrailing();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " line " + line + ": not text (bytes that are not UTF-8); expected a"
          + " pgrl metrics file");
    }
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static int indexOf(Path file, String[] head, String column) {
    for (int i = 0; i < head.length; i++) {
      if (head[i].equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(file + " line 1: the header has no column " + column);
  }
}
