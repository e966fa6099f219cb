package io.github.pgrl.core;

/**
 * An environment with {@code float[]} observations that can say where its latest observation may be
 * non-zero, so that consumers skip the zeros instead of scanning for them.
 *
 * <p>Pixel observations such as the difference frames of Pong are mostly zeros (some 40 of 6,400 values),
 * and finding the non-zeros costs a scan of the whole array per step, which on Pong is a third of the
 * policy's forward pass. An environment that knows what it drew, or a wrapper that knows what changed,
 * implements this interface; {@link io.github.pgrl.core.reinforce.Reinforce} then hands the indices to
 * the record of an {@link io.github.pgrl.core.policy.MlpPolicy} before each {@link
 * io.github.pgrl.core.policy.MlpPolicy#observe(float[], RecordedSteps)}, which reads only those values.
 * The results are exactly those of a scan: the indices only say where to look.
 *
 * <p><b>Contract.</b> The answer is about the observation last returned by {@code reset} or {@code step}
 * (before either, the answer is −1). The indices are strictly increasing, lie in {@code [0, n)} for
 * observations of {@code n} values, and include every index whose value is not zero; they may include
 * indices whose value is zero. An implementation that cannot tell (for example a wrapper around an
 * environment that does not say) returns −1, and consumers then scan the observation.
 * {@link io.github.pgrl.core.check.EnvironmentChecker} verifies the contract on sampled episodes.
 *
 * @since 0.1.0
 */
public interface SparseObservations {

  /**
   * Writes the indices at which the latest observation may be non-zero.
   *
   * @param out receives the indices, strictly increasing, from position 0; at least as long as an
   *     observation
   * @return how many indices were written, or −1 if this environment cannot tell (then nothing is
   *     written)
   * @throws IllegalArgumentException if {@code out} is shorter than an observation
   */
  int nonZeroIndices(int[] out);
}
