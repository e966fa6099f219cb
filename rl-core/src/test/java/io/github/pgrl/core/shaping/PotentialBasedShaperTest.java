package io.github.pgrl.core.shaping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Potential-based shaping changes the discounted return of any episode by {@code γ^T·Φ(s_T) − Φ(s_0)}
 * (Ng, Harada &amp; Russell 1999), or by {@code −Φ(s_0)} when the terminal potential is zeroed.
 */
class PotentialBasedShaperTest {

  /** How the last step of a generated episode ends. */
  enum Ending {
    TERMINATED(true, false),
    TRUNCATED(false, true),
    BOTH(true, true);

    final boolean terminated;
    final boolean truncated;

    Ending(boolean terminated, boolean truncated) {
      this.terminated = terminated;
      this.truncated = truncated;
    }
  }

  /** An episode: observations s_0..s_T (T + 1 of them), rewards r_0..r_{T-1}, and how it ended. */
  record Episode<O>(List<O> observations, double[] rewards, Ending ending) {
    int length() {
      return rewards.length;
    }

    Step<O> step(int t) {
      boolean last = t == length() - 1;
      return Step.of(observations.get(t + 1), rewards[t], last && ending.terminated, last && ending.truncated);
    }
  }

  /** A linear potential {@code Φ(x) = w·x + c} over float vectors. */
  record Linear(double[] w, double c) implements ToDoubleFunction<float[]> {
    @Override
    public double applyAsDouble(float[] x) {
      double s = c;
      for (int i = 0; i < w.length; i++) {
        s += w[i] * x[i];
      }
      return s;
    }
  }

  private static Arbitrary<Double> uniform(double min, double max) {
    return Arbitraries.doubles().between(min, max).ofScale(9).withDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<Double> gamma() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0.0)),
        Tuple.of(1, Arbitraries.just(1.0)),
        Tuple.of(1, Arbitraries.just(0.99)),
        Tuple.of(5, uniform(0.0, 1.0)));
  }

  private static Arbitrary<Integer> episodeLength() {
    return Arbitraries.integers().between(1, 30).withDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<Episode<Double>> scalarEpisode() {
    return episodeLength()
        .flatMap(
            n ->
                Combinators.combine(
                        uniform(-100.0, 100.0).list().ofSize(n + 1),
                        uniform(-10.0, 10.0).array(double[].class).ofSize(n),
                        Arbitraries.of(Ending.class))
                    .as(Episode::new))
        .withoutEdgeCases();
  }

  @Provide
  Arbitrary<Episode<float[]>> vectorEpisode() {
    Arbitrary<float[]> observation =
        Arbitraries.floats().between(-5f, 5f).withDistribution(RandomDistribution.uniform()).array(float[].class).ofSize(3);
    return episodeLength()
        .flatMap(
            n ->
                Combinators.combine(
                        observation.list().ofSize(n + 1),
                        uniform(-10.0, 10.0).array(double[].class).ofSize(n),
                        Arbitraries.of(Ending.class))
                    .as(Episode::new))
        .withoutEdgeCases();
  }

  @Provide
  Arbitrary<Linear> linearPotential() {
    return Combinators.combine(uniform(-10.0, 10.0).array(double[].class).ofSize(3), uniform(-50.0, 50.0))
        .as(Linear::new)
        .withoutEdgeCases();
  }

  /**
   * Checks {@code Σ γ^t F_t = expected}, with {@code F_t} the shaped minus the raw reward of step t, to
   * within 1e-9 relative to the size of the discounted sums involved.
   */
  private static <O> void assertReturnChange(
      PotentialBasedShaper<O, Integer> shaper, Episode<O> e, double gamma, double expected) {
    double shaped = 0;
    double raw = 0;
    double scale = Math.abs(expected);
    double discount = 1;
    for (int t = 0; t < e.length(); t++) {
      double s = shaper.shape(e.observations().get(t), t % 2, e.step(t));
      shaped += discount * s;
      raw += discount * e.rewards()[t];
      scale += discount * (Math.abs(s) + Math.abs(e.rewards()[t]));
      discount *= gamma;
    }
    assertEquals(expected, shaped - raw, 1e-9 * Math.max(1.0, scale), "shaped minus raw discounted return");
  }

  private static <O> double keptChange(ToDoubleFunction<O> phi, Episode<O> e, double gamma) {
    int n = e.length();
    return Math.pow(gamma, n) * phi.applyAsDouble(e.observations().get(n)) - phi.applyAsDouble(e.observations().get(0));
  }

  @Property(tries = 200, seed = "1999")
  void keepingTerminalPotentialChangesTheReturnByTheTelescopedPotential(
      @ForAll("scalarEpisode") Episode<Double> e,
      @ForAll("gamma") double gamma,
      @ForAll("linearPotential") Linear phi) {
    ToDoubleFunction<Double> potential = x -> phi.w()[0] * x + phi.c();
    PotentialBasedShaper<Double, Integer> shaper = PotentialBasedShaper.<Double, Integer>of(gamma, potential).keepingTerminalPotential();
    assertReturnChange(shaper, e, gamma, keptChange(potential, e, gamma));
  }

  @Property(tries = 200, seed = "2000")
  void keepingTerminalPotentialTelescopesOverVectorObservations(
      @ForAll("vectorEpisode") Episode<float[]> e,
      @ForAll("gamma") double gamma,
      @ForAll("linearPotential") Linear phi) {
    PotentialBasedShaper<float[], Integer> shaper = PotentialBasedShaper.<float[], Integer>of(gamma, phi).keepingTerminalPotential();
    assertReturnChange(shaper, e, gamma, keptChange(phi, e, gamma));
  }

  @Property(tries = 200, seed = "2001")
  void byDefaultATerminatedEpisodeChangesOnlyByMinusTheFirstPotential(
      @ForAll("vectorEpisode") Episode<float[]> e,
      @ForAll("gamma") double gamma,
      @ForAll("linearPotential") Linear phi) {
    PotentialBasedShaper<float[], Integer> shaper = PotentialBasedShaper.of(gamma, phi);
    double expected =
        e.ending().terminated ? -phi.applyAsDouble(e.observations().get(0)) : keptChange(phi, e, gamma);
    assertReturnChange(shaper, e, gamma, expected);
  }

  @Property(tries = 200, seed = "2002")
  void byDefaultATerminatedScalarEpisodeChangesOnlyByMinusTheFirstPotential(
      @ForAll("scalarEpisode") Episode<Double> e,
      @ForAll("gamma") double gamma,
      @ForAll("linearPotential") Linear phi) {
    ToDoubleFunction<Double> potential = x -> phi.w()[0] * x + phi.c();
    PotentialBasedShaper<Double, Integer> shaper = PotentialBasedShaper.of(gamma, potential);
    Episode<Double> terminated = new Episode<>(e.observations(), e.rewards(), Ending.TERMINATED);
    Episode<Double> truncated = new Episode<>(e.observations(), e.rewards(), Ending.TRUNCATED);
    assertReturnChange(shaper, terminated, gamma, -potential.applyAsDouble(e.observations().get(0)));
    assertReturnChange(shaper, truncated, gamma, keptChange(potential, e, gamma));
  }

  @Property(tries = 200, seed = "2003")
  void theBonusIsDiscountedNextPotentialMinusCurrentPotential(
      @ForAll("gamma") double gamma,
      @ForAll("linearPotential") Linear phi,
      @ForAll("vectorEpisode") Episode<float[]> e) {
    PotentialBasedShaper<float[], Integer> shaper = PotentialBasedShaper.of(gamma, phi);
    PotentialBasedShaper<float[], Integer> keeping = shaper.keepingTerminalPotential();
    for (int t = 0; t < e.length(); t++) {
      float[] s = e.observations().get(t);
      Step<float[]> step = e.step(t);
      double kept = gamma * phi.applyAsDouble(step.observation()) - phi.applyAsDouble(s);
      double expected = step.terminated() ? -phi.applyAsDouble(s) : kept;
      assertEquals(expected, shaper.bonus(s, step), 0.0);
      assertEquals(kept, keeping.bonus(s, step), 0.0);
      assertEquals(step.reward() + expected, shaper.shape(s, 0, step), 0.0);
    }
  }

  @Example
  void handComputedBonusOfOneTransition() {
    PotentialBasedShaper<Double, Integer> shaper = PotentialBasedShaper.of(0.5, x -> 2.0 * x);
    // r + 0.5 * phi(3) - phi(1) = 1 + 3 - 2
    assertEquals(2.0, shaper.shape(1.0, 0, Step.of(3.0, 1.0, false, false)));
    assertEquals(2.0, shaper.shape(1.0, 0, Step.of(3.0, 1.0, false, true)), "truncation keeps phi(s')");
    assertEquals(-1.0, shaper.shape(1.0, 0, Step.of(3.0, 1.0, true, false)), "termination zeroes phi(s')");
    assertEquals(2.0, shaper.keepingTerminalPotential().shape(1.0, 0, Step.of(3.0, 1.0, true, false)));
  }

  @Example
  void nonFinitePotentialOfTheCurrentObservationIsAnIllegalState() {
    PotentialBasedShaper<Double, Integer> shaper = PotentialBasedShaper.of(0.9, x -> x < 0 ? Double.NaN : x);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> shaper.shape(-1.0, 0, Step.of(1.0, 0.0, false, false)));
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("finite"), e.getMessage());
  }

  @Example
  void nonFinitePotentialOfTheNextObservationIsAnIllegalState() {
    PotentialBasedShaper<Double, Integer> shaper =
        PotentialBasedShaper.of(0.9, x -> x > 5 ? Double.POSITIVE_INFINITY : x);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> shaper.shape(1.0, 0, Step.of(9.0, 0.0, false, true)));
    assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> shaper.keepingTerminalPotential().shape(1.0, 0, Step.of(9.0, 0.0, true, false)));
    assertThrows(IllegalStateException.class, () -> shaper.bonus(1.0, Step.of(6.0, 0.0, false, false)));
  }

  @Example
  void rejectsANullPotential() {
    assertThrows(NullPointerException.class, () -> PotentialBasedShaper.of(0.9, null));
  }
}
