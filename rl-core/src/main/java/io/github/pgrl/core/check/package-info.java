/**
 * The {@link io.github.pgrl.core.check.EnvironmentChecker}: tests an {@link io.github.pgrl.core.Environment}
 * against its contract and the optional contracts it implements ({@link
 * io.github.pgrl.core.SparseObservations}, {@link io.github.pgrl.core.ActionMasks}, {@link
 * io.github.pgrl.core.Restorable}), for users' own environments as for the bundled ones.
 */
package io.github.pgrl.core.check;
