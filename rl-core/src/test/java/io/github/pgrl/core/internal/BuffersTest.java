package io.github.pgrl.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgrl.core.util.Nd4jSetup;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Buffers} copies exactly what ND4J's element-wise accessors see, and refuses views. */
class BuffersTest {

  static {
    Nd4jSetup.ensure();
  }

  @Test
  void writtenValuesAreWhatNd4jReadsAndReadBackUnchanged() {
    float[] values = {1.5f, -2f, 3e-7f, Float.MAX_VALUE, -0f, 42f};
    INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 3);
    Buffers.write(a, values);
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], a.getFloat(i / 3, i % 3), "element " + i);
    }
    float[] back = new float[values.length];
    Buffers.read(a, back);
    assertArrayEquals(values, back);
  }

  @Test
  void aViewOrAWrongLengthIsRefused() {
    INDArray a = Nd4j.zeros(DataType.FLOAT, 4, 4);
    assertThrows(IllegalArgumentException.class, () -> Buffers.write(a.getRow(1), new float[4]));
    assertThrows(IllegalArgumentException.class, () -> Buffers.write(a, new float[15]));
    assertThrows(IllegalArgumentException.class, () -> Buffers.read(Nd4j.zeros(DataType.DOUBLE, 3), new float[3]));
  }
}
