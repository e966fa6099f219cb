package io.github.pgrl.core.internal;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between Java arrays and the float32 buffers of ND4J arrays. ND4J's {@code
 * DataBuffer.setData(float[])} writes element by element through an indexer, which for the 1.28 million
 * parameters of the Pong network cost a fifth of a training run's time (profiled); a {@link FloatBuffer}
 * view of the native memory copies in bulk.
 */
final class Buffers {

  private Buffers() {}

  /** The array's values as a buffer positioned at its first element. */
  static FloatBuffer view(INDArray a, int length) {
    if (a.dataType() != DataType.FLOAT || a.isView() || a.length() != length) {
      throw new IllegalArgumentException("need a float32 array that owns its " + length + " values, got "
          + a.dataType() + " " + java.util.Arrays.toString(a.shape()) + (a.isView() ? " (a view)" : ""));
    }
    return a.data().asNioFloat();
  }

  /** Writes {@code src} into {@code a}, which holds exactly {@code src.length} values. */
  static void write(INDArray a, float[] src) {
    view(a, src.length).put(src, 0, src.length);
  }

  /** Reads the values of {@code a}, which holds exactly {@code dst.length} values, into {@code dst}. */
  static void read(INDArray a, float[] dst) {
    view(a, dst.length).get(dst, 0, dst.length);
  }
}
