package io.github.pgrl.examples;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;

/**
 * The options that define a training run, stored as {@value #FILE} in its folder, so that {@code
 * --resume} needs none of them again and {@code eval} knows how the agent was trained. One way for every
 * {@code train} command.
 */
final class RunProperties {

  static final String FILE = "run.properties";

  private RunProperties() {}

  /**
   * Stores the current values of some options of a command, written whole or not at all.
   *
   * @param options the option names, such as {@code --hidden}
   */
  static void save(CommandLine cmd, Path dir, List<String> options) {
    save(cmd, dir, options, Map.of());
  }

  /**
   * Stores the current values of some options of a command and other entries, such as the configuration
   * they make ({@code config.*}), written whole or not at all. {@link #load} reads only the options.
   *
   * @param options the option names, such as {@code --hidden}
   * @param extra entries to store besides, by key; none may be an option's name
   */
  static void save(CommandLine cmd, Path dir, List<String> options, Map<String, String> extra) {
    Properties p = new Properties();
    for (String option : options) {
      Object value = cmd.getCommandSpec().findOption(option).getValue();
      p.setProperty(option.substring(2), String.valueOf(value));
    }
    extra.forEach(p::setProperty);
    machine().forEach(p::setProperty);
    StringWriter text = new StringWriter();
    try {
      p.store(text, "pgrl " + cmd.getCommandSpec().qualifiedName() + " options");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    Cli.writeAtomically(dir.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The machine a run trains on ({@code machine.*}), for the dashboard and for whoever compares runs. */
  static Map<String, String> machine() {
    Runtime rt = Runtime.getRuntime();
    return Map.of(
        "machine.cores", Integer.toString(rt.availableProcessors()),
        "machine.os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        "machine.java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        "machine.maxHeapMiB", Long.toString(rt.maxMemory() >> 20));
  }

  /**
   * The stored entries whose keys start with {@code prefix}, by key; none if the folder has no {@value
   * #FILE}.
   *
   * @throws IllegalArgumentException if the file is not what {@link #save} writes
   */
  static Map<String, String> entries(Path dir, String prefix) {
    Path file = dir.resolve(FILE);
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    Properties p = properties(file, read(file));
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(prefix)) {
        out.put(key, p.getProperty(key));
      }
    }
    return out;
  }

  /** The prefix of the entries of a run's configuration ({@code config.*}), which {@link #save} may store. */
  static final String CONFIG = "config.";

  /**
   * Refuses a run whose stored configuration ({@code config.*}) is not the one its options give now, as
   * when another version of pgrl, with other defaults, wrote it. Keys not stored are not compared.
   *
   * @param config the configuration the options give, by key with the prefix {@value #CONFIG}
   * @throws CommandLine.ParameterException naming every difference
   */
  static void requireConfig(CommandLine cmd, Path dir, Map<String, String> config) {
    Map<String, String> stored = entries(dir, CONFIG);
    List<String> differences = new java.util.ArrayList<>();
    config.forEach((key, value) -> {
      if (stored.containsKey(key) && !stored.get(key).equals(value)) {
        differences.add(key + " is " + stored.get(key) + ", the options give " + value);
      }
    });
    if (!differences.isEmpty()) {
      throw new CommandLine.ParameterException(cmd, dir.resolve(FILE) + " records a configuration that its options no"
          + " longer give (" + String.join("; ", differences) + "): a version of pgrl with other defaults wrote it;"
          + " continue the run with that version, or start a new one");
    }
  }

  /** The entries of a configuration's description, by key with the prefix {@value #CONFIG}. */
  static Map<String, String> config(Map<String, String> describe) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    describe.forEach((k, v) -> m.put(CONFIG + k, v));
    return m;
  }

  /**
   * One stored value.
   *
   * @return the value, or {@code null} if the folder has no {@value #FILE} or it has no such key
   * @throws IllegalArgumentException if the file is not what {@link #save} writes
   */
  static String stored(Path dir, String key) {
    return entries(dir, key).get(key);
  }

  /**
   * Takes the stored options of a run for every option not given on the command line; an option given
   * with another value than the stored one is an error, and so is a stored value that is not one the
   * option takes (naming the file, the line and what was expected). Only {@code options} are read: other
   * keys (of a later version, or written by hand) are ignored, so that nothing else of the command —
   * budgets, --resume itself — can be set from the file.
   *
   * @param options the option names that define a run, such as {@code --hidden}
   * @return the file read
   * @throws CommandLine.ParameterException if the folder has no such file, or an option differs
   * @throws IllegalArgumentException if the file is not what {@link #save} writes
   */
  static Path load(CommandLine cmd, Path dir, List<String> options) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      throw new CommandLine.ParameterException(cmd, "no " + FILE + " in " + dir + ": is it a training folder?");
    }
    String text = read(file);
    Properties p = properties(file, text);
    CommandLine.ParseResult parsed = cmd.getParseResult();
    for (String key : p.stringPropertyNames()) {
      String stored = p.getProperty(key);
      String option = "--" + key;
      CommandLine.Model.OptionSpec spec = cmd.getCommandSpec().findOption(option);
      if (spec == null || !options.contains(option)) {
        continue;
      }
      Object value = parse(spec.type(), stored);
      if (value == null) {
        throw new IllegalArgumentException(file + " line " + lineOf(text, key) + ": " + key + " must be "
            + (spec.type() == double.class || spec.type() == Double.class ? "a number" : "an integer") + ", got '" + stored + "'");
      }
      if (parsed != null && parsed.hasMatchedOption(option)) {
        Object current = spec.getValue();
        String given = String.valueOf(current);
        if (!sameValue(given, stored)) {
          throw new CommandLine.ParameterException(cmd,
              option + " " + given + " differs from the run's " + stored + " (stored in " + file + ")");
        }
      } else {
        spec.setValue(value);
      }
    }
    return file;
  }

  private static String read(Path file) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not text (bytes that are not UTF-8); expected the key=value lines"
          + " that train writes");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + Cli.describe(e), e);
    }
  }

  private static Properties properties(Path file, String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is not a properties file (" + e.getMessage() + "); expected the"
          + " key=value lines that train writes");
    }
    return p;
  }

  /** The value of an option of this type, or {@code null} if the text is not one. */
  private static Object parse(Class<?> type, String text) {
    try {
      return type == int.class || type == Integer.class ? Integer.valueOf(text.strip())
          : type == long.class || type == Long.class ? Long.valueOf(text.strip())
          : type == double.class || type == Double.class ? Double.valueOf(text.strip()) : text;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The 1-based line where a key is set (for messages), or "?" if it cannot be found. */
  private static String lineOf(String text, String key) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().matches(java.util.regex.Pattern.quote(key) + "\\s*[=:\\s].*")) {
        return Integer.toString(i + 1);
      }
    }
    return "?";
  }

  private static boolean sameValue(String a, String b) {
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return a.equals(b);
    }
  }
}
