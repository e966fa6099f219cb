package io.github.pgrl.core;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Descriptions of components that are the same in every run, as checkpoints store them: the default of
 * {@link CreditAssigner#describe()} and {@link RewardShaper#describe()}, and what a component uses to
 * describe the parts it is made of (the potential of a {@link
 * io.github.pgrl.core.shaping.PotentialBasedShaper}, the baseline of a {@link
 * io.github.pgrl.core.credit.BaselineSubtracted}).
 *
 * @since 0.1.0
 */
public final class Descriptions {

  private Descriptions() {}

  /**
   * What a component's class says of it, the same in every run: its {@code toString()} if its class
   * declares one (the bundled ones name their parameters), else the class's name, cut before the part
   * a lambda's name gets at run time ({@code Main$$Lambda$14/0x…} becomes {@code Main$$Lambda}).
   *
   * <p>So a lambda is described by the class that wrote it, and two lambdas of one class look alike; a
   * declared {@code toString()} is taken as it is, so one that is not the same in every run (a record
   * with an array field, whose {@code toString()} holds an identity hash) gives no stable description.
   *
   * @param component the component, for instance a potential or a baseline
   * @return the description
   * @throws NullPointerException if {@code component} is {@code null}
   */
  public static String of(Object component) {
    Class<?> type = Objects.requireNonNull(component, "component").getClass();
    try {
      if (!type.isSynthetic() && type.getMethod("toString").getDeclaringClass() != Object.class) {
        return component.toString();
      }
    } catch (NoSuchMethodException impossible) {
      // every class has toString()
    }
    String name = type.getName();
    int lambda = name.indexOf("$$Lambda");
    return lambda >= 0 ? name.substring(0, lambda + "$$Lambda".length()) : name;
  }

  static String check(String description) {
    Objects.requireNonNull(description, "description");
    if (description.isBlank()) {
      throw new IllegalArgumentException("a description must not be blank");
    }
    return description;
  }

  /** A credit assigner with a description of its user's choosing. */
  record Credit(String description, CreditAssigner inner) implements CreditAssigner {
    @Override
    public double[] assign(Trajectory<?> trajectory) {
      return inner.assign(trajectory);
    }

    @Override
    public java.util.List<double[]> assignBatch(java.util.List<? extends Trajectory<?>> batch) {
      return inner.assignBatch(batch);
    }

    @Override
    public boolean isAdvantage() {
      return inner.isAdvantage();
    }

    @Override
    public OptionalDouble discount() {
      return inner.discount();
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /** A reward shaper with a description, and the discount it declares (if any). */
  record Shaper<O, A>(String description, OptionalDouble discount, RewardShaper<O, A> inner) implements RewardShaper<O, A> {
    @Override
    public double shape(O observation, A action, Step<O> outcome) {
      return inner.shape(observation, action, outcome);
    }

    @Override
    public OptionalDouble discount() {
      return discount;
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
