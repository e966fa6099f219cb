/**
 * The contracts of pgrl: what an environment, a space, a step, a policy, a trajectory, a reward shaper
 * and a credit assigner are.
 *
 * <p>Everything in this package is plain Java: no ND4J type appears in a public signature, so user code
 * written against these contracts survives changes of the tensor library. Implementations live in the
 * sub-packages: {@link io.github.pgrl.core.space spaces}, {@link io.github.pgrl.core.wrappers wrappers},
 * {@link io.github.pgrl.core.credit credit assignment}, {@link io.github.pgrl.core.shaping reward shaping}
 * and the {@link io.github.pgrl.core.check environment checker}.
 *
 * <p>Randomness is always explicit: every random choice takes a {@link
 * java.util.random.RandomGenerator} derived from one master seed, so that a run can be repeated bit for
 * bit.
 */
package io.github.pgrl.core;
