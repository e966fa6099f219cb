package io.github.pgrl.core.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ND4J side of an {@link Mlp}: its passes as matrix products over a batch of dense rows, on a copy of
 * the parameters in one ND4J array ({@link #params}, views {@code w} and {@code b} per layer) and with a
 * gradient of its own ({@link #grad}). The copy is refreshed from the network's Java blocks only when
 * this path runs after they changed; sharing networks share it, each with a gradient and buffers of
 * its own.
 */
final class Nd4jPath {

  private final int[] sizes;
  private final boolean relu;
  private final boolean bias;
  /** The parameters for the ND4J path: equal to the network's blocks when {@link #current} (of the owner). */
  private final INDArray params;
  /** The gradient of the ND4J path. */
  private final INDArray grad;
  private final INDArray[] w;
  private final INDArray[] b;
  private final INDArray[] gw;
  private final INDArray[] gb;
  /** Single-row buffers, made on first use. */
  private INDArray[] one;
  /** Whether {@link #params} holds the current parameters; kept by the {@link #owner}. */
  private boolean current = true;
  /** The path whose parameter copy this one uses: {@code this}, or that of the network it shares. */
  private final Nd4jPath owner;

  /**
   * @param count the number of parameters of the layer sizes, at most {@link Mlp#MAX_PARAMETERS}
   * @param owner the path of the network whose parameters a sharing network uses, or {@code null}
   */
  Nd4jPath(int[] sizes, boolean relu, boolean bias, long count, Nd4jPath owner) {
    this.owner = owner == null ? this : owner;
    this.sizes = sizes;
    this.relu = relu;
    this.bias = bias;
    int layers = sizes.length - 1;
    params = owner == null ? Nd4j.zeros(DataType.FLOAT, count) : owner.params;
    grad = Nd4j.zeros(DataType.FLOAT, count);
    w = new INDArray[layers];
    b = new INDArray[layers];
    gw = new INDArray[layers];
    gb = new INDArray[layers];
    int off = 0;
    for (int l = 0; l < layers; l++) {
      int n = sizes[l] * sizes[l + 1];
      w[l] = params.get(NDArrayIndex.interval(off, off + n)).reshape(sizes[l], sizes[l + 1]);
      gw[l] = grad.get(NDArrayIndex.interval(off, off + n)).reshape(sizes[l], sizes[l + 1]);
      off += n;
      if (bias) {
        b[l] = params.get(NDArrayIndex.interval(off, off + sizes[l + 1])).reshape(1, sizes[l + 1]);
        gb[l] = grad.get(NDArrayIndex.interval(off, off + sizes[l + 1])).reshape(1, sizes[l + 1]);
        off += sizes[l + 1];
      }
    }
  }

  private int layers() {
    return sizes.length - 1;
  }

  /** Records that the network's parameters changed: the copy is stale. */
  void parametersChanged() {
    synchronized (owner) {
      owner.current = false;
    }
  }

  /** Copies the parameters into {@link #params} if they changed since the last copy. */
  private void sync(Blocks p) {
    synchronized (owner) { // sharing networks may compute on the ND4J path on several threads at once
      if (!owner.current) {
        p.write(Buffers.view(params, p.length));
        owner.current = true;
      }
    }
  }

  /** A forward pass over a dense batch with the parameters {@code p}, keeping what the backward pass needs. */
  Pass forward(Blocks p, INDArray x) {
    sync(p);
    INDArray[] acts = new INDArray[layers() + 1];
    acts[0] = x;
    for (int l = 0; l < layers(); l++) {
      INDArray z = Nd4j.gemm(acts[l], w[l], false, false);
      if (bias) {
        z.addiRowVector(b[l]);
      }
      if (l < layers() - 1) {
        if (relu) {
          Transforms.relu(z, false);
        } else {
          Transforms.tanh(z, false);
        }
      }
      acts[l + 1] = z;
    }
    return new Pass(acts);
  }

  /** Adds the gradient of {@code Σ dOut ⊙ output} for the batch of {@code pass} to {@link #grad}. */
  void backward(Pass pass, INDArray dOut) {
    INDArray d = dOut;
    for (int l = layers() - 1; l >= 0; l--) {
      INDArray in = pass.acts[l];
      Nd4j.gemm(in, d, gw[l], true, false, 1.0, 1.0);
      if (bias) {
        gb[l].addi(d.sum(true, 0));
      }
      if (l > 0) {
        INDArray dIn = Nd4j.gemm(d, w[l], false, true);
        if (relu) {
          dIn.muli(in.gt(0).castTo(DataType.FLOAT));
        } else {
          dIn.muli(in.mul(in).rsubi(1.0));
        }
        d = dIn;
      }
    }
  }

  /** Writes the output for one dense input of the right length, with the parameters {@code p}, into {@code out}. */
  void forwardOne(Blocks p, float[] x, float[] out) {
    if (one == null) {
      one = new INDArray[layers() + 1];
      for (int l = 0; l <= layers(); l++) {
        one[l] = Nd4j.zeros(DataType.FLOAT, 1, sizes[l]);
      }
    }
    Buffers.write(one[0], x);
    sync(p);
    for (int l = 0; l < layers(); l++) {
      Nd4j.gemm(one[l], w[l], one[l + 1], false, false, 1.0, 0.0);
      if (bias) {
        one[l + 1].addi(b[l]);
      }
      if (l < layers() - 1) {
        if (relu) {
          Transforms.relu(one[l + 1], false);
        } else {
          Transforms.tanh(one[l + 1], false);
        }
      }
    }
    for (int j = 0; j < out.length; j++) {
      out[j] = one[layers()].getFloat(j);
    }
  }

  /** Zeroes the gradient, which {@link #backward} then accumulates. */
  void zeroGrad() {
    grad.assign(0);
  }

  /** Copies the gradient into {@code g}, blocks of the same flat vector. */
  void readGradient(Blocks g) {
    g.read(Buffers.view(grad, g.length));
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
