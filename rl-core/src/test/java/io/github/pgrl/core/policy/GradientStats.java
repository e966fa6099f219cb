package io.github.pgrl.core.policy;

/**
 * What one evaluation of a policy-gradient objective found.
 *
 * @param objective the objective's value (reduced as asked); the loss is its negative
 * @param meanEntropy the mean entropy of π over the steps, in nats
 * @param steps the number of steps evaluated
 * @param gradientNorm the L2 norm of the gradient before clipping, or NaN when no gradient was computed
 * @since 0.1.0
 */
record GradientStats(double objective, double meanEntropy, int steps, double gradientNorm) {}
