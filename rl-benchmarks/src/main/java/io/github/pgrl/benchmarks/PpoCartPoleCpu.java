package io.github.pgrl.benchmarks;

import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.Schedule;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.TrainingSummary;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.envs.cartpole.CartPole;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * PPO on CartPole-v1 with the SB3 zoo's settings (seed 1, one thread) and a given hidden activation
 * (argument {@code TANH}, the zoo's, or {@code RELU}): 10,000 steps of warm-up, then 90,000 steps, reported
 * per CPU second of the training thread and per wall second, with the running score at the end. Run it
 * under JFR ({@code -XX:StartFlightRecording=filename=ppo.jfr,settings=profile}) to see where the time goes.
 *
 * <pre>java -cp rl-benchmarks/target/benchmarks.jar io.github.pgrl.benchmarks.PpoCartPoleCpu TANH</pre>
 */
public final class PpoCartPoleCpu {

  private PpoCartPoleCpu() {}

  /**
   * Prints one line.
   *
   * @param args the activation's name
   */
  public static void main(String[] args) {
    Activation activation = Activation.valueOf(args.length > 0 ? args[0] : "TANH");
    ActorCriticConfig config = ActorCriticConfig.ppo().seed(1).rolloutSteps(32).minibatchSize(256).epochs(20)
        .gamma(0.98).gaeLambda(0.8).activation(activation).optimizer(OptimizerConfig.Adam.of(1e-3))
        .valueOptimizer(OptimizerConfig.Adam.of(1e-3)).learningRateSchedule(Schedule.linear(1, 0, 100_000))
        .clipRange(Schedule.linear(0.2, 0, 100_000)).build();
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(CartPole::v1, 8);
        ActorCritic<MlpPolicy> ppo = ActorCritic.create(envs, config)) {
      ppo.train(Budget.steps(10_000));
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      TrainingSummary s = ppo.train(Budget.steps(90_000));
      long c1 = threads.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      System.out.printf(Locale.ROOT, "%s: %d steps, %.0f steps per CPU second of the training thread, %.0f per wall"
          + " second; running score %.1f%n", activation, s.steps(), s.steps() / ((c1 - c0) / 1e9),
          s.steps() / ((w1 - w0) / 1e9), ppo.runningScore());
    }
  }
}
