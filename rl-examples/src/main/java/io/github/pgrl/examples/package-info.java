/**
 * The runnable pgrl command line ({@link io.github.pgrl.examples.Main}) and the examples shown in the
 * README, which are compiled and run by the build so that they stay true.
 */
package io.github.pgrl.examples;
