package io.github.pgrl.core.policy;

import io.github.pgrl.core.util.Nd4jSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fully connected network with one flat float32 parameter vector: {@code sizes[0]} inputs, hidden
 * layers with an activation, and a linear output layer of {@code sizes[L]} units.
 *
 * <p>Layer {@code l} maps {@code x [B, sizes[l]]} to {@code x·W_l + b_l} with {@code W_l} of shape {@code
 * [sizes[l], sizes[l+1]]}, row-major. The parameters live in Java blocks ({@link #p}; flat order W_0,
 * b_0, W_1, b_1, …), which the Java path and the optimizer ({@link #ascend}) use, and are copied into one
 * ND4J array, {@link #params}, only when the ND4J path needs them. The gradient lives in the main lane's
 * blocks when the Java path computed it, and in the ND4J array {@link #grad} when the ND4J path did
 * ({@link #gradientInLane}); neither is copied to the other unless needed. Each copy of 5 MB (the Pong
 * network) costs memory bandwidth, which bounds training on two cores (docs/BENCHMARKS.md).
 *
 * <p>Two compute paths give the same results within float rounding:
 *
 * <ul>
 *   <li>the <b>ND4J path</b> ({@link #forward}, {@link #backward}) runs a batch as matrix products: best
 *       for dense, wide inputs;
 *   <li>the <b>Java path</b> ({@link #forwardOne}, {@link #forwardRow}, {@link #backwardRow}) runs one
 *       sample at a time on a Java copy of the parameters ({@link #p}, one array per weight row: see
 *       {@link Blocks}) and touches only the weight rows of the non-zero inputs: best for small networks,
 *       where a JNI call costs more than the arithmetic, and for sparse inputs such as difference frames
 *       (a few dozen non-zero pixels of 6,400).
 * </ul>
 *
 * <p>Not thread-safe; networks made by {@link #sharing} share the parameters but not the buffers.
 */
final class Mlp {

  final int[] sizes;
  final Activation activation;
  final boolean bias;
  /** The parameters for the ND4J path: equal to {@link #p} when {@link #nd4jParamsCurrent} (of the owner). */
  private final INDArray params;
  /** The gradient of the ND4J path (see {@link #gradientInLane}). */
  private final INDArray grad;
  private final INDArray[] w;
  private final INDArray[] b;
  private final INDArray[] gw;
  private final INDArray[] gb;

  /** The parameters. */
  private final Blocks p;
  /** Whether {@link #params} holds the current parameters; kept by the {@link #owner}. */
  private boolean nd4jParamsCurrent = true;
  /** The number of activations of every layer after the input, together. */
  private final int activationCount;
  /** The Java path's buffers; its gradient accumulator becomes the gradient by {@link #publishGradient()}. */
  private final Lane main;
  /**
   * Where the current gradient is: in the main lane's accumulator (after the Java path published it), or
   * in {@link #grad} (after the ND4J path computed it, and at first, when both are zero).
   */
  private boolean gradientInLane;
  /** Further lanes for computing a gradient in parts, made on first use. */
  private final List<Lane> lanes = new ArrayList<>();
  /** Single-row buffers of the ND4J path, made on first use. */
  private INDArray[] one;
  /**
   * Identifies the current parameter values: replaced whenever they change, shared by a copy with equal
   * values, so that activations recorded under one version can be reused while it is current. Kept by
   * the {@link #owner}.
   */
  private Object version = new Object();
  /** The network whose parameters this one uses: {@code this}, or the one it was made {@link #sharing} from. */
  private final Mlp owner;

  Mlp(int[] sizes, Activation activation, boolean bias) {
    this(sizes, activation, bias, null);
  }

  private Mlp(int[] sizes, Activation activation, boolean bias, Mlp owner) {
    long count = parameterCount(sizes, bias);
    if (count > MAX_PARAMETERS) {
      throw new IllegalArgumentException("a network of the layer sizes " + Arrays.toString(sizes) + (bias ? " with" : " without")
          + " biases would have " + count + " parameters, more than the " + MAX_PARAMETERS + " an array can hold");
    }
    Nd4jSetup.ensure();
    this.owner = owner == null ? this : owner;
    this.sizes = sizes.clone();
    this.activation = activation;
    this.bias = bias;
    int layers = sizes.length - 1;
    params = owner == null ? Nd4j.zeros(DataType.FLOAT, count) : owner.params;
    grad = Nd4j.zeros(DataType.FLOAT, count);
    p = owner == null ? new Blocks(sizes, bias) : owner.p;
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
    main = new Lane();
    lanes.add(main);
    int width = 0;
    for (int l = 1; l < sizes.length; l++) {
      width += sizes[l];
    }
    activationCount = width;
  }

  /**
   * A network that uses this one's parameters in place, with its own buffers and gradient: for another
   * thread that computes with the same parameters while they do not change. A change of the parameters
   * through either is a change of both.
   */
  Mlp sharing() {
    return new Mlp(sizes, activation, bias, owner);
  }

  /**
   * The buffers of one Java-path computation: per-layer activations of the last sample ({@code act[0]}
   * unused: inputs stay sparse), their deltas, and a gradient accumulator. Lanes let parts of a batch be
   * computed on different threads.
   */
  final class Lane {
    final float[][] act = new float[sizes.length][];
    final float[][] delta = new float[sizes.length][];
    final Blocks g = new Blocks(sizes, bias);

    Lane() {
      for (int l = 1; l < sizes.length; l++) {
        act[l] = new float[sizes[l]];
        delta[l] = new float[sizes[l]];
      }
    }
  }

  /** Lane {@code i}: 0 is the main one; others are made on first use. */
  Lane lane(int i) {
    while (lanes.size() <= i) {
      lanes.add(new Lane());
    }
    return lanes.get(i);
  }

  /**
   * The most hidden layers a network may have. Each layer costs about 13 KB of heap for its ND4J views
   * whatever its size, so without a limit a small stored architecture could claim gigabytes.
   */
  static final int MAX_HIDDEN_LAYERS = 100;

  /**
   * Checks hidden layer sizes.
   *
   * @param hidden the sizes
   * @return a copy
   * @throws IllegalArgumentException if there are more than {@link #MAX_HIDDEN_LAYERS} or one is below 1
   */
  static int[] checkHidden(int[] hidden) {
    if (hidden.length > MAX_HIDDEN_LAYERS) {
      throw new IllegalArgumentException(
          "a network has at most " + MAX_HIDDEN_LAYERS + " hidden layers, got " + hidden.length);
    }
    for (int s : hidden) {
      if (s < 1) {
        throw new IllegalArgumentException("every hidden layer needs at least 1 unit, got " + Arrays.toString(hidden));
      }
    }
    return hidden.clone();
  }

  /** The most parameters a network may have: the most values a Java array can hold. */
  static final int MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  /** The number of parameters of a network of these layer sizes, or {@link Long#MAX_VALUE} if it exceeds that. */
  static long parameterCount(int[] sizes, boolean bias) {
    long count = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      long layer = (long) sizes[l] * sizes[l + 1] + (bias ? sizes[l + 1] : 0); // below 2^63 for int sizes
      count = count > Long.MAX_VALUE - layer ? Long.MAX_VALUE : count + layer;
    }
    return count;
  }

  /**
   * Checks that every value is finite.
   *
   * @param values the values
   * @param what what they are, for the message ("the parameters")
   * @throws IllegalArgumentException naming the first NaN or infinite value and its index
   */
  static void requireFinite(float[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(what + " must be finite, but value " + i + " (of " + values.length + ") is "
            + values[i]);
      }
    }
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
   * Draws every weight from {@code N(0, 1) / sqrt(fan-in)} (the classic pong-from-pixels initialisation),
   * biases 0; the output layer's weights are further multiplied by {@code outputScale}.
   */
  void initialise(RandomGenerator rng, double outputScale) {
    float[] values = new float[p.length];
    int off = 0;
    for (int l = 0; l < layers(); l++) {
      double std = 1.0 / Math.sqrt(sizes[l]) * (l == layers() - 1 ? outputScale : 1.0);
      int n = sizes[l] * sizes[l + 1];
      for (int i = 0; i < n; i++) {
        values[off + i] = (float) (rng.nextGaussian() * std);
      }
      off += n + (bias ? sizes[l + 1] : 0);
    }
    setParameters(values);
  }

  float[] parameters() {
    return p.toArray();
  }

  void setParameters(float[] values) {
    if (values.length != p.length) {
      throw new IllegalArgumentException("this network has " + p.length + " parameters, got " + values.length);
    }
    requireFinite(values, "the parameters");
    p.copyFrom(values);
    parametersChanged(new Object());
  }

  /** Copies the parameters of a network of the same architecture, and with them their version. */
  void setParametersFrom(Mlp other) {
    p.copyFrom(other.p);
    parametersChanged(other.version());
  }

  private void parametersChanged(Object newVersion) {
    synchronized (owner) {
      owner.nd4jParamsCurrent = false;
    }
    owner.version = newVersion;
  }

  /** Copies the parameters into {@link #params} if they changed since the last copy (for the ND4J path). */
  private void syncNd4jParameters() {
    synchronized (owner) { // sharing networks may compute on the ND4J path on several threads at once
      if (!owner.nd4jParamsCurrent) {
        p.write(Buffers.view(params, p.length));
        owner.nd4jParamsCurrent = true;
      }
    }
  }

  /** The number of parameters. */
  int parameterCount() {
    return p.length;
  }

  /** The version of the current parameter values (see {@link #version}). */
  Object version() {
    return owner.version;
  }

  /** Whether every parameter is finite. */
  boolean parametersFinite() {
    return p.finite();
  }

  /** Where piece {@code k} of {@code pieces} even pieces of {@code [0, total)} starts (its end: {@code k + 1}). */
  static int boundary(int total, int k, int pieces) {
    return (int) ((long) total * k / pieces);
  }

  /**
   * Steps the parameters uphill along the current gradient (see {@link #gradientBlocks}), in pieces on
   * the executor if given; if the step would make a parameter or an optimizer value non-finite, changes
   * nothing. The ND4J copy of the parameters is refreshed when the ND4J path next needs it.
   *
   * @return whether the step was taken
   */
  boolean ascend(Optimizer optimizer, java.util.concurrent.Executor executor) {
    if (optimizer.parameterCount() != p.length) {
      throw new IllegalArgumentException(
          "this optimizer is for " + optimizer.parameterCount() + " parameters, the network has " + p.length);
    }
    if (!optimizer.ascend(p.block, gradientBlocks(), executor)) {
      return false;
    }
    parametersChanged();
    return true;
  }

  /** The parameters' blocks, in the flat order; the arrays themselves. */
  float[][] parameterBlocks() {
    return p.block;
  }

  /**
   * The gradient's blocks, in the flat order: the main lane's accumulator, into which a gradient the
   * ND4J path computed is first copied.
   */
  float[][] gradientBlocks() {
    if (!gradientInLane) {
      main.g.read(Buffers.view(grad, main.g.length));
      gradientInLane = true;
    }
    return main.g.block;
  }

  /** The gradient's values in the flat order. */
  float[] gradient() {
    gradientBlocks();
    return main.g.toArray();
  }

  /** Records that the parameter blocks were written: a new version, and a stale ND4J copy. */
  void parametersChanged() {
    parametersChanged(new Object());
  }

  // ---------------------------------------------------------------- Java path

  /** The output for one dense input, on the Java path (zeros are skipped); valid until the next call. */
  float[] forwardOne(float[] x) {
    if (x.length != sizes[0]) {
      throw new IllegalArgumentException(
          "the network expects " + sizes[0] + " inputs, got an observation of " + x.length);
    }
    float[] h = main.act[1];
    initLayer(0, h);
    for (int i = 0; i < x.length; i++) {
      float xi = x[i];
      if (xi != 0f) {
        p.addRowTo(0, i, xi, h);
      }
    }
    return finishForward(main);
  }

  /** The number of activations {@link #saveActivations} writes: every layer's output, hidden and final. */
  int activationCount() {
    return activationCount;
  }

  /** Copies the activations of the last Java-path forward pass (every layer after the input) to {@code dst}. */
  void saveActivations(float[] dst, int off) {
    float[][] act = main.act;
    for (int l = 1; l < act.length; l++) {
      System.arraycopy(act[l], 0, dst, off, act[l].length);
      off += act[l].length;
    }
  }

  /**
   * Restores activations saved by {@link #saveActivations}, as if their forward pass had just run, and
   * returns the output; {@link #backwardRow} may follow.
   */
  float[] loadActivations(Lane lane, float[] src, int off) {
    float[][] act = lane.act;
    for (int l = 1; l < act.length; l++) {
      System.arraycopy(src, off, act[l], 0, act[l].length);
      off += act[l].length;
    }
    return act[layers()];
  }

  /** The output for one sparse input (CSR entries [from, to)), on the Java path. */
  float[] forwardRow(int[] index, float[] value, int from, int to) {
    return forwardRow(main, index, value, from, to);
  }

  /** {@link #forwardRow(int[], float[], int, int)} on the given lane. */
  float[] forwardRow(Lane lane, int[] index, float[] value, int from, int to) {
    float[] h = lane.act[1];
    initLayer(0, h);
    for (int k = from; k < to; k++) {
      p.addRowTo(0, index[k], value[k], h);
    }
    return finishForward(lane);
  }

  private void initLayer(int l, float[] out) {
    if (bias) {
      System.arraycopy(p.biases[l], 0, out, 0, out.length);
    } else {
      Arrays.fill(out, 0f);
    }
  }

  private float[] finishForward(Lane lane) {
    float[][] act = lane.act;
    for (int l = 1; l < layers(); l++) {
      float[] in = act[l];
      activate(in);
      float[] out = act[l + 1];
      initLayer(l, out);
      if (p.isNarrow(l)) {
        p.addProductTo(l, in, out);
      } else {
        for (int i = 0; i < in.length; i++) {
          float xi = in[i];
          if (xi != 0f) {
            p.addRowTo(l, i, xi, out);
          }
        }
      }
    }
    return act[layers()];
  }

  private void activate(float[] z) {
    if (activation == Activation.RELU) {
      // branch-free (a compare per value mispredicts half the time): max(z, 0) differs from "if z < 0
      // then 0" only in turning −0 into +0, and both are zeros to every later step
      for (int j = 0; j < z.length; j++) {
        z[j] = Math.max(z[j], 0f);
      }
    } else {
      for (int j = 0; j < z.length; j++) {
        z[j] = (float) Math.tanh(z[j]);
      }
    }
  }

  /** {@code y += a·x} for arrays of equal length (indexed by the loop variable alone, so C2 vectorizes it). */
  private static void axpy(float a, float[] x, float[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] += a * x[j];
    }
  }

  /**
   * Adds the gradient of {@code Σ dOut ⊙ output} for the sample last passed to {@link #forwardRow} (the same
   * CSR entries) to the Java accumulator.
   */
  void backwardRow(int[] index, float[] value, int from, int to, float[] dOut) {
    backwardRow(main, index, value, from, to, dOut);
  }

  /** {@link #backwardRow(int[], float[], int, int, float[])} on the given lane, into its accumulator. */
  void backwardRow(Lane lane, int[] index, float[] value, int from, int to, float[] dOut) {
    float[][] act = lane.act;
    float[][] delta = lane.delta;
    Blocks g = lane.g;
    float[] d = delta[layers()];
    System.arraycopy(dOut, 0, d, 0, d.length);
    for (int l = layers() - 1; l >= 0; l--) {
      if (bias) {
        axpy(1f, d, g.biases[l]);
      }
      if (l == 0) {
        for (int k = from; k < to; k++) {
          g.addToRow(0, index[k], value[k], d);
        }
      } else {
        float[] in = act[l];
        float[] dIn = delta[l];
        if (p.isNarrow(l)) {
          g.addOuterProduct(l, in, d);
          p.multiply(l, d, dIn);
        } else {
          for (int i = 0; i < in.length; i++) {
            float a = in[i];
            if (a != 0f) {
              g.addToRow(l, i, a, d);
            }
            dIn[i] = p.dotRow(l, i, d);
          }
        }
        // the activation's derivative, from its output
        for (int i = 0; i < in.length; i++) {
          float a = in[i];
          dIn[i] = activation == Activation.RELU ? (a > 0f ? dIn[i] : 0f) : dIn[i] * (1f - a * a);
        }
        d = dIn;
      }
    }
  }

  /** Zeroes the Java accumulator. */
  void zeroJavaGradient() {
    main.g.zero();
  }

  /** The number of blocks of a lane's accumulator, for {@link #sumLanes}. */
  int laneBlocks() {
    return main.g.block.length;
  }

  /**
   * Adds the accumulators of lanes 1 … {@code count − 1}, in that order, to the main lane's, for the
   * blocks [from, to) (so the sum, and its rounding, depend only on how the work was split, not on which
   * thread did which part or blocks). The lanes must exist.
   */
  void sumLanes(int count, int from, int to) {
    for (int i = 1; i < count; i++) {
      main.g.add(lanes.get(i).g, from, to);
    }
  }

  /** Makes the Java accumulator the gradient. */
  void publishGradient() {
    gradientInLane = true;
  }

  // ---------------------------------------------------------------- ND4J path

  /** A forward pass over a dense batch, keeping what the backward pass needs. */
  Pass forward(INDArray x) {
    syncNd4jParameters();
    INDArray[] acts = new INDArray[layers() + 1];
    acts[0] = x;
    for (int l = 0; l < layers(); l++) {
      INDArray z = Nd4j.gemm(acts[l], w[l], false, false);
      if (bias) {
        z.addiRowVector(b[l]);
      }
      if (l < layers() - 1) {
        if (activation == Activation.RELU) {
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
        if (activation == Activation.RELU) {
          dIn.muli(in.gt(0).castTo(DataType.FLOAT));
        } else {
          dIn.muli(in.mul(in).rsubi(1.0));
        }
        d = dIn;
      }
    }
  }

  /** The output for one dense input through ND4J (the dense baseline); valid until the next call. */
  float[] forwardOneNd4j(float[] x) {
    if (x.length != sizes[0]) {
      throw new IllegalArgumentException(
          "the network expects " + sizes[0] + " inputs, got an observation of " + x.length);
    }
    if (one == null) {
      one = new INDArray[layers() + 1];
      for (int l = 0; l <= layers(); l++) {
        one[l] = Nd4j.zeros(DataType.FLOAT, 1, sizes[l]);
      }
    }
    Buffers.write(one[0], x);
    syncNd4jParameters();
    for (int l = 0; l < layers(); l++) {
      Nd4j.gemm(one[l], w[l], one[l + 1], false, false, 1.0, 0.0);
      if (bias) {
        one[l + 1].addi(b[l]);
      }
      if (l < layers() - 1) {
        if (activation == Activation.RELU) {
          Transforms.relu(one[l + 1], false);
        } else {
          Transforms.tanh(one[l + 1], false);
        }
      }
    }
    float[] out = main.act[layers()];
    for (int j = 0; j < out.length; j++) {
      out[j] = one[layers()].getFloat(j);
    }
    return out;
  }

  /** Zeroes the ND4J path's gradient, which {@link #backward} then accumulates. */
  void zeroGrad() {
    grad.assign(0);
    gradientInLane = false;
  }

  /** The activations of one ND4J forward pass. */
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
