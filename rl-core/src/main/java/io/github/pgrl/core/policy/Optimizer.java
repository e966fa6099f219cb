package io.github.pgrl.core.policy;

import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.internal.Mlp;
import io.github.pgrl.core.util.Tasks;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The state of one optimizer for one parameter vector (moments, caches, the step count), which steps a
 * {@link TrainablePolicy} or {@link ValueFunction} uphill along its gradient.
 *
 * <p>The updates are those of ND4J's updaters ({@code org.nd4j.linalg.learning}), computed in float32
 * by this class on the networks' Java copy of the parameters (equal to ND4J's within float rounding,
 * tested): SGD {@code θ += lr·g}; RMSProp {@code c = d·c + (1 − d)·g²}, {@code θ += lr·g / (sqrt(c) + ε)};
 * Adam {@code m = β1·m + (1 − β1)·g}, {@code v = β2·v + (1 − β2)·g²}, {@code θ += α_t·m / (sqrt(v) + ε)}
 * with {@code α_t = lr·sqrt(1 − β2^t) / (1 − β1^t)} at step t = 1, 2, …. One fused pass over the
 * values, split over the policy's threads, replaced ND4J's separate operations and the copies to and
 * from ND4J around them (for the Pong network 4 ms of each update; docs/BENCHMARKS.md). The state keeps
 * ND4J's layout (RMSProp: the cache; Adam: all first moments, then all second moments), so checkpoints
 * of earlier versions resume.
 *
 * <p>A step that would make a parameter or a state value NaN or infinite is refused before anything
 * changes. The state can be exported and restored ({@link #state()}, {@link #restore(float[], long)}) for
 * checkpoints. Not thread-safe, except that disjoint blocks of one step may be computed in parallel.
 *
 * @since 0.1.0
 */
public final class Optimizer {

  private final OptimizerConfig config;
  private final int parameterCount;
  /** RMSProp: the cache; Adam: the first moments, then the second moments; SGD: empty. */
  private final float[] state;
  /** The learning rate in use: the configuration's until {@link #learningRate(double)} sets another. */
  private double learningRate;
  private float lr;
  private final float decay1;
  private final float decay2;
  private final float epsilon;
  private long steps;

  private Optimizer(OptimizerConfig config, int parameterCount) {
    this.config = config;
    this.parameterCount = parameterCount;
    this.learningRate = config.learningRate();
    this.lr = (float) learningRate;
    if (config instanceof OptimizerConfig.Adam a) {
      state = new float[2 * parameterCount];
      decay1 = (float) a.beta1();
      decay2 = (float) a.beta2();
      epsilon = (float) a.epsilon();
    } else if (config instanceof OptimizerConfig.RmsProp r) {
      state = new float[parameterCount];
      decay1 = (float) r.decay();
      decay2 = 0f;
      epsilon = (float) r.epsilon();
    } else {
      state = new float[0];
      decay1 = 0f;
      decay2 = 0f;
      epsilon = 0f;
    }
  }

  /**
   * An optimizer for a parameter vector of the given size.
   *
   * @param config the optimizer and its hyperparameters
   * @param parameterCount the number of parameters, at least 1
   * @return the optimizer, with empty state
   * @throws IllegalArgumentException if {@code parameterCount < 1}, or its state would not fit in an array
   *     (Adam: more than {@code (Integer.MAX_VALUE − 8) / 2} parameters)
   * @throws NullPointerException if {@code config} is {@code null}
   */
  public static Optimizer of(OptimizerConfig config, int parameterCount) {
    Objects.requireNonNull(config, "config");
    if (parameterCount < 1) {
      throw new IllegalArgumentException("an optimizer needs at least 1 parameter, got " + parameterCount);
    }
    if (config instanceof OptimizerConfig.Adam && parameterCount > Mlp.MAX_PARAMETERS / 2) {
      throw new IllegalArgumentException("Adam keeps 2 values per parameter, so at most " + Mlp.MAX_PARAMETERS / 2
          + " parameters fit in its state array, got " + parameterCount);
    }
    return new Optimizer(config, parameterCount);
  }

  /**
   * The configuration.
   *
   * @return the optimizer configuration
   */
  public OptimizerConfig config() {
    return config;
  }

  /**
   * The learning rate of the next step: the configuration's, unless {@link #learningRate(double)} set
   * another.
   *
   * @return the learning rate
   */
  public double learningRate() {
    return learningRate;
  }

  /**
   * Sets the learning rate of the following steps, for a schedule (the state is kept). A schedule is part
   * of the trainer's configuration, so the rate is not part of {@link #state()}: a resumed trainer sets it
   * again before its next step.
   *
   * @param rate the rate, finite and at least 0 (0 leaves the parameters unchanged, as the end of a linear
   *     decay does)
   * @throws IllegalArgumentException if the rate is negative, NaN or infinite
   */
  public void learningRate(double rate) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("a learning rate must be finite and at least 0, got " + rate);
    }
    this.learningRate = rate;
    this.lr = (float) rate;
  }

  /**
   * The number of steps taken.
   *
   * @return the step count
   */
  public long steps() {
    return steps;
  }

  /**
   * The internal state (moments, caches), for checkpoints.
   *
   * @return a copy; empty for SGD
   */
  public float[] state() {
    return state.clone();
  }

  /**
   * Restores a state exported by {@link #state()}; nothing changes if it is refused.
   *
   * @param values the state: finite, and the squares' averages (RMSProp's cache, Adam's second moments)
   *     not negative
   * @param stepCount the number of steps taken so far, at least 0
   * @throws IllegalArgumentException if the state has the wrong size, a value is NaN or infinite, an average
   *     of squares is negative, or the step count is negative
   */
  public void restore(float[] values, long stepCount) {
    long expected = state.length;
    if (values.length != expected) {
      throw new IllegalArgumentException(
          "the optimizer state of " + config + " for " + parameterCount + " parameters has " + expected
              + " values, got " + values.length);
    }
    if (stepCount < 0) {
      throw new IllegalArgumentException("the step count must not be negative, got " + stepCount);
    }
    Mlp.requireFinite(values, "the optimizer state");
    // RMSProp's cache, Adam's second moments (after the first moments): averages of squares
    for (int i = config instanceof OptimizerConfig.Adam ? parameterCount : 0; i < values.length; i++) {
      if (values[i] < 0) {
        throw new IllegalArgumentException("the optimizer state's averages of squared gradients must not be negative,"
            + " but value " + i + " is " + values[i]);
      }
    }
    System.arraycopy(values, 0, state, 0, state.length);
    steps = stepCount;
  }

  int parameterCount() {
    return parameterCount;
  }

  /** How many pieces a step is split into when an executor may run them. */
  static final int PIECES = 4;

  /**
   * One step uphill along a policy's gradient ({@link TrainablePolicy#gradientBlocks()}), block by block
   * in place, then {@link TrainablePolicy#parametersChanged()}. The blocks are split into pieces run on the
   * executor, if given; each block's step is computed alone, so the result does not depend on it.
   *
   * @param policy a policy with {@link #parameterCount} parameters and a computed gradient
   * @param executor where to run pieces of the step, or {@code null} for the calling thread
   * @throws IllegalArgumentException if the policy has another number of parameters
   * @throws IllegalStateException if the step would make a parameter or an optimizer value NaN or
   *     infinite; the parameters and this optimizer are then unchanged
   */
  public void ascend(TrainablePolicy<?, ?> policy, Executor executor) {
    if (policy.parameterCount() != parameterCount) {
      throw new IllegalArgumentException(
          "this optimizer is for " + parameterCount + " parameters, the policy has " + policy.parameterCount());
    }
    if (!ascend(policy.parameterBlocks(), policy.gradientBlocks(), executor)) {
      throw new IllegalStateException("the optimizer step (" + config + ") would make a policy parameter or an"
          + " optimizer value NaN or infinite (the gradient norm is " + policy.gradientNorm() + "); nothing was"
          + " changed. Lower the learning rate or clip the gradient");
    }
    policy.parametersChanged();
  }

  /**
   * One step of parameters and gradient held in blocks of the same lengths, in pieces on the executor;
   * {@code false}, with nothing changed, if it would make a value non-finite.
   */
  boolean ascend(float[][] params, float[][] grads, Executor executor) {
    if (!prepare(params, grads, executor)) {
      return false;
    }
    applyPrepared(params, executor);
    return true;
  }

  /** The blocks whose step {@link #prepare} computed and found finite, until it is applied; else {@code null}. */
  private float[][] prepared;

  /** The pieces of a step over blocks: piece {@code k} takes blocks {@code [bounds[k], bounds[k + 1])}. */
  private static int[] pieces(int blocks, Executor executor) {
    int pieces = executor == null ? 1 : PIECES;
    int[] bounds = new int[pieces + 1];
    for (int k = 0; k <= pieces; k++) {
      bounds[k] = (int) ((long) blocks * k / pieces);
    }
    return bounds;
  }

  /**
   * Computes the step of blocks of parameters along their gradient, in pieces on the executor, and keeps
   * it, changing nothing: {@code true} if every new parameter and optimizer value is finite, and then
   * {@link #applyPrepared} may apply it.
   */
  boolean prepare(float[][] params, float[][] grads, Executor executor) {
    prepared = null;
    int blocks = params.length;
    int[] offset = new int[blocks];
    int longest = 0;
    for (int b = 0, off = 0; b < blocks; off += params[b].length, b++) {
      offset[b] = off;
      longest = Math.max(longest, params[b].length);
    }
    int[] bounds = pieces(blocks, executor);
    int pieces = bounds.length - 1;
    boolean[] finite = new boolean[pieces];
    Runnable[] check = new Runnable[pieces];
    float[][] results = pending();
    for (int k = 0; k < pieces; k++) {
      int piece = k;
      int from = bounds[k];
      int to = bounds[k + 1];
      float[][] scratch = scratch(longest);
      // the step is computed once, kept whole until every block is known to be finite, then copied in
      check[k] = () -> {
        boolean ok = true;
        for (int b = from; b < to && ok; b++) {
          ok = stepIsFinite(params[b], grads[b], offset[b], scratch);
          keep(scratch, params[b].length, offset[b], results);
        }
        finite[piece] = ok;
      };
    }
    Tasks.runParts(check, executor);
    for (boolean ok : finite) {
      if (!ok) {
        return false;
      }
    }
    prepared = params;
    return true;
  }

  /**
   * Applies the step {@link #prepare} computed for these blocks, in pieces on the executor.
   *
   * @throws IllegalStateException if no finite step of these blocks was prepared since the last one applied
   */
  void applyPrepared(float[][] params, Executor executor) {
    if (prepared != params) {
      throw new IllegalStateException("no finite step of these parameters is prepared: call prepare first");
    }
    prepared = null;
    int[] bounds = pieces(params.length, executor);
    int[] offset = new int[params.length];
    for (int b = 0, off = 0; b < params.length; off += params[b].length, b++) {
      offset[b] = off;
    }
    float[][] results = pending;
    Runnable[] apply = new Runnable[bounds.length - 1];
    for (int k = 0; k < apply.length; k++) {
      int from = bounds[k];
      int to = bounds[k + 1];
      apply[k] = () -> {
        for (int b = from; b < to; b++) {
          applyKept(results, params[b], offset[b]);
        }
      };
    }
    Tasks.runParts(apply, executor);
    completeStep();
  }

  /**
   * The first half of {@link #ascend(TrainablePolicy, Executor)}: computes the step along the policy's
   * gradient and keeps it, changing nothing, so that a trainer can check the steps of several networks
   * before it applies any ({@link #applyPrepared(TrainablePolicy, Executor)}).
   *
   * @param policy a policy with {@link #parameterCount} parameters and a computed gradient
   * @param executor where to run pieces of the computation, or {@code null}
   * @return whether the step would leave every parameter and optimizer value finite
   * @throws IllegalArgumentException if the policy has another number of parameters
   */
  public boolean prepare(TrainablePolicy<?, ?> policy, Executor executor) {
    requireCount(policy.parameterCount(), "policy");
    return prepare(policy.parameterBlocks(), policy.gradientBlocks(), executor);
  }

  /**
   * The second half of {@link #ascend(TrainablePolicy, Executor)}: applies the step that {@link
   * #prepare(TrainablePolicy, Executor)} computed for this policy, then {@link
   * TrainablePolicy#parametersChanged()}.
   *
   * @param policy the policy prepared
   * @param executor where to run pieces of the copy, or {@code null}
   * @throws IllegalStateException if no finite step of this policy was prepared since the last one applied
   */
  public void applyPrepared(TrainablePolicy<?, ?> policy, Executor executor) {
    applyPrepared(policy.parameterBlocks(), executor);
    policy.parametersChanged();
  }

  private void requireCount(int count, String what) {
    if (count != parameterCount) {
      throw new IllegalArgumentException(
          "this optimizer is for " + parameterCount + " parameters, the " + what + " has " + count);
    }
  }

  /**
   * The whole step between its check and its application: new parameters, then the new state (Adam: its
   * first and second moments), each as long as the parameter vector. Made on the first step and kept: for
   * a policy stepped many times an update (PPO's minibatches) computing the step once instead of twice
   * saves most of the optimizer's time, at the cost of this memory (three floats a parameter for Adam).
   */
  private float[][] pending;

  private float[][] pending() {
    if (pending == null) {
      int arrays = 1 + (state.length > 0 ? 1 : 0) + (state.length > parameterCount ? 1 : 0);
      pending = new float[arrays][parameterCount];
    }
    return pending;
  }

  /** Keeps one block's computed step ({@link #compute}'s scratch buffers) at its offset. */
  private static void keep(float[][] scratch, int n, int off, float[][] results) {
    for (int a = 0; a < results.length; a++) {
      System.arraycopy(scratch[a], 0, results[a], off, n);
    }
  }

  /** Applies one block's kept step: its parameters and its state. */
  private void applyKept(float[][] results, float[] p, int off) {
    int n = p.length;
    System.arraycopy(results[0], off, p, 0, n);
    if (state.length > 0) {
      System.arraycopy(results[1], off, state, off, n);
    }
    if (state.length > parameterCount) {
      System.arraycopy(results[2], off, state, parameterCount + off, n);
    }
  }

  /**
   * Whether this step would leave every value of one block of the parameters finite, and the state too;
   * changes nothing.
   *
   * @param p the parameters of the block
   * @param g their gradient
   * @param off where the block starts in the flat parameter vector
   * @param scratch {@link #scratch} of at least the block's length, for this thread
   */
  boolean stepIsFinite(float[] p, float[] g, int off, float[][] scratch) {
    compute(p, g, off, scratch);
    return finite(scratch, p.length);
  }

  /**
   * Applies this step to one block of the parameters (see {@link #stepIsFinite}); {@link #completeStep}
   * follows once every block is done.
   */
  void step(float[] p, float[] g, int off, float[][] scratch) {
    int n = p.length;
    compute(p, g, off, scratch);
    System.arraycopy(scratch[0], 0, p, 0, n);
    if (state.length > 0) {
      System.arraycopy(scratch[1], 0, state, off, n);
    }
    if (state.length > parameterCount) {
      System.arraycopy(scratch[2], 0, state, parameterCount + off, n);
    }
  }

  /** Buffers for {@link #step} on blocks of up to {@code length} values: new parameters, new state. */
  static float[][] scratch(int length) {
    return new float[3][length];
  }

  /** Counts a step whose blocks have all been applied. */
  void completeStep() {
    steps++;
  }

  /**
   * One step for a whole flat parameter vector, refused if it would make a value non-finite.
   *
   * @return whether the step was taken
   */
  boolean ascend(float[] params, float[] grad) {
    if (params.length != parameterCount || grad.length != parameterCount) {
      throw new IllegalArgumentException("this optimizer is for " + parameterCount + " parameters, got "
          + params.length + " and a gradient of " + grad.length);
    }
    float[][] scratch = scratch(params.length);
    if (!stepIsFinite(params, grad, 0, scratch)) {
      return false;
    }
    step(params, grad, 0, scratch);
    completeStep();
    return true;
  }

  /**
   * Computes the step of one block into the scratch buffers: the new parameters into {@code scratch[0]},
   * the new state into {@code scratch[1]} (and Adam's second moments into {@code scratch[2]}). Every
   * array of the loops is indexed by the loop variable alone, so that C2 vectorizes them (as in the
   * engine's parameter blocks, {@code io.github.pgrl.core.internal.Blocks}).
   */
  private void compute(float[] p, float[] g, int off, float[][] scratch) {
    int n = p.length;
    float[] np = scratch[0];
    if (config instanceof OptimizerConfig.Adam) {
      float alpha = (float) (learningRate * Math.sqrt(1 - Math.pow(decay2, steps + 1.0))
          / (1 - Math.pow(decay1, steps + 1.0)));
      float keep1 = 1f - decay1;
      float keep2 = 1f - decay2;
      float[] m = scratch[1];
      float[] v = scratch[2];
      System.arraycopy(state, off, m, 0, n);
      System.arraycopy(state, parameterCount + off, v, 0, n);
      for (int j = 0; j < n; j++) {
        float gj = g[j];
        float mj = decay1 * m[j] + keep1 * gj;
        float vj = decay2 * v[j] + keep2 * gj * gj;
        m[j] = mj;
        v[j] = vj;
        np[j] = p[j] + alpha * mj / ((float) Math.sqrt(vj) + epsilon);
      }
    } else if (config instanceof OptimizerConfig.RmsProp) {
      float keep = 1f - decay1;
      float[] c = scratch[1];
      System.arraycopy(state, off, c, 0, n);
      for (int j = 0; j < n; j++) {
        float gj = g[j];
        float cj = decay1 * c[j] + keep * gj * gj;
        c[j] = cj;
        np[j] = p[j] + lr * gj / ((float) Math.sqrt(cj) + epsilon);
      }
    } else {
      for (int j = 0; j < n; j++) {
        np[j] = p[j] + lr * g[j];
      }
    }
  }

  /** Whether the first {@code n} values of the scratch buffers in use are finite. */
  private boolean finite(float[][] scratch, int n) {
    int arrays = 1 + (state.length > 0 ? 1 : 0) + (state.length > parameterCount ? 1 : 0);
    for (int a = 0; a < arrays; a++) {
      float[] x = scratch[a];
      float max = 0f;
      for (int j = 0; j < n; j++) {
        max = Math.max(max, Math.abs(x[j])); // NaN if any is NaN
      }
      if (!(max <= Float.MAX_VALUE)) {
        return false;
      }
    }
    return true;
  }
}
