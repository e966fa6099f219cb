/**
 * JMH benchmarks of pgrl, the one package of {@code rl-benchmarks}: Pong steps ({@code
 * PongStepBenchmark}), preprocessing into difference frames ({@code PreprocessingBenchmark}), the policy's
 * forward and backward passes ({@code PolicyBenchmark}), the convolutional policy's against the sparse MLP
 * and SGEMM in GFLOP/s ({@code ConvPolicyBenchmark}), the normalisers of observations and rewards
 * ({@code NormalizerBenchmark}), and the whole training loop ({@code TrainingBenchmark}). Build them with
 * {@code mvn -B -q -Pbenchmarks package -DskipTests} and run them with {@code java -jar
 * rl-benchmarks/target/benchmarks.jar}; the results and their command lines are recorded in {@code
 * docs/BENCHMARKS.md}.
 */
package io.github.pgrl.benchmarks;
