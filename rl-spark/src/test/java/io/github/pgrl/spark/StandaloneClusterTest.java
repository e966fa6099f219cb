package io.github.pgrl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.envs.cartpole.CartPole;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Spark standalone cluster on this machine: Spark's own {@code Master} and {@code Worker} as JVMs of
 * their own on 127.0.0.1, with the test class path, and a driver in this JVM. Slow (three more JVMs):
 * it runs in the {@code spark-cluster} profile, active by default ({@code -P!spark-cluster} leaves it out).
 * Their logs are in {@code target/spark-cluster/}.
 */
class StandaloneClusterTest {

  private static final Path WORK = Path.of("target", "spark-cluster").toAbsolutePath();
  private static Process master;
  private static Process worker;
  private static int masterPort;

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The options Spark's launcher gives its JVMs on Java 17, as the pom gives them to this one. */
  private static List<String> sparkJavaOptions() {
    List<String> out = new ArrayList<>();
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-modules") || arg.startsWith("-Dio.netty")
          || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
        out.add(arg);
      }
    }
    return out;
  }

  private static Process launch(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(sparkJavaOptions());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(WORK.resolve(name + ".log").toFile());
    // the worker builds its executors' command from SPARK_HOME, whose jars/ is empty here: their class
    // path comes from spark.executor.extraClassPath instead
    pb.environment().put("SPARK_HOME", WORK.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static void awaitPort(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the master did not listen on " + port + " within " + timeout);
  }

  @BeforeAll
  static void startCluster() throws IOException, InterruptedException {
    Files.createDirectories(WORK.resolve("work"));
    // an empty SPARK_HOME/jars: the worker adds it to its executors' class path and requires it to exist
    Files.createDirectories(WORK.resolve("jars"));
    masterPort = freePort();
    master = launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
    awaitPort(masterPort, Duration.ofSeconds(60));
    worker = launch("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
        "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir", WORK.resolve("work").toString(),
        "spark://127.0.0.1:" + masterPort);
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (Process p : new Process[] {worker, master}) {
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      }
    }
  }

  /** The executor JVM the worker started (the worker starts nothing else), if one runs. */
  private static Optional<ProcessHandle> executor() {
    return worker.children().filter(ProcessHandle::isAlive).findFirst();
  }

  /** A driver on this machine whose executors get the given class path. */
  private static SparkConf driver(String executorClassPath) {
    return new SparkConf().setMaster("spark://127.0.0.1:" + masterPort).setAppName("pgrl-cluster-test")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.executor.extraClassPath", executorClassPath)
        .set("spark.executor.memory", "1g")
        .set("spark.task.maxFailures", "4");
  }

  @Test
  void trainingOnAStandaloneClusterEqualsTheLocalRunAlsoWhenAnExecutorIsKilledMidRun() {
    JavaSparkContext spark = SparkRollouts.connect(driver(System.getProperty("java.class.path")), Duration.ofSeconds(120));
    AtomicBoolean killNow = new AtomicBoolean();
    AtomicInteger killed = new AtomicInteger();
    AtomicInteger removed = new AtomicInteger();
    spark.sc().addSparkListener(new SparkListener() {
      @Override
      public void onTaskStart(SparkListenerTaskStart start) {
        if (killNow.getAndSet(false)) {
          executor().ifPresent(h -> {
            h.destroyForcibly();
            killed.incrementAndGet();
          });
        }
      }

      @Override
      public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        removed.incrementAndGet();
      }
    });
    try (Reinforce<MlpPolicy> local = Reinforce.create(CartPole.v1(), SparkRolloutsTest.cartPole());
        Reinforce<MlpPolicy> onCluster =
            SparkRollouts.reinforce(spark, CartPole::v1, SparkRolloutsTest::cartPole, 2)) {
      List<EpisodeStats> a = new ArrayList<>();
      List<EpisodeStats> b = new ArrayList<>();
      local.addListener(new TrainingListener() {
        @Override public void onEpisode(EpisodeStats s) { a.add(s); }
      });
      onCluster.addListener(new TrainingListener() {
        @Override public void onEpisode(EpisodeStats s) { b.add(s); }
      });
      local.train(Budget.updates(6));
      onCluster.train(Budget.updates(3));
      // the executor dies as the next update's first task starts; the worker starts another
      killNow.set(true);
      onCluster.train(Budget.updates(3));
      assertEquals(1, killed.get(), "executors killed");
      assertArrayEquals(local.policy().parameters(), onCluster.policy().parameters());
      assertArrayEquals(local.valueFunction().orElseThrow().parameters(), onCluster.valueFunction().orElseThrow().parameters());
      assertEquals(local.steps(), onCluster.steps());
      assertEquals(Double.doubleToRawLongBits(local.runningScore()), Double.doubleToRawLongBits(onCluster.runningScore()));
      assertEquals(a, b);
    } finally {
      spark.stop();
    }
    assertTrue(removed.get() >= 1, "the killed executor was removed: " + removed.get());
    assertTrue(new File(WORK.toFile(), "master.log").length() > 0);
  }

  @Test
  void anExecutorThatCannotLoadTheFactoriesClassIsReportedNamingIt() {
    // the executors get everything but this module's test classes, where the factories live
    String withoutTests = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.replace('\\', '/').contains("rl-spark/target/test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
    JavaSparkContext spark = SparkRollouts.connect(driver(withoutTests), Duration.ofSeconds(120));
    try (Reinforce<MlpPolicy> onCluster =
        SparkRollouts.reinforce(spark, CartPole::v1, SparkRolloutsTest::cartPole, 2)) {
      float[] before = onCluster.policy().parameters();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> onCluster.train(Budget.updates(1)));
      // both factories are method references written here: the first one deserialized fails
      assertTrue(e.getMessage().startsWith("an executor could not load the class"
          + " io.github.pgrl.spark.StandaloneClusterTest (it defines the "), e.getMessage());
      assertTrue(e.getMessage().contains(" factory) to play episodes [0, 4) of update 0: put the jar that holds it on"
          + " the executors' class path"), e.getMessage());
      assertArrayEquals(before, onCluster.policy().parameters());
    } finally {
      spark.stop();
    }
  }
}
