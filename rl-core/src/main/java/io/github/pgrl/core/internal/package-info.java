/**
 * Not API: the compute engine behind the policies; types here may change in any release without notice.
 *
 * <p>What is inside:
 *
 * <ul>
 *   <li>{@link io.github.pgrl.core.internal.Engine}: the one place that chooses between the Java path and
 *       ND4J and runs a batch of recorded steps (forward passes, a caller's per-step loss,
 *       backpropagation, parts on lanes summed in a fixed order);
 *   <li>{@link io.github.pgrl.core.internal.Mlp}: the network, its parameters as Java blocks and its
 *       Java path (sparse inputs, one step at a time, lanes, recorded activations), with {@code Nd4jPath}
 *       (the ND4J copy of the parameters and the matrix products), {@code Blocks} (one array per weight
 *       row, so that C2 vectorizes the hot loops) and {@code Buffers} (bulk copies into ND4J);
 *   <li>{@link io.github.pgrl.core.internal.ConvNet}: the convolutional network of {@code ConvPolicy},
 *       im2col in Java and one float32 GEMM per layer on ND4J for a chunk of rows;
 *   <li>{@link io.github.pgrl.core.internal.Batch}: the steps stored sparsely, with the activation cache
 *       and the non-zero hint; the record behind {@code MlpPolicy.newSteps()}.
 * </ul>
 *
 * <p>Why it is separate: the engine is tuned for speed (array layouts, lanes, caches, when to copy
 * between Java and ND4J), and such choices change from one release to the next. Behind this boundary they
 * can change without breaking anyone: the policies ({@code io.github.pgrl.core.policy}) expose only the
 * contracts of the root package and one performance option, {@code ComputePath}. The engine knows
 * outputs, not probabilities: a policy's head stays in {@code io.github.pgrl.core.policy}. It depends on
 * the root package ({@code RecordedSteps}) and {@code io.github.pgrl.core.util} only. Only {@code
 * io.github.pgrl.core.policy} and, for the non-zero hint, {@code io.github.pgrl.core.reinforce} use it
 * (an ArchUnit rule, docs/ARCHITECTURE.md, "Architecture rules (ArchUnit)"), and no public signature
 * outside it mentions its types.
 */
package io.github.pgrl.core.internal;
