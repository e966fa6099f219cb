package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.List;
import java.util.Objects;

/**
 * Plays single REINFORCE episodes by index, with the code of the trainer's own rollout threads: what a
 * {@link RolloutBackend} runs where the episodes are played. Episode {@code e} resets the environment with
 * {@code Seeds.derive(seed, e, ENVIRONMENT)} and draws its actions from {@code Seeds.generator(seed, e,
 * ACTIONS)}, so it is the same episode wherever and however often it is played, given the same parameters.
 *
 * <p>The policy is the {@link MlpPolicy} the configuration describes, whose parameters are set with {@link
 * #setParameters} before play. Not thread-safe: one player per thread.
 *
 * @since 0.1.0
 */
public final class EpisodePlayer implements AutoCloseable {

  private final MlpPolicy policy;
  private final EpisodeCollector<Integer> collector;

  private EpisodePlayer(Environment<float[], Integer> env, ReinforceConfig config) {
    this.policy = Reinforce.mlp(env, config);
    int inputs = EpisodeCollector.observationSize(env);
    EpisodeCollector.requireFits(policy, env, inputs, config);
    this.collector = new EpisodeCollector<>(List.of(env), policy, config, inputs, () -> false);
  }

  /**
   * A player of the configuration's MLP on the environment, which it closes on {@link #close()}.
   *
   * @param env the environment, with a {@link Box} observation space and a {@link Discrete} action space
   * @param config the run's configuration (its seed, network, exploration and shaper are used)
   * @return the player, with freshly initialised parameters
   * @throws IllegalArgumentException as {@link Reinforce#create(Environment, ReinforceConfig)}
   */
  public static EpisodePlayer of(Environment<float[], Integer> env, ReinforceConfig config) {
    return new EpisodePlayer(Objects.requireNonNull(env, "env"), Objects.requireNonNull(config, "config"));
  }

  /**
   * Sets the policy's parameters, as the trainer's are.
   *
   * @param parameters the values, {@link MlpPolicy#parameterCount()} of them
   * @throws IllegalArgumentException if their number differs
   */
  public void setParameters(float[] parameters) {
    policy.setParameters(parameters);
  }

  /**
   * Plays one episode.
   *
   * @param index the episode's index, at least 0
   * @return the episode
   * @throws IllegalArgumentException if {@code index < 0} (refused by {@link PlayedEpisode}, once played)
   * @throws IllegalStateException if the environment misbehaves (a bad observation, reward or step), as in
   *     the trainer
   */
  public PlayedEpisode<Integer> play(long index) {
    return PlayedEpisode.of(index, collector.playOne(index));
  }

  /** Closes the environment. */
  @Override
  public void close() {
    collector.close();
  }
}
