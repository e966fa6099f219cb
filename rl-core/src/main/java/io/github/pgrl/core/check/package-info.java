/**
 * The {@link io.github.pgrl.core.check.EnvironmentChecker}: tests an {@link io.github.pgrl.core.Environment}
 * against its contract, for users' own environments as for the bundled ones.
 */
package io.github.pgrl.core.check;
