package io.github.pgrl.core.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A network's flat parameter vector (W_0, b_0, W_1, b_1, …, row-major) held in Java as blocks, for the
 * Java compute path: one array per weight row of a wide layer, one array for all the weights of a narrow
 * layer (fewer than {@value #WIDE} outputs, such as the Pong network's 200 → 1 output layer), and one per
 * bias vector.
 *
 * <p>Why rows: the hot loops add a scaled weight row to an activation vector ({@code h[j] += a · W[i][j]})
 * and a scaled delta to a gradient row. HotSpot's C2 (JDK 17) vectorizes such a loop only when both
 * arrays are indexed by the loop variable alone; with the row's offset into a flat array it falls back to
 * scalar code. Measured on the 6400-200 layer of the Pong network with 70 active inputs: 8.5 µs per
 * forward pass on a flat array, 2.1 µs on rows (docs/BENCHMARKS.md). A narrow layer's rows are too short
 * to vectorize, and as separate arrays cost a memory access each, so it stays flat. The sums, and so the
 * results, are the same in either layout (up to the sign of a zero).
 */
final class Blocks {

  /** The fewest outputs of a layer kept as one array per row (a 512-bit vector holds 16 floats). */
  static final int WIDE = 16;

  /** Every block, in the order of the flat vector. */
  final float[][] block;
  /** Where each block starts in the flat vector. */
  private final int[] offset;
  /** {@code rows[l][i]}: row {@code i} of a wide layer {@code l}'s weights; {@code null} for a narrow layer. */
  private final float[][][] rows;
  /** {@code narrow[l]}: a narrow layer {@code l}'s weights, row-major; {@code null} for a wide layer. */
  private final float[][] narrow;
  /**
   * For a gradient: {@code touched[i]} tells whether row {@code i} of a wide first layer may be non-zero
   * (empty if the first layer is narrow). A sparse input touches few rows, so {@link #zero} and {@link
   * #add} skip the others: for the Pong network, most of 5 MB per lane and batch.
   */
  private final boolean[] touched;
  /** {@code biases[l]}: layer {@code l}'s biases, or {@code null} without biases. */
  final float[][] biases;
  /** The length of the flat vector. */
  final int length;
  /** The length of the longest block. */
  final int longestBlock;

  Blocks(int[] sizes, boolean bias) {
    int layers = sizes.length - 1;
    int count = 0;
    for (int l = 0; l < layers; l++) {
      count += (sizes[l + 1] >= WIDE ? sizes[l] : 1) + (bias ? 1 : 0);
    }
    block = new float[count][];
    offset = new int[count];
    rows = new float[layers][][];
    narrow = new float[layers][];
    biases = new float[layers][];
    int k = 0;
    int off = 0;
    for (int l = 0; l < layers; l++) {
      int n = sizes[l + 1];
      if (n >= WIDE) {
        rows[l] = new float[sizes[l]][];
        for (int i = 0; i < sizes[l]; i++) {
          rows[l][i] = new float[n];
          block[k] = rows[l][i];
          offset[k++] = off;
          off += n;
        }
      } else {
        narrow[l] = new float[sizes[l] * n];
        block[k] = narrow[l];
        offset[k++] = off;
        off += sizes[l] * n;
      }
      if (bias) {
        biases[l] = new float[n];
        block[k] = biases[l];
        offset[k++] = off;
        off += n;
      }
    }
    length = off;
    touched = new boolean[rows[0] != null ? sizes[0] : 0];
    int longest = 0;
    for (float[] b : block) {
      longest = Math.max(longest, b.length);
    }
    longestBlock = longest;
  }

  /** Whether layer {@code l} is narrow (one array for its weights): its rows are not worth skipping zeros for. */
  boolean isNarrow(int l) {
    return narrow[l] != null;
  }

  /** {@code out += a · W_l[i, ·]}, for {@code out} of layer {@code l}'s output size. */
  void addRowTo(int l, int i, float a, float[] out) {
    float[][] r = rows[l];
    if (r != null) {
      float[] row = r[i];
      for (int j = 0; j < out.length; j++) {
        out[j] += a * row[j];
      }
    } else {
      float[] w = narrow[l];
      int off = i * out.length;
      for (int j = 0; j < out.length; j++) {
        out[j] += a * w[off + j];
      }
    }
  }

  /** {@code W_l[i, ·] += a · x}, for {@code x} of layer {@code l}'s output size. */
  void addToRow(int l, int i, float a, float[] x) {
    float[][] r = rows[l];
    if (r != null) {
      if (l == 0) {
        touched[i] = true;
      }
      float[] row = r[i];
      for (int j = 0; j < x.length; j++) {
        row[j] += a * x[j];
      }
    } else {
      float[] w = narrow[l];
      int off = i * x.length;
      for (int j = 0; j < x.length; j++) {
        w[off + j] += a * x[j];
      }
    }
  }

  /** Writes a wide layer {@code l}'s weights transposed into {@code out}: {@code out[j][i] = W_l[i][j]}. */
  void transposeInto(int l, float[][] out) {
    float[][] r = rows[l];
    for (int i = 0; i < r.length; i++) {
      float[] row = r[i];
      for (int j = 0; j < row.length; j++) {
        out[j][i] = row[j];
      }
    }
  }

  /*
   * A narrow layer's products run over its inputs in the inner loop (its rows are too short for a loop
   * each): the same sums, in the same order, as row by row.
   */

  /** {@code out += x · W_l} for a narrow layer {@code l}. */
  void addProductTo(int l, float[] x, float[] out) {
    float[] w = narrow[l];
    int n = out.length;
    for (int j = 0; j < n; j++) {
      float o = out[j];
      for (int i = 0; i < x.length; i++) {
        o += x[i] * w[i * n + j];
      }
      out[j] = o;
    }
  }

  /** {@code W_l += x ⊗ d} for a narrow layer {@code l} (a zero {@code x[i]} adds zeros). */
  void addOuterProduct(int l, float[] x, float[] d) {
    float[] w = narrow[l];
    int n = d.length;
    for (int j = 0; j < n; j++) {
      float dj = d[j];
      for (int i = 0; i < x.length; i++) {
        w[i * n + j] += x[i] * dj;
      }
    }
  }

  /** {@code out = W_l · d} for a narrow layer {@code l}, each value summed in order of j from 0. */
  void multiply(int l, float[] d, float[] out) {
    float[] w = narrow[l];
    int n = d.length;
    java.util.Arrays.fill(out, 0f);
    for (int j = 0; j < n; j++) {
      float dj = d[j];
      for (int i = 0; i < out.length; i++) {
        out[i] += w[i * n + j] * dj;
      }
    }
  }

  /** Copies the flat vector {@code src} (of {@link #length} values) into the blocks. */
  void copyFrom(float[] src) {
    Arrays.fill(touched, true);
    for (int k = 0; k < block.length; k++) {
      System.arraycopy(src, offset[k], block[k], 0, block[k].length);
    }
  }

  /** Copies the blocks of another instance of the same layout. */
  void copyFrom(Blocks other) {
    Arrays.fill(touched, true);
    for (int k = 0; k < block.length; k++) {
      System.arraycopy(other.block[k], 0, block[k], 0, block[k].length);
    }
  }

  /** Copies the blocks into the flat vector {@code dst} (of {@link #length} values). */
  void copyTo(float[] dst) {
    for (int k = 0; k < block.length; k++) {
      System.arraycopy(block[k], 0, dst, offset[k], block[k].length);
    }
  }

  /** The blocks as a new flat vector. */
  float[] toArray() {
    float[] out = new float[length];
    copyTo(out);
    return out;
  }

  /** Where block {@code k} starts in the flat vector. */
  int offset(int k) {
    return offset[k];
  }

  /** Writes the blocks into a buffer of {@link #length} values (an ND4J array's memory). */
  void write(FloatBuffer dst) {
    write(dst, 0, block.length);
  }

  /** Writes the blocks [from, to) into a buffer of {@link #length} values, at their offsets. */
  void write(FloatBuffer dst, int from, int to) {
    for (int k = from; k < to; k++) {
      dst.put(offset[k], block[k]);
    }
  }

  /** Reads the blocks from a buffer of {@link #length} values. */
  void read(FloatBuffer src) {
    Arrays.fill(touched, true);
    for (int k = 0; k < block.length; k++) {
      src.get(offset[k], block[k]);
    }
  }

  /** Sets every value to zero (skipping first-layer rows known to be zero). */
  void zero() {
    for (int k = 0; k < block.length; k++) {
      if (k < touched.length) {
        if (!touched[k]) {
          continue;
        }
        touched[k] = false;
      }
      Arrays.fill(block[k], 0f);
    }
  }

  /** Adds the blocks [from, to) of another instance of the same layout, value by value. */
  void add(Blocks other, int from, int to) {
    for (int k = from; k < to; k++) {
      if (k < touched.length) {
        if (!other.touched[k]) {
          continue; // adding zeros changes nothing
        }
        touched[k] = true;
      }
      float[] b = block[k];
      float[] o = other.block[k];
      for (int j = 0; j < b.length; j++) {
        b[j] += o[j];
      }
    }
  }

  /** Whether every value is finite. */
  boolean finite() {
    for (float[] b : block) {
      for (float v : b) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
