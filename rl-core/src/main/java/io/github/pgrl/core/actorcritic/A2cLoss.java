package io.github.pgrl.core.actorcritic;

/**
 * A2C's policy objective on a rollout (Mnih et al. 2016, synchronous): {@code L = mean_t A_t·log
 * μ(a_t|s_t)}, whose gradient is the policy gradient with the advantages as weights. There is no ratio:
 * the rollout was played by the current parameters, and there is one step per rollout.
 */
final class A2cLoss {

  private A2cLoss() {}

  /** The weights {@code w_t} of {@code mean_t w_t·log μ(a_t|s_t)}: the advantages themselves. */
  static double[] weights(double[] advantages) {
    return advantages;
  }

  /**
   * The policy loss {@code −mean_t A_t·log μ(a_t|s_t)} from the policy's evaluation of {@code mean_t w_t·log
   * μ + β·mean_t H}: the entropy term taken out.
   */
  static double policyLoss(double objective, double meanEntropy, double entropyCoefficient) {
    return -(objective - entropyCoefficient * meanEntropy);
  }
}
