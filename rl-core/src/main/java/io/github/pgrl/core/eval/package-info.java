/**
 * Evaluation of a trained {@link io.github.pgrl.core.Policy}: {@link
 * io.github.pgrl.core.eval.PolicyEvaluation} plays it for a number of seeded episodes and gives an {@link
 * io.github.pgrl.core.eval.EvaluationResult} with the returns, their mean, standard deviation and a
 * confidence interval of the mean, like Stable-Baselines3's {@code evaluate_policy}.
 */
package io.github.pgrl.core.eval;
