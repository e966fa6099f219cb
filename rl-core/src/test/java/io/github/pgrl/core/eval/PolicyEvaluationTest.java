package io.github.pgrl.core.eval;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Policy;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.core.wrappers.RewardWrapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PolicyEvaluationTest {

  private static final long SEED = 2024;

  /** The rewards of evaluation episodes 0, 1, 2, … of {@link #SEED}, found by their reset seeds. */
  private static ScriptedEpisodes scripted(double[]... episodes) {
    Map<Long, double[]> script = new HashMap<>();
    for (int e = 0; e < episodes.length; e++) {
      script.put(Seeds.derive(SEED, e, Seeds.ENVIRONMENT), episodes[e]);
    }
    return new ScriptedEpisodes(script);
  }

  /** Returns 3, 2, 4 and 3 in episodes of 3, 2, 1 and 5 steps. */
  private static ScriptedEpisodes fourEpisodes() {
    return scripted(new double[] {1, 1, 1}, new double[] {2, 0}, new double[] {4}, new double[] {-1, 0, 0, 0, 4});
  }

  /** Plays action 1 always. */
  private static final Policy<Integer, Integer> ONE = (observation, rng) -> 1;

  /** Plays a random action and records what it saw. */
  private static final class RecordingPolicy implements Policy<Integer, Integer> {
    final List<String> events = new ArrayList<>();
    final List<Long> firstDraws = new ArrayList<>();
    private boolean firstOfEpisode;

    @Override
    public Integer act(Integer observation, RandomGenerator rng) {
      if (firstOfEpisode) {
        firstDraws.add(rng.nextLong());
        firstOfEpisode = false;
      }
      events.add("act(" + observation + ")");
      return rng.nextInt(2);
    }

    @Override
    public void reset() {
      events.add("reset");
      firstOfEpisode = true;
    }
  }

  @Example
  void theReturnsLengthsAndStatisticsOfScriptedEpisodesAreKnown() {
    EvaluationResult result = PolicyEvaluation.evaluate(ONE, fourEpisodes(), 4, SEED);

    assertEquals(List.of(3.0, 2.0, 4.0, 3.0), result.returns());
    assertEquals(List.of(3, 2, 1, 5), result.lengths());
    assertEquals(4, result.episodes());
    assertEquals(0, result.cutAtStepLimit());
    assertEquals(3.0, result.mean());
    // deviations 0, -1, 1, 0: sample variance 2 / 3
    assertEquals(Math.sqrt(2.0 / 3.0), result.standardDeviation(), 1e-15);
    assertEquals(11 / 4.0, result.meanLength());
  }

  @Example
  void theConfidenceIntervalIsStudentsTWithTheQuantileOfTheTables() {
    EvaluationResult result = PolicyEvaluation.evaluate(ONE, fourEpisodes(), 4, SEED);

    // t(0.975; 3 degrees of freedom) = 3.18245 in the tables; s = sqrt(2/3); n = 4.
    double half = 3.182446 * Math.sqrt(2.0 / 3.0) / 2;
    EvaluationResult.Interval ci = result.confidenceInterval();
    assertEquals(3.0 - half, ci.lower(), 1e-6);
    assertEquals(3.0 + half, ci.upper(), 1e-6);
    assertEquals(half, ci.halfWidth(), 1e-6);
    // t(0.95; 3) = 2.35336: the 90% interval
    assertEquals(2.353363 * Math.sqrt(2.0 / 3.0) / 2, result.confidenceInterval(0.90).halfWidth(), 1e-6);
  }

  @Example
  void describesItselfWithTheStatistics() {
    EvaluationResult result = PolicyEvaluation.evaluate(ONE, fourEpisodes(), 4, SEED);
    EvaluationResult.Interval ci = result.confidenceInterval();

    assertEquals("4 episodes: mean return 3.0 (95% CI " + ci.lower() + " to " + ci.upper() + "), standard deviation "
        + result.standardDeviation() + ", mean length 2.75", result.toString());
    assertTrue(PolicyEvaluation.evaluate(ONE, fourEpisodes(), 4, SEED, 2).toString()
        .endsWith(", 2 cut at the step limit"));
  }

  @Example
  void theStepLimitCutsLongerEpisodesAndCountsThem() {
    EvaluationResult result = PolicyEvaluation.evaluate(ONE, fourEpisodes(), 4, SEED, 2);

    assertEquals(List.of(2.0, 2.0, 4.0, -1.0), result.returns());
    assertEquals(List.of(2, 2, 1, 2), result.lengths());
    assertEquals(2, result.cutAtStepLimit(), "an episode that ends at the limit by itself is not cut");
  }

  @Example
  void eachEpisodeIsResetWithItsDerivedSeedAndActsWithItsDerivedGenerator() {
    ScriptedEpisodes env = new ScriptedEpisodes(Map.of());
    RecordingPolicy policy = new RecordingPolicy();

    EvaluationResult result = PolicyEvaluation.evaluate(policy, env, 3, SEED);

    List<Long> seeds = List.of(Seeds.derive(SEED, 0, Seeds.ENVIRONMENT), Seeds.derive(SEED, 1, Seeds.ENVIRONMENT),
        Seeds.derive(SEED, 2, Seeds.ENVIRONMENT));
    assertEquals(seeds, env.resetSeeds());
    assertEquals(List.of(Seeds.generator(SEED, 0, Seeds.ACTIONS).nextLong(),
        Seeds.generator(SEED, 1, Seeds.ACTIONS).nextLong(), Seeds.generator(SEED, 2, Seeds.ACTIONS).nextLong()),
        policy.firstDraws);
    int steps = result.lengths().stream().mapToInt(Integer::intValue).sum();
    assertEquals(steps, env.actions().size());
  }

  @Example
  void thePolicyIsResetBeforeEveryEpisodeAndSeesEveryObservation() {
    RecordingPolicy policy = new RecordingPolicy();

    PolicyEvaluation.evaluate(policy, fourEpisodes(), 3, SEED);

    assertEquals(List.of("reset", "act(0)", "act(1)", "act(2)", "reset", "act(0)", "act(1)", "reset", "act(0)"),
        policy.events);
  }

  @Property(tries = 20)
  void theSameSeedGivesTheSameResult(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int episodes) {
    ScriptedEpisodes env = new ScriptedEpisodes(Map.of());

    EvaluationResult first = PolicyEvaluation.evaluate(new RecordingPolicy(), env, episodes, seed);
    PolicyEvaluation.evaluate(new RecordingPolicy(), env, 3, seed + 1); // whatever was played in between
    EvaluationResult again = PolicyEvaluation.evaluate(new RecordingPolicy(), env, episodes, seed);
    EvaluationResult elsewhere =
        PolicyEvaluation.evaluate(new RecordingPolicy(), new ScriptedEpisodes(Map.of()), episodes, seed);

    assertEquals(first, again);
    assertEquals(first, elsewhere);
  }

  @Property(tries = 20)
  void anEpisodeIsTheSameInShorterAndLongerEvaluations(@ForAll long seed) {
    EvaluationResult three = PolicyEvaluation.evaluate(new RecordingPolicy(), new ScriptedEpisodes(Map.of()), 3, seed);
    EvaluationResult eight = PolicyEvaluation.evaluate(new RecordingPolicy(), new ScriptedEpisodes(Map.of()), 8, seed);

    assertEquals(three.returns(), eight.returns().subList(0, 3));
    assertEquals(three.lengths(), eight.lengths().subList(0, 3));
  }

  @Example
  void anotherSeedGivesOtherEpisodes() {
    EvaluationResult a = PolicyEvaluation.evaluate(new RecordingPolicy(), new ScriptedEpisodes(Map.of()), 5, 1);
    EvaluationResult b = PolicyEvaluation.evaluate(new RecordingPolicy(), new ScriptedEpisodes(Map.of()), 5, 2);

    assertNotEquals(a.returns(), b.returns());
  }

  @Example
  void aSingleEpisodeHasNoSpreadAndAnUnboundedInterval() {
    EvaluationResult result = PolicyEvaluation.evaluate(ONE, fourEpisodes(), 1, SEED);

    assertEquals(3.0, result.mean());
    assertEquals(0.0, result.standardDeviation());
    assertEquals(new EvaluationResult.Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
        result.confidenceInterval());
  }

  @Example
  void equalReturnsGiveAnIntervalOfWidthZero() {
    EvaluationResult result = new EvaluationResult(List.of(5.0, 5.0, 5.0), List.of(1, 2, 3), 0);

    assertEquals(new EvaluationResult.Interval(5.0, 5.0), result.confidenceInterval());
  }

  /**
   * The 95% interval of the mean covers the true mean of normal returns in about 95% of evaluations of 5
   * episodes; an interval with the normal quantile 1.96 instead of Student's t would cover about 88%.
   */
  @Example
  void the95PercentIntervalCoversTheTrueMeanOfNormalReturnsAbout95PercentOfTheTime() {
    RandomGenerator rng = new java.util.SplittableRandom(7);
    int trials = 4000;
    int covered = 0;
    for (int trial = 0; trial < trials; trial++) {
      List<Double> returns = new ArrayList<>();
      for (int e = 0; e < 5; e++) {
        returns.add(10 + 3 * rng.nextGaussian());
      }
      if (new EvaluationResult(returns, List.of(1, 1, 1, 1, 1), 0).confidenceInterval().contains(10)) {
        covered++;
      }
    }
    double coverage = covered / (double) trials;
    assertTrue(coverage > 0.935 && coverage < 0.965, "coverage " + coverage);
  }

  @Property(tries = 50)
  void aHigherLevelGivesAWiderIntervalAroundTheMean(@ForAll long seed) {
    EvaluationResult result = PolicyEvaluation.evaluate(new RecordingPolicy(), new ScriptedEpisodes(Map.of()), 6, seed);

    EvaluationResult.Interval ninety = result.confidenceInterval(0.90);
    EvaluationResult.Interval ninetyFive = result.confidenceInterval();
    assertTrue(ninety.contains(result.mean()));
    assertTrue(ninetyFive.lower() <= ninety.lower() && ninety.upper() <= ninetyFive.upper(),
        () -> ninety + " is not inside " + ninetyFive);
  }

  // ---- misuse ----

  @Example
  void fewerThanOneEpisodeIsRefusedNamingTheAllowedRange() {
    assertEquals("episodes must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> PolicyEvaluation.evaluate(ONE, fourEpisodes(), 0, SEED)).getMessage());
    assertEquals("episodes must be at least 1, got -3", assertThrows(IllegalArgumentException.class,
        () -> PolicyEvaluation.evaluate(ONE, fourEpisodes(), -3, SEED, 10)).getMessage());
  }

  @Example
  void aStepLimitBelowOneIsRefusedNamingTheAllowedRange() {
    assertEquals("maxEpisodeSteps must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> PolicyEvaluation.evaluate(ONE, fourEpisodes(), 4, SEED, 0)).getMessage());
  }

  @Example
  void aMissingPolicyOrEnvironmentIsRefusedByName() {
    assertEquals("policy", assertThrows(NullPointerException.class,
        () -> PolicyEvaluation.evaluate(null, fourEpisodes(), 4, SEED)).getMessage());
    assertEquals("env", assertThrows(NullPointerException.class,
        () -> PolicyEvaluation.evaluate(ONE, null, 4, SEED)).getMessage());
  }

  @Example
  void aRewardThatIsNotFiniteStopsTheEvaluationNamingEpisodeAndStep() {
    Environment<Integer, Integer> nanAtTheThirdStep = new RewardWrapper<>(fourEpisodes()) {
      private int steps;

      @Override
      protected double reward(double reward) {
        return ++steps == 3 ? Double.NaN : reward;
      }

      @Override
      public String toString() {
        return "NanAtTheThirdStep";
      }
    };

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PolicyEvaluation.evaluate(ONE, nanAtTheThirdStep, 4, SEED));

    assertEquals("NanAtTheThirdStep gave the reward NaN at step 2 of evaluation episode 0; rewards must be finite",
        e.getMessage());
  }

  @Example
  void aReturnThatOverflowsStopsTheEvaluation() {
    ScriptedEpisodes env = scripted(new double[] {Double.MAX_VALUE, Double.MAX_VALUE});

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> PolicyEvaluation.evaluate(ONE, env, 1, SEED));

    assertEquals("the return of evaluation episode 0 on ScriptedEpisodes overflowed to Infinity after 2 steps;"
        + " returns must be finite", e.getMessage());
  }

  /** An environment that gives null where it must give an observation or a step. */
  private static final class GivesNull implements Environment<Integer, Integer> {
    private final boolean fromReset;

    GivesNull(boolean fromReset) {
      this.fromReset = fromReset;
    }

    @Override
    public Space<Integer> observationSpace() {
      return Discrete.of(1);
    }

    @Override
    public Space<Integer> actionSpace() {
      return Discrete.of(2);
    }

    @Override
    public Integer reset(long seed) {
      return fromReset ? null : 0;
    }

    @Override
    public Integer reset() {
      return reset(0);
    }

    @Override
    public Step<Integer> step(Integer action) {
      return null;
    }

    @Override
    public void close() {
      // nothing to release
    }

    @Override
    public String toString() {
      return "GivesNull";
    }
  }

  @Example
  void anEnvironmentThatReturnsNullIsNamedWithWhatItMustReturn() {
    IllegalStateException fromReset = assertThrows(IllegalStateException.class,
        () -> PolicyEvaluation.evaluate(ONE, new GivesNull(true), 2, SEED));
    IllegalStateException fromStep = assertThrows(IllegalStateException.class,
        () -> PolicyEvaluation.evaluate(ONE, new GivesNull(false), 2, SEED));

    assertAll(
        () -> assertEquals("GivesNull returned null from reset(" + Seeds.derive(SEED, 0, Seeds.ENVIRONMENT)
            + ") in evaluation episode 0; reset must return the first observation", fromReset.getMessage()),
        () -> assertEquals("GivesNull returned null from step 0 of evaluation episode 0; step must return the"
            + " outcome of the action", fromStep.getMessage()));
  }

  @Example
  void theEnvironmentIsLeftOpen() {
    boolean[] closed = {false};
    Environment<Integer, Integer> env = new RewardWrapper<>(fourEpisodes()) {
      @Override
      protected double reward(double reward) {
        return reward;
      }

      @Override
      public void close() {
        closed[0] = true;
      }
    };

    PolicyEvaluation.evaluate(ONE, env, 2, SEED);

    assertFalse(closed[0]);
  }

  // ---- the result's own checks ----

  @Example
  void aResultRefusesWhatNoEvaluationGives() {
    assertAll(
        () -> assertEquals("an evaluation needs at least one episode, got no returns", assertThrows(
            IllegalArgumentException.class, () -> new EvaluationResult(List.of(), List.of(), 0)).getMessage()),
        () -> assertEquals("every episode needs a return and a length, got 2 returns and 1 lengths", assertThrows(
            IllegalArgumentException.class, () -> new EvaluationResult(List.of(1.0, 2.0), List.of(1), 0)).getMessage()),
        () -> assertEquals("returns must be finite, episode 1 has NaN", assertThrows(IllegalArgumentException.class,
            () -> new EvaluationResult(List.of(1.0, Double.NaN), List.of(1, 1), 0)).getMessage()),
        () -> assertEquals("an episode lasts at least 1 step, episode 0 has 0", assertThrows(
            IllegalArgumentException.class, () -> new EvaluationResult(List.of(1.0), List.of(0), 0)).getMessage()),
        () -> assertEquals("cutAtStepLimit must be between 0 and the 1 episodes, got 2", assertThrows(
            IllegalArgumentException.class, () -> new EvaluationResult(List.of(1.0), List.of(1), 2)).getMessage()),
        () -> assertEquals("cutAtStepLimit must be between 0 and the 1 episodes, got -1", assertThrows(
            IllegalArgumentException.class, () -> new EvaluationResult(List.of(1.0), List.of(1), -1)).getMessage()));
  }

  @Example
  void aResultCannotBeChangedThroughItsListsOrTheListsItWasMadeFrom() {
    List<Double> returns = new ArrayList<>(List.of(1.0, 2.0));
    EvaluationResult result = new EvaluationResult(returns, List.of(1, 1), 0);
    returns.set(0, 100.0);

    assertEquals(List.of(1.0, 2.0), result.returns());
    assertThrows(UnsupportedOperationException.class, () -> result.returns().set(0, 5.0));
    assertThrows(UnsupportedOperationException.class, () -> result.lengths().add(1));
  }

  @Example
  void aConfidenceLevelOutsideZeroToOneIsRefused() {
    EvaluationResult result = new EvaluationResult(List.of(1.0, 2.0), List.of(1, 1), 0);
    for (double level : new double[] {0, 1, -0.5, 95, Double.NaN}) {
      assertEquals("the confidence level must be strictly between 0 and 1, got " + level,
          assertThrows(IllegalArgumentException.class, () -> result.confidenceInterval(level)).getMessage());
    }
  }

  @Example
  void anIntervalRefusesCrossedOrNanEnds() {
    assertEquals("an interval needs lower <= upper and no NaN end, got [2.0, 1.0]",
        assertThrows(IllegalArgumentException.class, () -> new EvaluationResult.Interval(2, 1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EvaluationResult.Interval(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new EvaluationResult.Interval(0, Double.NaN));
  }
}
