package io.github.pgrl.envs.pong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.ByteImage;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.envs.Environments;
import org.junit.jupiter.api.Test;

/** The two registered Pong names make the default game with the expected spaces. */
class PongRegistrationTest {

  @Test
  void pongRgbV0IsTheDefaultGameSeenAs210By160RgbFramesWithThreeActions() {
    Environment<?, ?> env = Environments.make("Pong-rgb-v0");

    PongEnvironment.Rgb rgb = assertInstanceOf(PongEnvironment.Rgb.class, env);
    assertEquals(ByteImage.of(210, 160, 3), rgb.observationSpace());
    assertEquals(Discrete.of(3), rgb.actionSpace());
    assertEquals(PongConfig.defaults(), rgb.config());
    assertEquals(210 * 160 * 3, rgb.reset(0).length);
  }

  @Test
  void pongBinaryV0IsTheDefaultGameSeenAsTheClassic80By80BinaryImageWithThreeActions() {
    Environment<?, ?> env = Environments.make("Pong-binary-v0");

    PongEnvironment.Binary binary = assertInstanceOf(PongEnvironment.Binary.class, env);
    assertEquals(Box.of(0f, 1f, 80, 80), binary.observationSpace());
    assertEquals(80, binary.side());
    assertEquals(Discrete.of(3), binary.actionSpace());
    assertEquals(PongConfig.defaults(), binary.config());
    assertEquals(6400, binary.reset(0).length);
  }
}
