package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.MultiDiscretePolicy;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.space.MultiDiscrete;
import io.github.pgrl.core.util.Seeds;
import java.util.SplittableRandom;

/**
 * The policy of {@code pgrl train} and {@code pgrl eval} for an environment's action space: the one place
 * that maps a space to a policy, so that training builds it and evaluation builds the same one to read a
 * checkpoint's state into ({@link TrainablePolicy#readState}).
 *
 * <p>{@link Discrete} actions: the configuration's MLP with a softmax head ({@link
 * ReinforceConfig#buildPolicy}). {@link Box} actions: a {@link GaussianPolicy} (a learned log standard
 * deviation per coordinate, starting at 0; unsquashed, so the environment clips). {@link MultiDiscrete}
 * actions: a {@link MultiDiscretePolicy}. Both take the configuration's hidden layers, activation, biases
 * and initialisation seed.
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
   * @throws IllegalArgumentException if there is no policy for the action space
   */
  static <A> TrainablePolicy<float[], A> of(String name, Environment<float[], A> env, ReinforceConfig config) {
    Space<A> actions = env.actionSpace();
    int inputs = ((Box) env.observationSpace()).size();
    if (actions instanceof Discrete d) {
      @SuppressWarnings("unchecked") // a Discrete space is a Space<Integer>, so A is Integer
      TrainablePolicy<float[], A> mlp = (TrainablePolicy<float[], A>) config.buildPolicy(inputs, d.n());
      return mlp;
    }
    SplittableRandom init = Seeds.generator(config.seed(), 0, Seeds.INITIALISATION);
    Object policy;
    if (actions instanceof Box box) {
      policy = GaussianPolicy.builder(inputs, box).hidden(config.hidden()).activation(config.activation())
          .bias(config.bias()).build(init);
    } else if (actions instanceof MultiDiscrete multi) {
      policy = MultiDiscretePolicy.builder(inputs, multi).hidden(config.hidden()).activation(config.activation())
          .bias(config.bias()).build(init);
    } else {
      throw new IllegalArgumentException(name + " has the action space " + actions + ", for which pgrl train has no"
          + " policy: it trains environments with Discrete, Box or MultiDiscrete actions");
    }
    @SuppressWarnings("unchecked") // a Box is a Space<float[]>, a MultiDiscrete a Space<int[]>: the policies' A
    TrainablePolicy<float[], A> typed = (TrainablePolicy<float[], A>) policy;
    return typed;
  }
}
