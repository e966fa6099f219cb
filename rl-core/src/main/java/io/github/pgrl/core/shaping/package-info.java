/**
 * {@link io.github.pgrl.core.RewardShaper} implementations beyond the basic ones on the interface, above
 * all {@link io.github.pgrl.core.shaping.PotentialBasedShaper}, the form of shaping that provably leaves the
 * optimal policy unchanged (Ng, Harada &amp; Russell, 1999).
 */
package io.github.pgrl.core.shaping;
