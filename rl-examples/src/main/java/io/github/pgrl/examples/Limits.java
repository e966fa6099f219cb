package io.github.pgrl.examples;

import java.util.Locale;
import picocli.CommandLine;

/**
 * The bounds of the command line's size options, listed in the README: a value beyond them is refused at
 * once (exit 2, naming the option and the bound) instead of running out of memory after a long wait.
 *
 * <p>Fixed bounds keep each option to what makes sense (a terminal is not two billion columns wide); the
 * memory check of {@link #requireMemory} covers the options whose cost grows with each other (rollout
 * threads, the hidden layer, the batch), against the heap this JVM may use ({@code -Xmx}).
 */
final class Limits {

  /** Rollout threads ({@code --envs}): far more than the cores of any machine that trains this. */
  static final int ENVS = 64;
  /** Hidden units ({@code --hidden}): a 6400 → 10,000 layer is 64 M parameters, 50 times the classic one. */
  static final int HIDDEN = 10_000;
  /** Games or episodes per update ({@code --batch}). */
  static final int BATCH = 10_000;
  /** Frames per agent step ({@code --frame-skip}): a second and a half of Atari frames. */
  static final int FRAME_SKIP = 100;
  /** Games or episodes of an evaluation or a bench ({@code --games}, {@code --episodes}, {@code --seeds}). */
  static final int GAMES = 1_000_000;
  /** Terminal columns ({@code --columns}) and frames per second ({@code --fps}) of {@code pong watch}. */
  static final int COLUMNS = 1_000;
  static final int FPS = 1_000;
  /** Frames that {@code pong record} writes (about 1 KB of PNG each). */
  static final int RECORD_STEPS = 1_000_000;
  /** Steps the environment checker plays per episode ({@code check --steps}). */
  static final int CHECK_STEPS = 10_000_000;
  /** Seconds per measurement of {@code pgrl bench}. */
  static final double BENCH_SECONDS = 3_600;

  /**
   * Memory a Pong run needs, an upper estimate. Measured: the Java heap after one update of the classic
   * run (JDK 17) grew by 30 MB with 1 thread, 53 MB with 4 and 76 MB with 8, by 28 MB more with 400
   * hidden units instead of 200, and by about 1 MB per game of the batch; that is about 22 bytes per
   * parameter, 6 more per parameter and thread, and one hidden layer of floats per step. The estimate
   * rounds these up (32 and 8 bytes, 2 MB per game in play, 1,500 steps a game) to cover ND4J's native
   * copies of the parameters and the gradient, which live outside the heap.
   */
  static long pongBytes(int envs, int hidden, int batch, int actions) {
    long parameters = 6400L * hidden + (long) hidden * (actions == 2 ? 1 : actions);
    return parameters * (32 + 8L * envs) + envs * (2L << 20) + (long) batch * hidden * 4 * 1_500;
  }

  /**
   * Refuses a Pong run that cannot fit this JVM's heap.
   *
   * @throws CommandLine.ParameterException naming the options, the estimate, the heap and the most
   *     {@code --envs} that fit
   */
  static void requireMemory(CommandLine cmd, int envs, int hidden, int batch, int actions) {
    long heap = Runtime.getRuntime().maxMemory();
    long need = pongBytes(envs, hidden, batch, actions);
    if (need <= heap) {
      return;
    }
    int fit = 0;
    while (fit < envs && pongBytes(fit + 1, hidden, batch, actions) <= heap) {
      fit++;
    }
    throw new CommandLine.ParameterException(cmd, String.format(Locale.ROOT,
        "--envs %d with --hidden %d and --batch %d needs about %s of memory, more than this JVM may use (%s, set by"
            + " java -Xmx): %s, or give Java more memory", envs, hidden, batch, size(need), size(heap),
        fit > 0 ? "use at most --envs " + fit + ", or a smaller --hidden or --batch" : "use a smaller --hidden or --batch"));
  }

  /**
   * Memory a network of {@code pgrl train --env} needs, an upper estimate: its parameters (with biases)
   * times 32 bytes, the per-parameter rounding of {@link #pongBytes} (parameters, gradient, optimizer
   * state and ND4J's native copies).
   *
   * @param inputs the observation size
   * @param hidden the hidden layer sizes
   * @param outputs the output layer's size
   */
  static long networkBytes(int inputs, int[] hidden, int outputs) {
    long parameters = 0;
    long previous = inputs;
    for (int h : hidden) {
      parameters += (previous + 1) * h;
      previous = h;
    }
    parameters += (previous + 1) * outputs;
    return parameters * 32;
  }

  /**
   * Memory of an actor-critic rollout, an upper estimate: per step the observation (dense) and the
   * activations of both networks' hidden layers in floats, twice (the rollout's record and a minibatch's),
   * and 64 bytes of rewards, values, advantages and flags.
   *
   * @param steps steps of one rollout ({@code --envs × --rollout})
   * @param inputs the observation size
   * @param hidden the hidden layer sizes of each network
   */
  static long rolloutBytes(long steps, int inputs, int[] hidden) {
    long sum = 0;
    for (int h : hidden) {
      sum += h;
    }
    return steps * (2 * (4L * inputs + 8 * sum) + 64);
  }

  /**
   * Refuses networks that cannot fit this JVM's heap.
   *
   * @param bytes their estimated memory ({@link #networkBytes})
   * @param what the options that made them, for the message
   * @throws CommandLine.ParameterException naming the options, the estimate and the heap
   */
  static void requireMemory(CommandLine cmd, long bytes, String what) {
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap) {
      throw new CommandLine.ParameterException(cmd, String.format(Locale.ROOT, "%s needs about %s of memory, more than"
          + " this JVM may use (%s, set by java -Xmx): use smaller layers, or give Java more memory", what, size(bytes),
          size(heap)));
    }
  }

  static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%d MB", bytes >> 20);
  }

  private Limits() {}
}
