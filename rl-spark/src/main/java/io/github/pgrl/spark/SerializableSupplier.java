package io.github.pgrl.spark;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that Spark can ship to its executors: each executor calls it to build what cannot
 * travel itself, such as an environment.
 *
 * <p>A lambda or method reference assigned to this type is serializable when what it captures is: write
 * {@code CartPole::new}, or {@code () -> new PongEnvironment(config)} with a serializable {@code config}.
 * The class it is (and whatever it names) must be on the executors' class path, in the jar given to
 * {@code spark-submit}.
 *
 * @param <T> the type of what it makes
 * @since 0.1.0
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}
