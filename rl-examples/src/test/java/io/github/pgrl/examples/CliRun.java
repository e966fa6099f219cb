package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the command line in this process and checks what a person would see of it. */
final class CliRun {

  /** What a run printed and its exit code. */
  record Result(int code, String out, String err) {}

  private CliRun() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A user error: exit code 2, one "pgrl: " message that mentions each text, no stack trace. */
  static void assertUserError(Result r, String... mentions) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("pgrl: "), r.err());
    assertFalse(r.err().contains("\tat "), "a stack trace:\n" + r.err());
    for (String m : mentions) {
      assertTrue(r.err().contains(m), "'" + m + "' in " + r.err());
    }
  }

  static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  /** The names in a folder, sorted. */
  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
