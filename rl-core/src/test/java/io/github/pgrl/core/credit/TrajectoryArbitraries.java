package io.github.pgrl.core.credit;

import io.github.pgrl.core.Trajectory;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** Random trajectories and their parts for the credit-assignment properties. */
final class TrajectoryArbitraries {

  static final int MAX_LENGTH = 40;

  private TrajectoryArbitraries() {}

  /** How a generated trajectory ends. */
  enum Ending {
    TERMINATED(true, false),
    TRUNCATED(false, true),
    CUT(false, false),
    BOTH(true, true);

    final boolean terminated;
    final boolean truncated;

    Ending(boolean terminated, boolean truncated) {
      this.terminated = terminated;
      this.truncated = truncated;
    }
  }

  /** The raw material of one trajectory; {@code values} may be {@code null}. */
  record Parts(double[] rewards, double[] values, double bootstrap, Ending ending) {
    Trajectory<Integer> trajectory() {
      List<Integer> actions = new ArrayList<>(rewards.length);
      for (int t = 0; t < rewards.length; t++) {
        actions.add(t % 3);
      }
      return Trajectory.of(actions, rewards, ending.terminated, ending.truncated, values, bootstrap);
    }

    /** A bound on the size of every weight the linear assigners compute from these parts (gamma <= 1). */
    double magnitude() {
      double s = 2 * Math.abs(bootstrap);
      for (double r : rewards) {
        s += Math.abs(r);
      }
      if (values != null) {
        for (double v : values) {
          s += 2 * Math.abs(v);
        }
      }
      return s;
    }
  }

  /** Two trajectories of the same length and ending, both with values, and two coefficients. */
  record LinearPair(Parts first, Parts second, double a, double b) {
    Parts combined() {
      int n = first.rewards.length;
      double[] r = new double[n];
      double[] v = new double[n];
      for (int t = 0; t < n; t++) {
        r[t] = a * first.rewards[t] + b * second.rewards[t];
        v[t] = a * first.values[t] + b * second.values[t];
      }
      return new Parts(r, v, a * first.bootstrap + b * second.bootstrap, first.ending);
    }
  }

  /** Uniform in [min, max] (jqwik's default distribution crowds near 0). */
  static Arbitrary<Double> uniform(double min, double max) {
    return Arbitraries.doubles().between(min, max).ofScale(9).withDistribution(RandomDistribution.uniform());
  }

  /** Discount factors and trace parameters in [0, 1]: 0, 1 and 0.99 each often, else uniform. */
  static Arbitrary<Double> unit() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(1, Arbitraries.just(1.0)),
        Tuple.of(1, Arbitraries.just(0.99)),
        Tuple.of(5, uniform(0.0, 1.0)));
  }

  /** Lengths 0..40: 0 and 1 each often, else uniform. */
  static Arbitrary<Integer> length() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.just(1)),
        Tuple.of(6, Arbitraries.integers().between(2, MAX_LENGTH).withDistribution(RandomDistribution.uniform())));
  }

  /** Rewards in [-10, 10], a quarter of them exactly 0 (so that restarts have something to find). */
  static Arbitrary<Double> reward() {
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0.0)), Tuple.of(3, uniform(-10.0, 10.0)));
  }

  static Arbitrary<double[]> array(int n, Arbitrary<Double> element) {
    return element.array(double[].class).ofSize(n);
  }

  static Arbitrary<Parts> parts(int n, boolean withValues) {
    Arbitrary<double[]> values =
        withValues ? array(n, uniform(-10.0, 10.0)) : Arbitraries.just(null);
    return Combinators.combine(
            array(n, reward()),
            values,
            uniform(-10.0, 10.0),
            Arbitraries.of(Ending.class))
        .as(Parts::new)
        .withoutEdgeCases();
  }

  /** Trajectories of length 0..40, with value estimates or without, ending in any way. */
  static Arbitrary<Parts> anyParts() {
    return Combinators.combine(length(), Arbitraries.of(true, false))
        .flatAs(TrajectoryArbitraries::parts)
        .withoutEdgeCases();
  }

  /** Trajectories of length 0..40 with value estimates. */
  static Arbitrary<Parts> partsWithValues() {
    return length().flatMap(n -> parts(n, true)).withoutEdgeCases();
  }

  static Arbitrary<LinearPair> linearPairs() {
    return Arbitraries.integers()
        .between(0, MAX_LENGTH)
        .flatMap(
            n ->
                Combinators.combine(
                        parts(n, true),
                        parts(n, true),
                        uniform(-10.0, 10.0),
                        uniform(-10.0, 10.0))
                    .as(
                        (p, q, a, b) ->
                            new LinearPair(p, new Parts(q.rewards(), q.values(), q.bootstrap(), p.ending()), a, b)))
        .withoutEdgeCases();
  }
}
