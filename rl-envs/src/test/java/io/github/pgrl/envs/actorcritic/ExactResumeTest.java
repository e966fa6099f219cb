package io.github.pgrl.envs.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.ActorCriticListener;
import io.github.pgrl.core.actorcritic.UpdateMetrics;
import io.github.pgrl.core.policy.ConvPolicy;
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.pendulum.Pendulum;
import io.github.pgrl.envs.pixels.FrameStack;
import io.github.pgrl.envs.pong.PongConfig;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * "Train N updates, save, resume, train M" equals "train N + M" bit for bit, on environments that restore
 * their mid-episode state, for any number of environment threads and gradient threads on either side.
 */
class ExactResumeTest {

  /** Everything a run's future depends on, and what its listeners heard. */
  private record Outcome(List<float[]> parameters, double runningScore, long episodes, List<String> heard) {}

  private static final class Recorder implements ActorCriticListener {
    final List<String> heard = new ArrayList<>();

    @Override
    public void onEpisode(EpisodeStats s) {
      heard.add("episode " + s.episode() + " " + s.length() + " " + s.score() + " " + s.totalSteps());
    }

    @Override
    public void onUpdate(UpdateMetrics m) {
      heard.add("update " + m.update() + " " + m.policyLoss() + " " + m.valueLoss() + " " + m.approxKl() + " "
          + m.explainedVariance());
    }
  }

  private static ActorCriticConfig config(int threads) {
    return ActorCriticConfig.ppo().seed(4).hidden(16).valueHidden(16).rolloutSteps(40).minibatchSize(32).epochs(2)
        .normalizeObservations(true).normalizeRewards(true).valueClipRange(0.2).threads(threads).build();
  }

  private static Outcome cartPole(int first, int second, int threadsBefore, int threadsAfter) throws Exception {
    Recorder recorder = new Recorder();
    Path dir = Files.createTempDirectory("pgrl-resume");
    Path file = dir.resolve("run.pgrl");
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.threaded(CartPole::v1, 3, threadsBefore)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config(threadsBefore)).addListener(recorder);
      ac.train(Budget.updates(first));
      if (second == 0) {
        return new Outcome(List.of(ac.policy().parameters(), ac.valueFunction().parameters()), ac.runningScore(),
            ac.episodes(), recorder.heard);
      }
      ac.save(file);
      ac.close();
    }
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.threaded(CartPole::v1, 3, threadsAfter)) {
      ActorCritic<MlpPolicy> ac = ActorCritic.resume(file, envs, config(threadsAfter)).addListener(recorder);
      assertTrue(ac.resumedExactly());
      ac.train(Budget.updates(second));
      return new Outcome(List.of(ac.policy().parameters(), ac.valueFunction().parameters()), ac.runningScore(),
          ac.episodes(), recorder.heard);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  @Property(tries = 6, seed = "20261129")
  void aResumedRunEqualsAnUninterruptedOne(@ForAll @IntRange(min = 1, max = 3) int first,
      @ForAll @IntRange(min = 1, max = 3) int second, @ForAll @IntRange(min = 1, max = 2) int threadsBefore,
      @ForAll @IntRange(min = 1, max = 2) int threadsAfter) throws Exception {
    Outcome whole = cartPole(first + second, 0, 1, 1);
    Outcome resumed = cartPole(first, second, threadsBefore, threadsAfter);
    assertArrayEquals(whole.parameters().get(0), resumed.parameters().get(0), "policy");
    assertArrayEquals(whole.parameters().get(1), resumed.parameters().get(1), "critic");
    assertEquals(whole.runningScore(), resumed.runningScore());
    assertEquals(whole.episodes(), resumed.episodes());
    assertEquals(whole.heard(), resumed.heard());
  }

  private static double[] pendulum(int first, int second) throws Exception {
    Path file = Files.createTempFile("pgrl-resume", ".pgrl");
    ActorCriticConfig config = ActorCriticConfig.ppo().seed(2).valueHidden(16).rolloutSteps(64).minibatchSize(64)
        .epochs(2).gamma(0.9).build();
    Box torque = Pendulum.v1().actionSpace() instanceof Box b ? b : null;
    try (VectorEnvironment<float[], float[]> envs = VectorEnvironment.of(Pendulum::v1, 2)) {
      ActorCritic<GaussianPolicy> ac = ActorCritic.create(envs,
          GaussianPolicy.builder(3, torque).hidden(16).build(new SplittableRandom(2)), config);
      ac.train(Budget.updates(first));
      if (second > 0) {
        ac.save(file);
      } else {
        Files.delete(file);
        return toDoubles(ac.policy().parameters(), ac.runningScore());
      }
    }
    try (VectorEnvironment<float[], float[]> envs = VectorEnvironment.of(Pendulum::v1, 2)) {
      ActorCritic<GaussianPolicy> ac = ActorCritic.resume(file, envs,
          GaussianPolicy.builder(3, torque).hidden(16).build(new SplittableRandom(99)), config);
      ac.train(Budget.updates(second));
      return toDoubles(ac.policy().parameters(), ac.runningScore());
    } finally {
      Files.delete(file);
    }
  }

  private static double[] toDoubles(float[] parameters, double runningScore) {
    double[] out = new double[parameters.length + 1];
    for (int i = 0; i < parameters.length; i++) {
      out[i] = parameters[i];
    }
    out[parameters.length] = runningScore;
    return out;
  }

  @net.jqwik.api.Example
  void aGaussianPolicyOnPendulumResumesExactlyToo() throws Exception {
    // 2 copies × 64 steps: the 200-step episodes are cut by every save
    assertArrayEquals(pendulum(5, 0), pendulum(2, 3));
  }

  /**
   * A convolutional policy on two stacked 40×40 Pong frames, whose rollout computes each lockstep step's
   * copies in one batched pass: {@code first} updates on {@code threadsBefore} threads, then (if {@code
   * second > 0}) a save and {@code second} updates of the resumed run on {@code threadsAfter}.
   */
  private static double[] pong(int first, int second, int threadsBefore, int threadsAfter) throws Exception {
    Path file = Files.createTempFile("pgrl-resume", ".pgrl");
    PongConfig game = PongConfig.builder().frameSkip(4).reuseObservation(false).build();
    java.util.function.IntFunction<ActorCriticConfig> config = threads -> ActorCriticConfig.ppo().seed(6).valueHidden(16)
        .rolloutSteps(16).minibatchSize(24).epochs(2).threads(threads).build();
    java.util.function.LongFunction<ConvPolicy> policy = seed -> ConvPolicy.builder(2, 40, 40, 3).conv(4, 8, 4)
        .conv(8, 3, 2).hidden(16).build(new SplittableRandom(seed));
    java.util.function.IntFunction<VectorEnvironment<float[], Integer>> envs = threads -> VectorEnvironment.threaded(
        () -> FrameStack.of(PongEnvironment.binary(game, 4), 2, false), 3, threads);
    try (VectorEnvironment<float[], Integer> e = envs.apply(threadsBefore)) {
      ActorCritic<ConvPolicy> ac = ActorCritic.create(e, policy.apply(5), config.apply(threadsBefore));
      ac.train(Budget.updates(first));
      if (second > 0) {
        ac.save(file);
        ac.close();
      } else {
        ac.close();
        Files.delete(file);
        return toDoubles(ac.policy().parameters(), ac.runningScore());
      }
    }
    try (VectorEnvironment<float[], Integer> e = envs.apply(threadsAfter)) {
      ActorCritic<ConvPolicy> ac = ActorCritic.resume(file, e, policy.apply(99), config.apply(threadsAfter));
      assertTrue(ac.resumedExactly());
      ac.train(Budget.updates(second));
      ac.close();
      return toDoubles(ac.policy().parameters(), ac.runningScore());
    } finally {
      Files.delete(file);
    }
  }

  @net.jqwik.api.Example
  void aConvPolicyOnPongResumesExactlyOnAnyThreads() throws Exception {
    double[] whole = pong(4, 0, 1, 1);
    assertArrayEquals(whole, pong(4, 0, 2, 2));
    assertArrayEquals(whole, pong(2, 2, 2, 1));
  }
}
