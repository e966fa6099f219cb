/**
 * Environments that wrap other environments to change one aspect of them: the observation ({@link
 * io.github.pgrl.core.wrappers.ObservationWrapper}; {@link io.github.pgrl.core.wrappers.OneHot} for
 * numbered states, {@link io.github.pgrl.core.wrappers.NormalizeObservation} for a policy trained on
 * normalised observations), the action ({@link io.github.pgrl.core.wrappers.ActionWrapper}), the reward
 * ({@link io.github.pgrl.core.wrappers.RewardWrapper}, {@link io.github.pgrl.core.wrappers.ShapeReward}) or
 * the episode length ({@link io.github.pgrl.core.wrappers.TimeLimit}).
 *
 * <p>Wrappers nest: the outermost one is what the agent sees. Closing a wrapper closes what it wraps.
 *
 * <p>A wrapper is {@link io.github.pgrl.core.Restorable} when the environment inside is and its own class
 * says that its state is written: the wrappers of this package do; a subclass of a base class declares it
 * by overriding {@code restoresOwnState()}, so that a wrapper with state of its own never writes a snapshot
 * without it.
 */
package io.github.pgrl.core.wrappers;
