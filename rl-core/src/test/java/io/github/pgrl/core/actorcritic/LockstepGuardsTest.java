package io.github.pgrl.core.actorcritic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.ActionDistribution;
import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.reinforce.Budget;
import io.github.pgrl.core.vector.VectorEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The rollout acts through {@link TrainablePolicy#observeAll} and refuses, with a message naming the step
 * and what was wrong, a policy whose override does not keep its contract: one chooser call per copy in
 * order, one recorded step per copy, the chooser's actions returned.
 */
class LockstepGuardsTest {

  /** An MLP whose {@code observeAll} is replaced by the given one ({@code null}: the default). */
  private static final class Replaced implements TrainablePolicy<float[], Integer> {
    final MlpPolicy inner = MlpPolicy.builder(2, 2).hidden(8).build(new SplittableRandom(1));
    final Function<Args, List<Integer>> observeAll;

    Replaced(Function<Args, List<Integer>> observeAll) {
      this.observeAll = observeAll;
    }

    @Override
    public List<Integer> observeAll(List<float[]> observations, List<boolean[]> validActions,
        List<Integer> previousActions, RecordedSteps<float[], Integer> steps, Chooser<Integer> chooser) {
      if (observeAll == null) {
        return TrainablePolicy.super.observeAll(observations, validActions, previousActions, steps, chooser);
      }
      return observeAll.apply(new Args(this, observations, previousActions, steps, chooser));
    }

    @Override
    public ActionDistribution<Integer> distribution(float[] observation) {
      return inner.distribution(observation);
    }

    @Override
    public RecordedSteps<float[], Integer> newSteps() {
      return inner.newSteps();
    }

    @Override
    public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, Objective objective, Executor executor) {
      return inner.computeGradient(steps, objective, executor);
    }

    @Override
    public float[][] parameterBlocks() {
      return inner.parameterBlocks();
    }

    @Override
    public float[][] gradientBlocks() {
      return inner.gradientBlocks();
    }

    @Override
    public TrainablePolicy<float[], Integer> sharer() {
      return this;
    }

    @Override
    public String toString() {
      return "Replaced";
    }
  }

  private record Args(Replaced policy, List<float[]> observations, List<Integer> previous,
      RecordedSteps<float[], Integer> steps, TrainablePolicy.Chooser<Integer> chooser) {
    /** One copy as the default does it. */
    Integer observe(int i) {
      Integer a = chooser.choose(i, policy.inner.observe(observations.get(i), steps));
      steps.complete(a, previous.get(i));
      return a;
    }

    /** Every copy as the default does it. */
    List<Integer> observeEach() {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < observations.size(); i++) {
        out.add(observe(i));
      }
      return out;
    }
  }

  private static final ActorCriticConfig CONFIG =
      ActorCriticConfig.ppo().seed(3).valueHidden(8).rolloutSteps(4).minibatchSize(4).epochs(1).build();

  private static IllegalStateException refused(Replaced policy) {
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 3)) {
      ActorCritic<Replaced> ac = ActorCritic.create(envs, policy, CONFIG);
      return assertThrows(IllegalStateException.class, () -> ac.train(Budget.updates(1)));
    }
  }

  @Test
  void anOverrideThatKeepsTheContractTrainsAsTheDefault() {
    float[] viaDefault;
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 3)) {
      Replaced policy = new Replaced(null); // the default
      ActorCritic.create(envs, policy, CONFIG).train(Budget.updates(2));
      viaDefault = policy.inner.parameters();
    }
    try (VectorEnvironment<float[], Integer> envs = VectorEnvironment.of(() -> new Corridor(false), 3)) {
      Replaced policy = new Replaced(Args::observeEach);
      ActorCritic.create(envs, policy, CONFIG).train(Budget.updates(2));
      assertArrayEquals(viaDefault, policy.inner.parameters());
    }
  }

  @Test
  void anOverrideThatReturnsTooFewActionsIsRefused() {
    IllegalStateException e = refused(new Replaced(a -> a.observeEach().subList(0, 2)));
    assertTrue(e.getMessage().contains("at step 0 the policy Replaced's observeAll recorded 3 steps and returned 2"
        + " actions"), e.getMessage());
    assertTrue(e.getMessage().contains("for 3 copies"), e.getMessage());
  }

  @Test
  void anOverrideThatReturnsOtherActionsThanTheChoosersIsRefused() {
    IllegalStateException e = refused(new Replaced(a -> a.observeEach().stream().map(x -> 1 - x).toList()));
    assertTrue(e.getMessage().contains("return the chooser's actions"), e.getMessage());
  }

  @Test
  void anOverrideThatRecordsTooFewStepsIsRefused() {
    IllegalStateException e = refused(new Replaced(a -> {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < a.observations().size(); i++) {
        out.add(a.chooser().choose(i, a.policy().inner.distribution(a.observations().get(i))));
      }
      return out;
    }));
    assertTrue(e.getMessage().contains("recorded 0 steps and returned 3 actions"), e.getMessage());
  }

  @Test
  void anOverrideThatAsksTheChooserOutOfOrderIsRefused() {
    IllegalStateException e = refused(new Replaced(a -> {
      a.observe(1);
      return List.of();
    }));
    assertTrue(e.getMessage().contains("asked the chooser for copy 1 of 3"), e.getMessage());
    assertTrue(e.getMessage().contains("once per copy, in order"), e.getMessage());
    e = refused(new Replaced(a -> {
      a.observe(0);
      a.observe(0);
      return List.of();
    }));
    assertTrue(e.getMessage().contains("asked the chooser for copy 0 of 3"), e.getMessage());
  }

  @Test
  void aDistributionTheChooserCannotDrawFromStopsTheRolloutNamingTheCopy() {
    IllegalStateException e = refused(new Replaced(a -> {
      a.observe(0);
      a.steps().stage(a.observations().get(1));
      a.chooser().choose(1, Categorical.view(new double[] {Double.NaN, 1}));
      return List.of();
    }));
    assertTrue(e.getMessage().contains("at step 0 of copy 1 in rollout 0 the policy gave no probability distribution"),
        e.getMessage());
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
  }
}
