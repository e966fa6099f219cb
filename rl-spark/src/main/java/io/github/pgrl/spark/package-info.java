/**
 * REINFORCE on Apache Spark: {@link io.github.pgrl.spark.SparkRollouts} plays the episodes of each update
 * as Spark tasks, with the policy's parameters broadcast once per update, and the learner on the driver
 * is rl-core's {@link io.github.pgrl.core.reinforce.Reinforce}; for the same seed the results equal a
 * local run's bit for bit.
 *
 * <p>Spark is a {@code provided} dependency: bring {@code org.apache.spark:spark-core_2.13} (4.x) yourself
 * or run under {@code spark-submit}. On Java 17 the JVM needs the {@code --add-opens} options of Spark's
 * launcher ({@code org.apache.spark.launcher.JavaModuleOptions}); {@code spark-submit} adds them.
 */
package io.github.pgrl.spark;
