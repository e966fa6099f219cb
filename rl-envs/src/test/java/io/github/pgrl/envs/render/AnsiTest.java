package io.github.pgrl.envs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.envs.pixels.PixelPipeline;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Ansi} draws frames as 24-bit-colour half blocks and float images as characters. */
class AnsiTest {

  private static final String E = "\u001b[";

  private static long count(String s, char c) {
    return s.chars().filter(ch -> ch == c).count();
  }

  @Test
  void twoPixelRowsMakeOneLineWithTheUpperAsForegroundAndTheLowerAsBackground() {
    // 2×2: red, green / blue, blue; at 2 columns: one line, two half blocks, the blue background set once
    byte[] rgb = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 0, 0, (byte) 255};

    String text = Ansi.render(rgb, 2, 2, 2);

    assertEquals(E + "38;2;255;0;0m" + E + "48;2;0;0;255m▀" + E + "38;2;0;255;0m▀" + E + "0m\n", text);
  }

  @Test
  void anOddLastPixelRowIsDrawnWithoutABackgroundColour() {
    byte[] rgb = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    String text = Ansi.render(rgb, 3, 1, 1);

    assertEquals(E + "38;2;1;2;3m" + E + "48;2;4;5;6m▀" + E + "0m\n" + E + "38;2;7;8;9m▀" + E + "0m\n", text);
  }

  @Test
  void aPongFrameAt80ColumnsHas53LinesOf80HalfBlocksInItsColours() {
    byte[] frame = PongEnvironment.rgb().reset(3);

    String text = Ansi.render(frame, 210, 160, 80);

    List<String> lines = text.lines().toList();
    // 210 rows at half the width: 105 pixel rows, two per line
    assertEquals(53, lines.size());
    assertTrue(text.endsWith(E + "0m\n"));
    for (String line : lines) {
      assertEquals(80, count(line, Ansi.UPPER_HALF_BLOCK), line);
    }
    assertTrue(text.contains(E + "38;2;144;72;17m") || text.contains(E + "48;2;144;72;17m"), "background");
    assertTrue(text.contains("2;92;186;92m"), "agent paddle");
    assertTrue(text.contains("2;213;130;74m"), "opponent paddle");
    assertTrue(text.contains("2;236;236;236m"), "bars");
  }

  @Test
  void moreColumnsThanPixelsEnlargeTheFrame() {
    byte[] rgb = {1, 2, 3, 4, 5, 6};

    String text = Ansi.render(rgb, 1, 2, 4);

    assertEquals(1, text.lines().count());
    assertEquals(4, count(text, Ansi.UPPER_HALF_BLOCK));
    assertEquals(E + "38;2;1;2;3m" + E + "48;2;1;2;3m▀▀" + E + "38;2;4;5;6m" + E + "48;2;4;5;6m▀▀" + E + "0m\n", text);
  }

  @Test
  void renderRefusesBadArguments() {
    IllegalArgumentException columns =
        assertThrows(IllegalArgumentException.class, () -> Ansi.render(new byte[12], 2, 2, 0));
    assertTrue(columns.getMessage().contains("columns must be at least 1, got 0"), columns.getMessage());
    IllegalArgumentException length =
        assertThrows(IllegalArgumentException.class, () -> Ansi.render(new byte[11], 2, 2, 2));
    assertTrue(length.getMessage().contains("12 bytes, got 11"), length.getMessage());
  }

  @Test
  void renderBinaryDrawsOneCharacterPerValue() {
    float[] image = {1, 0, 0, 0, 1, -1, Float.NaN, 0, 1};

    assertEquals("#..\n.#-\n?.#\n", Ansi.renderBinary(image, 3));
    assertEquals("#..\n.#-\n?.#\n", Ansi.renderBinary(image, 3, 3));
    assertEquals("#\n.\n.\n", Ansi.renderBinary(new float[] {1, 0, 0}, 3, 1));
    assertEquals("#..\n", Ansi.renderBinary(new float[] {1, 0, 0}, 1, 3));
  }

  @Test
  void renderBinaryOfTheClassicObservationIs80LinesOf80CharactersWithoutEscapes() {
    float[] observation = PixelPipeline.classic(PongEnvironment.rgb()).reset(9);

    String text = Ansi.renderBinary(observation, 80);

    List<String> lines = text.lines().toList();
    assertEquals(80, lines.size());
    assertTrue(lines.stream().allMatch(l -> l.length() == 80 && l.matches("[.#]+")));
    assertFalse(text.contains(E));
    long ones = 0;
    for (float v : observation) {
      ones += v == 1f ? 1 : 0;
    }
    assertEquals(ones, count(text, '#'));
  }

  @Test
  void renderBinaryRefusesAnImageOfAnotherSize() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ansi.renderBinary(new float[10], 3));
    assertTrue(e.getMessage().contains("needs 9 values, got 10"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ansi.renderBinary(new float[0], 0));
    assertThrows(NullPointerException.class, () -> Ansi.renderBinary(null, 3));
  }
}
