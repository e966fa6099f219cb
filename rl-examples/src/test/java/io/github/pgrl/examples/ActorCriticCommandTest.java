package io.github.pgrl.examples;

import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.normalize.ObservationNormalizer;
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.wrappers.NormalizeObservation;
import io.github.pgrl.envs.cartpole.CartPole;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --algo a2c|ppo} on {@code train --env}, {@code cartpole train} and {@code pong train}, with tiny
 * budgets: the options and their defaults, the files of a run, resume, evaluation, and every kind of bad
 * input refused with one message before anything is written.
 */
class ActorCriticCommandTest {

  @Test
  void ppoOnCartPoleWritesItsFilesWithTheZoosDefaultsAndEvalReadsIt(@TempDir Path dir) throws Exception {
    CliRun.Result train = run("train", "--env", "CartPole-v1", "--algo", "ppo", "--steps", "2048", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    assertTrue(train.out().contains("Trained 8 updates (2048 steps, "), train.out());

    Properties props = properties(dir);
    Map<String, String> expected = Map.ofEntries(Map.entry("env", "CartPole-v1"), Map.entry("algo", "ppo"),
        Map.entry("envs", "8"), Map.entry("rollout", "32"), Map.entry("minibatch", "256"), Map.entry("epochs", "20"),
        Map.entry("lr", "0.001"), Map.entry("gamma", "0.98"), Map.entry("lambda", "0.8"), Map.entry("clip", "0.2"),
        Map.entry("ent", "0.0"), Map.entry("normalize", "none"), Map.entry("hidden", "64,64"), Map.entry("seed", "1"),
        Map.entry("anneal", "2048"));
    expected.forEach((key, value) -> assertEquals(value, props.getProperty(key), key));
    assertFalse(props.containsKey("batch") || props.containsKey("baseline") || props.containsKey("threads"), props.toString());

    CheckpointFile cp = CheckpointFile.read(dir.resolve("checkpoint.pgrl"));
    assertEquals("actor-critic", cp.getString("kind"));
    assertEquals(MlpPolicy.class.getName(), cp.getString("policy.class"));
    assertEquals(2048, cp.getLong("counters.steps"));
    assertEquals(8, cp.getLong("copies"));
    // every entry of the configuration, as the checkpoint has it
    int compared = 0;
    for (String key : props.stringPropertyNames()) {
      if (key.startsWith("config.")) {
        assertEquals(cp.getString(key), props.getProperty(key), key);
        compared++;
      }
    }
    assertEquals(ActorCriticConfig.ppo().build().describe().size() - 1, compared,
        "every entry of ActorCriticConfig.describe() but threads, on which results do not depend");
    assertEquals("linear(1.0 to 0.0 over 2048 steps)", props.getProperty("config.learningRateSchedule"));
    assertEquals("linear(0.2 to 0.0 over 2048 steps)", props.getProperty("config.clipRange"));

    List<String[]> updates = rows(dir.resolve("updates.csv"), ActorCriticTraining.UPDATES_HEADER);
    assertEquals(8, updates.size());
    for (int u = 0; u < 8; u++) {
      String[] row = updates.get(u);
      assertEquals(String.valueOf(u), row[0]);
      assertEquals("256", row[1]);
      assertEquals(String.valueOf(256 * (u + 1)), row[19], "total_steps");
      assertEquals("20", row[14], "epochs");
      // the learning rate and the clip range fall linearly to 0 over the 2,048 steps of the budget
      assertEquals(1e-3 * (1 - u / 8.0), Double.parseDouble(row[12]), 1e-9, "learning_rate");
      assertEquals(0.2 * (1 - u / 8.0), Double.parseDouble(row[13]), 1e-7, "clip_range");
      double kl = Double.parseDouble(row[8]);
      double clipFraction = Double.parseDouble(row[9]);
      assertTrue(Double.isFinite(kl) && clipFraction >= 0 && clipFraction <= 1, String.join(",", row));
    }
    List<String[]> episodes = rows(dir.resolve("metrics.csv"), EpisodeTraining.HEADER);
    assertEquals(cp.getLong("counters.episodes"), episodes.size());
    assertEquals(Long.parseLong(updates.get(7)[18]), episodes.size(), "total_episodes of the last update");
    assertEquals(cp.getDouble("runningScore"), Double.parseDouble(episodes.get(episodes.size() - 1)[5]), 1e-3);

    CliRun.Result eval = run("eval", "--checkpoint", dir.toString(), "--episodes", "3");
    assertEquals(0, eval.code(), eval.err());
    Map<String, String> json = EnvCommandTest.json(CliRun.lastLine(eval.out()));
    assertEquals("\"CartPole-v1\"", json.get("env"));
    double mean = Double.parseDouble(json.get("mean_return"));
    assertTrue(mean >= 1 && mean <= 500, json.toString());
  }

  @Test
  void resumeContinuesTheCountersAndMendsBothFiles(@TempDir Path dir) throws Exception {
    assertEquals(0, run("train", "--env", "CartPole-v1", "--algo", "ppo", "--steps", "512", "--out", dir.toString()).code());
    long episodes = CheckpointFile.read(dir.resolve("checkpoint.pgrl")).getLong("counters.episodes");
    // a kill after the rows of an update whose checkpoint was not written, while a row was written
    List<String> lastUpdate = Files.readAllLines(dir.resolve("updates.csv"));
    Files.writeString(dir.resolve("updates.csv"), lastUpdate.get(lastUpdate.size() - 1).replaceFirst("^1,", "2,")
        + "\n3,256,3,17.", StandardOpenOption.APPEND);
    List<String> lastEpisode = Files.readAllLines(dir.resolve("metrics.csv"));
    Files.writeString(dir.resolve("metrics.csv"), lastEpisode.get(lastEpisode.size() - 1)
        .replaceFirst("^\\d+,", episodes + ",") + "\n", StandardOpenOption.APPEND);
    CliRun.Result resumed = run("train", "--resume", "--out", dir.toString(), "--steps", "512");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("4 updates (1024 steps, "), resumed.out());
    CheckpointFile cp = CheckpointFile.read(dir.resolve("checkpoint.pgrl"));
    assertEquals(4, cp.getLong("counters.updates"));
    assertEquals(1024, cp.getLong("counters.steps"));
    assertTrue(cp.getLong("counters.episodes") > episodes);
    List<String[]> updates = rows(dir.resolve("updates.csv"), ActorCriticTraining.UPDATES_HEADER);
    assertEquals(List.of("0", "1", "2", "3"), updates.stream().map(r -> r[0]).toList());
    assertEquals("1024", updates.get(3)[19]);
    List<String[]> rows = rows(dir.resolve("metrics.csv"), EpisodeTraining.HEADER);
    assertEquals(cp.getLong("counters.episodes"), rows.size());
    for (int e = 0; e < rows.size(); e++) {
      assertEquals(String.valueOf(e), rows.get(e)[0], "every episode once, in order");
    }
    // the schedules keep the run's horizon: the budget of the first call, 512 steps
    assertEquals("512", properties(dir).getProperty("anneal"));
    assertEquals(0.0, Double.parseDouble(updates.get(3)[12]), 0.0, "learning rate after 768 of 512 steps");
  }

  @Test
  void a2cStoresOnlyItsOwnOptionsAndResumesAndEvaluates(@TempDir Path dir) throws Exception {
    CliRun.Result train = run("train", "--env", "CartPole-v1", "--algo", "a2c", "--steps", "400", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    Properties props = properties(dir);
    assertEquals("a2c", props.getProperty("algo"));
    assertEquals("8", props.getProperty("envs"));
    assertEquals("5", props.getProperty("rollout"));
    assertEquals("7.0E-4", props.getProperty("lr"));
    assertEquals("1.0", props.getProperty("lambda"));
    for (String ppoOnly : List.of("epochs", "minibatch", "clip")) {
      assertFalse(props.containsKey(ppoOnly), ppoOnly + " in " + props);
    }
    assertEquals("A2C", props.getProperty("config.algorithm"));
    assertTrue(props.getProperty("config.optimizer").startsWith("RmsProp[learningRate=7.0E-4, decay=0.99"),
        props.getProperty("config.optimizer"));
    List<String[]> updates = rows(dir.resolve("updates.csv"), ActorCriticTraining.UPDATES_HEADER);
    assertEquals(10, updates.size(), "400 steps of 8 copies × 5");
    for (String[] row : updates) {
      assertEquals("0.0", row[8], "A2C has no KL divergence from an older policy");
      assertEquals("0.0", row[9], "nor a clip fraction");
      assertEquals("1", row[14], "one epoch");
    }
    CliRun.Result resumed = run("train", "--resume", "--out", dir.toString(), "--steps", "40");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("11 updates (440 steps, "), resumed.out());
    CliRun.Result eval = run("eval", "--checkpoint", dir.toString(), "--episodes", "2");
    assertEquals(0, eval.code(), eval.err());
  }

  @Test
  void everyOptionIsParsedIntoTheRunAndTheThreadsChangeNothing(@TempDir Path tmp) throws Exception {
    List<String> options = List.of("--env", "CartPole-v1", "--algo", "ppo", "--envs", "2", "--rollout", "16", "--epochs", "3",
        "--minibatch", "8", "--lr", "0.002", "--gamma", "0.9", "--lambda", "0.7", "--clip", "0.3", "--ent", "0.05",
        "--hidden", "8", "--seed", "7", "--anneal", "1000", "--normalize", "obs", "--steps", "64");
    Map<Integer, Path> runs = new LinkedHashMap<>();
    for (int threads : new int[] {1, 2}) {
      Path dir = tmp.resolve("threads" + threads);
      List<String> args = new ArrayList<>(List.of("train"));
      args.addAll(options);
      args.addAll(List.of("--threads", String.valueOf(threads), "--out", dir.toString()));
      CliRun.Result r = run(args.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      runs.put(threads, dir);
    }
    Path dir = runs.get(1);
    Properties props = properties(dir);
    Map<String, String> expected = Map.ofEntries(Map.entry("envs", "2"), Map.entry("rollout", "16"),
        Map.entry("epochs", "3"), Map.entry("minibatch", "8"), Map.entry("lr", "0.002"), Map.entry("gamma", "0.9"),
        Map.entry("lambda", "0.7"), Map.entry("clip", "0.3"), Map.entry("ent", "0.05"), Map.entry("hidden", "8"),
        Map.entry("seed", "7"), Map.entry("anneal", "1000"), Map.entry("normalize", "obs"),
        Map.entry("config.rolloutSteps", "16"), Map.entry("config.epochs", "3"), Map.entry("config.minibatchSize", "8"),
        Map.entry("config.gamma", "0.9"), Map.entry("config.gaeLambda", "0.7"),
        Map.entry("config.clipRange", "linear(0.3 to 0.0 over 1000 steps)"),
        Map.entry("config.learningRateSchedule", "linear(1.0 to 0.0 over 1000 steps)"),
        Map.entry("config.entropyCoefficient", "0.05"), Map.entry("config.hidden", "[8]"),
        Map.entry("config.valueHidden", "[8]"), Map.entry("config.seed", "7"),
        Map.entry("config.normalizeObservations", "true"), Map.entry("config.normalizeRewards", "false"),
        Map.entry("config.optimizer", "Adam[learningRate=0.002, beta1=0.9, beta2=0.999, epsilon=1.0E-5]"));
    expected.forEach((key, value) -> assertEquals(value, props.getProperty(key), key));
    assertFalse(props.containsKey("threads"), "results do not depend on the threads: they are not part of the run");
    assertFalse(props.containsKey("config.threads"), "nor of its stored configuration");
    CheckpointFile cp = CheckpointFile.read(dir.resolve("checkpoint.pgrl"));
    assertEquals(2, cp.getLong("copies"));
    assertEquals(List.of("0", "1"), rows(dir.resolve("updates.csv"), ActorCriticTraining.UPDATES_HEADER).stream()
        .map(r -> r[0]).toList(), "64 steps of 2 copies × 16");

    // trained on normalised observations: eval plays through the stored statistics, cartpole eval refuses
    Environment<float[], ?> evaluated = EvalCommand.evaluationEnvironment(
        EnvSetup.of(EnvSetup.parse(List.of("--env", "CartPole-v1"))), cp);
    assertTrue(evaluated instanceof NormalizeObservation, "evaluated on " + evaluated);
    float[] first = evaluated.reset(3);
    ObservationNormalizer stored = ObservationNormalizer.of(4);
    stored.readState(cp, "normalize.observations.");
    try (CartPole raw = CartPole.v1()) {
      assertArrayEquals(stored.normalize(raw.reset(3)), first);
    }
    assertEquals(0, run("eval", "--checkpoint", dir.toString(), "--episodes", "2").code());
    CliRun.Result refused = run("cartpole", "eval", "--checkpoint", dir.toString(), "--episodes", "2");
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("trained on normalised observations"), refused.err());

    CheckpointFile other = CheckpointFile.read(runs.get(2).resolve("checkpoint.pgrl"));
    assertArrayEquals(cp.floats("policy.parameters"), other.floats("policy.parameters"));
    assertArrayEquals(cp.floats("value.parameters"), other.floats("value.parameters"));
    assertEquals(withoutTimes(dir.resolve("metrics.csv"), 3), withoutTimes(runs.get(2).resolve("metrics.csv"), 3));
  }

  @Test
  void continuousAndMaskedEnvironmentsTrainTheirPoliciesAndEvaluate(@TempDir Path tmp) throws Exception {
    Path pendulum = tmp.resolve("pendulum");
    CliRun.Result train = run("train", "--env", "Pendulum-v1", "--algo", "ppo", "--envs", "2", "--rollout", "200",
        "--steps", "400", "--hidden", "16", "--out", pendulum.toString());
    assertEquals(0, train.code(), train.err());
    CheckpointFile cp = CheckpointFile.read(pendulum.resolve("checkpoint.pgrl"));
    assertEquals(GaussianPolicy.class.getName(), cp.getString("policy.class"));
    assertEquals(2, cp.getLong("counters.episodes"), "one 200-step episode per copy");
    CliRun.Result eval = run("eval", "--checkpoint", pendulum.toString(), "--episodes", "2");
    assertEquals(0, eval.code(), eval.err());

    Path maze = tmp.resolve("maze");
    assertEquals(0, run("train", "--env", "GridMaze-v0", "--algo", "a2c", "--steps", "2000", "--out", maze.toString()).code());
    for (String how : List.of("greedy", "sampled")) {
      CliRun.Result r = how.equals("greedy") ? run("eval", "--checkpoint", maze.toString(), "--episodes", "5")
          : run("eval", "--checkpoint", maze.toString(), "--episodes", "5", "--sample");
      assertEquals(0, r.code(), how + ": " + r.err()); // an invalid move would end the game with an error
    }
  }

  @Test
  void cartpoleTrainWithPpoIsTrainEnvCartPoleAndItsEvalReadsIt(@TempDir Path tmp) throws Exception {
    Path cartpole = tmp.resolve("cartpole");
    Path generic = tmp.resolve("generic");
    CliRun.Result train = run("cartpole", "train", "--algo", "ppo", "--steps", "512", "--hidden", "16", "--out",
        cartpole.toString());
    assertEquals(0, train.code(), train.err());
    assertEquals(0, run("train", "--env", "CartPole-v1", "--algo", "ppo", "--steps", "512", "--hidden", "16", "--out",
        generic.toString()).code());
    assertArrayEquals(CheckpointFile.read(generic.resolve("checkpoint.pgrl")).floats("policy.parameters"),
        CheckpointFile.read(cartpole.resolve("checkpoint.pgrl")).floats("policy.parameters"));
    assertEquals(properties(generic), properties(cartpole));

    CliRun.Result eval = run("cartpole", "eval", "--checkpoint", cartpole.toString(), "--episodes", "2");
    assertEquals(0, eval.code(), eval.err());
    assertTrue(CliRun.lastLine(eval.out()).startsWith("{\"episodes\":2,"), eval.out());
    assertEquals(0, run("eval", "--checkpoint", cartpole.toString(), "--episodes", "2").code());

    CliRun.Result resumed = run("cartpole", "train", "--resume", "--steps", "256", "--out", cartpole.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("3 updates (768 steps, "), resumed.out());
    CliRun.assertUserError(run("cartpole", "train", "--resume", "--algo", "a2c", "--out", cartpole.toString()),
        "--algo a2c differs from the run's ppo");
    CliRun.assertUserError(run("cartpole", "train", "--resume", "--hidden", "32", "--out", cartpole.toString()),
        "--hidden 32 differs from the run's 16");
  }

  @Test
  void pongTrainsWithPpoOnItsCopiesResumesAndPlays(@TempDir Path dir) throws Exception {
    CliRun.Result train = run("pong", "train", "--algo", "ppo", "--steps", "1024", "--envs", "2", "--rollout", "256",
        "--hidden", "8", "--out", dir.toString());
    assertEquals(0, train.code(), train.err());
    Properties props = properties(dir);
    for (String[] kv : new String[][] {{"algo", "ppo"}, {"envs", "2"}, {"rollout", "256"}, {"lr", "0.001"},
        {"entropy", "0.03"}, {"clip", "0.2"}, {"epochs", "3"}, {"minibatch", "1024"}, {"hidden", "8"},
        {"config.activation", "RELU"}}) {
      assertEquals(kv[1], props.getProperty(kv[0]), kv[0]);
    }
    assertFalse(props.containsKey("batch"), props.toString());
    assertEquals(List.of("0", "1"), rows(dir.resolve("updates.csv"), ActorCriticTraining.UPDATES_HEADER).stream()
        .map(r -> r[0]).toList());
    assertEquals(PongCommand.HEADER, Files.readAllLines(dir.resolve("metrics.csv")).get(0));
    assertTrue(Files.size(dir.resolve("learning-curve.png")) > 0);

    CliRun.Result eval = run("pong", "eval", "--checkpoint", dir.toString(), "--games", "1");
    assertEquals(0, eval.code(), eval.err());
    assertTrue(CliRun.lastLine(eval.out()).startsWith("{\"games\":1,"), eval.out());

    CliRun.Result resumed = run("pong", "train", "--resume", "--steps", "512", "--out", dir.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("3 updates (1536 steps, "), resumed.out());
    CliRun.assertUserError(run("pong", "train", "--resume", "--envs", "4", "--steps", "1", "--out", dir.toString()),
        "--envs 4 differs from the run's 2");
  }

  @Test
  void aCheckpointOfAnotherAlgorithmIsRefusedAndNothingChanges(@TempDir Path tmp) throws Exception {
    Path ppo = tmp.resolve("ppo");
    Path a2c = tmp.resolve("a2c");
    Path reinforce = tmp.resolve("reinforce");
    assertEquals(0, run("train", "--env", "CartPole-v1", "--algo", "ppo", "--steps", "256", "--out", ppo.toString()).code());
    assertEquals(0, run("train", "--env", "CartPole-v1", "--algo", "a2c", "--steps", "40", "--out", a2c.toString()).code());
    assertEquals(0, run("train", "--env", "CartPole-v1", "--episodes", "2", "--out", reinforce.toString()).code());
    String[][] swaps = {{"a2c", "ppo", "an A2C run", "--algo ppo"}, {"reinforce", "ppo", "a REINFORCE run", "--algo ppo"},
        {"ppo", "reinforce", "a PPO run", "--algo reinforce"}, {"ppo", "a2c", "a PPO run", "--algo a2c"}};
    for (String[] swap : swaps) {
      Path into = tmp.resolve(swap[0] + "-in-" + swap[1]);
      copy(tmp.resolve(swap[1]), into);
      Files.copy(tmp.resolve(swap[0]).resolve("checkpoint.pgrl"), into.resolve("checkpoint.pgrl"),
          StandardCopyOption.REPLACE_EXISTING);
      Map<String, byte[]> before = contents(into);
      CliRun.Result resumed = run("train", "--resume", "--out", into.toString(), "--steps", "40");
      CliRun.assertUserError(resumed, "is a checkpoint of " + swap[2], "are those of " + swap[3]);
      assertEquals(1, resumed.err().lines().filter(l -> l.startsWith("pgrl: ")).count(), resumed.err());
      CliRun.assertUserError(run("eval", "--checkpoint", into.toString(), "--episodes", "1"), "is a checkpoint of " + swap[2]);
      assertContentsEqual(before, contents(into));
    }
  }

  @Test
  void aRunWhoseStoredConfigurationItsOptionsNoLongerGiveIsRefused(@TempDir Path dir) throws Exception {
    assertEquals(0, run("train", "--env", "CartPole-v1", "--algo", "ppo", "--steps", "256", "--out", dir.toString()).code());
    // as if another version of pgrl, whose defaults made another configuration of these options, wrote it
    Path file = dir.resolve("run.properties");
    Files.writeString(file, Files.readString(file).replace("config.targetKl=Infinity", "config.targetKl=0.01"));
    Map<String, byte[]> before = contents(dir);
    String expected = "records a configuration that its options no longer give (config.targetKl is 0.01, the options give"
        + " Infinity)";
    CliRun.assertUserError(run("train", "--resume", "--out", dir.toString(), "--steps", "256"), expected);
    CliRun.assertUserError(run("eval", "--checkpoint", dir.toString(), "--episodes", "1"), expected);
    assertContentsEqual(before, contents(dir));
  }

  @Test
  void pongResumesOnlyWithItsRunsAlgorithm(@TempDir Path tmp) throws Exception {
    Path reinforce = tmp.resolve("reinforce");
    assertEquals(0, run("pong", "train", "--episodes", "1", "--batch", "1", "--hidden", "8", "--envs", "1", "--out",
        reinforce.toString()).code());
    assertFalse(properties(reinforce).containsKey("algo"), "a REINFORCE run stores what it always stored");
    Map<String, byte[]> before = contents(reinforce);
    CliRun.assertUserError(run("pong", "train", "--resume", "--algo", "ppo", "--episodes", "1", "--out", reinforce.toString()),
        "--algo ppo differs from the run's reinforce");
    CliRun.assertUserError(run("pong", "train", "--resume", "--epochs", "2", "--episodes", "1", "--out", reinforce.toString()),
        "--algo reinforce does not take --epochs (ppo only)");
    assertContentsEqual(before, contents(reinforce));
  }

  @Test
  void badInputExitsWithTwoAndOneMessageAndWritesNothing(@TempDir Path tmp) throws Exception {
    Path ppo = tmp.resolve("ppo");
    assertEquals(0, run("train", "--env", "CartPole-v1", "--algo", "ppo", "--steps", "256", "--out", ppo.toString()).code());
    Path fresh = tmp.resolve("fresh");
    String out = fresh.toString();
    String[] cp = {"train", "--env", "CartPole-v1", "--out", out};
    Object[][] cases = {
      {with(cp, "--algo", "ppo", "--batch", "4"), List.of("--algo ppo does not take --batch (reinforce only)")},
      {with(cp, "--algo", "ppo", "--baseline", "value"), List.of("--baseline (reinforce only)")},
      {with(cp, "--epochs", "3"), List.of("--algo reinforce does not take --epochs (ppo only)")},
      {with(cp, "--envs", "4", "--threads", "2"), List.of("--envs (a2c and ppo only), --threads (a2c and ppo only)")},
      {with(cp, "--algo", "reinforce", "--rollout", "4", "--lambda", "0.9", "--ent", "0.1", "--anneal", "5", "--normalize",
          "obs"), List.of("--rollout (a2c and ppo only)", "--lambda", "--ent", "--anneal", "--normalize")},
      {with(cp, "--algo", "a2c", "--clip", "0.1", "--minibatch", "4", "--epochs", "2"),
          List.of("--algo a2c does not take", "--epochs (ppo only)", "--minibatch (ppo only)", "--clip (ppo only)")},
      {with(cp, "--algo", "ppo", "--envs", "0"), List.of("--envs must lie between 1 and 64, got 0")},
      {with(cp, "--algo", "ppo", "--envs", "65"), List.of("--envs must lie between 1 and 64")},
      {with(cp, "--algo", "ppo", "--rollout", "0"), List.of("--rollout must lie between 1 and 1,000,000, got 0")},
      {with(cp, "--algo", "ppo", "--envs", "64", "--rollout", "100000"), List.of("6,400,000 steps per rollout")},
      {with(cp, "--algo", "ppo", "--epochs", "0"), List.of("--epochs must lie between 1 and 1,000")},
      {with(cp, "--algo", "ppo", "--minibatch", "-1"), List.of("--minibatch must lie between 1")},
      {with(cp, "--algo", "ppo", "--lambda", "1.5"), List.of("--lambda must lie in [0, 1], got 1.5")},
      {with(cp, "--algo", "a2c", "--lambda", "NaN"), List.of("--lambda must lie in [0, 1], got NaN")},
      {with(cp, "--algo", "ppo", "--clip", "0"), List.of("--clip must lie in (0, 1], got 0.0")},
      {with(cp, "--algo", "ppo", "--clip", "1.5"), List.of("--clip must lie in (0, 1]")},
      {with(cp, "--algo", "ppo", "--ent", "-0.1"), List.of("--ent must be a finite number of at least 0")},
      {with(cp, "--algo", "ppo", "--ent", "Infinity"), List.of("--ent must be a finite number")},
      {with(cp, "--algo", "ppo", "--anneal", "-5"), List.of("--anneal must be 0 (constant) or a number of steps")},
      {with(cp, "--algo", "ppo", "--normalize", "sometimes"), List.of("--normalize must be one of none, obs, reward, both")},
      {with(cp, "--algo", "ppo", "--threads", "0"), List.of("--threads must lie between 1 and 64")},
      {with(cp, "--algo", "ppo", "--lr", "0"), List.of("--lr must be a positive")},
      {with(cp, "--algo", "a2c", "--gamma", "-0.1"), List.of("--gamma must lie in [0, 1]")},
      {with(cp, "--algo", "ppo", "--rollout", "many"), List.of("--rollout", "'many'")},
      {with(cp, "--algo", "ppo", "--hidden", "64,x"), List.of("--hidden must be")},
      {with(cp, "--algo", "ppo", "--hidden", "10000,10000,10000,10000,10000"),
          List.of("--hidden 10000,10000,10000,10000,10000 with --envs 8 × --rollout 32 needs about", "java -Xmx")},
      {with(cp, "--algo", "PPO"), List.of("--algo must be one of reinforce, a2c, ppo, got 'PPO'")},
      {new String[] {"cartpole", "train", "--algo", "ppo", "--batch", "3", "--out", out}, List.of("--algo ppo does not take --batch")},
      {new String[] {"cartpole", "train", "--steps", "100", "--out", out}, List.of("--steps (a2c and ppo only)")},
      {new String[] {"cartpole", "train", "--epochs", "2", "--out", out}, List.of("--algo reinforce does not take --epochs")},
      {new String[] {"cartpole", "train", "--algo", "sarsa", "--out", out}, List.of("--algo must be one of")},
      {new String[] {"cartpole", "train", "--algo", "ppo", "--clip", "2", "--out", out}, List.of("--clip must lie in (0, 1]")},
      {new String[] {"cartpole", "train", "--algo", "ppo", "--steps", "5", "--episodes", "2", "--out", out},
          List.of("give one budget")},
      {new String[] {"pong", "train", "--algo", "ppo", "--batch", "3", "--out", out}, List.of("--algo ppo does not take --batch")},
      {new String[] {"pong", "train", "--rollout", "5", "--out", out}, List.of("--algo reinforce does not take --rollout")},
      {new String[] {"pong", "train", "--algo", "a2c", "--epochs", "5", "--out", out}, List.of("--epochs (ppo only)")},
      {new String[] {"pong", "train", "--algo", "ppo", "--lambda", "2", "--out", out}, List.of("--lambda must lie in [0, 1]")},
      {new String[] {"pong", "train", "--algo", "ppo", "--envs", "0", "--out", out}, List.of("--envs must lie between 1")},
      {new String[] {"pong", "train", "--algo", "dqn", "--out", out}, List.of("--algo must be one of")},
      {new String[] {"train", "--resume", "--out", ppo.toString(), "--batch", "3"}, List.of("--algo ppo does not take --batch")},
      {new String[] {"train", "--resume", "--out", ppo.toString(), "--epochs", "5"}, List.of("--epochs 5 differs from the run's 20")},
      {new String[] {"train", "--resume", "--out", ppo.toString(), "--algo", "a2c"}, List.of("--algo a2c differs from the run's ppo")},
    };
    Map<String, byte[]> before = contents(ppo);
    for (Object[] c : cases) {
      String[] args = (String[]) c[0];
      CliRun.Result r = run(args);
      @SuppressWarnings("unchecked")
      List<String> mentions = (List<String>) c[1];
      try {
        CliRun.assertUserError(r, mentions.toArray(String[]::new));
      } catch (AssertionError e) {
        throw new AssertionError(String.join(" ", args) + ": " + e.getMessage(), e);
      }
      assertEquals(1, r.err().lines().filter(l -> l.startsWith("pgrl: ")).count(), "one message:\n" + r.err());
      assertFalse(Files.exists(fresh), String.join(" ", args) + " created " + fresh);
    }
    assertContentsEqual(before, contents(ppo));
  }

  @Test
  void aProgressLineSaysWhatEachUpdateDid(@TempDir Path dir) {
    // 16 copies × 625 steps: one update of 10,000 steps, so one line
    CliRun.Result r = run("train", "--env", "CartPole-v1", "--algo", "a2c", "--envs", "16", "--rollout", "625", "--steps",
        "10000", "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.err().lines().filter(l -> l.startsWith("update ")).toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).matches("update 1, 10,000 steps, [\\d,]+ episodes: running score [-\\d.]+, policy loss [-\\d.]+,"
        + " value loss [-\\d.e+]+, entropy [\\d.]+, KL 0\\.0000, clip fraction 0\\.000, explained variance [-\\d.]+,"
        + " [\\d,]+ steps/s"), lines.get(0));
  }

  @Test
  void helpListsTheActorCriticOptions() {
    for (String[] command : new String[][] {{"train", "--help"}, {"cartpole", "train", "--help"}, {"pong", "train", "--help"}}) {
      CliRun.Result help = run(command);
      assertEquals(0, help.code());
      for (String option : List.of("--algo", "--envs", "--rollout", "--epochs", "--minibatch", "--lambda", "--clip", "--ent",
          "--anneal", "--normalize", "--threads", "--steps", "--minutes", "--episodes", "--resume", "--start-over")) {
        assertTrue(help.out().contains(option), String.join(" ", command) + ": " + option + " in\n" + help.out());
      }
    }
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static Properties properties(Path dir) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(dir.resolve("run.properties"))));
    return p;
  }

  /** The rows of a CSV file with the given header, split at commas, each as long as the header. */
  private static List<String[]> rows(Path file, String header) throws Exception {
    List<String> lines = Files.readAllLines(file);
    assertEquals(header, lines.get(0));
    int columns = header.split(",").length;
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      assertEquals(columns, fields.length, line);
      rows.add(fields);
    }
    return rows;
  }

  /** The lines of a CSV file without the column of wall time at {@code column}. */
  private static List<String> withoutTimes(Path file, int column) throws Exception {
    return Files.readAllLines(file).stream().map(l -> {
      List<String> f = new ArrayList<>(List.of(l.split(",", -1)));
      f.remove(column);
      return String.join(",", f);
    }).toList();
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    for (String name : CliRun.names(from)) {
      Files.copy(from.resolve(name), to.resolve(name));
    }
  }

  private static Map<String, byte[]> contents(Path dir) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : CliRun.names(dir)) {
      files.put(name, Files.readAllBytes(dir.resolve(name)));
    }
    return files;
  }

  private static void assertContentsEqual(Map<String, byte[]> before, Map<String, byte[]> after) {
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
  }
}
