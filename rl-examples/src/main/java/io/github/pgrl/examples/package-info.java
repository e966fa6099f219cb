/**
 * The runnable pgrl command line and the examples shown in the README, which are compiled and run by the
 * build so that they stay true. {@code rl-examples} has this one package:
 *
 * <ul>
 *   <li>the commands: {@link io.github.pgrl.examples.Main} ({@code pgrl}, and {@code pgrl check}), {@code
 *       PongCommand} ({@code pgrl pong train|eval|watch|record|plot}), {@code CartPoleCommand} ({@code
 *       pgrl cartpole train|eval|bench}) and {@code BenchCommand} ({@code pgrl bench});
 *   <li>their parts: {@code PongSetup} (a Pong run's options, stored as {@code run.properties}), {@code
 *       RunFolder} (a training folder held by one trainer and never overwritten), {@code MetricsFile}
 *       (reading and mending {@code metrics.csv}), {@code Limits} (the bounds of the size options), {@code
 *       Plots} (learning curves) and {@code Cli} (exit codes, Ctrl-C);
 *   <li>the README's custom environment, {@link io.github.pgrl.examples.Thermostat}.
 * </ul>
 */
package io.github.pgrl.examples;
