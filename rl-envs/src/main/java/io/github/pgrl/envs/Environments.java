package io.github.pgrl.envs;

import io.github.pgrl.core.Environment;
import io.github.pgrl.envs.acrobot.Acrobot;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.gridmaze.GridMaze;
import io.github.pgrl.envs.mountaincar.MountainCar;
import io.github.pgrl.envs.mountaincar.MountainCarContinuous;
import io.github.pgrl.envs.pendulum.Pendulum;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes the bundled environments by their versioned names, like Gymnasium's {@code make}.
 *
 * <p>{@link #make(String, Class, Class)} gives an environment of known observation and action types,
 * ready for training without a cast; {@link #make(String)} gives one of unknown types.
 *
 * <pre>{@code
 * Environment<float[], Integer> env = Environments.make("CartPole-v1", float[].class, Integer.class);
 * Environment<float[], float[]> pendulum = Environments.make("Pendulum-v1", float[].class, float[].class);
 * }</pre>
 *
 * <table>
 *   <caption>The bundled environments and their types</caption>
 *   <tr><th>name</th><th>observations</th><th>actions</th></tr>
 *   <tr><td>{@code CartPole-v1}, {@code CartPole-v0}</td><td>{@code float[]}</td><td>{@code Integer}</td></tr>
 *   <tr><td>{@code Acrobot-v1}</td><td>{@code float[]}</td><td>{@code Integer}</td></tr>
 *   <tr><td>{@code MountainCar-v0}</td><td>{@code float[]}</td><td>{@code Integer}</td></tr>
 *   <tr><td>{@code MountainCarContinuous-v0}</td><td>{@code float[]}</td><td>{@code float[]}</td></tr>
 *   <tr><td>{@code Pendulum-v1}</td><td>{@code float[]}</td><td>{@code float[]}</td></tr>
 *   <tr><td>{@code Pong-rgb-v0}</td><td>{@code byte[]}</td><td>{@code Integer}</td></tr>
 *   <tr><td>{@code Pong-binary-v0}</td><td>{@code float[]}</td><td>{@code Integer}</td></tr>
 *   <tr><td>{@code GridMaze-v0} (with {@link io.github.pgrl.core.ActionMasks})</td><td>{@code float[]}</td>
 *       <td>{@code Integer}</td></tr>
 * </table>
 *
 * @since 0.1.0
 */
public final class Environments {

  /** One registered environment: its factory and the classes of its observations and actions. */
  private record Entry<O, A>(Class<O> observationType, Class<A> actionType, Supplier<? extends Environment<O, A>> factory) {}

  private static final Map<String, Entry<?, ?>> REGISTRY = new LinkedHashMap<>();

  static {
    register("CartPole-v1", float[].class, Integer.class, CartPole::v1);
    register("CartPole-v0", float[].class, Integer.class, CartPole::v0);
    register("Acrobot-v1", float[].class, Integer.class, Acrobot::v1);
    register("MountainCar-v0", float[].class, Integer.class, MountainCar::v0);
    register("MountainCarContinuous-v0", float[].class, float[].class, MountainCarContinuous::v0);
    register("Pendulum-v1", float[].class, float[].class, Pendulum::v1);
    register("Pong-rgb-v0", byte[].class, Integer.class, PongEnvironment::rgb);
    register("Pong-binary-v0", float[].class, Integer.class, PongEnvironment::binary);
    register("GridMaze-v0", float[].class, Integer.class, GridMaze::v0);
  }

  private Environments() {}

  /** Registers a factory; the compiler checks that it makes environments of the two classes. */
  private static <O, A> void register(String name, Class<O> observationType, Class<A> actionType,
      Supplier<? extends Environment<O, A>> factory) {
    REGISTRY.put(name, new Entry<>(observationType, actionType, factory));
  }

  /**
   * The names that {@link #make(String)} accepts.
   *
   * @return the names, in registration order
   */
  public static Set<String> names() {
    return Collections.unmodifiableSet(REGISTRY.keySet());
  }

  /**
   * A new instance of a bundled environment, of unknown types.
   *
   * @param name a name from {@link #names()}, for instance {@code "CartPole-v1"}
   * @return a new environment, not yet reset
   * @throws IllegalArgumentException if the name is unknown; the message lists the known names
   */
  public static Environment<?, ?> make(String name) {
    return entry(name).factory().get();
  }

  /**
   * A new instance of a bundled environment, with the observation and action types the caller expects.
   *
   * @param name a name from {@link #names()}, for instance {@code "CartPole-v1"}
   * @param observationType the class of the environment's observations, exactly (for instance {@code
   *     float[].class})
   * @param actionType the class of the environment's actions, exactly (for instance {@code Integer.class})
   * @param <O> the observation type
   * @param <A> the action type
   * @return a new environment, not yet reset
   * @throws IllegalArgumentException if the name is unknown (the message lists the known names), or if
   *     the environment's observation or action class is not the one given (the message names both)
   * @throws NullPointerException if a class is {@code null}
   */
  public static <O, A> Environment<O, A> make(String name, Class<O> observationType, Class<A> actionType) {
    Objects.requireNonNull(observationType, "observationType");
    Objects.requireNonNull(actionType, "actionType");
    Entry<?, ?> entry = entry(name);
    if (entry.observationType() != observationType || entry.actionType() != actionType) {
      String o = typeName(entry.observationType(), observationType);
      String a = typeName(entry.actionType(), actionType);
      throw new IllegalArgumentException("'" + name + "' is an Environment<" + o + ", " + a + ">, not an Environment<"
          + typeName(observationType, entry.observationType()) + ", " + typeName(actionType, entry.actionType())
          + ">; ask for make(\"" + name + "\", " + o + ".class, " + a + ".class)");
    }
    @SuppressWarnings("unchecked") // register() tied the factory's type to these classes
    Environment<O, A> env = (Environment<O, A>) entry.factory().get();
    return env;
  }

  private static Entry<?, ?> entry(String name) {
    Entry<?, ?> entry = REGISTRY.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("no bundled environment is called '" + name + "'; known: " + names());
    }
    return entry;
  }

  /** The simple name of a class, or its full name where the simple one would not tell it from {@code other}. */
  private static String typeName(Class<?> type, Class<?> other) {
    boolean ambiguous = type != other && type.getSimpleName().equals(other.getSimpleName());
    if (ambiguous || type.getCanonicalName() == null) {
      return type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
    }
    return type.getSimpleName();
  }
}
