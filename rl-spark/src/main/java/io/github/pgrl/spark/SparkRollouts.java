package io.github.pgrl.spark;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.EpisodePlayer;
import io.github.pgrl.core.reinforce.PlayedEpisode;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.RolloutBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * Plays REINFORCE's episodes as Apache Spark tasks, for a {@link Reinforce} trainer whose learner stays on
 * the driver: each update's parameters are broadcast once, the episode indices of a round are split into
 * {@code slices} contiguous ranges, one task per range, and each task builds its environment from a
 * serializable factory and the configuration's {@link MlpPolicy} from the broadcast parameters, and plays
 * its episodes with {@link EpisodePlayer}, the code of the trainer's own rollout threads.
 *
 * <p>Every episode's randomness is addressed by its index, so a run on Spark equals the local run of the
 * same configuration bit for bit (parameters, counters, scores), whatever the number of slices or
 * executors; a task that Spark retries plays the same episodes again and changes nothing. Episodes come
 * back as {@link PlayedEpisode}s, observations sparse.
 *
 * <p>The configuration is built on every executor by its own factory, since a {@link ReinforceConfig}
 * holds components (credit assigners, shapers) that need not be serializable; a task whose configuration
 * describes itself differently from the driver's fails.
 *
 * @since 0.1.0
 */
public final class SparkRollouts implements RolloutBackend<Integer> {

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?");
  private static final Pattern STANDALONE = Pattern.compile("spark://([^:/,]+:[0-9]{1,5})(,[^:/,]+:[0-9]{1,5})*");

  private final JavaSparkContext spark;
  private final SerializableSupplier<? extends Environment<float[], Integer>> environments;
  private final SerializableSupplier<ReinforceConfig> config;
  private final Map<String, String> description;
  private final int slices;

  private SparkRollouts(JavaSparkContext spark, SerializableSupplier<? extends Environment<float[], Integer>> environments,
      SerializableSupplier<ReinforceConfig> config, Map<String, String> description, int slices) {
    this.spark = spark;
    this.environments = environments;
    this.config = config;
    this.description = description;
    this.slices = slices;
  }

  /**
   * A REINFORCE trainer of the configuration's MLP whose episodes Spark plays; the driver builds one
   * environment and one configuration from the factories, for the spaces and the learner.
   *
   * @param spark the Spark context (its master: {@code local[n]}, or a cluster's); the trainer does not stop it
   * @param environments makes an environment on each task; serializable, with every class it needs on the
   *     executors' class path
   * @param config makes the run's configuration, on the driver and on each task; serializable
   * @param slices the number of tasks per round (per {@link ReinforceConfig#batchEpisodes()} episodes), at
   *     least 1; more than the batch's episodes is allowed, and leaves tasks with none
   * @return the trainer; close it when done (it leaves the context running)
   * @throws IllegalArgumentException if a factory cannot be serialized (the message names the class that
   *     is not serializable) or returns null, {@code slices < 1}, the context is stopped, or as {@link
   *     Reinforce#create(Environment, ReinforceConfig)}
   */
  public static Reinforce<MlpPolicy> reinforce(JavaSparkContext spark,
      SerializableSupplier<? extends Environment<float[], Integer>> environments,
      SerializableSupplier<ReinforceConfig> config, int slices) {
    return start(spark, environments, config, slices, null);
  }

  /**
   * Continues a training run from a checkpoint ({@link Reinforce#save(Path)}, of a run on Spark or of a
   * local one) with its episodes played by Spark, as {@link #reinforce} does; the run goes on bit for bit.
   *
   * @param checkpoint the checkpoint file (or its rotated copies)
   * @param spark the Spark context; the trainer does not stop it
   * @param environments makes an environment on each task; serializable
   * @param config makes the run's configuration, on the driver and on each task; serializable
   * @param slices the number of tasks per round, at least 1
   * @return the trainer, in the state of the checkpoint
   * @throws io.github.pgrl.core.checkpoint.CheckpointException as {@link Reinforce#resume(Path, Environment,
   *     ReinforceConfig)}
   * @throws IllegalArgumentException as {@link #reinforce}, or if the configuration differs from the stored one
   */
  public static Reinforce<MlpPolicy> resume(Path checkpoint, JavaSparkContext spark,
      SerializableSupplier<? extends Environment<float[], Integer>> environments,
      SerializableSupplier<ReinforceConfig> config, int slices) {
    return start(spark, environments, config, slices, Objects.requireNonNull(checkpoint, "checkpoint"));
  }

  /** A new trainer on Spark, or one resumed from the checkpoint if it is not null. */
  private static Reinforce<MlpPolicy> start(JavaSparkContext spark,
      SerializableSupplier<? extends Environment<float[], Integer>> environments,
      SerializableSupplier<ReinforceConfig> config, int slices, Path checkpoint) {
    Objects.requireNonNull(spark, "spark");
    if (spark.sc().isStopped()) {
      throw new IllegalArgumentException("the Spark context is stopped: give a running one");
    }
    if (slices < 1) {
      throw new IllegalArgumentException("a round needs at least 1 slice (Spark task), got " + slices);
    }
    requireSerializable(Objects.requireNonNull(environments, "environments"), "environment factory");
    requireSerializable(Objects.requireNonNull(config, "config"), "configuration factory");
    ReinforceConfig driverConfig = config.get();
    if (driverConfig == null) {
      throw new IllegalArgumentException("the configuration factory " + config.getClass().getName() + " returned null");
    }
    Environment<float[], Integer> env = environments.get();
    if (env == null) {
      throw new IllegalArgumentException("the environment factory " + environments.getClass().getName()
          + " returned null");
    }
    SparkRollouts backend = new SparkRollouts(spark, environments, config, driverConfig.describe(), slices);
    try {
      return checkpoint == null ? Reinforce.create(env, driverConfig, backend)
          : Reinforce.resume(checkpoint, env, driverConfig, backend);
    } catch (RuntimeException e) {
      env.close();
      throw e;
    }
  }

  /**
   * Starts a Spark context on a master, and checks within {@code timeout} that it can run tasks: a
   * standalone master ({@code spark://host:port}) must accept a connection and give the application an
   * executor; {@code local}, {@code local[n]}, {@code local[*]} and {@code local[n,maxFailures]} need no
   * check. The JVM needs Spark's {@code --add-opens} options (see the package description).
   *
   * @param master the master URL
   * @param timeout how long to wait for the master and for the first executor, positive
   * @return the running context; stop it when done
   * @throws IllegalArgumentException if the URL is of another form, or no master answers at its address
   *     within the timeout (the message says which address and why)
   * @throws IllegalStateException if the master does not register the application, or gives it no
   *     executor, within the timeout (the context is then stopped), or Spark fails to start
   */
  public static JavaSparkContext connect(String master, Duration timeout) {
    Objects.requireNonNull(master, "master");
    return connect(new SparkConf().setMaster(master).setAppName("pgrl"), timeout);
  }

  /**
   * Starts a Spark context with the given settings (those of a cluster's driver and executors, say),
   * checked as {@link #connect(String, Duration)} checks its master.
   *
   * @param conf the settings, with the master URL ({@code spark.master})
   * @param timeout how long to wait for the master and for the first executor, positive
   * @return the running context; stop it when done
   * @throws IllegalArgumentException as {@link #connect(String, Duration)}, also if no master is set
   * @throws IllegalStateException as {@link #connect(String, Duration)}
   */
  public static JavaSparkContext connect(SparkConf conf, Duration timeout) {
    Objects.requireNonNull(conf, "conf");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
    }
    String master = conf.get("spark.master", "");
    boolean local = LOCAL.matcher(master).matches();
    if (!local && !STANDALONE.matcher(master).matches()) {
      throw new IllegalArgumentException("the Spark master '" + master + "' is neither local, local[n], local[*],"
          + " local[n,maxFailures] nor spark://host:port[,host:port…]");
    }
    if (!conf.contains("spark.app.name")) {
      conf = conf.clone().setAppName("pgrl");
    }
    if (local) {
      return new JavaSparkContext(conf);
    }
    requireReachable(master, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    JavaSparkContext spark = startWithin(conf, master, timeout);
    awaitExecutor(spark, master, timeout, deadline);
    return spark;
  }

  /**
   * Starts the context on a thread of its own, since Spark's registration with a standalone master can
   * block for a minute (three tries of 20 s); a context that starts after the timeout is stopped.
   */
  private static JavaSparkContext startWithin(SparkConf conf, String master, Duration timeout) {
    CompletableFuture<JavaSparkContext> started = new CompletableFuture<>();
    Thread starter = new Thread(() -> {
      try {
        JavaSparkContext c = new JavaSparkContext(conf);
        if (!started.complete(c)) {
          c.stop();
        }
      } catch (Throwable e) {
        started.completeExceptionally(e);
      }
    }, "pgrl-spark-connect");
    starter.setDaemon(true);
    starter.start();
    try {
      return started.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (!started.completeExceptionally(e)) {
        started.join().stop();
      }
      throw new IllegalStateException("the Spark master " + master + " did not register this application within "
          + timeout.toSeconds() + " s: is a Spark master of a version that fits (" + org.apache.spark.package$.MODULE$
          .SPARK_VERSION() + ") listening there? (the context, if it starts later, is stopped)", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Spark could not start with the master " + master + ": " + e.getCause(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.completeExceptionally(e);
      throw new IllegalStateException("interrupted while connecting to " + master, e);
    }
  }

  /**
   * Plays the round's episodes as one Spark job of up to {@code slices} tasks, after broadcasting the
   * parameters.
   *
   * @throws IllegalStateException if the job fails (after Spark's retries), with Spark's message; if an
   *     executor could not load a class (the environment's, the factories'), the message names it and
   *     says how to put it on the executors' class path
   */
  @Override
  public List<PlayedEpisode<Integer>> play(long update, long from, long to, float[] parameters) {
    Broadcast<float[]> shared = spark.broadcast(parameters);
    try {
      List<long[]> ranges = new ArrayList<>();
      long n = to - from;
      for (int k = 0; k < slices; k++) {
        long a = from + n * k / slices;
        long b = from + n * (k + 1) / slices;
        if (b > a) {
          ranges.add(new long[] {a, b});
        }
      }
      spark.setJobDescription("pgrl REINFORCE update " + update + ": episodes [" + from + ", " + to + ")");
      List<List<PlayedEpisode<Integer>>> parts;
      try {
        parts = spark.parallelize(ranges, ranges.size())
            .map(new PlayRange(environments, config, description, shared))
            .collect();
      } catch (Exception e) { // SparkException is checked, and thrown undeclared by the Java API
        throw failed(e, update, from, to);
      }
      List<PlayedEpisode<Integer>> out = new ArrayList<>((int) n);
      parts.forEach(out::addAll);
      return out;
    } finally {
      shared.destroy();
    }
  }

  @Override
  public String toString() {
    return "SparkRollouts[" + spark.master() + ", " + slices + " slices]";
  }

  private static final Pattern MISSING_CLASS = Pattern.compile("ClassNotFoundException: ([\\w.$]+)");
  /** How Java deserialization fails on a lambda whose defining class is missing: the field names the factory. */
  private static final Pattern MISSING_LAMBDA_CLASS =
      Pattern.compile("cannot assign instance of java.lang.invoke.SerializedLambda to field [\\w.$]+\\.(environments|config) ");

  /** A failed job as an IllegalStateException, which names a class an executor could not load. */
  private IllegalStateException failed(Exception e, long update, long from, long to) {
    String round = "episodes [" + from + ", " + to + ") of update " + update;
    String missing = missingClass(e);
    if (missing == null) {
      return new IllegalStateException("Spark could not play " + round + ": " + e.getMessage(), e);
    }
    return new IllegalStateException("an executor could not load the class " + missing + " to play " + round
        + ": put the jar that holds it on the executors' class path (the application jar of spark-submit, its"
        + " --jars, or spark.executor.extraClassPath)", e);
  }

  /** The class an executor could not load, as Spark's failure names it, or {@code null}. */
  private String missingClass(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String message = String.valueOf(c.getMessage());
      Matcher missing = MISSING_CLASS.matcher(message);
      if (missing.find()) {
        return missing.group(1);
      }
      Matcher lambda = MISSING_LAMBDA_CLASS.matcher(message);
      if (lambda.find()) {
        boolean env = lambda.group(1).equals("environments");
        String factory = (env ? environments : config).getClass().getName();
        int cut = factory.indexOf("$$Lambda");
        return (cut > 0 ? factory.substring(0, cut) : factory) + " (it defines the "
            + (env ? "environment" : "configuration") + " factory)";
      }
    }
    return null;
  }

  /** One task: plays the episodes of a range of indices with the broadcast parameters. */
  private static final class PlayRange implements Function<long[], List<PlayedEpisode<Integer>>> {
    private static final long serialVersionUID = 1L;
    private final SerializableSupplier<? extends Environment<float[], Integer>> environments;
    private final SerializableSupplier<ReinforceConfig> config;
    private final Map<String, String> description;
    private final Broadcast<float[]> parameters;

    PlayRange(SerializableSupplier<? extends Environment<float[], Integer>> environments,
        SerializableSupplier<ReinforceConfig> config, Map<String, String> description, Broadcast<float[]> parameters) {
      this.environments = environments;
      this.config = config;
      this.description = description;
      this.parameters = parameters;
    }

    @Override
    public List<PlayedEpisode<Integer>> call(long[] range) {
      ReinforceConfig c = config.get();
      if (c == null || !description.equals(c.describe())) {
        throw new IllegalStateException("the configuration factory " + config.getClass().getName() + " made "
            + (c == null ? "null" : c.describe()) + " on an executor, but " + description + " on the driver: it must"
            + " make the same configuration everywhere");
      }
      Environment<float[], Integer> env = environments.get();
      if (env == null) {
        throw new IllegalStateException("the environment factory " + environments.getClass().getName()
            + " returned null on an executor");
      }
      List<PlayedEpisode<Integer>> out = new ArrayList<>((int) (range[1] - range[0]));
      try (EpisodePlayer player = EpisodePlayer.of(env, c)) {
        player.setParameters(parameters.value());
        for (long e = range[0]; e < range[1]; e++) {
          out.add(player.play(e));
        }
      }
      return out;
    }
  }

  /** Refuses a factory that cannot travel to the executors, naming the class that is not serializable. */
  private static void requireSerializable(Object factory, String what) {
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(factory);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("the " + what + " " + factory.getClass().getName() + " cannot be sent to"
          + " Spark's executors: it holds an instance of " + e.getMessage() + ", which is not Serializable; capture"
          + " only serializable values (or none) in it", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("the " + what + " " + factory.getClass().getName() + " cannot be"
          + " serialized for Spark's executors: " + e, e);
    }
  }

  /** Refuses a standalone master URL none of whose addresses accepts a connection within the timeout. */
  private static void requireReachable(String master, Duration timeout) {
    List<String> failures = new ArrayList<>();
    for (String address : master.substring("spark://".length()).split(",")) {
      int colon = address.lastIndexOf(':');
      int port = Integer.parseInt(address.substring(colon + 1));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address.substring(0, colon), port), (int) Math.min(timeout.toMillis(), 60_000));
        return;
      } catch (IOException | IllegalArgumentException e) {
        failures.add(address + ": " + e.getMessage());
      }
    }
    throw new IllegalArgumentException("no Spark master answers at " + master + " (" + String.join("; ", failures)
        + "): is it running, and is this the URL its log prints (spark://HOST:PORT, by default port 7077)?");
  }

  /** Waits for the first executor of a cluster, stopping the context if none comes within the timeout. */
  private static void awaitExecutor(JavaSparkContext spark, String master, Duration timeout, long deadline) {
    // the driver is listed among the executors: a cluster's first executor makes two
    while (spark.statusTracker().getExecutorInfos().length < 2) {
      if (spark.sc().isStopped() || System.nanoTime() > deadline) {
        spark.stop();
        throw new IllegalStateException("the Spark master " + master + " gave this application no executor within "
            + timeout.toSeconds() + " s: has it a worker with free cores and memory?");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        spark.stop();
        throw new IllegalStateException("interrupted while waiting for an executor of " + master, e);
      }
    }
  }
}
