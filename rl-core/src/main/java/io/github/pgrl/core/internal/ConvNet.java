package io.github.pgrl.core.internal;

import io.github.pgrl.core.util.Nd4jSetup;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Internal, not API: a convolutional network (valid convolutions with ReLU, then dense ReLU layers, then a
 * linear output layer) whose batched passes are matrix products on ND4J, float32. {@code ConvPolicy} holds
 * one.
 *
 * <p><b>How a convolution is computed.</b> im2col in Java, then one GEMM per layer for the whole chunk of
 * rows: the patches of every output position of every row are the rows of a matrix {@code [rows·oH·oW,
 * C·k·k]}, multiplied by the layer's weights {@code [C·k·k, filters]}. The product is the layer's output
 * in NHWC order, which the next layer's im2col reads directly and the first dense layer takes as its input
 * (flattened {@code (y, x, channel)}). The backward pass uses the same two matrices: {@code dW += colsᵀ·dZ}
 * and {@code dCols = dZ·Wᵀ}, scattered back by col2im. Measured against ND4J's {@code conv2d} custom op
 * (rl-benchmarks {@code ConvPolicyBenchmark}), this is the faster formulation on CPU.
 *
 * <p><b>Parameters.</b> One block per weight matrix and one per bias vector, in layer order: conv layer
 * {@code l}'s weights {@code [C·k·k, filters]} row-major with row index {@code (c·k + ky)·k + kx}, its
 * biases, then each dense layer's weights {@code [in, out]} and biases. The weights have a native copy for
 * the products, refreshed only when the blocks changed ({@link #parametersChanged}); biases and ReLUs are
 * applied in Java. Sharing networks ({@link #sharing}) use the same blocks and copy, with buffers and a
 * gradient of their own. Not thread-safe.
 */
public final class ConvNet {

  /** The most float values of the largest im2col matrix of one chunk (32 MB). */
  static final int MAX_CHUNK_VALUES = 1 << 23;

  private final int channels;
  private final int height;
  private final int width;
  private final int[] filters;
  private final int[] kernels;
  private final int[] strides;
  /** Per conv layer: the input's height and width and the output's. */
  private final int[] inH;
  private final int[] inW;
  private final int[] outH;
  private final int[] outW;
  /** Per conv layer: the input channels times the kernel area, the length of a patch. */
  private final int[] patch;
  /** The dense layers' sizes, from the flattened conv output to the outputs. */
  private final int[] dense;
  private final Shared shared;
  /** The gradient blocks, made on first use. */
  private float[][] grad;
  /** The native weight gradients, made with {@link #grad}. */
  private INDArray[] nativeGrad;
  /** Buffers by number of rows (a full chunk, a last chunk, a single row, the last batch of inputs). */
  private final Map<Integer, Work> work = new HashMap<>();
  /** The rows of the last chunk of {@link #forward(List)}, whose buffers stay beside a gradient's. */
  private int actingRows = 1;

  /**
   * A network for inputs of shape {@code [channels, height, width]}.
   *
   * @param channels the input channels
   * @param height the input height
   * @param width the input width
   * @param filters the filters of each conv layer, at least one layer
   * @param kernels the square kernel size of each conv layer
   * @param strides the stride of each conv layer
   * @param hidden the dense hidden layers' sizes
   * @param outputs the number of outputs
   * @throws IllegalArgumentException if a size is below 1, a kernel is larger than its layer's input, or
   *     the network has more parameters than an array can hold
   */
  public ConvNet(int channels, int height, int width, int[] filters, int[] kernels, int[] strides, int[] hidden,
      int outputs) {
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.filters = filters.clone();
    this.kernels = kernels.clone();
    this.strides = strides.clone();
    int layers = filters.length;
    if (layers < 1 || kernels.length != layers || strides.length != layers) {
      throw new IllegalArgumentException("need at least one conv layer, with a filter count, a kernel and a stride"
          + " each; got " + Arrays.toString(filters) + ", " + Arrays.toString(kernels) + ", " + Arrays.toString(strides));
    }
    requirePositive("the input shape", channels, height, width);
    inH = new int[layers];
    inW = new int[layers];
    outH = new int[layers];
    outW = new int[layers];
    patch = new int[layers];
    int c = channels;
    int h = height;
    int w = width;
    long count = 0;
    for (int l = 0; l < layers; l++) {
      requirePositive("conv layer " + l + " (filters, kernel, stride)", filters[l], kernels[l], strides[l]);
      if (kernels[l] > h || kernels[l] > w) {
        throw new IllegalArgumentException("conv layer " + l + " has a " + kernels[l] + "×" + kernels[l]
            + " kernel but its input is " + c + "×" + h + "×" + w + " (channels×height×width, from the input "
            + Arrays.toString(new int[] {channels, height, width}) + "): a kernel must fit its input; use a smaller"
            + " kernel or stride in an earlier layer, or fewer layers");
      }
      inH[l] = h;
      inW[l] = w;
      outH[l] = (h - kernels[l]) / strides[l] + 1;
      outW[l] = (w - kernels[l]) / strides[l] + 1;
      patch[l] = c * kernels[l] * kernels[l];
      count += (long) patch[l] * filters[l] + filters[l];
      c = filters[l];
      h = outH[l];
      w = outW[l];
    }
    for (int l = 0; l < hidden.length; l++) {
      requirePositive("dense hidden layer " + l, hidden[l]);
    }
    requirePositive("the outputs", outputs);
    dense = Mlp.layerSizes(c * h * w, hidden, outputs);
    for (int l = 0; l + 1 < dense.length; l++) {
      count += (long) dense[l] * dense[l + 1] + dense[l + 1];
    }
    if (count > Mlp.MAX_PARAMETERS) {
      throw new IllegalArgumentException("the network would have " + count + " parameters; at most "
          + Mlp.MAX_PARAMETERS + " fit in an array");
    }
    Nd4jSetup.ensure();
    float[][] blocks = new float[2 * (layers + dense.length - 1)][];
    INDArray[] weights = new INDArray[layers + dense.length - 1];
    for (int l = 0; l < weights.length; l++) {
      int rows = l < layers ? patch[l] : dense[l - layers];
      int cols = l < layers ? filters[l] : dense[l - layers + 1];
      blocks[2 * l] = new float[rows * cols];
      blocks[2 * l + 1] = new float[cols];
      weights[l] = Nd4j.zeros(DataType.FLOAT, rows, cols);
    }
    shared = new Shared(blocks, weights);
  }

  private ConvNet(ConvNet other) {
    channels = other.channels;
    height = other.height;
    width = other.width;
    filters = other.filters;
    kernels = other.kernels;
    strides = other.strides;
    inH = other.inH;
    inW = other.inW;
    outH = other.outH;
    outW = other.outW;
    patch = other.patch;
    dense = other.dense;
    shared = other.shared;
  }

  private static void requirePositive(String what, int... values) {
    for (int v : values) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be at least 1 each, got " + Arrays.toString(values));
      }
    }
  }

  /**
   * A network for another thread that uses this one's parameters in place, with buffers and a gradient of
   * its own.
   *
   * @return the sharing network
   */
  public ConvNet sharing() {
    return new ConvNet(this);
  }

  /**
   * Draws the weights from {@code N(0, 1)/sqrt(fan-in)} with {@code rng}, the output layer's times {@code
   * outputScale}; biases 0.
   *
   * @param rng the generator
   * @param outputScale the factor on the output layer's weights
   */
  public void initialise(RandomGenerator rng, double outputScale) {
    initialise(rng, outputScale, outputs());
  }

  /**
   * As {@link #initialise(RandomGenerator, double)}, with {@code outputScale} on the weights into the first
   * {@code scaledOutputs} outputs only (the others unscaled, such as a value output beside a policy's
   * logits); the same draws in the same order.
   *
   * @param rng the generator
   * @param outputScale the factor on the weights into the first {@code scaledOutputs} outputs
   * @param scaledOutputs how many outputs, from the first, take the factor
   */
  public void initialise(RandomGenerator rng, double outputScale, int scaledOutputs) {
    float[][] blocks = shared.params;
    int weightLayers = blocks.length / 2;
    int outs = outputs();
    for (int l = 0; l < weightLayers; l++) {
      float[] w = blocks[2 * l];
      int fanIn = l < filters.length ? patch[l] : dense[l - filters.length];
      boolean last = l == weightLayers - 1;
      double s = (last ? outputScale : 1.0) / Math.sqrt(fanIn);
      double plain = 1.0 / Math.sqrt(fanIn);
      for (int i = 0; i < w.length; i++) {
        // the output layer's weights are [inputs, outputs] row-major: column i % outs
        w[i] = (float) (rng.nextGaussian() * (last && i % outs >= scaledOutputs ? plain : s));
      }
      Arrays.fill(blocks[2 * l + 1], 0f);
    }
    parametersChanged();
  }

  /**
   * The length of an input.
   *
   * @return channels × height × width
   */
  public int inputs() {
    return channels * height * width;
  }

  /**
   * The number of outputs.
   *
   * @return the output layer's size
   */
  public int outputs() {
    return dense[dense.length - 1];
  }

  /**
   * The parameters' blocks, the arrays themselves.
   *
   * @return the blocks
   */
  public float[][] parameterBlocks() {
    return shared.params;
  }

  /**
   * The gradient's blocks, of the parameter blocks' lengths; zero before the first gradient.
   *
   * @return the blocks
   */
  public float[][] gradientBlocks() {
    gradient();
    return grad;
  }

  /** Records that the parameter blocks were written: the native copy is stale. */
  public void parametersChanged() {
    synchronized (shared) {
      shared.current = false;
    }
  }

  /**
   * The forward pass of one input.
   *
   * @param x {@link #inputs()} values, channel-major ({@code [C, H, W]})
   * @return the outputs, valid until the next call
   */
  public float[] forwardOne(float[] x) {
    Work wk = work(1);
    System.arraycopy(x, 0, wk.act[0], 0, x.length);
    forward(wk);
    return wk.act[wk.act.length - 1];
  }

  /**
   * The forward passes of several inputs as one batch, in chunks of at most {@link #chunkRows()} rows: the
   * outputs equal those of {@link #forwardOne} for each input up to float rounding (the products are
   * summed in another blocking).
   *
   * @param inputs inputs of {@link #inputs()} values each, channel-major ({@code [C, H, W]})
   * @return the outputs, input after input: {@code inputs.size() × outputs()} values, a new array
   */
  public float[] forward(List<float[]> inputs) {
    int n = inputs.size();
    int in = inputs();
    int outs = outputs();
    float[] out = new float[n * outs];
    int chunk = chunkRows();
    for (int start = 0; start < n; start += chunk) {
      int rows = Math.min(chunk, n - start);
      actingRows = rows;
      Work wk = work(rows);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(inputs.get(start + r), 0, wk.act[0], r * in, in);
      }
      forward(wk);
      System.arraycopy(wk.act[wk.act.length - 1], 0, out, start * outs, rows * outs);
    }
    return out;
  }

  /**
   * Runs the forward pass of every step of the batch in chunks, hands each step's outputs to the loss and,
   * if {@code gradient}, sets the gradient to that of the objective the loss differentiates.
   *
   * @param batch the steps, with observations of {@link #inputs()} values
   * @param gradient whether to compute the gradient
   * @param loss reads each step's outputs and writes their derivatives
   */
  public void run(Batch batch, boolean gradient, Engine.OutputLoss loss) {
    int n = batch.size();
    int outs = outputs();
    if (gradient) {
      gradient();
      for (float[] g : grad) {
        Arrays.fill(g, 0f);
      }
    }
    int chunk = chunkRows();
    for (int start = 0; start < n; start += chunk) {
      int rows = Math.min(chunk, n - start);
      Work wk = work(rows);
      batch.dense(start, rows, wk.act[0]);
      forward(wk);
      float[] output = wk.act[wk.act.length - 1];
      float[] dOut = gradient ? wk.delta[wk.delta.length - 1] : null;
      for (int r = 0; r < rows; r++) {
        loss.row(start + r, output, r * outs, dOut, r * outs);
      }
      if (gradient) {
        backward(wk, start == 0);
      }
    }
    if (gradient) {
      if (n == 0) {
        for (INDArray g : nativeGrad) {
          g.assign(0);
        }
      }
      int weightLayers = grad.length / 2;
      for (int l = 0; l < weightLayers; l++) {
        Buffers.read(nativeGrad[l], grad[2 * l]);
      }
    }
  }

  /**
   * Rows per chunk: the largest buffer of a chunk (an im2col matrix, the input rows, or a layer's
   * activations; a stride larger than the kernel makes the input the largest) stays within {@link
   * #MAX_CHUNK_VALUES}.
   */
  int chunkRows() {
    long perRow = inputs();
    for (int l = 0; l < filters.length; l++) {
      perRow = Math.max(perRow, (long) outH[l] * outW[l] * Math.max(patch[l], filters[l]));
    }
    return (int) Math.max(1, Math.min(4096, MAX_CHUNK_VALUES / perRow));
  }

  private void gradient() {
    if (grad == null) {
      float[][] p = shared.params;
      grad = new float[p.length][];
      for (int b = 0; b < p.length; b++) {
        grad[b] = new float[p[b].length];
      }
      nativeGrad = new INDArray[p.length / 2];
      for (int l = 0; l < nativeGrad.length; l++) {
        nativeGrad[l] = Nd4j.zeros(DataType.FLOAT, shared.weights[l].shape());
      }
    }
  }

  private Work work(int rows) {
    Work wk = work.get(rows);
    if (wk == null) {
      // single rows, the copies of a lockstep step (acting) and full chunks recur in every update and stay;
      // the last, partial chunk of a batch differs from batch to batch, so other sizes share one slot
      int full = chunkRows();
      if (rows != 1 && rows != full && rows != actingRows) {
        work.keySet().removeIf(r -> r != 1 && r != full && r != actingRows);
      }
      wk = new Work(rows);
      work.put(rows, wk);
    }
    return wk;
  }

  /** The forward pass of the rows in {@code wk.act[0]}: every later activation, post-ReLU but the output. */
  private void forward(Work wk) {
    shared.sync();
    float[][] p = shared.params;
    int layers = filters.length;
    for (int l = 0; l < layers; l++) {
      im2col(wk, l, wk.act[l], wk.cols[l]);
      Buffers.write(wk.nCols[l], wk.cols[l]);
      Nd4j.gemm(wk.nCols[l], shared.weights[l], wk.nOut[l], false, false, 1.0, 0.0);
      Buffers.read(wk.nOut[l], wk.act[l + 1]);
      biasAndRelu(wk.act[l + 1], p[2 * l + 1], true);
    }
    for (int d = 0; d + 1 < dense.length; d++) {
      int l = layers + d;
      Buffers.write(wk.nIn[d], wk.act[l]);
      Nd4j.gemm(wk.nIn[d], shared.weights[l], wk.nOut[l], false, false, 1.0, 0.0);
      Buffers.read(wk.nOut[l], wk.act[l + 1]);
      biasAndRelu(wk.act[l + 1], p[2 * l + 1], d + 2 < dense.length);
    }
  }

  /**
   * Adds the gradient of {@code Σ dOut ⊙ output}, for the rows of {@code wk} whose derivatives {@code dOut}
   * are in its last delta, to the gradient; the first chunk sets the weights' native gradient instead of
   * adding to it (zeroing it first costs an ND4J operation per layer, as much as a small product).
   */
  private void backward(Work wk, boolean first) {
    int layers = filters.length;
    int last = layers + dense.length - 2;
    for (int l = last; l >= 0; l--) {
      float[] d = wk.delta[l + 1];
      if (l < last) {
        reluDerivative(d, wk.act[l + 1]);
      }
      sumColumns(d, grad[2 * l + 1]);
      Buffers.write(wk.nOut[l], d);
      INDArray in = l < layers ? wk.nCols[l] : wk.nIn[l - layers];
      Nd4j.gemm(in, wk.nOut[l], nativeGrad[l], true, false, 1.0, first ? 0.0 : 1.0);
      if (l == 0) {
        break; // no derivative by the input is needed
      }
      if (l >= layers) {
        Nd4j.gemm(wk.nOut[l], shared.weights[l], wk.nIn[l - layers], false, true, 1.0, 0.0);
        Buffers.read(wk.nIn[l - layers], wk.delta[l]);
      } else {
        Nd4j.gemm(wk.nOut[l], shared.weights[l], wk.nCols[l], false, true, 1.0, 0.0);
        Buffers.read(wk.nCols[l], wk.cols[l]);
        col2im(wk, l, wk.cols[l], wk.delta[l]);
      }
    }
  }

  private static void biasAndRelu(float[] z, float[] b, boolean relu) {
    int n = b.length;
    for (int i = 0; i < z.length; i += n) {
      for (int j = 0; j < n; j++) {
        float v = z[i + j] + b[j];
        z[i + j] = relu && v < 0f ? 0f : v;
      }
    }
  }

  private static void reluDerivative(float[] d, float[] activation) {
    for (int i = 0; i < d.length; i++) {
      if (!(activation[i] > 0f)) {
        d[i] = 0f;
      }
    }
  }

  private static void sumColumns(float[] d, float[] out) {
    int n = out.length;
    for (int i = 0; i < d.length; i += n) {
      for (int j = 0; j < n; j++) {
        out[j] += d[i + j];
      }
    }
  }

  /**
   * Strides of layer {@code l}'s input {@code a}: per row, channel, y and x. The network's input is
   * channel-major ({@code [C, H, W]}), the conv layers' outputs are channel-last ({@code [H, W, C]}).
   */
  private int[] inputStrides(int l) {
    int c = l == 0 ? channels : filters[l - 1];
    int h = inH[l];
    int w = inW[l];
    return l == 0 ? new int[] {c * h * w, h * w, w, 1} : new int[] {h * w * c, 1, w * c, c};
  }

  /** The patches of layer {@code l}'s input {@code a}, one row per output position, into {@code cols}. */
  private void im2col(Work wk, int l, float[] a, float[] cols) {
    patches(wk, l, a, cols, true);
  }

  /** The transpose of {@link #im2col}: sums the patches' derivatives into {@code da} (zeroed first). */
  private void col2im(Work wk, int l, float[] cols, float[] da) {
    Arrays.fill(da, 0f);
    patches(wk, l, da, cols, false);
  }

  /**
   * Visits every patch value of layer {@code l}'s input in the order of the rows of {@code cols}: copies it
   * into {@code cols} ({@code gather}) or adds the {@code cols} value to it.
   */
  private void patches(Work wk, int l, float[] image, float[] cols, boolean gather) {
    int[] st = inputStrides(l);
    int k = kernels[l];
    int c = patch[l] / (k * k);
    int s = strides[l];
    int o = 0;
    for (int r = 0; r < wk.rows; r++) {
      for (int oy = 0; oy < outH[l]; oy++) {
        for (int ox = 0; ox < outW[l]; ox++) {
          int base = r * st[0] + oy * s * st[2] + ox * s * st[3];
          for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < k; ky++) {
              int at = base + ch * st[1] + ky * st[2];
              if (gather) {
                for (int kx = 0; kx < k; kx++) {
                  cols[o++] = image[at + kx * st[3]];
                }
              } else {
                for (int kx = 0; kx < k; kx++) {
                  image[at + kx * st[3]] += cols[o++];
                }
              }
            }
          }
        }
      }
    }
  }

  /** The parameters shared by sharing networks: the Java blocks and the native copy of the weights. */
  private static final class Shared {
    final float[][] params;
    final INDArray[] weights;
    boolean current;

    Shared(float[][] params, INDArray[] weights) {
      this.params = params;
      this.weights = weights;
    }

    /** Copies the weight blocks into the native arrays if they changed since the last copy. */
    synchronized void sync() {
      if (!current) {
        for (int l = 0; l < weights.length; l++) {
          Buffers.write(weights[l], params[2 * l]);
        }
        current = true;
      }
    }
  }

  /** The buffers of passes over a fixed number of rows. */
  private final class Work {
    final int rows;
    /** Java activations: the input, then each layer's output (all rows). */
    final float[][] act;
    /** Java derivatives by each activation (index as {@link #act}); the last is the loss's dOut. */
    final float[][] delta;
    final float[][] cols;
    final INDArray[] nCols;
    /** Native inputs of the dense layers. */
    final INDArray[] nIn;
    /** Native outputs of every layer (also their derivatives in the backward pass). */
    final INDArray[] nOut;

    Work(int rows) {
      this.rows = rows;
      int layers = filters.length;
      int total = layers + dense.length - 1;
      act = new float[total + 1][];
      delta = new float[total + 1][];
      cols = new float[layers][];
      nCols = new INDArray[layers];
      nIn = new INDArray[dense.length - 1];
      nOut = new INDArray[total];
      act[0] = new float[rows * inputs()];
      for (int l = 0; l < layers; l++) {
        int positions = rows * outH[l] * outW[l];
        cols[l] = new float[positions * patch[l]];
        nCols[l] = Nd4j.zeros(DataType.FLOAT, positions, patch[l]);
        nOut[l] = Nd4j.zeros(DataType.FLOAT, positions, filters[l]);
        act[l + 1] = new float[positions * filters[l]];
        delta[l + 1] = new float[positions * filters[l]];
      }
      for (int d = 0; d + 1 < dense.length; d++) {
        nIn[d] = Nd4j.zeros(DataType.FLOAT, rows, dense[d]);
        nOut[layers + d] = Nd4j.zeros(DataType.FLOAT, rows, dense[d + 1]);
        act[layers + d + 1] = new float[rows * dense[d + 1]];
        delta[layers + d + 1] = new float[rows * dense[d + 1]];
      }
    }
  }
}
