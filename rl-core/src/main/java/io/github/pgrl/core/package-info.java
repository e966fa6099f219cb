/**
 * The contracts of pgrl: what an environment, a space, a step, a policy, a trajectory, a reward shaper
 * and a credit assigner are ({@link io.github.pgrl.core.Environment}, {@link io.github.pgrl.core.Space},
 * {@link io.github.pgrl.core.Step}, {@link io.github.pgrl.core.Policy}, {@link
 * io.github.pgrl.core.Trajectory}, {@link io.github.pgrl.core.RewardShaper}, {@link
 * io.github.pgrl.core.CreditAssigner}); what a policy the policy gradient trains is ({@link
 * io.github.pgrl.core.TrainablePolicy}, with its {@link io.github.pgrl.core.ActionDistribution}, {@link
 * io.github.pgrl.core.Categorical} and {@link io.github.pgrl.core.DiagonalGaussian} distributions, {@link
 * io.github.pgrl.core.RecordedSteps} and {@link
 * io.github.pgrl.core.Exploration}); and the optional contracts of environments: {@link
 * io.github.pgrl.core.SparseObservations} for those that can say where their observations are non-zero,
 * {@link io.github.pgrl.core.ActionMasks} for those whose valid actions depend on the state, and {@link
 * io.github.pgrl.core.Restorable} for those that can save and restore their state in the middle of an
 * episode.
 *
 * <p>Everything in this package is plain Java: no ND4J type appears in a public signature, so user code
 * written against these contracts survives changes of the tensor library. Randomness is always explicit:
 * every random choice takes a {@link java.util.random.RandomGenerator} derived from one master seed, so
 * that a run can be repeated bit for bit.
 *
 * <p>The packages of {@code rl-core}:
 *
 * <ul>
 *   <li>{@link io.github.pgrl.core}: the contracts (this package);
 *   <li>{@link io.github.pgrl.core.space}: the spaces {@code Discrete}, {@code Box} and {@code ByteImage};
 *   <li>{@link io.github.pgrl.core.wrappers}: environments that change another's observation, action,
 *       reward or episode length;
 *   <li>{@link io.github.pgrl.core.credit}: credit assignment (discounted returns, standardisation,
 *       baselines, GAE);
 *   <li>{@link io.github.pgrl.core.shaping}: potential-based reward shaping;
 *   <li>{@link io.github.pgrl.core.check}: the environment checker;
 *   <li>{@link io.github.pgrl.core.vector}: copies of an environment stepped in lockstep;
 *   <li>{@link io.github.pgrl.core.normalize}: running normalisation of observations and rewards, with its
 *       state in checkpoints;
 *   <li>{@link io.github.pgrl.core.eval}: evaluating a policy over seeded episodes;
 *   <li>{@link io.github.pgrl.core.policy}: the MLP and Gaussian policies, value functions and
 *       optimizers, computed on ND4J or in Java;
 *   <li>{@link io.github.pgrl.core.reinforce}: the REINFORCE trainer, its configuration, budgets and
 *       metrics;
 *   <li>{@link io.github.pgrl.core.checkpoint}: pgrl's checkpoint file format;
 *   <li>{@link io.github.pgrl.core.util}: seeds by index, ND4J set-up and running tasks on a pool.
 * </ul>
 *
 * <p>{@code docs/ARCHITECTURE.md} in the repository describes how they fit together.
 */
package io.github.pgrl.core;
