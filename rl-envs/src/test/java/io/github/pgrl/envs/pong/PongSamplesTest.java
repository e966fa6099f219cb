package io.github.pgrl.envs.pong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PongSamplesTest {

  @Test
  void differenceFramesAreSparseDifferencesOfTheBinaryImageAndRepeatForASeed() {
    float[][] frames = PongSamples.differenceFrames(300, 4, 11);
    assertEquals(300, frames.length);
    long nonZeros = 0;
    for (float[] f : frames) {
      assertEquals(6400, f.length);
      for (float v : f) {
        assertTrue(v == -1f || v == 0f || v == 1f, "value " + v);
        nonZeros += v != 0f ? 1 : 0;
      }
    }
    double perFrame = nonZeros / 300.0;
    assertTrue(perFrame > 5 && perFrame < 200, "non-zero pixels per frame: " + perFrame);
    float[][] again = PongSamples.differenceFrames(300, 4, 11);
    for (int t = 0; t < frames.length; t++) {
      assertArrayEquals(frames[t], again[t]);
    }
    assertThrows(IllegalArgumentException.class, () -> PongSamples.differenceFrames(0, 4, 1));
    assertThrows(IllegalArgumentException.class, () -> PongSamples.differenceFrames(10, 0, 1));
  }
}
