package io.github.pgrl.examples;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.actorcritic.ActorCritic;
import io.github.pgrl.core.actorcritic.ActorCriticConfig;
import io.github.pgrl.core.policy.Activation;
import io.github.pgrl.core.policy.GaussianPolicy;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.MultiDiscretePolicy;
import io.github.pgrl.core.reinforce.ReinforceConfig;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.space.MultiDiscrete;
import io.github.pgrl.core.util.Seeds;
import java.util.SplittableRandom;

/**
 * The policy of {@code pgrl train} and {@code pgrl eval} for an environment's action space: the one place
 * that maps a space to a policy, so that training builds it and evaluation builds the same one to read a
 * checkpoint's state into ({@link TrainablePolicy#readState}).
 *
 * <p>{@link Discrete} actions: an {@link MlpPolicy} with a softmax head (masked where the environment has
 * masks). {@link Box} actions: a {@link GaussianPolicy} (a learned log standard deviation per coordinate,
 * starting at 0; unsquashed, so the environment clips). {@link MultiDiscrete} actions: a {@link
 * MultiDiscretePolicy}. All take the configuration's hidden layers, activation and initialisation seed.
 * REINFORCE's are its configuration's ({@link ReinforceConfig#buildPolicy} for the MLP). The actor-critic
 * algorithms' have biases and an output layer initialised 100 times smaller (the MLP of {@link
 * ActorCritic#create(io.github.pgrl.core.vector.VectorEnvironment, ActorCriticConfig)}, as SB3's
 * orthogonal initialisation with gain 0.01), so that the first policy is near uniform, or near a standard
 * normal around 0; with {@link ActorCriticConfig#sharedNetwork()} the MLP also has a value output (Discrete
 * actions only).
 */
final class Policies {

  private Policies() {}

  /** The parts of a configuration that shape a policy. */
  private record Net(long seed, int[] hidden, Activation activation, Head head, boolean bias, double outputScale,
      boolean valueOutput) {}

  /**
   * A new policy for the environment, initialised from the REINFORCE configuration's seed.
   *
   * @param name the environment's name, for messages
   * @param env the environment, for its spaces
   * @param config the run's configuration
   * @param <A> the action type
   * @return the policy
   * @throws IllegalArgumentException if there is no policy for the action space
   */
  static <A> TrainablePolicy<float[], A> of(String name, Environment<float[], A> env, ReinforceConfig config) {
    return of(name, env, new Net(config.seed(), config.hidden(), config.activation(), config.head(), config.bias(),
        config.outputScale(), false));
  }

  /**
   * A new policy for the environment, initialised from the actor-critic configuration's seed.
   *
   * @param name the environment's name, for messages
   * @param env the environment, for its spaces
   * @param config the run's configuration
   * @param <A> the action type
   * @return the policy
   * @throws IllegalArgumentException if there is no policy for the action space
   */
  static <A> TrainablePolicy<float[], A> of(String name, Environment<float[], A> env, ActorCriticConfig config) {
    return of(name, env, new Net(config.seed(), config.hidden(), config.activation(), Head.SOFTMAX, true, 0.01,
        config.sharedNetwork()));
  }

  private static <A> TrainablePolicy<float[], A> of(String name, Environment<float[], A> env, Net net) {
    Space<A> actions = env.actionSpace();
    int inputs = ((Box) env.observationSpace()).size();
    SplittableRandom init = Seeds.generator(net.seed(), 0, Seeds.INITIALISATION);
    Object policy;
    if (actions instanceof Discrete d) {
      policy = MlpPolicy.builder(inputs, d.n()).hidden(net.hidden()).activation(net.activation()).head(net.head())
          .bias(net.bias()).outputScale(net.outputScale()).valueOutput(net.valueOutput()).build(init);
    } else if (net.valueOutput()) {
      throw new IllegalArgumentException(name + " has the action space " + actions + "; a shared network (--shared-network)"
          + " is the MLP of Discrete actions with a value output: train this environment with separate networks");
    } else if (actions instanceof Box box) {
      policy = GaussianPolicy.builder(inputs, box).hidden(net.hidden()).activation(net.activation()).bias(net.bias())
          .outputScale(net.outputScale()).build(init);
    } else if (actions instanceof MultiDiscrete multi) {
      policy = MultiDiscretePolicy.builder(inputs, multi).hidden(net.hidden()).activation(net.activation())
          .bias(net.bias()).build(init);
    } else {
      throw new IllegalArgumentException(name + " has the action space " + actions + ", for which pgrl train has no"
          + " policy: it trains environments with Discrete, Box or MultiDiscrete actions");
    }
    @SuppressWarnings("unchecked") // Discrete is a Space<Integer>, Box a Space<float[]>, MultiDiscrete a Space<int[]>: the policies' A
    TrainablePolicy<float[], A> typed = (TrainablePolicy<float[], A>) policy;
    return typed;
  }
}
