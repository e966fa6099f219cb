package io.github.pgrl.core.policy;

import io.github.pgrl.core.util.Nd4jSetup;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fully connected network on ND4J with one flat float32 parameter vector: {@code sizes[0]} inputs,
 * hidden layers with an activation, and a linear output layer of {@code sizes[L]} units.
 *
 * <p>Layer {@code l} maps {@code x [B, sizes[l]]} to {@code x·W_l + b_l} with {@code W_l} of shape {@code
 * [sizes[l], sizes[l+1]]}. All weights and biases are views into {@link #params}, and the gradients views
 * into {@link #grad}, in the order W_0, b_0, W_1, b_1, …, so that an optimizer, gradient clipping and
 * checkpoints work on one array. Not thread-safe.
 */
final class Mlp {

  final int[] sizes;
  final Activation activation;
  final boolean bias;
  final INDArray params;
  final INDArray grad;
  private final INDArray[] w;
  private final INDArray[] b;
  private final INDArray[] gw;
  private final INDArray[] gb;
  // single-observation buffers, reused on every call to forwardOne
  private final INDArray[] one;
  private final float[] outOne;

  Mlp(int[] sizes, Activation activation, boolean bias) {
    Nd4jSetup.ensure();
    this.sizes = sizes.clone();
    this.activation = activation;
    this.bias = bias;
    int layers = sizes.length - 1;
    long count = parameterCount(sizes, bias);
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a network of " + count + " parameters is too large");
    }
    params = Nd4j.zeros(DataType.FLOAT, count);
    grad = Nd4j.zeros(DataType.FLOAT, count);
    w = new INDArray[layers];
    b = new INDArray[layers];
    gw = new INDArray[layers];
    gb = new INDArray[layers];
    long off = 0;
    for (int l = 0; l < layers; l++) {
      long n = (long) sizes[l] * sizes[l + 1];
      w[l] = params.get(NDArrayIndex.interval(off, off + n)).reshape('c', sizes[l], sizes[l + 1]);
      gw[l] = grad.get(NDArrayIndex.interval(off, off + n)).reshape('c', sizes[l], sizes[l + 1]);
      off += n;
      if (bias) {
        b[l] = params.get(NDArrayIndex.interval(off, off + sizes[l + 1])).reshape('c', 1, sizes[l + 1]);
        gb[l] = grad.get(NDArrayIndex.interval(off, off + sizes[l + 1])).reshape('c', 1, sizes[l + 1]);
        off += sizes[l + 1];
      }
    }
    one = new INDArray[layers + 1];
    for (int l = 0; l <= layers; l++) {
      one[l] = Nd4j.zeros(DataType.FLOAT, 1, sizes[l]);
    }
    outOne = new float[sizes[layers]];
  }

  static long parameterCount(int[] sizes, boolean bias) {
    long count = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      count += (long) sizes[l] * sizes[l + 1] + (bias ? sizes[l + 1] : 0);
    }
    return count;
  }

  int inputs() {
    return sizes[0];
  }

  int outputs() {
    return sizes[sizes.length - 1];
  }

  int layers() {
    return sizes.length - 1;
  }

  /**
   * Draws every weight from {@code N(0, 1) · scale / sqrt(fan-in)} (the classic pong-from-pixels
   * initialisation with scale 1), biases 0; the output layer's weights are further multiplied by {@code
   * outputScale}.
   */
  void initialise(RandomGenerator rng, double outputScale) {
    float[] p = new float[(int) params.length()];
    int off = 0;
    for (int l = 0; l < layers(); l++) {
      double std = 1.0 / Math.sqrt(sizes[l]) * (l == layers() - 1 ? outputScale : 1.0);
      int n = sizes[l] * sizes[l + 1];
      for (int i = 0; i < n; i++) {
        p[off + i] = (float) (rng.nextGaussian() * std);
      }
      off += n + (bias ? sizes[l + 1] : 0);
    }
    setParameters(p);
  }

  float[] parameters() {
    return params.toFloatVector();
  }

  void setParameters(float[] values) {
    if (values.length != params.length()) {
      throw new IllegalArgumentException(
          "this network has " + params.length() + " parameters, got " + values.length);
    }
    params.data().setData(values);
  }

  /** The output for one input row, into a reused array (valid until the next call). */
  float[] forwardOne(float[] x) {
    if (x.length != sizes[0]) {
      throw new IllegalArgumentException(
          "the network expects " + sizes[0] + " inputs, got an observation of " + x.length);
    }
    one[0].data().setData(x);
    for (int l = 0; l < layers(); l++) {
      Nd4j.gemm(one[l], w[l], one[l + 1], false, false, 1.0, 0.0);
      if (bias) {
        one[l + 1].addi(b[l]);
      }
      if (l < layers() - 1) {
        activate(one[l + 1]);
      }
    }
    INDArray out = one[layers()];
    for (int j = 0; j < outOne.length; j++) {
      outOne[j] = out.getFloat(j);
    }
    return outOne;
  }

  /** A forward pass over a batch, keeping what the backward pass needs. */
  Pass forward(INDArray x) {
    INDArray[] acts = new INDArray[layers() + 1];
    acts[0] = x;
    for (int l = 0; l < layers(); l++) {
      INDArray z = Nd4j.gemm(acts[l], w[l], false, false);
      if (bias) {
        z.addiRowVector(b[l]);
      }
      if (l < layers() - 1) {
        activate(z);
      }
      acts[l + 1] = z;
    }
    return new Pass(acts);
  }

  /**
   * Adds the gradient of {@code Σ dOut ⊙ output} with respect to the parameters to {@link #grad}, for the
   * batch of {@code pass}. Destroys the pass's activations.
   */
  void backward(Pass pass, INDArray dOut) {
    INDArray delta = dOut;
    for (int l = layers() - 1; l >= 0; l--) {
      INDArray in = pass.acts[l];
      Nd4j.gemm(in, delta, gw[l], true, false, 1.0, 1.0);
      if (bias) {
        gb[l].addi(delta.sum(true, 0));
      }
      if (l > 0) {
        INDArray dIn = Nd4j.gemm(delta, w[l], false, true);
        // in = act(z): the derivative is expressed through the activation's output
        if (activation == Activation.RELU) {
          dIn.muli(in.gt(0).castTo(DataType.FLOAT));
        } else {
          dIn.muli(in.mul(in).rsubi(1.0));
        }
        delta = dIn;
      }
    }
  }

  private void activate(INDArray z) {
    if (activation == Activation.RELU) {
      Transforms.relu(z, false);
    } else {
      Transforms.tanh(z, false);
    }
  }

  void zeroGrad() {
    grad.assign(0);
  }

  /** Creates a [rows, inputs] float32 array from row-major data. */
  INDArray input(float[] rowMajor, int rows) {
    if (rowMajor.length < (long) rows * sizes[0]) {
      throw new IllegalArgumentException("need " + rows + " rows of " + sizes[0] + " inputs");
    }
    float[] data = rowMajor.length == rows * sizes[0] ? rowMajor : Arrays.copyOf(rowMajor, rows * sizes[0]);
    return Nd4j.create(data, new long[] {rows, sizes[0]}, DataType.FLOAT);
  }

  /** The values of an array in row-major order. */
  static float[] floats(INDArray a) {
    return a.dup('c').reshape(a.length()).toFloatVector();
  }

  /** The activations of one forward pass. */
  static final class Pass {
    final INDArray[] acts;

    Pass(INDArray[] acts) {
      this.acts = acts;
    }

    INDArray output() {
      return acts[acts.length - 1];
    }
  }
}
