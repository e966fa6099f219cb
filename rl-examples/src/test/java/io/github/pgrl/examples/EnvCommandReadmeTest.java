package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the command lines of the documentation's example sessions ({@code ```console} blocks of the
 * README) to what the command
 * line accepts: each {@code $ java -jar rl-examples/target/pgrl.jar ...} line must parse (known commands
 * and options, values of the right types, required options present). The README's table of the
 * actor-critic defaults must be the one the command line uses.
 */
class EnvCommandReadmeTest {

  private static final String PROMPT = "$ java -jar rl-examples/target/pgrl.jar ";
  private static final Pattern CONSOLE = Pattern.compile("```console\\n(.*?)```", Pattern.DOTALL);
  private static final Path README = Path.of("..", "README.md");

  @Test
  void theTableOfTheActorCriticDefaultsIsTheCommandLines() throws IOException {
    String readme = Files.readString(README);
    for (String row : EnvSetup.defaultsTable()) {
      assertTrue(readme.contains(row + "\n"), "the README's table of defaults has the row\n" + row);
    }
  }

  @Test
  void everyCommandOfTheExampleSessionsParses() throws IOException {
    List<String> commands = new ArrayList<>();
    Matcher m = CONSOLE.matcher(Files.readString(README));
    while (m.find()) {
      m.group(1).lines().filter(l -> l.startsWith(PROMPT)).forEach(l -> commands.add(l.substring(PROMPT.length())));
    }
    assertTrue(commands.stream().anyMatch(c -> c.startsWith("train ")), "a pgrl train command in " + commands);
    assertTrue(commands.stream().anyMatch(c -> c.startsWith("eval ")), "a pgrl eval command in " + commands);
    for (String command : commands) {
      assertDoesNotThrow(() -> Main.commandLine().parseArgs(command.strip().split("\\s+")), command);
    }
  }
}
