package io.github.pgrl.spark;

import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.Reinforce;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.spark.SerializableSupplier;
import io.github.pgrl.spark.SparkRollouts;
import java.time.Duration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The README's "Rollouts on Apache Spark" snippet (region {@code README:spark-rollouts}), compiled and run
 * as it is written. It lives here, not in rl-examples, because only rl-spark has Spark on its class path.
 */
class SparkReadmeExampleTest {

  @Test
  void theSparkSnippetTrainsCartPoleOnLocalSpark() {
    // README:spark-rollouts:start
    // a factory, not a value: every Spark task builds the configuration and the environment itself
    SerializableSupplier<ReinforceConfig> config = () -> ReinforceConfig.builder()
        .seed(1).hidden(64).optimizer(OptimizerConfig.Adam.of(0.01)).batchEpisodes(8).build();
    try (JavaSparkContext spark = SparkRollouts.connect("local[2]", Duration.ofMinutes(1));
        Reinforce<MlpPolicy> trainer = SparkRollouts.reinforce(spark, CartPole::v1, config, 2)) {
      trainer.train(Budget.updates(20));   // bit-identical to Reinforce.create(CartPole.v1(), config.get())
      System.out.printf("%d episodes, running score %.1f%n", trainer.episodes(), trainer.runningScore());
    }
    // README:spark-rollouts:end
  }
}
