package io.github.pgrl.envs.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.actorcritic.ActorCriticListener;
import io.github.pgrl.core.actorcritic.Schedule;
import io.github.pgrl.core.actorcritic.UpdateMetrics;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.reinforce.EpisodeStats;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.envs.cartpole.CartPole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * With one network for the actor and the critic, "train N updates, save, resume, train M" equals "train N
 * + M" bit for bit, for any number of environment and gradient threads on either side.
 */
class SharedNetworkResumeTest {

  private record Outcome(float[] parameters, double runningScore, long episodes, List<String> heard) {}

  private static final class Recorder implements ActorCriticListener {
    final List<String> heard = new ArrayList<>();

    @Override
    public void onEpisode(EpisodeStats s) {
      heard.add("episode " + s.episode() + " " + s.length() + " " + s.score() + " " + s.totalSteps());
    }

    @Override
    public void onUpdate(UpdateMetrics m) {
      heard.add("update " + m.update() + " " + m.policyLoss() + " " + m.valueLoss() + " " + m.approxKl() + " "
          + m.gradientNorm() + " " + m.explainedVariance());
    }
  }

  private static ActorCriticConfig config(int threads) {
    return ActorCriticConfig.ppo().seed(4).hidden(16).rolloutSteps(40).minibatchSize(32).epochs(2)
        .normalizeObservations(true).normalizeRewards(true).valueClipRange(0.2).valueCoefficient(0.8)
        .learningRateSchedule(Schedule.linear(1, 0, 2_000)).sharedNetwork(true).threads(threads).build();
  }

  private static Outcome cartPole(int first, int second, int threadsBefore, int threadsAfter) throws Exception {
    Recorder recorder = new Recorder();
    Path dir = Files.createTempDirectory("pgrl-shared-resume");
    Path file = dir.resolve("run.pgrl");
    try {
      try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.threaded(CartPole::v1, 3, threadsBefore)) {
        ActorCritic<MlpPolicy> ac = ActorCritic.create(envs, config(threadsBefore)).addListener(recorder);
        ac.train(Budget.updates(first));
        if (second == 0) {
          return new Outcome(ac.policy().parameters(), ac.runningScore(), ac.episodes(), recorder.heard);
        }
        ac.save(file);
        ac.close();
      }
      try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.threaded(CartPole::v1, 3, threadsAfter)) {
        ActorCritic<MlpPolicy> ac = ActorCritic.resume(file, envs, config(threadsAfter)).addListener(recorder);
        assertTrue(ac.resumedExactly());
        ac.train(Budget.updates(second));
        return new Outcome(ac.policy().parameters(), ac.runningScore(), ac.episodes(), recorder.heard);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  @Property(tries = 4, seed = "20261129")
  void aResumedRunEqualsAnUninterruptedOne(@ForAll @IntRange(min = 1, max = 3) int first,
      @ForAll @IntRange(min = 1, max = 3) int second, @ForAll @IntRange(min = 1, max = 2) int threadsBefore,
      @ForAll @IntRange(min = 1, max = 2) int threadsAfter) throws Exception {
    Outcome whole = cartPole(first + second, 0, 1, 1);
    Outcome resumed = cartPole(first, second, threadsBefore, threadsAfter);
    assertArrayEquals(whole.parameters(), resumed.parameters(), "the shared network");
    assertEquals(whole.runningScore(), resumed.runningScore());
    assertEquals(whole.episodes(), resumed.episodes());
    assertEquals(whole.heard(), resumed.heard());
  }
}
