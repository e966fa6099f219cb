package io.github.pgrl.core;

/**
 * The operations on a flat parameter vector held in blocks, behind {@link TrainablePolicy}'s defaults.
 * The norm sums four pieces of the blocks, each in four float lanes, in a fixed order: the MLP's engine
 * summed it that way on its threads, and this gives the same bits on one.
 */
final class ParameterVector {

  /** How many pieces the norm sums: fixed, so that the sum does not depend on the threads. */
  static final int NORM_PIECES = 4;

  private ParameterVector() {}

  static int length(float[][] blocks) {
    long n = 0;
    for (float[] b : blocks) {
      n += b.length;
    }
    return Math.toIntExact(n);
  }

  static float[] flatten(float[][] blocks) {
    float[] out = new float[length(blocks)];
    int off = 0;
    for (float[] b : blocks) {
      System.arraycopy(b, 0, out, off, b.length);
      off += b.length;
    }
    return out;
  }

  static void scatter(float[] values, float[][] blocks) {
    int off = 0;
    for (float[] b : blocks) {
      System.arraycopy(values, off, b, 0, b.length);
      off += b.length;
    }
  }

  static void requireFinite(float[] values, int count) {
    if (values.length != count) {
      throw new IllegalArgumentException("this policy has " + count + " parameters, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("the parameters must be finite, but value " + i + " (of " + values.length
            + ") is " + values[i]);
      }
    }
  }

  static void scale(float[][] blocks, float f) {
    for (float[] block : blocks) {
      for (int j = 0; j < block.length; j++) {
        block[j] *= f;
      }
    }
  }

  static double norm(float[][] blocks) {
    double sum = 0;
    for (int k = 0; k < NORM_PIECES; k++) {
      int from = (int) ((long) blocks.length * k / NORM_PIECES);
      int to = (int) ((long) blocks.length * (k + 1) / NORM_PIECES);
      double s = 0;
      for (int b = from; b < to; b++) {
        float[] x = blocks[b];
        // four float sums per block, so that the adds do not wait on each other
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 4 <= x.length; j += 4) {
          s0 += x[j] * x[j];
          s1 += x[j + 1] * x[j + 1];
          s2 += x[j + 2] * x[j + 2];
          s3 += x[j + 3] * x[j + 3];
        }
        for (; j < x.length; j++) {
          s0 += x[j] * x[j];
        }
        s += (double) s0 + s1 + s2 + s3;
      }
      sum += s;
    }
    return Math.sqrt(sum);
  }
}
