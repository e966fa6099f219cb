package io.github.pgrl.core.reinforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RolloutBackendTest {

  /**
   * Plays every round as a remote backend would: a new player per call, the parameters set from the
   * copy it was given, each episode serialized and read back.
   */
  static final class PlayerBackend implements RolloutBackend<Integer> {
    private final Supplier<Environment<float[], Integer>> environments;
    private final ReinforceConfig config;
    final List<long[]> rounds = new ArrayList<>();
    boolean closed;

    PlayerBackend(Supplier<Environment<float[], Integer>> environments, ReinforceConfig config) {
      this.environments = environments;
      this.config = config;
    }

    @Override
    public List<PlayedEpisode<Integer>> play(long update, long from, long to, float[] parameters) {
      rounds.add(new long[] {update, from, to});
      List<PlayedEpisode<Integer>> out = new ArrayList<>();
      try (EpisodePlayer player = EpisodePlayer.of(environments.get(), config)) {
        player.setParameters(parameters);
        for (long e = from; e < to; e++) {
          out.add(roundTrip(player.play(e)));
        }
      }
      return out;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  static int serializedSize(Object value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      return bytes.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<EpisodeStats> episodes(Reinforce<?> r) {
    List<EpisodeStats> out = new ArrayList<>();
    r.addListener(new TrainingListener() {
      @Override public void onEpisode(EpisodeStats s) { out.add(s); }
    });
    return out;
  }

  private static void assertSameRun(Reinforce<MlpPolicy> local, Reinforce<MlpPolicy> remote, int updates) {
    List<EpisodeStats> a = episodes(local);
    List<EpisodeStats> b = episodes(remote);
    local.train(Budget.updates(updates));
    remote.train(Budget.updates(updates));
    assertArrayEquals(local.policy().parameters(), remote.policy().parameters());
    assertEquals(local.valueFunction().map(v -> Arrays.toString(v.parameters())),
        remote.valueFunction().map(v -> Arrays.toString(v.parameters())));
    assertEquals(local.episodes(), remote.episodes());
    assertEquals(local.steps(), remote.steps());
    assertEquals(local.updates(), remote.updates());
    assertEquals(Double.doubleToRawLongBits(local.runningScore()), Double.doubleToRawLongBits(remote.runningScore()));
    assertEquals(a, b);
  }

  @Test
  void aRunWhoseEpisodesABackendPlaysEqualsTheLocalRunBitForBit() {
    // a step budget makes batches end mid-round, and the value function reads the last observations
    ReinforceConfig config = ReinforceConfig.builder().seed(11).hidden(8).optimizer(OptimizerConfig.Adam.of(0.05))
        .baseline(BaselineKind.VALUE_FUNCTION).exploration(Exploration.sticky(0.25)).batchEpisodes(3).batchSteps(40)
        .build();
    PlayerBackend backend = new PlayerBackend(() -> new TwoArmedBandit(7), config);
    Reinforce<MlpPolicy> remote = Reinforce.create(new TwoArmedBandit(7), config, backend);
    assertSameRun(Reinforce.create(new TwoArmedBandit(7), config), remote, 6);
    assertTrue(backend.rounds.size() > 6, "some updates needed more than one round: " + backend.rounds.size());
    remote.close();
    assertTrue(backend.closed, "closing the trainer closes its backend");
  }

  @Test
  void aRunWithActionMasksOnABackendEqualsTheLocalRun() {
    ReinforceConfig config = ReinforceConfig.builder().seed(5).hidden(8).optimizer(OptimizerConfig.Adam.of(0.05))
        .batchEpisodes(4).build();
    assertSameRun(Reinforce.create(new Gates(), config),
        Reinforce.create(new Gates(), config, new PlayerBackend(Gates::new, config)), 5);
  }

  @Test
  void aBackendThatReturnsTooFewEpisodesStopsTrainingBeforeTheParametersChange() {
    ReinforceConfig config = ReinforceConfig.builder().seed(2).hidden(4).batchEpisodes(3).build();
    RolloutBackend<Integer> shortRounds = new RolloutBackend<>() {
      final PlayerBackend inner = new PlayerBackend(() -> new TwoArmedBandit(5), config);

      @Override
      public List<PlayedEpisode<Integer>> play(long update, long from, long to, float[] parameters) {
        return inner.play(update, from, to - 1, parameters);
      }
    };
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(5), config, shortRounds);
    float[] before = r.policy().parameters();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
    assertTrue(e.getMessage().contains("returned 2 episodes for episodes [0, 3) of update 0"), e.getMessage());
    assertArrayEquals(before, r.policy().parameters());
  }

  @Test
  void aBackendThatReturnsEpisodesOutOfOrderStopsTraining() {
    ReinforceConfig config = ReinforceConfig.builder().seed(2).hidden(4).batchEpisodes(3).build();
    PlayerBackend inner = new PlayerBackend(() -> new TwoArmedBandit(5), config);
    RolloutBackend<Integer> reversed = (update, from, to, parameters) -> {
      List<PlayedEpisode<Integer>> out = new ArrayList<>(inner.play(update, from, to, parameters));
      java.util.Collections.reverse(out);
      return out;
    };
    Reinforce<MlpPolicy> r = Reinforce.create(new TwoArmedBandit(5), config, reversed);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
    assertTrue(e.getMessage().contains("returned episode 2 where episode 0 belongs"), e.getMessage());
  }

  @Test
  void aStopRequestedDuringARoundTakesEffectBeforeTheNextRound() {
    ReinforceConfig config = ReinforceConfig.builder().seed(2).hidden(4).batchEpisodes(2).build();
    PlayerBackend inner = new PlayerBackend(() -> new TwoArmedBandit(5), config);
    List<Reinforce<MlpPolicy>> trainer = new ArrayList<>();
    RolloutBackend<Integer> stopping = (update, from, to, parameters) -> {
      trainer.get(0).requestStop(); // as another thread would, while the round is played
      return inner.play(update, from, to, parameters);
    };
    trainer.add(Reinforce.create(new TwoArmedBandit(5), config, stopping));
    TrainingSummary summary = trainer.get(0).train(Budget.updates(5));
    assertTrue(summary.stopped());
    assertEquals(1, trainer.get(0).updates(), "the round in progress completes its update");
    assertEquals(2, trainer.get(0).episodes());
  }

  private static PlayedEpisode<Integer> sparseEpisode() {
    float[][] obs = new float[3][1000];
    obs[0][3] = 1.5f;
    obs[1][999] = -0.0f;
    obs[2][0] = Float.MIN_VALUE;
    float[] last = new float[1000];
    last[500] = 2f;
    return new PlayedEpisode<>(7, obs, List.of(1, 0, 0), null, new double[] {1, -0.0, 2}, false, last, 3, 3,
        Map.of("hits", 2.0));
  }

  @Test
  void aSerializedEpisodeComesBackBitForBitAndSparse() {
    PlayedEpisode<Integer> e = sparseEpisode();
    PlayedEpisode<Integer> back = roundTrip(e);
    assertEquals(e, back);
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(back.observation(1)[999]));
    assertEquals(1.5f, back.observation(0)[3]);
    assertEquals(Float.MIN_VALUE, back.observation(2)[0]);
    // three non-zeros instead of 3 × 1000 floats: the last observation (1000 floats, 4 kB) dominates
    int bytes = serializedSize(e);
    assertTrue(bytes < 6_000, "serialized size " + bytes);
  }

  @Test
  void anEpisodeWhosePartsDisagreeIsRefusedNamingThem() {
    float[][] obs = {{1f}, {2f}};
    IllegalArgumentException counts = assertThrows(IllegalArgumentException.class, () -> new PlayedEpisode<>(0, obs,
        List.of(1, 0), null, new double[] {1}, true, new float[] {0f}, 1, 1, Map.of()));
    assertTrue(counts.getMessage().contains("2 observations but 2 actions, 1 rewards"), counts.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class, () -> new PlayedEpisode<>(0,
        new float[][] {{1f}, {2f, 3f}}, List.of(1, 0), null, new double[] {1, 0}, true, new float[] {0f}, 1, 1, Map.of()));
    assertTrue(ragged.getMessage().contains("the observation of step 1 has 2 values, the first 1"), ragged.getMessage());
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> new PlayedEpisode<>(0, obs,
        List.of(1, 0), null, new double[] {1, 0}, true, new float[] {0f, 1f}, 1, 1, Map.of()));
    assertTrue(length.getMessage().contains("after the last step has 2 values, the others 1"), length.getMessage());
    IllegalArgumentException reward = assertThrows(IllegalArgumentException.class, () -> new PlayedEpisode<>(0, obs,
        List.of(1, 0), null, new double[] {1, Double.NaN}, true, new float[] {0f}, 1, 1, Map.of()));
    assertTrue(reward.getMessage().contains("the reward of step 1 is NaN"), reward.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> new PlayedEpisode<>(0,
        new float[0][], List.of(), null, new double[0], true, new float[] {0f}, 0, 0, Map.of()));
    assertTrue(empty.getMessage().contains("needs at least one step"), empty.getMessage());
  }

  @Test
  void anEpisodeIsImmutable() {
    PlayedEpisode<Integer> e = sparseEpisode();
    e.observation(0)[3] = 9f;
    e.rewards()[0] = 9;
    e.last()[500] = 9f;
    assertEquals(sparseEpisode(), e);
  }

  @Test
  void aPlayerRefusesANegativeIndexAndParametersOfTheWrongCount() {
    ReinforceConfig config = ReinforceConfig.builder().seed(2).hidden(4).build();
    try (EpisodePlayer p = EpisodePlayer.of(new TwoArmedBandit(3), config)) {
      IllegalArgumentException index = assertThrows(IllegalArgumentException.class, () -> p.play(-1));
      assertTrue(index.getMessage().contains("at least 0, got -1"), index.getMessage());
      assertThrows(IllegalArgumentException.class, () -> p.setParameters(new float[3]));
      assertEquals(p.play(4), p.play(4), "an episode replayed is the same episode");
    }
  }
}
