package io.github.pgrl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodePlayer;
import io.github.pgrl.core.reinforce.PlayedEpisode;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.reinforce.TrainingListener;
import io.github.pgrl.core.reinforce.UpdateStats;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.pixels.FrameDifference;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;

/**
 * The costs of playing REINFORCE episodes on Spark, printed (not a test of behaviour: its name keeps it
 * out of the default run). Run: {@code mvn -B -o -q -pl rl-spark test -Dtest=SparkRolloutCosts
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SparkRolloutCosts {

  static ReinforceConfig cartPole() {
    return ReinforceConfig.builder().seed(3).hidden(64).batchEpisodes(10).build();
  }

  static ReinforceConfig pong() {
    return ReinforceConfig.classicPongFromPixels().seed(3).batchEpisodes(2).build();
  }

  static Environment<float[], Integer> pongEnvironment() {
    // as pgrl pong train plays it: two actions, differences of 80×80 binary frames
    return FrameDifference.of(PongEnvironment.binary(PongConfig.builder().twoActions(true).reuseObservation(true).build(), 2),
        true);
  }

  private static double medianMillis(int runs, LongSupplier nanos) {
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      t[i] = nanos.getAsLong() / 1e6;
    }
    Arrays.sort(t);
    return t[runs / 2];
  }

  private static int serializedSize(Object o) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(o);
      }
      return bytes.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void measure() {
    JavaSparkContext spark = SparkRollouts.connect("local[2]", Duration.ofSeconds(30));
    try {
      // task launch: a job of two tasks that do nothing, after warm-up
      List<Integer> two = List.of(1, 2);
      medianMillis(20, () -> { long t = System.nanoTime(); spark.parallelize(two, 2).map(x -> x).collect(); return System.nanoTime() - t; });
      System.out.printf("job of 2 empty tasks: %.1f ms (median of 30)%n",
          medianMillis(30, () -> { long t = System.nanoTime(); spark.parallelize(two, 2).map(x -> x).collect(); return System.nanoTime() - t; }));

      // Pong: the parameters broadcast once per update
      MlpPolicy pongPolicy = pong().buildPolicy(6400, 2);
      float[] parameters = pongPolicy.parameters();
      System.out.printf("Pong parameters: %d floats, %d bytes serialized%n", parameters.length, serializedSize(parameters));
      System.out.printf("broadcast of the Pong parameters (driver side, then one task reads them): %.1f ms (median of 10)%n",
          medianMillis(10, () -> {
            long t = System.nanoTime();
            Broadcast<float[]> b = spark.broadcast(parameters);
            spark.parallelize(two, 2).map(x -> b.value().length).collect();
            long d = System.nanoTime() - t;
            b.destroy();
            return d;
          }));

      // what every task does before its first episode: build the environment and the MLP, set the parameters
      System.out.printf("task setup, Pong (environment, MLP, parameters): %.1f ms (median of 7)%n", medianMillis(7, () -> {
        long t = System.nanoTime();
        try (EpisodePlayer p = EpisodePlayer.of(pongEnvironment(), pong())) {
          p.setParameters(parameters);
          return System.nanoTime() - t;
        }
      }));

      // per-episode cost and result size, locally
      for (String name : List.of("CartPole", "Pong")) {
        boolean isPong = name.equals("Pong");
        ReinforceConfig config = isPong ? pong() : cartPole();
        try (EpisodePlayer player = EpisodePlayer.of(isPong ? pongEnvironment() : CartPole.v1(), config)) {
          int episodes = isPong ? 2 : 50;
          long steps = 0;
          long bytes = 0;
          long serialNanos = 0;
          long t = System.nanoTime();
          List<PlayedEpisode<Integer>> played = new ArrayList<>();
          for (int e = 0; e < episodes; e++) {
            played.add(player.play(e));
          }
          double playMillis = (System.nanoTime() - t) / 1e6 / episodes;
          for (PlayedEpisode<Integer> ep : played) {
            steps += ep.length();
            long s = System.nanoTime();
            bytes += serializedSize(ep);
            serialNanos += System.nanoTime() - s;
          }
          System.out.printf("%s: %.1f ms per episode of %.0f steps (untrained policy, %d episodes); serialized %.0f"
                  + " bytes per episode (%.1f per step) in %.2f ms; a gradient sum is %d bytes%n", name, playMillis,
              (double) steps / episodes, episodes, (double) bytes / episodes, (double) bytes / steps,
              serialNanos / 1e6 / episodes, 4L * (isPong ? parameters.length : config.buildPolicy(4, 2).parameterCount()));
        }
      }

      // CartPole updates: local on one thread against Spark with two slices, same results
      try (Reinforce<MlpPolicy> local = Reinforce.create(CartPole.v1(), cartPole());
          Reinforce<MlpPolicy> onSpark = SparkRollouts.reinforce(spark, CartPole::v1, SparkRolloutCosts::cartPole, 2)) {
        local.train(Budget.updates(5));
        onSpark.train(Budget.updates(5));
        long t = System.nanoTime();
        local.train(Budget.updates(20));
        double localMs = (System.nanoTime() - t) / 1e6 / 20;
        t = System.nanoTime();
        onSpark.train(Budget.updates(20));
        double sparkMs = (System.nanoTime() - t) / 1e6 / 20;
        assertEquals(Arrays.toString(local.policy().parameters()), Arrays.toString(onSpark.policy().parameters()));
        System.out.printf("CartPole update of 10 episodes (%.0f steps per update): local, 1 thread %.1f ms; Spark local[2],"
            + " 2 slices %.1f ms%n", (double) local.steps() / local.updates(), localMs, sparkMs);
      }

      // Pong: two updates of 2 episodes, local against Spark; the second one's rollout and learning times
      try (Reinforce<MlpPolicy> local = Reinforce.create(pongEnvironment(), pong());
          Reinforce<MlpPolicy> onSpark = SparkRollouts.reinforce(spark, SparkRolloutCosts::pongEnvironment,
              SparkRolloutCosts::pong, 2)) {
        List<UpdateStats> localStats = new ArrayList<>();
        List<UpdateStats> sparkStats = new ArrayList<>();
        local.addListener(new TrainingListener() {
          @Override public void onUpdate(UpdateStats u) { localStats.add(u); }
        });
        onSpark.addListener(new TrainingListener() {
          @Override public void onUpdate(UpdateStats u) { sparkStats.add(u); }
        });
        local.train(Budget.updates(2));
        onSpark.train(Budget.updates(2));
        assertEquals(Arrays.toString(local.policy().parameters()), Arrays.toString(onSpark.policy().parameters()));
        UpdateStats l = localStats.get(1);
        UpdateStats r = sparkStats.get(1);
        System.out.printf("Pong update of 2 episodes (%d steps): local, 1 thread: rollouts %.0f ms, learning %.0f ms;"
                + " Spark local[2], 2 slices: rollouts %.0f ms, learning %.0f ms (bit-identical parameters)%n", l.steps(),
            l.rolloutSeconds() * 1e3, l.learnSeconds() * 1e3, r.rolloutSeconds() * 1e3, r.learnSeconds() * 1e3);
      }
    } finally {
      spark.stop();
    }
  }
}
