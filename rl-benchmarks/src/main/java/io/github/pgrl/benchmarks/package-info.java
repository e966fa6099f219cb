/**
 * JMH benchmarks of pgrl: Pong steps, preprocessing, the policy's forward and backward passes, and the
 * whole training loop. Run them with {@code java -jar rl-benchmarks/target/benchmarks.jar}; the results
 * and their command lines are recorded in {@code docs/BENCHMARKS.md}.
 */
package io.github.pgrl.benchmarks;
