package io.github.pgrl.examples;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * A process that holds a run folder's lock until it is killed ({@code LockHolder DIR}), or says "refused: …"
 * and exits 2 if it cannot take it.
 */
final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws InterruptedException {
    CommandLine cmd = new CommandLine(CommandLine.Model.CommandSpec.create());
    RunFolder folder;
    try {
      folder = RunFolder.open(cmd, Path.of(args[0]), RunFolder.Start.START_OVER, List.of("checkpoint.pgrl"));
    } catch (CommandLine.ParameterException e) {
      System.out.println("refused: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("locked " + folder.dir());
    System.out.flush();
    Thread.sleep(120_000); // killed by the test long before
  }
}
