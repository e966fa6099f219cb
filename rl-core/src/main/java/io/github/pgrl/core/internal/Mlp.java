package io.github.pgrl.core.internal;

import io.github.pgrl.core.util.Nd4jSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Internal, not API: a fully connected network with one flat float32 parameter vector: {@code sizes[0]}
 * inputs, hidden layers with an activation (ReLU or tanh), and a linear output layer of {@code sizes[L]}
 * units. The policies hold one and run its passes through an {@link Engine}; its public members are the
 * parameters' bookkeeping.
 *
 * <p>Layer {@code l} maps {@code x [B, sizes[l]]} to {@code x·W_l + b_l} with {@code W_l} of shape {@code
 * [sizes[l], sizes[l+1]]}, row-major. The parameters live in Java blocks ({@link #p}; flat order W_0,
 * b_0, W_1, b_1, …), which the Java path and the optimizers ({@link #parameterBlocks}) use, and are
 * copied into one ND4J array ({@link Nd4jPath}) only when the ND4J path needs them. The gradient lives in
 * the main lane's blocks when the Java path computed it, and in the ND4J path's array when that path did
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
public final class Mlp {

  final int[] sizes;
  /** The hidden activation: ReLU, or else tanh. */
  final boolean relu;
  final boolean bias;
  /** The parameters. */
  private final Blocks p;
  /** The ND4J path: a copy of the parameters (refreshed when needed) and a gradient of its own. */
  private final Nd4jPath nd4j;
  /** The number of activations of every layer after the input, together. */
  private final int activationCount;
  /** The Java path's buffers; its gradient accumulator becomes the gradient by {@link #publishGradient()}. */
  private final Lane main;
  /**
   * Where the current gradient is: in the main lane's accumulator (after the Java path published it), or
   * in the ND4J path's (after it computed it, and at first, when both are zero).
   */
  private boolean gradientInLane;
  /** Further lanes for computing a gradient in parts, made on first use. */
  private final List<Lane> lanes = new ArrayList<>();
  /**
   * Identifies the current parameter values: replaced whenever they change, shared by a copy with equal
   * values, so that activations recorded under one version can be reused while it is current. Kept by
   * the {@link #owner}.
   */
  private Object version = new Object();
  /** The network whose parameters this one uses: {@code this}, or the one it was made {@link #sharing} from. */
  private final Mlp owner;
  /**
   * {@code transposed[l][j]}: column {@code j} of a wide layer {@code l ≥ 1}'s weights, for the backward
   * pass, of the parameter version {@link #transposedVersion}; {@code null} for other layers. Why: the
   * backward pass's input gradient {@code dIn[i] = Σ_j W[i][j]·d[j]} is a dot product per input, a
   * reduction that C2 does not vectorize; over columns it is {@code dIn += d[j]·W[·][j]}, a loop C2
   * vectorizes, with the same products summed in the same order (so the same bits). On the CartPole PPO
   * network (4-64-64-2) the backward pass spent half its time in that dot product.
   */
  private float[][][] transposed;
  private Object transposedVersion;

  /**
   * A network with all parameters 0 (see {@link #initialise}).
   *
   * @param sizes the layer sizes, inputs to outputs
   * @param relu whether the hidden activation is ReLU (else tanh)
   * @param bias whether the layers have biases
   * @throws IllegalArgumentException if it would have more than {@link #MAX_PARAMETERS} parameters
   */
  public Mlp(int[] sizes, boolean relu, boolean bias) {
    this(sizes, relu, bias, null);
  }

  private Mlp(int[] sizes, boolean relu, boolean bias, Mlp owner) {
    long count = parameterCount(sizes, bias);
    if (count > MAX_PARAMETERS) {
      throw new IllegalArgumentException("a network of the layer sizes " + Arrays.toString(sizes) + (bias ? " with" : " without")
          + " biases would have " + count + " parameters, more than the " + MAX_PARAMETERS + " an array can hold");
    }
    Nd4jSetup.ensure();
    this.owner = owner == null ? this : owner;
    this.sizes = sizes.clone();
    this.relu = relu;
    this.bias = bias;
    nd4j = new Nd4jPath(this.sizes, relu, bias, count, owner == null ? null : owner.nd4j);
    p = owner == null ? new Blocks(sizes, bias) : owner.p;
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
   *
   * @return the sharing network
   */
  public Mlp sharing() {
    return new Mlp(sizes, relu, bias, owner);
  }

  /**
   * An independent network with the same architecture, parameters and parameter version.
   *
   * @return the copy
   */
  public Mlp copy() {
    Mlp twin = new Mlp(sizes, relu, bias);
    twin.setParametersFrom(this);
    return twin;
  }

  /** The layer sizes, inputs to outputs; a copy. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** The hidden layer sizes, without the inputs and the outputs; a copy. */
  public int[] hidden() {
    return Arrays.copyOfRange(sizes, 1, sizes.length - 1);
  }

  /**
   * The layer sizes of a network: {@code inputs}, then {@code hidden}, then {@code outputs}.
   *
   * @param inputs the input size
   * @param hidden the hidden layer sizes
   * @param outputs the output size
   * @return a new array
   */
  public static int[] layerSizes(int inputs, int[] hidden, int outputs) {
    int[] all = new int[hidden.length + 2];
    all[0] = inputs;
    System.arraycopy(hidden, 0, all, 1, hidden.length);
    all[all.length - 1] = outputs;
    return all;
  }

  /** Whether the hidden activation is ReLU ({@code false}: tanh). */
  public boolean relu() {
    return relu;
  }

  /** Whether the layers have biases. */
  public boolean bias() {
    return bias;
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

  /**
   * Brings the transposed weights that {@link #backwardRow} reads up to the current parameters; called
   * before lanes run in parallel.
   */
  void prepareBackward() {
    if (transposedVersion == owner.version) {
      return;
    }
    if (transposed == null) {
      transposed = new float[layers()][][];
      for (int l = 1; l < layers(); l++) {
        transposed[l] = p.isNarrow(l) ? null : new float[sizes[l + 1]][sizes[l]];
      }
    }
    for (int l = 1; l < layers(); l++) {
      if (transposed[l] != null) {
        p.transposeInto(l, transposed[l]);
      }
    }
    transposedVersion = owner.version;
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
  public static final int MAX_HIDDEN_LAYERS = 100;

  /**
   * Checks hidden layer sizes.
   *
   * @param hidden the sizes
   * @return a copy
   * @throws IllegalArgumentException if there are more than {@link #MAX_HIDDEN_LAYERS} or one is below 1
   */
  public static int[] checkHidden(int[] hidden) {
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
  public static final int MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  /**
   * The number of parameters of a network of these layer sizes.
   *
   * @param sizes the layer sizes, inputs to outputs
   * @param bias whether the layers have biases
   * @return the count, or {@link Long#MAX_VALUE} if it exceeds that
   */
  public static long parameterCount(int[] sizes, boolean bias) {
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
  public static void requireFinite(float[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(what + " must be finite, but value " + i + " (of " + values.length + ") is "
            + values[i]);
      }
    }
  }

  /** The length of an input. */
  public int inputs() {
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
   *
   * @param rng the generator of the weights
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
   * @param rng the generator of the weights
   * @param outputScale the factor on the weights into the first {@code scaledOutputs} outputs
   * @param scaledOutputs how many outputs, from the first, take the factor
   */
  public void initialise(RandomGenerator rng, double outputScale, int scaledOutputs) {
    float[] values = new float[p.length];
    int off = 0;
    for (int l = 0; l < layers(); l++) {
      boolean last = l == layers() - 1;
      double std = 1.0 / Math.sqrt(sizes[l]) * (last ? outputScale : 1.0);
      double plainStd = 1.0 / Math.sqrt(sizes[l]);
      int outs = sizes[l + 1];
      int n = sizes[l] * outs;
      for (int i = 0; i < n; i++) {
        values[off + i] = (float) (rng.nextGaussian() * (last && i % outs >= scaledOutputs ? plainStd : std));
      }
      off += n + (bias ? sizes[l + 1] : 0);
    }
    setParameters(values);
  }

  /**
   * The parameters in the flat order.
   *
   * @return a copy
   */
  public float[] parameters() {
    return p.toArray();
  }

  /**
   * Replaces the parameters, which starts a new parameter version.
   *
   * @param values as many as {@link #parameterCount()}, all finite
   * @throws IllegalArgumentException if the count differs or a value is not finite; nothing changes then
   */
  public void setParameters(float[] values) {
    if (values.length != p.length) {
      throw new IllegalArgumentException("this network has " + p.length + " parameters, got " + values.length);
    }
    requireFinite(values, "the parameters");
    p.copyFrom(values);
    parametersChanged(new Object());
  }

  /**
   * Copies the parameters of a network of the same architecture, and with them their version.
   *
   * @param other the network to copy from
   * @throws IllegalArgumentException if the parameter counts differ
   */
  public void setParametersFrom(Mlp other) {
    p.copyFrom(other.p);
    parametersChanged(other.version());
  }

  private void parametersChanged(Object newVersion) {
    nd4j.parametersChanged();
    owner.version = newVersion;
  }

  /**
   * The number of parameters.
   *
   * @return the length of the flat parameter vector
   */
  public int parameterCount() {
    return p.length;
  }

  /**
   * The version of the current parameter values: replaced whenever they change, shared by a copy.
   *
   * @return an object compared by identity
   */
  public Object version() {
    return owner.version;
  }

  /**
   * Whether every parameter is finite.
   *
   * @return {@code false} if one is NaN or infinite
   */
  public boolean parametersFinite() {
    return p.finite();
  }

  /** Where piece {@code k} of {@code pieces} even pieces of {@code [0, total)} starts (its end: {@code k + 1}). */
  static int boundary(int total, int k, int pieces) {
    return (int) ((long) total * k / pieces);
  }

  /**
   * The parameters' blocks, in the flat order; the arrays themselves, which an optimizer steps in place
   * before it calls {@link #parametersChanged()}.
   *
   * @return the blocks
   */
  public float[][] parameterBlocks() {
    return p.block;
  }

  /**
   * The gradient's blocks, in the flat order: the main lane's accumulator, into which a gradient the
   * ND4J path computed is first copied.
   *
   * @return the blocks, of the lengths of {@link #parameterBlocks()}
   */
  public float[][] gradientBlocks() {
    if (!gradientInLane) {
      nd4j.readGradient(main.g);
      gradientInLane = true;
    }
    return main.g.block;
  }

  /**
   * The gradient's values in the flat order.
   *
   * @return a copy
   */
  public float[] gradient() {
    gradientBlocks();
    return main.g.toArray();
  }

  /** Records that the parameter blocks were written: a new version, and a stale ND4J copy. */
  public void parametersChanged() {
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

  /**
   * The number of activations a step's forward pass records: every layer's output, hidden and final.
   *
   * @return the count
   */
  public int activationCount() {
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
    if (relu) {
      // branch-free (a compare per value mispredicts half the time): max(z, 0) differs from "if z < 0
      // then 0" only in turning −0 into +0, and both are zeros to every later step
      for (int j = 0; j < z.length; j++) {
        z[j] = Math.max(z[j], 0f);
      }
    } else {
      Tanh.apply(z);
    }
  }

  /** {@code y += a·x} for arrays of equal length (indexed by the loop variable alone, so C2 vectorizes it). */
  private static void axpy(float a, float[] x, float[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] += a * x[j];
    }
  }

  /**
   * Adds the gradient of {@code Σ dOut ⊙ output} for the sample last passed to {@link #forwardRow} on this
   * lane (the same CSR entries) to the lane's accumulator.
   */
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
          }
          // dIn[i] = Σ_j W[i][j]·d[j], summed over j in order, by columns (see transposed)
          float[][] columns = transposed[l];
          java.util.Arrays.fill(dIn, 0f);
          for (int j = 0; j < d.length; j++) {
            axpy(d[j], columns[j], dIn);
          }
        }
        // the activation's derivative, from its output
        for (int i = 0; i < in.length; i++) {
          float a = in[i];
          dIn[i] = relu ? (a > 0f ? dIn[i] : 0f) : dIn[i] * (1f - a * a);
        }
        d = dIn;
      }
    }
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
  Nd4jPath.Pass forward(INDArray x) {
    return nd4j.forward(p, x);
  }

  /** Adds the gradient of {@code Σ dOut ⊙ output} for the batch of {@code pass} to the ND4J path's. */
  void backward(Nd4jPath.Pass pass, INDArray dOut) {
    nd4j.backward(pass, dOut);
  }

  /** The output for one dense input through ND4J (the dense baseline); valid until the next call. */
  float[] forwardOneNd4j(float[] x) {
    if (x.length != sizes[0]) {
      throw new IllegalArgumentException(
          "the network expects " + sizes[0] + " inputs, got an observation of " + x.length);
    }
    float[] out = main.act[layers()];
    nd4j.forwardOne(p, x, out);
    return out;
  }

  /** Zeroes the ND4J path's gradient, which {@link #backward} then accumulates, and makes it the gradient. */
  void zeroGrad() {
    nd4j.zeroGrad();
    gradientInLane = false;
  }
}
