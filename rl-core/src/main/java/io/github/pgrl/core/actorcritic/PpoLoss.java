package io.github.pgrl.core.actorcritic;

/**
 * PPO's clipped surrogate on one minibatch (Schulman et al. 2017), and the per-step weights whose
 * policy gradient {@code mean_t w_t·∇log μ(a_t|s_t)} is its gradient:
 *
 * <pre>
 *   r_t = exp(log μ_θ(a_t|s_t) − log μ_old(a_t|s_t))
 *   L   = mean_t min(r_t·A_t, clip(r_t, 1 − ε, 1 + ε)·A_t)          (maximised)
 *   w_t = r_t·A_t where the min takes the unclipped term, else 0       (∇r_t = r_t·∇log μ_θ)
 * </pre>
 *
 * A clipped term is constant in θ, so a step whose ratio has left {@code [1 − ε, 1 + ε]} in the direction
 * its advantage pushes contributes nothing. Also measured: the approximate KL divergence {@code mean_t
 * (r_t − 1) − log r_t} (Schulman's low-variance estimator, as CleanRL logs it) and the fraction of steps
 * with {@code |r_t − 1| > ε}.
 */
final class PpoLoss {

  /** The weights {@code w_t}, for {@link io.github.pgrl.core.TrainablePolicy.Objective}. */
  final double[] weights;
  /** L, the surrogate (maximised); the policy loss is {@code −L}. */
  final double surrogate;
  final double approxKl;
  final double clipFraction;

  private PpoLoss(double[] weights, double surrogate, double approxKl, double clipFraction) {
    this.weights = weights;
    this.surrogate = surrogate;
    this.approxKl = approxKl;
    this.clipFraction = clipFraction;
  }

  /**
   * {@code w_t}, the derivative of step {@code t}'s term {@code min(r·A, clip(r, 1 − ε, 1 + ε)·A)} with respect
   * to its log μ: {@code r·A} where the min takes the unclipped term, else 0.
   */
  static double weight(double logRatio, double advantage, double clipRange) {
    double ratio = Math.exp(logRatio);
    double unclipped = ratio * advantage;
    double clippedTerm = Math.max(1 - clipRange, Math.min(1 + clipRange, ratio)) * advantage;
    return unclipped <= clippedTerm ? unclipped : 0.0;
  }

  static PpoLoss of(double[] logProbabilities, double[] oldLogProbabilities, double[] advantages, double clipRange) {
    int n = advantages.length;
    double[] w = new double[n];
    double surrogate = 0;
    double kl = 0;
    int clipped = 0;
    for (int t = 0; t < n; t++) {
      double logRatio = logProbabilities[t] - oldLogProbabilities[t];
      double ratio = Math.exp(logRatio);
      double unclipped = ratio * advantages[t];
      double clippedTerm = Math.max(1 - clipRange, Math.min(1 + clipRange, ratio)) * advantages[t];
      surrogate += Math.min(unclipped, clippedTerm);
      w[t] = weight(logRatio, advantages[t], clipRange);
      kl += (ratio - 1) - logRatio;
      clipped += Math.abs(ratio - 1) > clipRange ? 1 : 0;
    }
    return n == 0 ? new PpoLoss(w, 0, 0, 0) : new PpoLoss(w, surrogate / n, kl / n, (double) clipped / n);
  }
}
