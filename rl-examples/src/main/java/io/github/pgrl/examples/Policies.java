package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;

/**
 * The policy of {@code pgrl train} and {@code pgrl eval} for an environment's action space: the one place
 * that maps a space to a policy, so that training builds it and evaluation builds the same one to read a
 * checkpoint's state into ({@link TrainablePolicy#readState}).
 *
 * <p>{@link Discrete} actions: the configuration's MLP with a softmax head ({@link
 * ReinforceConfig#buildPolicy}). {@link Box} actions and others: refused for now, with a message that
 * says so.
 */
final class Policies {

  private Policies() {}

  /**
   * A new policy for the environment, initialised from the configuration's seed.
   *
   * @param name the environment's name, for messages
   * @param env the environment, for its spaces
   * @param config the run's configuration
   * @param <A> the action type
   * @return the policy
   * @throws IllegalArgumentException if there is no policy for the action space yet
   */
  static <A> TrainablePolicy<float[], A> of(String name, Environment<float[], A> env, ReinforceConfig config) {
    Space<A> actions = env.actionSpace();
    int inputs = ((Box) env.observationSpace()).size();
    if (actions instanceof Discrete d) {
      @SuppressWarnings("unchecked") // a Discrete space is a Space<Integer>, so A is Integer
      TrainablePolicy<float[], A> mlp = (TrainablePolicy<float[], A>) config.buildPolicy(inputs, d.n());
      return mlp;
    }
    // Box actions take a Gaussian policy, MultiDiscrete ones a multi-discrete policy, when those exist
    throw new IllegalArgumentException(name + " has the action space " + actions + ", for which pgrl train has no"
        + " policy yet: it trains environments with Discrete actions, such as CartPole-v1, Acrobot-v1 and MountainCar-v0");
  }
}
