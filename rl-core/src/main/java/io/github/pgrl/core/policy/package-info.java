/**
 * Trainable policies and value functions on ND4J: {@link io.github.pgrl.core.policy.MlpPolicy} (a
 * multilayer perceptron with a softmax or Bernoulli head, a {@link io.github.pgrl.core.TrainablePolicy}
 * whose {@code newSteps()} records steps sparsely), {@link io.github.pgrl.core.policy.GaussianPolicy} (the
 * same network giving the means of a diagonal Gaussian over {@code Box} actions, with log standard
 * deviations as a learned vector or a second head: {@link io.github.pgrl.core.policy.LogStd}), {@link
 * io.github.pgrl.core.policy.MultiDiscretePolicy} (one softmax per component of a {@code MultiDiscrete}
 * space), {@link io.github.pgrl.core.policy.ConvPolicy} (convolutions, dense layers and a softmax over
 * images {@code [channels, height, width]}, computed in batches), {@link
 * io.github.pgrl.core.policy.ValueFunction} (a learned baseline), {@link
 * io.github.pgrl.core.policy.Optimizer} (which steps any trainable policy) and {@link
 * io.github.pgrl.core.policy.OptimizerConfig} (SGD, RMSProp, Adam), and {@link
 * io.github.pgrl.core.policy.ComputePath} (the Java path for sparse inputs and small networks, or ND4J's
 * matrix products: the one performance option).
 *
 * <p>The networks are computed by the engine in {@code io.github.pgrl.core.internal}, which is not API;
 * the head's arithmetic (probabilities, log-probabilities, entropy, the exploration mixture) stays here.
 * ND4J stays inside: public signatures use {@code float[]}, {@code double[]} and {@code int}. All arrays
 * are float32; gradients are written by hand (backpropagation) and checked against finite differences in
 * the tests.
 */
package io.github.pgrl.core.policy;
