/** Small utilities shared by the implementations: seed derivation and ND4J set-up. */
package io.github.pgrl.core.util;
