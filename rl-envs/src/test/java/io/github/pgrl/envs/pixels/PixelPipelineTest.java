package io.github.pgrl.envs.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.ByteImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each stage of {@link PixelPipeline} gives known values on small synthetic frames, and bad settings are refused. */
class PixelPipelineTest {

  private static final int H = 5;
  private static final int W = 8;
  private static final int C = 3;

  /** Every byte tells where it is: {@code 40·channel + 8·row + column}, all distinct and below 160. */
  static int coded(int row, int col, int ch) {
    return 40 * ch + 8 * row + col;
  }

  static byte[] codedFrame() {
    byte[] f = new byte[H * W * C];
    for (int r = 0; r < H; r++) {
      for (int c = 0; c < W; c++) {
        for (int ch = 0; ch < C; ch++) {
          f[(r * W + c) * C + ch] = (byte) coded(r, c, ch);
        }
      }
    }
    return f;
  }

  /** A 5×8×3 environment whose reset shows the coded frame and whose one step shows {@code next}. */
  static ScriptedEnvironment<byte[]> env(byte[] first, byte[] next) {
    return new ScriptedEnvironment<>(ByteImage.of(H, W, C), List.of(first, next), false);
  }

  static ScriptedEnvironment<byte[]> env(byte[] first) {
    return env(first, first);
  }

  private static float[] expected(int[] rows, int[] cols, int ch) {
    float[] e = new float[rows.length * cols.length];
    int k = 0;
    for (int r : rows) {
      for (int c : cols) {
        e[k++] = coded(r, c, ch) / 255f;
      }
    }
    return e;
  }

  // ---- crop and downsample ----

  @Test
  void theDefaultPipelineScalesEveryByteOfTheWholeFrame() {
    byte[] frame = codedFrame();
    PixelPipeline<Integer> p = PixelPipeline.builder().build(env(frame));

    float[] obs = p.reset(0);

    assertEquals(Box.of(0f, 1f, H, W, C), p.observationSpace());
    float[] expected = new float[frame.length];
    for (int i = 0; i < frame.length; i++) {
      expected[i] = (frame[i] & 0xFF) / 255f;
    }
    assertArrayEquals(expected, obs);
  }

  @Test
  void cropKeepsRowsTopToBottomExclusiveAndColumnsLeftToRightExclusive() {
    PixelPipeline<Integer> p = PixelPipeline.builder().crop(1, 4, 2, 5).channel(1).build(env(codedFrame()));

    float[] obs = p.reset(0);

    assertArrayEquals(new int[] {3, 3}, p.observationSpace().shape());
    assertArrayEquals(expected(new int[] {1, 2, 3}, new int[] {2, 3, 4}, 1), obs);
  }

  @Test
  void downsampleKeepsEveryStrideThRowAndColumnStartingAtTheCropsFirst() {
    PixelPipeline<Integer> p =
        PixelPipeline.builder().crop(1, 5, 1, 8).downsample(2).channel(0).build(env(codedFrame()));

    float[] obs = p.reset(0);

    assertArrayEquals(new int[] {2, 4}, p.observationSpace().shape());
    assertArrayEquals(expected(new int[] {1, 3}, new int[] {1, 3, 5, 7}, 0), obs);
  }

  @Test
  void downsampleRoundsTheOutputSizeUpWhenTheStrideDoesNotDivideTheCrop() {
    PixelPipeline<Integer> p =
        PixelPipeline.builder().crop(0, 5, 0, 7).downsample(3).channel(2).build(env(codedFrame()));

    float[] obs = p.reset(0);

    assertArrayEquals(new int[] {2, 3}, p.observationSpace().shape());
    assertArrayEquals(expected(new int[] {0, 3}, new int[] {0, 3, 6}, 2), obs);
  }

  @Test
  void aStrideLargerThanTheCropKeepsItsFirstPixel() {
    PixelPipeline<Integer> p =
        PixelPipeline.builder().crop(2, 4, 3, 5).downsample(10).channel(0).build(env(codedFrame()));

    assertArrayEquals(new float[] {coded(2, 3, 0) / 255f}, p.reset(0));
    assertArrayEquals(new int[] {1, 1}, p.observationSpace().shape());
  }

  // ---- colour ----

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void channelSelectsOneChannelOfEveryPixel(int ch) {
    PixelPipeline<Integer> p = PixelPipeline.builder().channel(ch).build(env(codedFrame()));

    assertArrayEquals(expected(new int[] {0, 1, 2, 3, 4}, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, ch), p.reset(0));
    assertEquals(Box.of(0f, 1f, H, W), p.observationSpace());
  }

  @Test
  void allChannelsKeepsChannelsInHeightWidthChannelOrder() {
    PixelPipeline<Integer> p =
        PixelPipeline.builder().crop(3, 5, 6, 8).channel(1).allChannels().build(env(codedFrame()));

    float[] obs = p.reset(0);

    assertArrayEquals(new int[] {2, 2, 3}, p.observationSpace().shape());
    float[] e = new float[12];
    int k = 0;
    for (int r = 3; r < 5; r++) {
      for (int c = 6; c < 8; c++) {
        for (int ch = 0; ch < 3; ch++) {
          e[k++] = coded(r, c, ch) / 255f;
        }
      }
    }
    assertArrayEquals(e, obs);
  }

  /** A 1×6 frame of known colours. */
  private static byte[] colours(int[]... rgb) {
    byte[] f = new byte[rgb.length * 3];
    for (int i = 0; i < rgb.length; i++) {
      for (int ch = 0; ch < 3; ch++) {
        f[3 * i + ch] = (byte) rgb[i][ch];
      }
    }
    return f;
  }

  private static ScriptedEnvironment<byte[]> row(byte[] frame) {
    return new ScriptedEnvironment<>(ByteImage.of(1, frame.length / 3, 3), List.of(frame, frame), false);
  }

  @Test
  void grayscaleIsTheItuR601LumaScaledTo0To1() {
    byte[] frame = colours(
        new int[] {255, 0, 0}, new int[] {0, 255, 0}, new int[] {0, 0, 255},
        new int[] {255, 255, 255}, new int[] {0, 0, 0}, new int[] {10, 20, 30});
    PixelPipeline<Integer> p = PixelPipeline.builder().grayscale().build(row(frame));

    float[] obs = p.reset(0);

    assertEquals(Box.of(0f, 1f, 1, 6), p.observationSpace());
    assertEquals(0.299f, obs[0], 1e-6f);
    assertEquals(0.587f, obs[1], 1e-6f);
    assertEquals(0.114f, obs[2], 1e-6f);
    assertEquals(1f, obs[3]);
    assertEquals(0f, obs[4]);
    assertEquals((0.299f * 10 + 0.587f * 20 + 0.114f * 30) / 255f, obs[5], 1e-6f);
  }

  @Test
  void grayscaleOfWhiteIsExactlyOneAndStaysInTheBox() {
    byte[] frame = colours(new int[] {255, 255, 255}, new int[] {254, 255, 255});
    PixelPipeline<Integer> p = PixelPipeline.builder().grayscale().build(row(frame));

    float[] obs = p.reset(0);

    assertEquals(1f, obs[0]);
    assertTrue(p.observationSpace().contains(obs));
  }

  // ---- values ----

  @Test
  void binarizeSetsBackgroundValuesOfTheSelectedChannelTo0AndEverythingElseTo1() {
    // red channel 144 and 109 are background; green 144 in the third pixel must not matter
    byte[] frame = colours(
        new int[] {144, 72, 17}, new int[] {109, 118, 43}, new int[] {92, 144, 92},
        new int[] {236, 236, 236}, new int[] {0, 0, 0}, new int[] {145, 72, 17});
    PixelPipeline<Integer> p = PixelPipeline.builder().channel(0).binarize(144, 109).build(row(frame));

    assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1}, p.reset(0));
  }

  @Test
  void binarizeWithAllChannelsTestsEachChannelOnItsOwn() {
    byte[] frame = colours(new int[] {7, 8, 7}, new int[] {9, 7, 9});
    PixelPipeline<Integer> p = PixelPipeline.builder().binarize(7).build(row(frame));

    assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1}, p.reset(0));
    assertEquals(Box.of(0f, 1f, 1, 2, 3), p.observationSpace());
  }

  @Test
  void binarizeAfterGrayscaleComparesTheLumaRoundedToTheNearestInteger() {
    // luma: 100 (gray), 76.245 -> 76 (pure red 255), 0.299 -> 0, 149.685 -> 150 (pure green)
    byte[] frame = colours(new int[] {100, 100, 100}, new int[] {255, 0, 0}, new int[] {1, 0, 0},
        new int[] {0, 255, 0});
    PixelPipeline<Integer> p = PixelPipeline.builder().grayscale().binarize(100, 76, 0, 149).build(row(frame));

    assertArrayEquals(new float[] {0, 0, 0, 1}, p.reset(0));
  }

  @Test
  void scaleAfterBinarizeGoesBackToScaling() {
    byte[] frame = colours(new int[] {51, 0, 0});
    PixelPipeline<Integer> p = PixelPipeline.builder().channel(0).binarize(51).scale().build(row(frame));

    assertArrayEquals(new float[] {0.2f}, p.reset(0));
  }

  @Test
  void everyScaledByteValueIsItsValueOver255() {
    byte[] frame = new byte[256 * 3];
    for (int v = 0; v < 256; v++) {
      frame[3 * v] = (byte) v;
    }
    PixelPipeline<Integer> p = PixelPipeline.builder().channel(0).build(row(frame));

    float[] obs = p.reset(0);

    for (int v = 0; v < 256; v++) {
      assertEquals(v / 255f, obs[v], "byte " + v);
    }
  }

  // ---- the classic preprocessing on a synthetic Atari frame ----

  @Test
  void classicKeepsRows35To194EverySecondPixelOfTheRedChannelAndErasesTheBackground() {
    byte[] frame = new byte[210 * 160 * 3];
    for (int i = 0; i < 210 * 160; i++) {
      frame[3 * i] = (byte) 144;
      frame[3 * i + 1] = 72;
      frame[3 * i + 2] = 17;
    }
    int[][] set = {
      {35, 0, 92}, // first kept row and column -> (0, 0)
      {36, 2, 92}, // odd offset row: dropped
      {37, 3, 213}, // odd column: dropped
      {193, 158, 236}, // last sampled row (35 + 2*79) and column -> (79, 79)
      {193, 100, 236}, // -> (79, 50)
      {194, 100, 236}, // inside the crop, between two sampled rows: dropped
      {34, 10, 236}, // above the crop
      {195, 10, 236}, // below the crop
      {101, 40, 109}, // the other background value -> 0
      {101, 42, 145}, // not background -> (33, 21)
    };
    for (int[] s : set) {
      frame[(s[0] * 160 + s[1]) * 3] = (byte) s[2];
    }
    ScriptedEnvironment<byte[]> atari =
        new ScriptedEnvironment<>(ByteImage.of(210, 160, 3), List.of(frame, frame), false);
    PixelPipeline<Integer> p = PixelPipeline.classic(atari);

    float[] obs = p.reset(0);

    assertEquals(Box.of(0f, 1f, 80, 80), p.observationSpace());
    float[] e = new float[6400];
    e[0] = 1;
    e[79 * 80 + 79] = 1;
    e[79 * 80 + 50] = 1;
    e[33 * 80 + 21] = 1;
    assertArrayEquals(e, obs);
  }

  // ---- steps and buffers ----

  @Test
  void stepTransformsTheObservationAndPassesRewardFlagsAndInfoThrough() {
    byte[] first = codedFrame();
    byte[] next = new byte[first.length];
    Arrays.fill(next, (byte) 255);
    PixelPipeline<Integer> p = PixelPipeline.builder().channel(0).build(env(first, next));
    p.reset(3);

    Step<float[]> s = p.step(1);

    float[] ones = new float[H * W];
    Arrays.fill(ones, 1f);
    assertArrayEquals(ones, s.observation());
    assertEquals(1.0, s.reward());
    assertTrue(s.terminated());
    assertFalse(s.truncated());
    assertEquals(Map.of(ScriptedEnvironment.T, 1), s.info());
  }

  @Test
  void byDefaultEveryObservationIsANewArray() {
    PixelPipeline<Integer> p = PixelPipeline.builder().channel(0).build(env(codedFrame()));

    float[] first = p.reset(0);
    float[] kept = first.clone();
    float[] second = p.step(0).observation();

    assertFalse(p.reusesOutput());
    assertNotSame(first, second);
    assertArrayEquals(kept, first);
  }

  @Test
  void withReuseOutputEveryObservationIsTheSameOverwrittenArray() {
    byte[] first = codedFrame();
    byte[] next = new byte[first.length];
    PixelPipeline<Integer> p = PixelPipeline.builder().channel(0).reuseOutput(true).build(env(first, next));

    float[] a = p.reset(0);
    float[] b = p.step(0).observation();

    assertTrue(p.reusesOutput());
    assertSame(a, b);
    assertArrayEquals(new float[H * W], a);
  }

  @Test
  void transformWritesIntoTheCallersArray() {
    PixelPipeline<Integer> p = PixelPipeline.builder().crop(1, 4, 2, 5).channel(1).build(env(codedFrame()));
    float[] out = new float[9];

    p.transform(codedFrame(), out);

    assertArrayEquals(expected(new int[] {1, 2, 3}, new int[] {2, 3, 4}, 1), out);
    IllegalArgumentException shortOut = assertThrows(IllegalArgumentException.class,
        () -> p.transform(codedFrame(), new float[8]));
    assertTrue(shortOut.getMessage().contains("8") && shortOut.getMessage().contains("9"), shortOut.getMessage());
    IllegalArgumentException shortFrame = assertThrows(IllegalArgumentException.class,
        () -> p.transform(new byte[3], out));
    assertTrue(shortFrame.getMessage().contains("3 bytes"), shortFrame.getMessage());
  }

  @Test
  void aWrappedEnvironmentThatBreaksItsSpaceIsReportedAsIllegalState() {
    ScriptedEnvironment<byte[]> liar =
        new ScriptedEnvironment<>(ByteImage.of(H, W, C), List.of(new byte[7], new byte[7]), false);
    PixelPipeline<Integer> p = PixelPipeline.builder().build(liar);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.reset(0));
    assertTrue(e.getMessage().contains("outside its space"), e.getMessage());
  }

  @Test
  void oneBuilderBuildsIndependentPipelines() {
    PixelPipeline.Builder b = PixelPipeline.builder().crop(0, 2, 0, 2).channel(0);
    PixelPipeline<Integer> small = b.build(env(codedFrame()));
    b.crop(0, 3, 0, 3);
    PixelPipeline<Integer> larger = b.build(env(codedFrame()));

    assertArrayEquals(new int[] {2, 2}, small.observationSpace().shape());
    assertArrayEquals(new int[] {3, 3}, larger.observationSpace().shape());
    assertEquals(4, small.reset(0).length);
  }

  // ---- validation ----

  private static void assertMessage(Runnable r, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "'" + f + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void cropArgumentsMustBeOrdered() {
    assertMessage(() -> PixelPipeline.builder().crop(-1, 4, 0, 4), "0 <= top < bottom", "rows [-1, 4)");
    assertMessage(() -> PixelPipeline.builder().crop(3, 3, 0, 4), "0 <= top < bottom", "rows [3, 3)");
    assertMessage(() -> PixelPipeline.builder().crop(0, 4, 5, 2), "0 <= left < right", "columns [5, 2)");
    assertMessage(() -> PixelPipeline.builder().crop(0, 4, -2, 2), "0 <= left < right", "columns [-2, 2)");
  }

  @Test
  void aCropOutsideTheImageIsRefusedWhenBuilt() {
    assertMessage(() -> PixelPipeline.builder().crop(0, H + 1, 0, W).build(env(codedFrame())),
        "must lie inside the image", "bottom at most 5", "right at most 8");
    assertMessage(() -> PixelPipeline.builder().crop(0, H, 0, W + 1).build(env(codedFrame())),
        "must lie inside the image", "columns [0, 9)");
    assertEquals(H * W * C, PixelPipeline.builder().crop(0, H, 0, W).build(env(codedFrame())).reset(0).length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aStrideBelow1IsRefused(int stride) {
    assertMessage(() -> PixelPipeline.builder().downsample(stride), "at least 1", "got " + stride);
  }

  @Test
  void aChannelThatDoesNotExistIsRefused() {
    assertMessage(() -> PixelPipeline.builder().channel(-1), "at least 0", "got -1");
    assertMessage(() -> PixelPipeline.builder().channel(3).build(env(codedFrame())),
        "channel 3 does not exist", "allowed: 0..2");
  }

  @Test
  void grayscaleNeedsThreeChannels() {
    ScriptedEnvironment<byte[]> mono =
        new ScriptedEnvironment<>(ByteImage.of(2, 2, 1), List.of(new byte[4], new byte[4]), false);

    assertMessage(() -> PixelPipeline.builder().grayscale().build(mono), "at least 3 channels", "has 1");
    assertEquals(4, PixelPipeline.builder().channel(0).build(mono).reset(0).length);
  }

  @Test
  void backgroundValuesMustBeBytesAndAtLeastOne() {
    assertMessage(() -> PixelPipeline.builder().binarize(), "at least one background value");
    assertMessage(() -> PixelPipeline.builder().binarize(0, 256), "0..255", "got 256");
    assertMessage(() -> PixelPipeline.builder().binarize(-1), "0..255", "got -1");
    assertThrows(NullPointerException.class, () -> PixelPipeline.builder().binarize((int[]) null));
  }

  @Test
  void theBackgroundValuesAreCopied() {
    int[] background = {144};
    PixelPipeline.Builder b = PixelPipeline.builder().channel(0).binarize(background);
    background[0] = 1;
    byte[] frame = colours(new int[] {144, 0, 0}, new int[] {1, 0, 0});

    assertArrayEquals(new float[] {0, 1}, b.build(row(frame)).reset(0));
  }

  @Test
  void anEnvironmentWithoutAByteImageSpaceIsRefused() {
    Space<byte[]> notAnImage = new Space<>() {
      @Override
      public boolean contains(byte[] value) {
        return value != null;
      }

      @Override
      public byte[] sample(RandomGenerator rng) {
        return new byte[1];
      }

      @Override
      public int[] shape() {
        return new int[] {1};
      }

      @Override
      public String toString() {
        return "Bytes";
      }
    };
    Environment<byte[], Integer> env =
        new ScriptedEnvironment<>(notAnImage, List.of(new byte[1], new byte[1]), false);

    assertMessage(() -> PixelPipeline.builder().build(env), "needs an environment whose observation space is a ByteImage",
        "got Bytes");
    assertMessage(() -> PixelPipeline.classic(env), "ByteImage");
    assertThrows(NullPointerException.class, () -> PixelPipeline.builder().build(null));
  }

  @Test
  void classicNeedsAnImageThatHoldsItsCrop() {
    ScriptedEnvironment<byte[]> small =
        new ScriptedEnvironment<>(ByteImage.of(194, 160, 3), List.of(new byte[194 * 160 * 3], new byte[194 * 160 * 3]),
            false);

    assertMessage(() -> PixelPipeline.classic(small), "inside the image", "bottom at most 194");
  }

  @Test
  void toStringDescribesTheStages() {
    String s = PixelPipeline.classic(new ScriptedEnvironment<>(ByteImage.of(210, 160, 3),
        List.of(new byte[100800], new byte[100800]), false)).toString();

    assertTrue(s.contains("rows [35, 195)") && s.contains("stride 2") && s.contains("channel 0")
        && s.contains("[144, 109]") && s.contains("[80, 80]"), s);
  }
}
