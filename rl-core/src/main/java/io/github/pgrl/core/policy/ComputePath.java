package io.github.pgrl.core.policy;

import io.github.pgrl.core.internal.Engine;

/**
 * Which implementation computes a network's passes. All give the same results within float rounding
 * (tested); they differ in speed.
 *
 * <p>This is the one performance option of {@link MlpPolicy} and {@link ValueFunction} ({@code
 * computePath}): everything else about how they compute (array layouts, lanes, recorded activations,
 * copies to ND4J) is internal and may change in any release. A gradient is computed in parts on the
 * executor {@link MlpPolicy#computeGradient} is given, with the same results without one.
 *
 * @since 0.1.0
 */
public enum ComputePath {
  /**
   * The Java path when a batch's inputs average at most 512 non-zero values per row (small networks,
   * sparse inputs such as difference frames), the ND4J path otherwise; single observations always on the
   * Java path. The default.
   */
  AUTO,
  /** Always one sample at a time in Java, touching only the weight rows of non-zero inputs. */
  SPARSE_JAVA,
  /** Always ND4J matrix products, also for single observations (the dense baseline). */
  DENSE_ND4J;

  /** The engine's route for this path. */
  Engine.Route route() {
    return switch (this) {
      case AUTO -> Engine.Route.AUTO;
      case SPARSE_JAVA -> Engine.Route.JAVA;
      case DENSE_ND4J -> Engine.Route.ND4J;
    };
  }
}
