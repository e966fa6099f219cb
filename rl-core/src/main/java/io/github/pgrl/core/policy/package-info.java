/**
 * Trainable policies and value functions on ND4J: {@link io.github.pgrl.core.policy.MlpPolicy} (a
 * multilayer perceptron with a softmax or Bernoulli head, a {@link io.github.pgrl.core.TrainablePolicy}),
 * {@link io.github.pgrl.core.policy.ValueFunction} (a learned baseline), {@link
 * io.github.pgrl.core.policy.Batch} (the MLP's record of steps, stored sparsely), {@link
 * io.github.pgrl.core.policy.Optimizer} (which steps any trainable policy) and {@link
 * io.github.pgrl.core.policy.OptimizerConfig} (SGD, RMSProp, Adam), and {@link
 * io.github.pgrl.core.policy.ComputePath} (the Java path for sparse inputs and small networks, or ND4J's
 * matrix products).
 *
 * <p>ND4J stays inside: public signatures use {@code float[]}, {@code double[]} and {@code int}. All
 * arrays are float32; gradients are written by hand (backpropagation) and checked against finite
 * differences in the tests.
 */
package io.github.pgrl.core.policy;
