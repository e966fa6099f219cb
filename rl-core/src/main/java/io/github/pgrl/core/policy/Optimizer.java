package io.github.pgrl.core.policy;

import java.util.Objects;

/**
 * The state of one optimizer for one parameter vector (moments, caches, the step count), which steps a
 * {@link MlpPolicy} or {@link ValueFunction} uphill along its gradient.
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
  private final float lr;
  private final float decay1;
  private final float decay2;
  private final float epsilon;
  private long steps;

  private Optimizer(OptimizerConfig config, int parameterCount) {
    this.config = config;
    this.parameterCount = parameterCount;
    this.lr = (float) config.learningRate();
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
   * @throws IllegalArgumentException if {@code parameterCount < 1}
   * @throws NullPointerException if {@code config} is {@code null}
   */
  public static Optimizer of(OptimizerConfig config, int parameterCount) {
    Objects.requireNonNull(config, "config");
    if (parameterCount < 1) {
      throw new IllegalArgumentException("an optimizer needs at least 1 parameter, got " + parameterCount);
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
   * Restores a state exported by {@link #state()}.
   *
   * @param values the state
   * @param stepCount the number of steps taken so far
   * @throws IllegalArgumentException if the state has the wrong size or the step count is negative
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
    System.arraycopy(values, 0, state, 0, state.length);
    steps = stepCount;
  }

  int parameterCount() {
    return parameterCount;
  }

  /**
   * Whether this step would leave every value of one block of the parameters finite, and the state too;
   * changes nothing.
   *
   * @param p the parameters of the block
   * @param g their gradient
   * @param off where the block starts in the flat parameter vector
   */
  boolean stepIsFinite(float[] p, float[] g, int off) {
    return pass(p, g, off, false);
  }

  /** Applies this step to one block of the parameters (see {@link #stepIsFinite}); {@link #completeStep} follows. */
  void step(float[] p, float[] g, int off) {
    pass(p, g, off, true);
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
    if (!stepIsFinite(params, grad, 0)) {
      return false;
    }
    step(params, grad, 0);
    completeStep();
    return true;
  }

  /** Computes the step of one block; writes it if {@code apply}, else only checks that it is finite. */
  private boolean pass(float[] p, float[] g, int off, boolean apply) {
    int n = p.length;
    float bad = 0f; // becomes NaN once a value is NaN or infinite (x − x)
    if (config instanceof OptimizerConfig.Adam) {
      float alpha = (float) (config.learningRate() * Math.sqrt(1 - Math.pow(decay2, steps + 1.0))
          / (1 - Math.pow(decay1, steps + 1.0)));
      float keep1 = 1f - decay1;
      float keep2 = 1f - decay2;
      int vOff = parameterCount + off;
      for (int j = 0; j < n; j++) {
        float gj = g[j];
        float m = decay1 * state[off + j] + keep1 * gj;
        float v = decay2 * state[vOff + j] + keep2 * gj * gj;
        float np = p[j] + alpha * m / ((float) Math.sqrt(v) + epsilon);
        if (apply) {
          state[off + j] = m;
          state[vOff + j] = v;
          p[j] = np;
        } else {
          bad += (np - np) + (v - v) + (m - m);
        }
      }
    } else if (config instanceof OptimizerConfig.RmsProp) {
      float keep = 1f - decay1;
      for (int j = 0; j < n; j++) {
        float gj = g[j];
        float c = decay1 * state[off + j] + keep * gj * gj;
        float np = p[j] + lr * gj / ((float) Math.sqrt(c) + epsilon);
        if (apply) {
          state[off + j] = c;
          p[j] = np;
        } else {
          bad += (np - np) + (c - c);
        }
      }
    } else {
      for (int j = 0; j < n; j++) {
        float np = p[j] + lr * g[j];
        if (apply) {
          p[j] = np;
        } else {
          bad += np - np;
        }
      }
    }
    return bad == 0f;
  }
}
