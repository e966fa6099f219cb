/**
 * Trainable policies and value functions on ND4J: {@link io.github.pgrl.core.policy.MlpPolicy} (a
 * multilayer perceptron with a softmax or Bernoulli head), {@link io.github.pgrl.core.policy.Exploration}
 * (uniform and sticky exploration, with the mixture's log-probability in the gradient) and {@link
 * io.github.pgrl.core.policy.ValueFunction} (a learned baseline).
 *
 * <p>ND4J stays inside: public signatures use {@code float[]}, {@code double[]} and {@code int}. All
 * arrays are float32; gradients are written by hand (backpropagation) and checked against finite
 * differences in the tests.
 */
package io.github.pgrl.core.policy;
