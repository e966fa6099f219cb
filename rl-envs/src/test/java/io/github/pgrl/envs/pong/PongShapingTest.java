package io.github.pgrl.envs.pong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Policy;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.wrappers.ShapeReward;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PongShaping#hitBonus(double)} adds the bonus per agent hit reported in the info, and nothing else. */
class PongShapingTest {

  private static final float[] OBS = new float[1];

  private static Step<float[]> step(double reward, Map<String, Object> info) {
    return new Step<>(OBS, reward, false, false, info);
  }

  @Test
  void theBonusIsAddedOncePerAgentHit() {
    RewardShaper<float[], Integer> shaper = PongShaping.hitBonus(0.25);

    assertEquals(0.25, shaper.shape(OBS, 1, step(0, Map.of(PongEnvironment.AGENT_HITS, 1))));
    assertEquals(-0.5, shaper.shape(OBS, 1, step(-1, Map.of(PongEnvironment.AGENT_HITS, 2))));
    assertEquals(1.25, shaper.shape(OBS, 0, step(1, Map.of(PongEnvironment.AGENT_HITS, 1, PongEnvironment.POINT, 1))));
  }

  @Test
  void withoutAnAgentHitTheRewardIsUnchanged() {
    RewardShaper<byte[], Integer> shaper = PongShaping.hitBonus(0.25);
    byte[] frame = new byte[3];
    Step<byte[]> opponentHit =
        new Step<>(frame, -1, false, false, Map.of(PongEnvironment.OPPONENT_HITS, 1, PongEnvironment.POINT, -1));

    assertEquals(-1.0, shaper.shape(frame, 2, opponentHit));
    assertEquals(0.0, shaper.shape(frame, 2, Step.of(frame, 0, false, false)));
    assertEquals(1.0, shaper.shape(frame, 2, Step.of(frame, 1, true, false)));
  }

  @Test
  void aNegativeBonusPenalisesAndAZeroBonusIsTheIdentity() {
    Step<float[]> hit = step(0, Map.of(PongEnvironment.AGENT_HITS, 3));

    assertEquals(-0.3, PongShaping.<float[]>hitBonus(-0.1).shape(OBS, 0, hit), 1e-15);
    assertEquals(0.0, PongShaping.<float[]>hitBonus(0).shape(OBS, 0, hit));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void aBonusThatIsNotFiniteIsRefused(double bonus) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PongShaping.hitBonus(bonus));

    assertTrue(e.getMessage().contains("finite") && e.getMessage().contains(String.valueOf(bonus)), e.getMessage());
  }

  /**
   * In real play with a tracking player, the shaped reward exceeds the raw one by exactly the bonus times
   * the step's agent hits, and the raw reward stays available to compute scores.
   */
  @Test
  void inPlayTheShapedRewardIsTheRawRewardPlusTheBonusPerHitAndScoresStayRaw() {
    PongEnvironment.Binary pong = PongEnvironment.binary(PongConfig.builder().pointsToWin(3).frameSkip(2).build(), 2);
    ShapeReward<float[], Integer> shaped = ShapeReward.of(pong, PongShaping.hitBonus(0.5));
    Policy<float[], Integer> player = PongPlayers.tracker(pong, 4);
    SplittableRandom rng = new SplittableRandom(3);

    float[] obs = shaped.reset(11);
    int hits = 0;
    double rawScore = 0;
    double shapedTotal = 0;
    for (int t = 0; t < 20_000; t++) {
      Step<float[]> s = shaped.step(player.act(obs, rng));
      double raw = (Double) s.info().get(ShapeReward.RAW_REWARD);
      int h = (Integer) s.info().getOrDefault(PongEnvironment.AGENT_HITS, 0);
      assertEquals(raw + 0.5 * h, s.reward(), "step " + t);
      hits += h;
      rawScore += raw;
      shapedTotal += s.reward();
      obs = s.observation();
      if (s.done()) {
        break;
      }
    }

    assertTrue(hits > 0, "the tracker never hit the ball");
    assertEquals(pong.game().agentScore() - pong.game().opponentScore(), rawScore);
    assertEquals(rawScore + 0.5 * hits, shapedTotal, 1e-9);
  }
}
