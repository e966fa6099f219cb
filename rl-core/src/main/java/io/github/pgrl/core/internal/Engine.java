package io.github.pgrl.core.internal;

import io.github.pgrl.core.util.Tasks;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Internal, not API: a network and the route its passes take, the one place that chooses between the
 * Java path and ND4J and runs a batch of recorded steps on it. {@code MlpPolicy} and {@code
 * ValueFunction} each hold one.
 *
 * <p>The engine knows outputs, not what they mean. A caller hands {@link #run} an {@link OutputLoss} that
 * reads each step's outputs and writes the derivative of its objective with respect to them (a policy's
 * log-probability and entropy terms, a value function's squared error); the engine runs the forward pass
 * of every step, calls the loss, and backpropagates what it wrote.
 *
 * <p>Not thread-safe, like its network.
 */
public final class Engine {

  /** Which implementation computes the passes (the caller's choice, such as a compute path). */
  public enum Route {
    /** The Java path when a batch averages at most 512 non-zero inputs per step, ND4J otherwise. */
    AUTO,
    /** Always the Java path, one step at a time. */
    JAVA,
    /** Always ND4J, also for single observations. */
    ND4J
  }

  /**
   * The part of an objective that depends on one step's outputs. A batch computed in parts has one loss
   * per part, each called for the steps of its part in order, on the thread that computes the part.
   */
  public interface OutputLoss {
    /**
     * Takes the outputs of step {@code t} and, when a gradient is wanted, writes the derivative of the
     * objective (the quantity ascended) with respect to them.
     *
     * @param t the step, in {@code [0, batch.size())}
     * @param output the outputs: step {@code t}'s are at {@code [offset, offset + outputs)}
     * @param offset where step {@code t}'s outputs start
     * @param dOutput receives the derivatives at {@code [dOffset, dOffset + outputs)}, or {@code null} when
     *     no gradient is computed
     * @param dOffset where step {@code t}'s derivatives start
     */
    void row(int t, float[] output, int offset, float[] dOutput, int dOffset);
  }

  /** The fewest rows of a part of a gradient computed in parts (see {@link #parts}). */
  public static final int MIN_ROWS_PER_PART = 1024;
  /** The most parts a gradient is computed in. */
  public static final int MAX_PARTS = 4;

  private final Mlp net;
  private Route route;

  /**
   * An engine for the network.
   *
   * @param net the network
   * @param route the route of the passes
   */
  public Engine(Mlp net, Route route) {
    this.net = net;
    this.route = route;
  }

  /**
   * The route of the passes.
   *
   * @return the route
   */
  public Route route() {
    return route;
  }

  /**
   * Sets the route of the passes.
   *
   * @param route the route
   */
  public void route(Route route) {
    this.route = java.util.Objects.requireNonNull(route, "route");
  }

  /**
   * How many parts a batch of {@code rows} steps is computed in: the most of 1, 2 and 4 that leaves each
   * part at least 1,024 rows (powers of two, so that two or four threads share the parts evenly).
   *
   * @param rows the batch size
   * @return 1, 2 or 4
   */
  public static int parts(int rows) {
    int parts = MAX_PARTS;
    while (parts > 1 && rows / parts < MIN_ROWS_PER_PART) {
      parts /= 2;
    }
    return parts;
  }

  /**
   * The outputs for one dense observation: through ND4J on {@link Route#ND4J}, else on the Java path
   * (zeros skipped); valid until the next call.
   *
   * @param observation the network's input
   * @return the outputs
   * @throws IllegalArgumentException if the observation's length is wrong
   */
  public float[] forwardOne(float[] observation) {
    return route == Route.ND4J ? net.forwardOneNd4j(observation) : net.forwardOne(observation);
  }

  /**
   * Stages an observation in the batch (with its pending non-zero hint, refusing non-finite values) and
   * gives its outputs; on the Java path the batch also keeps the pass's activations, which {@link #run}
   * reuses while the parameters are unchanged. Valid until the next call.
   *
   * @param observation the network's input, all values finite
   * @param batch a batch for inputs of the network's length, with the observation's non-zero hint if any
   * @return the outputs
   * @throws IllegalArgumentException if the observation's length is wrong, it has a non-finite value, or
   *     the hint breaks its contract (see {@link Batch#hintNonZeros})
   */
  public float[] observe(float[] observation, Batch batch) {
    batch.stageObserved(observation);
    if (route == Route.ND4J) {
      return net.forwardOneNd4j(observation);
    }
    float[] output = net.forwardRow(batch.indices(), batch.values(), batch.stagedStart(), batch.stagedEnd());
    int off = batch.reserveActivations(net.version(), net.activationCount());
    if (off >= 0) {
      net.saveActivations(batch.activations(), off);
    }
    return output;
  }

  /**
   * Runs the forward pass of every step of the batch, hands each step's outputs to the loss of its part,
   * and, if {@code gradient}, makes the gradient of the objective the loss differentiates the network's
   * gradient.
   *
   * <p>On the Java path each step runs alone: from the activations the batch recorded, if they were
   * computed with the current parameters, else from its sparse observation. With {@code inParts} a batch
   * is split into {@link #parts} parts of consecutive steps, each accumulated in a lane of its own and
   * then summed, value by value, in the order of the parts; parts other than the first run on the
   * executor, if given. The split depends only on the batch size, so the results are the same bits with
   * or without an executor. On the ND4J path the steps run in chunks of dense rows, in one part.
   *
   * @param batch the steps, with observations of the network's input length
   * @param inParts whether a large batch is computed in parts (else always in one)
   * @param gradient whether to compute the gradient (else only the forward passes and the loss)
   * @param executor where parts after the first may run, or {@code null}
   * @param lossOfPart makes the loss of part {@code k}, for {@code k} from 0 up, before any step runs
   * @return the number of parts, the losses made
   */
  public int run(Batch batch, boolean inParts, boolean gradient, Executor executor,
      IntFunction<? extends OutputLoss> lossOfPart) {
    if (route == Route.AUTO ? preferJava(batch) : route == Route.JAVA) {
      return runJava(batch, inParts ? parts(batch.size()) : 1, gradient, executor, lossOfPart);
    }
    runNd4j(batch, gradient, lossOfPart.apply(0));
    return 1;
  }

  private int runJava(Batch batch, int parts, boolean gradient, Executor executor,
      IntFunction<? extends OutputLoss> lossOfPart) {
    int n = batch.size();
    int outs = net.outputs();
    OutputLoss[] losses = new OutputLoss[parts];
    for (int k = 0; k < parts; k++) {
      losses[k] = lossOfPart.apply(k);
    }
    net.lane(parts - 1); // makes the lanes before they are used in parallel
    if (gradient) {
      net.prepareBackward();
    }
    // activations recorded by observe() with these very parameters are reused, not recomputed
    int width = net.activationCount();
    float[] recorded = batch.hasActivations(net.version(), width) ? batch.activations() : null;
    int[] index = batch.indices();
    float[] value = batch.values();
    Runnable[] work = new Runnable[parts];
    for (int k = 0; k < parts; k++) {
      Mlp.Lane lane = net.lane(k);
      OutputLoss loss = losses[k];
      int from = Mlp.boundary(n, k, parts);
      int to = Mlp.boundary(n, k + 1, parts);
      work[k] = () -> {
        if (gradient) {
          lane.g.zero();
        }
        float[] dOut = gradient ? new float[outs] : null;
        for (int t = from; t < to; t++) {
          float[] output = recorded != null
              ? net.loadActivations(lane, recorded, t * width)
              : net.forwardRow(lane, index, value, batch.rowStart(t), batch.rowEnd(t));
          loss.row(t, output, 0, dOut, 0);
          if (gradient) {
            net.backwardRow(lane, index, value, batch.rowStart(t), batch.rowEnd(t), dOut);
          }
        }
      };
    }
    Tasks.runParts(work, executor);
    if (gradient) {
      if (parts > 1) {
        // each value is summed over the lanes in order, by whichever thread: the same sum either way
        Runnable[] sums = new Runnable[parts];
        for (int k = 0; k < parts; k++) {
          int from = Mlp.boundary(net.laneBlocks(), k, parts);
          int to = Mlp.boundary(net.laneBlocks(), k + 1, parts);
          sums[k] = () -> net.sumLanes(parts, from, to);
        }
        Tasks.runParts(sums, executor);
      }
      net.publishGradient();
    }
    return parts;
  }

  private void runNd4j(Batch batch, boolean gradient, OutputLoss loss) {
    int n = batch.size();
    int outs = net.outputs();
    if (gradient) {
      net.zeroGrad();
    }
    int chunk = chunkRows();
    for (int start = 0; start < n; start += chunk) {
      int rows = Math.min(chunk, n - start);
      Nd4jPath.Pass pass = net.forward(input(batch, start, rows));
      float[] output = floats(pass.output());
      float[] dOut = gradient ? new float[rows * outs] : null;
      for (int r = 0; r < rows; r++) {
        loss.row(start + r, output, r * outs, dOut, r * outs);
      }
      if (gradient) {
        net.backward(pass, Nd4j.create(dOut, new long[] {rows, outs}, DataType.FLOAT));
      }
    }
  }

  /**
   * Whether the Java path is the faster one for this batch: inputs sparse or the network small. Measured
   * on two cores: the Java path wins below a few hundred non-zero inputs per row.
   */
  static boolean preferJava(Batch batch) {
    return batch.size() == 0 || batch.nonZeros() / batch.size() <= 512;
  }

  /** Rows per chunk on the ND4J path, bounding the dense input to about 64 MB. */
  private int chunkRows() {
    return Math.max(1, Math.min(8192, (1 << 24) / net.inputs()));
  }

  /** The rows [start, start + rows) of a batch as a dense [rows, inputs] array. */
  private INDArray input(Batch batch, int start, int rows) {
    float[] data = new float[rows * net.inputs()];
    batch.dense(start, rows, data);
    return Nd4j.create(data, new long[] {rows, net.inputs()}, DataType.FLOAT);
  }

  /** The values of an array in row-major order. */
  private static float[] floats(INDArray a) {
    return a.dup('c').reshape(a.length()).toFloatVector();
  }
}
