package io.github.pgrl.benchmarks;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.ValueFunction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The CPU time per row of PPO's minibatch passes on CartPole's 4-64-64 networks, for a hidden activation
 * (argument {@code TANH} or {@code RELU}): the policy's gradient, the critic's gradient and the policy's
 * forward pass alone, on a 256-step minibatch, in CPU time of the measuring thread (so a busy machine
 * changes it less than wall time). Five rounds of 400 passes each; the last rounds are the figures.
 *
 * <pre>java -cp rl-benchmarks/target/benchmarks.jar io.github.pgrl.benchmarks.MlpRowCost TANH</pre>
 */
public final class MlpRowCost {

  private MlpRowCost() {}

  /**
   * Prints one line per round.
   *
   * @param args the activation's name
   */
  public static void main(String[] args) {
    Activation activation = Activation.valueOf(args.length > 0 ? args[0] : "TANH");
    SplittableRandom rng = new SplittableRandom(1);
    MlpPolicy policy = MlpPolicy.builder(4, 2).hidden(64, 64).activation(activation).build(rng);
    ValueFunction critic = ValueFunction.of(4, new int[] {64, 64}, activation, rng);
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    int rows = 256;
    for (int t = 0; t < rows; t++) {
      steps.add(new float[] {(float) rng.nextGaussian(), (float) rng.nextGaussian(), (float) rng.nextGaussian(),
          (float) rng.nextGaussian()}, rng.nextInt(2), null);
    }
    double[] weights = rng.doubles(rows, -1, 1).toArray();
    double[] targets = rng.doubles(rows, -1, 1).toArray();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int passes = 400;
    for (int round = 0; round < 5; round++) {
      long c0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < passes; i++) {
        policy.computeGradient(steps, TrainablePolicy.Objective.mean(weights, 0, Exploration.NONE), null);
      }
      long c1 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < passes; i++) {
        critic.computeGradient(steps, targets);
      }
      long c2 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < passes; i++) {
        policy.logProbabilities(steps, Exploration.NONE);
      }
      long c3 = threads.getCurrentThreadCpuTime();
      double per = 1e3 * passes * rows;
      System.out.printf(Locale.ROOT, "%s: policy gradient %.2f us/row, critic gradient %.2f us/row, policy forward"
          + " %.2f us/row%n", activation, (c1 - c0) / per, (c2 - c1) / per, (c3 - c2) / per);
    }
  }
}
