package io.github.pgrl.envs;

import io.github.pgrl.core.Environment;
import io.github.pgrl.envs.cartpole.CartPole;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes the bundled environments by their versioned names, like Gymnasium's {@code make}.
 *
 * <pre>{@code
 * Environment<?, ?> env = Environments.make("CartPole-v1");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Environments {

  private static final Map<String, Supplier<? extends Environment<?, ?>>> REGISTRY = new LinkedHashMap<>();

  static {
    REGISTRY.put("CartPole-v1", CartPole::v1);
    REGISTRY.put("CartPole-v0", CartPole::v0);
    REGISTRY.put("Pong-rgb-v0", io.github.pgrl.envs.pong.PongEnvironment::rgb);
    REGISTRY.put("Pong-binary-v0", io.github.pgrl.envs.pong.PongEnvironment::binary);
  }

  private Environments() {}

  /**
   * The names that {@link #make(String)} accepts.
   *
   * @return the names, in registration order
   */
  public static Set<String> names() {
    return Collections.unmodifiableSet(REGISTRY.keySet());
  }

  /**
   * A new instance of a bundled environment.
   *
   * @param name a name from {@link #names()}, for instance {@code "CartPole-v1"}
   * @return a new environment, not yet reset
   * @throws IllegalArgumentException if the name is unknown; the message lists the known names
   */
  public static Environment<?, ?> make(String name) {
    Supplier<? extends Environment<?, ?>> factory = REGISTRY.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("no bundled environment is called '" + name + "'; known: " + names());
    }
    return factory.get();
  }
}
