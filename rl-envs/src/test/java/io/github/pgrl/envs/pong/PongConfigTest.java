package io.github.pgrl.envs.pong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** {@link PongConfig} rejects every field outside its range with a message naming the field and the value. */
class PongConfigTest {

  private static IllegalArgumentException rejected(UnaryOperator<PongConfig.Builder> change) {
    return assertThrows(IllegalArgumentException.class, () -> change.apply(PongConfig.builder()).build());
  }

  private static void assertMentions(IllegalArgumentException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + part + "' is missing from: " + e.getMessage());
    }
  }

  @Provide
  Arbitrary<Double> notPositiveOrNotFinite() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().lessOrEqual(0),
        Arbitraries.of(0.0, -0.0, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            -Double.MAX_VALUE));
  }

  @Property(tries = 40)
  void speedsAndTheSteepestBounceMustBePositiveAndFinite(@ForAll("notPositiveOrNotFinite") double bad) {
    assertMentions(rejected(b -> b.agentSpeed(bad)), "agentSpeed", "positive", String.valueOf(bad));
    assertMentions(rejected(b -> b.opponentSpeed(bad)), "opponentSpeed", "positive", String.valueOf(bad));
    assertMentions(rejected(b -> b.ballSpeed(bad)), "ballSpeed", "positive", String.valueOf(bad));
    assertMentions(rejected(b -> b.maxBounce(bad)), "maxBounce", "positive", String.valueOf(bad));
  }

  @Property(tries = 30)
  void theBallSpeedMustBeAtMostThePaddleWidth(@ForAll("aboveFour") double bad) {
    assertMentions(rejected(b -> b.ballSpeed(bad)), "ballSpeed", "at most 4", String.valueOf(bad));
  }

  @Provide
  Arbitrary<Double> aboveFour() {
    return Arbitraries.oneOf(Arbitraries.doubles().greaterThan(4).lessOrEqual(Double.MAX_VALUE),
        Arbitraries.just(Math.nextUp(4.0)));
  }

  /**
   * A bounce steeper than the court is high would throw the ball past both bars in one frame, out of the
   * court: the rules stop at 157 rows per frame (the court's 161 rows less the ball's 4).
   */
  @Property(tries = 30)
  void theSteepestBounceMustBeAtMostTheCourtHeightLessTheBall(@ForAll("aboveTheCourt") double bad) {
    assertMentions(rejected(b -> b.maxBounce(bad)), "maxBounce", "at most 157", String.valueOf(bad));
  }

  @Provide
  Arbitrary<Double> aboveTheCourt() {
    return Arbitraries.oneOf(Arbitraries.doubles().greaterThan(157).lessOrEqual(Double.MAX_VALUE),
        Arbitraries.just(Math.nextUp(157.0)));
  }

  @Property(tries = 30)
  void theOpponentDelayMustLieInZeroToSixtyThree(@ForAll("outsideTheDelayRange") int bad) {
    assertMentions(rejected(b -> b.opponentDelay(bad)), "opponentDelay", "0..63", String.valueOf(bad));
  }

  @Provide
  Arbitrary<Integer> outsideTheDelayRange() {
    return Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(-1), Arbitraries.integers().greaterOrEqual(64));
  }

  @Property(tries = 30)
  void pointsToWinAndMaxStepsMustBeAtLeastOne(@ForAll @IntRange(min = Integer.MIN_VALUE, max = 0) int bad) {
    assertMentions(rejected(b -> b.pointsToWin(bad)), "pointsToWin", "at least 1", String.valueOf(bad));
    assertMentions(rejected(b -> b.maxSteps(bad)), "maxSteps", "at least 1", String.valueOf(bad));
  }

  @Property(tries = 40)
  void theFrameSkipNeedsOneAtMostMinAtMostMax(@ForAll int min, @ForAll int max) {
    net.jqwik.api.Assume.that(min < 1 || max < min);
    assertMentions(rejected(b -> b.frameSkip(min, max)), "frame skip", "1 <= min <= max", "min " + min,
        "max " + max);
    if (min < 1) {
      assertMentions(rejected(b -> b.frameSkip(min)), "frame skip", "min " + min);
    }
  }

  @Property(tries = 30)
  void theStickinessMustLieInZeroInclusiveToOneExclusive(@ForAll("outsideTheUnitInterval") double bad) {
    assertMentions(rejected(b -> b.stickiness(bad)), "stickiness", "[0, 1)", String.valueOf(bad));
  }

  @Provide
  Arbitrary<Double> outsideTheUnitInterval() {
    return Arbitraries.oneOf(Arbitraries.doubles().lessThan(0).greaterOrEqual(-Double.MAX_VALUE),
        Arbitraries.doubles().greaterOrEqual(1).lessOrEqual(Double.MAX_VALUE),
        Arbitraries.of(1.0, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
  }

  @Property(tries = 50)
  void everyConfigurationInsideTheRangesIsAcceptedAndSurvivesTheBuilderRoundTrip(
      @ForAll("anyRules") PongConfig config) {
    assertEquals(config, config.toBuilder().build());
    assertDoesNotThrow(() -> PongEnvironment.binary(config, 2));
  }

  @Provide
  Arbitrary<PongConfig> anyRules() {
    return PongTesting.anyRules();
  }

  @Example
  void theBoundariesOfEveryRangeAreAccepted() {
    assertDoesNotThrow(() -> PongConfig.builder().opponentDelay(0).build());
    assertDoesNotThrow(() -> PongConfig.builder().opponentDelay(63).build());
    assertDoesNotThrow(() -> PongConfig.builder().ballSpeed(4).build());
    assertDoesNotThrow(() -> PongConfig.builder().ballSpeed(Double.MIN_VALUE).build());
    assertDoesNotThrow(() -> PongConfig.builder().maxBounce(157).build());
    assertDoesNotThrow(() -> PongConfig.builder().agentSpeed(Double.MAX_VALUE).build());
    assertDoesNotThrow(() -> PongConfig.builder().stickiness(0).build());
    assertDoesNotThrow(() -> PongConfig.builder().stickiness(Math.nextDown(1.0)).build());
    assertDoesNotThrow(() -> PongConfig.builder().frameSkip(1, 1).build());
    assertDoesNotThrow(() -> PongConfig.builder().pointsToWin(1).maxSteps(1).build());
  }

  @Example
  void theDefaultsAreTheStandardGame() {
    PongConfig d = PongConfig.defaults();
    assertEquals(3, d.agentSpeed());
    assertEquals(4, d.opponentSpeed());
    assertEquals(0, d.opponentDelay());
    assertEquals(2.5, d.ballSpeed());
    assertEquals(6, d.maxBounce());
    assertEquals(21, d.pointsToWin());
    assertEquals(100_000, d.maxSteps());
    assertEquals(1, d.frameSkipMin());
    assertEquals(1, d.frameSkipMax());
    assertEquals(0, d.stickiness());
    assertFalse(d.twoActions());
    assertFalse(d.reuseObservation());
    assertEquals(d, PongConfig.builder().build());
    PongConfig fixed = PongConfig.builder().frameSkip(3).build();
    assertEquals(3, fixed.frameSkipMin());
    assertEquals(3, fixed.frameSkipMax());
  }
}
