package io.github.pgrl.core.vector;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@link VectorEnvironment#step(List)}: one entry per copy.
 *
 * <p>Where {@code terminated[i] || truncated[i]}, copy {@code i}'s episode ended on this step and the copy
 * was reset at once: {@code observations.get(i)} is the first observation of its next episode, {@code
 * finalObservations.get(i)} the last observation of the ended one (for bootstrapping a truncation), and
 * {@code rewards[i]}, the flags and {@code infos.get(i)} belong to the ended step. Elsewhere {@code
 * finalObservations.get(i)} is {@code null}.
 *
 * @param observations the observation of each copy after the step (after the reset where one happened)
 * @param rewards the reward of each copy
 * @param terminated whether each copy's episode terminated on this step
 * @param truncated whether each copy's episode was truncated on this step
 * @param finalObservations the last observation of each episode that ended on this step, else {@code null}
 * @param infos each copy's step info
 * @param <O> the observation type
 * @since 0.1.0
 */
public record VectorStep<O>(
    List<O> observations,
    double[] rewards,
    boolean[] terminated,
    boolean[] truncated,
    List<O> finalObservations,
    List<Map<String, Object>> infos) {

  /**
   * Whether copy {@code i}'s episode ended on this step.
   *
   * @param i the copy
   * @return {@code terminated[i] || truncated[i]}
   */
  public boolean done(int i) {
    return terminated[i] || truncated[i];
  }
}
