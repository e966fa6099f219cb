package io.github.pgrl.core.actorcritic;

/**
 * What one {@link ActorCritic} update did: the rollout, then the means over its minibatch steps. If the
 * target KL stops the epochs at the first minibatch, no minibatch stepped: the means are NaN, and {@code
 * approxKl} is that minibatch's.
 *
 * @param update the update's index since training began (0-based)
 * @param steps environment steps in the rollout (steps per copy × copies)
 * @param episodes episodes that ended in the rollout
 * @param meanScore the mean raw score of those episodes, NaN if none ended
 * @param runningScore the running score ({@code 0.99·previous + 0.01·score} per episode), NaN before the first
 * @param policyLoss the negative surrogate (PPO) or {@code −mean A·log μ} (A2C), mean over minibatches
 * @param valueLoss the value function's mean squared error (clipped where configured), mean over minibatches
 * @param entropy the mean entropy of π in nats, mean over minibatches
 * @param approxKl the approximate KL divergence of the policy from the one that played, mean over
 *     minibatches (0 for A2C, which plays and learns with the same parameters)
 * @param clipFraction the fraction of steps whose ratio left {@code [1 − ε, 1 + ε]}, mean over minibatches
 *     (0 for A2C)
 * @param explainedVariance {@code 1 − Var(returns − V)/Var(returns)} over the rollout before the update, NaN
 *     if the returns do not vary
 * @param gradientNorm the policy gradient's L2 norm before clipping, mean over minibatches
 * @param learningRate the policy's learning rate in this update
 * @param clipRange ε in this update
 * @param epochs epochs completed (fewer than configured if the target KL stopped them)
 * @param stepsPerSecond environment steps per second of wall time, update included
 * @param rolloutSeconds wall time of the rollout
 * @param learnSeconds wall time of the credit assignment and the gradient steps
 * @param totalEpisodes episodes ended since training began
 * @param totalSteps environment steps since training began
 * @since 0.1.0
 */
public record UpdateMetrics(
    long update,
    int steps,
    int episodes,
    double meanScore,
    double runningScore,
    double policyLoss,
    double valueLoss,
    double entropy,
    double approxKl,
    double clipFraction,
    double explainedVariance,
    double gradientNorm,
    double learningRate,
    double clipRange,
    int epochs,
    double stepsPerSecond,
    double rolloutSeconds,
    double learnSeconds,
    long totalEpisodes,
    long totalSteps) {

  /** The sums of an update's minibatch steps, whose means the metrics report. */
  static final class Builder {
    private final double learningRate;
    private final double clipRange;
    private final double explainedVariance;
    private int count;
    private double policyLoss;
    private double valueLoss;
    private double entropy;
    private double approxKl;
    private double clipFraction;
    private double gradientNorm;
    /** The KL divergence of the minibatch that stopped the epochs, NaN if none did. */
    private double stoppingKl = Double.NaN;
    int epochs;

    Builder(double learningRate, double clipRange, double explainedVariance) {
      this.learningRate = learningRate;
      this.clipRange = clipRange;
      this.explainedVariance = explainedVariance;
    }

    void add(double policyLoss, double valueLoss, double entropy, double approxKl, double clipFraction, double norm) {
      count++;
      this.policyLoss += policyLoss;
      this.valueLoss += valueLoss;
      this.entropy += entropy;
      this.approxKl += approxKl;
      this.clipFraction += clipFraction;
      this.gradientNorm += norm;
    }

    void stoppedEarly(double kl) {
      stoppingKl = kl;
    }

    UpdateMetrics build(long update, int steps, int episodes, double meanScore, double runningScore,
        double stepsPerSecond, double rolloutSeconds, double learnSeconds, long totalEpisodes, long totalSteps) {
      double c = count;
      double kl = count > 0 ? approxKl / c : stoppingKl;
      return new UpdateMetrics(update, steps, episodes, meanScore, runningScore, policyLoss / c, valueLoss / c,
          entropy / c, kl, clipFraction / c, explainedVariance, gradientNorm / c, learningRate, clipRange, epochs,
          stepsPerSecond, rolloutSeconds, learnSeconds, totalEpisodes, totalSteps);
    }
  }
}
