package io.github.pgrl.core.policy;

import io.github.pgrl.core.util.Nd4jSetup;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The state of one optimizer for one parameter vector (moments, caches, the step count), which steps a
 * {@link MlpPolicy} or {@link ValueFunction} uphill along its gradient.
 *
 * <p>The state can be exported and restored ({@link #state()}, {@link #restore(float[], long)}) for
 * checkpoints. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class Optimizer {

  private final OptimizerConfig config;
  private final int parameterCount;
  private final INDArray state;
  private final GradientUpdater<?> updater;
  private long steps;

  private Optimizer(OptimizerConfig config, int parameterCount) {
    Nd4jSetup.ensure();
    this.config = config;
    this.parameterCount = parameterCount;
    long size = updater(config).stateSize(parameterCount);
    this.state = size == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, size);
    this.updater = updater(config).instantiate(state, true);
    if (state != null) {
      // ND4J starts RMSProp's cache at epsilon; the classic program starts it empty
      state.assign(0);
    }
  }

  private static IUpdater updater(OptimizerConfig config) {
    if (config instanceof OptimizerConfig.Adam a) {
      return new org.nd4j.linalg.learning.config.Adam(a.learningRate(), a.beta1(), a.beta2(), a.epsilon());
    } else if (config instanceof OptimizerConfig.RmsProp r) {
      return new org.nd4j.linalg.learning.config.RmsProp(r.learningRate(), r.decay(), r.epsilon());
    }
    return new org.nd4j.linalg.learning.config.Sgd(config.learningRate());
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
    if (state == null) {
      return new float[0];
    }
    float[] values = new float[(int) state.length()];
    Buffers.read(state, values);
    return values;
  }

  /**
   * Restores a state exported by {@link #state()}.
   *
   * @param values the state
   * @param stepCount the number of steps taken so far
   * @throws IllegalArgumentException if the state has the wrong size or the step count is negative
   */
  public void restore(float[] values, long stepCount) {
    long expected = state == null ? 0 : state.length();
    if (values.length != expected) {
      throw new IllegalArgumentException(
          "the optimizer state of " + config + " for " + parameterCount + " parameters has " + expected
              + " values, got " + values.length);
    }
    if (stepCount < 0) {
      throw new IllegalArgumentException("the step count must not be negative, got " + stepCount);
    }
    if (state != null) {
      Buffers.write(state, values);
    }
    steps = stepCount;
  }

  /** Turns {@code grad} into the update (in place) and adds it to {@code params}. */
  void ascend(INDArray params, INDArray grad) {
    if (params.length() != parameterCount) {
      throw new IllegalArgumentException(
          "this optimizer is for " + parameterCount + " parameters, got " + params.length());
    }
    INDArray g = grad.reshape(1, parameterCount);
    updater.applyUpdater(g, (int) Math.min(steps, Integer.MAX_VALUE), 0);
    params.addi(g.reshape(params.shape()));
    steps++;
  }
}
