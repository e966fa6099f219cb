package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.eval.PolicyEvaluation;
import io.github.pgrl.core.MaskablePolicy;
import io.github.pgrl.core.RecordedSteps;
import java.util.concurrent.Executor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.policy.Head;
import io.github.pgrl.core.policy.MlpPolicy;
import io.github.pgrl.core.policy.OptimizerConfig;
import io.github.pgrl.core.wrappers.TimeLimit;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reinforce on an environment with action masks: it fetches the mask on every step and plays only valid
 * actions, also through a wrapper, with the same bits on any number of threads and across a save and
 * resume; it refuses at creation a policy that cannot apply masks, and exploration; and a bad mask stops
 * training naming the environment, the episode and the step.
 */
class MaskedTrainingTest {

  private static final ReinforceConfig CONFIG =
      ReinforceConfig.builder().seed(5).hidden(8).optimizer(OptimizerConfig.Adam.of(0.05)).batchEpisodes(4).build();

  @Test
  void everyStepFetchesTheMaskAndOnlyValidActionsArePlayedAndLearned() {
    Gates gates = new Gates();
    try (Reinforce<MlpPolicy> r = Reinforce.create(TimeLimit.of(gates, 100), CONFIG)) {
      r.train(Budget.updates(30));
      assertEquals(0, gates.invalidActions.get(), "invalid actions played");
      assertEquals(r.steps(), gates.maskCalls.get(), "one mask per step");
      // the rewarding valid action of each gate is learned: 0 on even gates, 2 on odd ones
      assertEquals(0, (int) r.policy().distribution(new float[] {0, 1}, new boolean[] {true, true, false}).mode());
      assertEquals(2, (int) r.policy().distribution(new float[] {1, 0}, new boolean[] {false, true, true}).mode());
    }
  }

  @Test
  void greedyEvaluationPlaysTheMostProbableValidAction() {
    Gates gates = new Gates();
    MlpPolicy untrained = MlpPolicy.builder(2, 3).hidden().build(new SplittableRandom(3));
    float[] theta = new float[untrained.parameterCount()]; // W = 0; the bias prefers action 2, invalid at even gates
    theta[theta.length - 1] = 5f;
    untrained.setParameters(theta);
    var result = PolicyEvaluation.evaluate(PolicyEvaluation.greedy(untrained, TimeLimit.of(gates, 20)),
        TimeLimit.of(gates, 20), 20, 1);
    assertEquals(20, result.returns().size());
    assertEquals(0, gates.invalidActions.get(), "invalid actions played");
  }

  @Test
  void aMaskedRunIsBitIdenticalOnOneAndThreeThreads() {
    float[] one;
    float[] three;
    try (Reinforce<MlpPolicy> r = Reinforce.create(Gates::new, CONFIG, 1)) {
      r.train(Budget.updates(5));
      one = r.policy().parameters();
    }
    try (Reinforce<MlpPolicy> r = Reinforce.create(Gates::new, CONFIG, 3)) {
      r.train(Budget.updates(5));
      three = r.policy().parameters();
    }
    assertArrayEquals(one, three);
  }

  @Test
  void aSavedMaskedRunResumesToTheBitsOfAnUninterruptedOne(@TempDir Path dir) {
    float[] straight;
    try (Reinforce<MlpPolicy> r = Reinforce.create(new Gates(), CONFIG)) {
      r.train(Budget.updates(6));
      straight = r.policy().parameters();
    }
    Path file = dir.resolve("masked.ckpt");
    try (Reinforce<MlpPolicy> r = Reinforce.create(new Gates(), CONFIG)) {
      r.train(Budget.updates(3));
      r.save(file);
    }
    try (Reinforce<MlpPolicy> resumed = Reinforce.resume(file, new Gates(), CONFIG)) {
      resumed.train(Budget.updates(3));
      assertArrayEquals(straight, resumed.policy().parameters());
    }
  }

  @Test
  void aPolicyThatCannotApplyMasksIsRefusedAtCreationNamingBoth() {
    DelegatingPolicy unmaskable = new DelegatingPolicy(MlpPolicy.builder(2, 3).build(new SplittableRandom(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(new Gates(), unmaskable, CONFIG));
    assertTrue(e.getMessage().contains("Gates(NONE) has action masks"), e.getMessage());
    assertTrue(e.getMessage().contains(unmaskable + " is not a MaskablePolicy"), e.getMessage());
    assertTrue(e.getMessage().contains("train a MaskablePolicy"), e.getMessage());
  }

  /** The MLP, but recording its steps where masks cannot be kept. */
  private static final class RecordWithoutMasks implements MaskablePolicy<float[]> {
    private final MlpPolicy mlp = MlpPolicy.builder(2, 3).build(new SplittableRandom(1));

    @Override public Categorical distribution(float[] observation, boolean[] validActions) {
      return mlp.distribution(observation, validActions);
    }
    @Override public Categorical distribution(float[] observation) { return mlp.distribution(observation); }
    @Override public RecordedSteps<float[], Integer> newSteps() {
      RecordedSteps<float[], Integer> kept = RecordedSteps.inMemory();
      return new RecordedSteps<>() { // every method but the masks'
        @Override public void stage(float[] o) { kept.stage(o); }
        @Override public void complete(Integer a, Integer previous) { kept.complete(a, previous); }
        @Override public int size() { return kept.size(); }
        @Override public float[] observation(int t) { return kept.observation(t); }
        @Override public Integer action(int t) { return kept.action(t); }
        @Override public Integer previousAction(int t) { return kept.previousAction(t); }
        @Override public void append(RecordedSteps<float[], Integer> other) { kept.append(other); }
        @Override public void clear() { kept.clear(); }
      };
    }
    @Override public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, Objective o, Executor ex) {
      return mlp.computeGradient(steps, o, ex);
    }
    @Override public float[][] parameterBlocks() { return mlp.parameterBlocks(); }
    @Override public float[][] gradientBlocks() { return mlp.gradientBlocks(); }
    @Override public MaskablePolicy<float[]> sharer() { return this; }
    @Override public String toString() { return "RecordWithoutMasks"; }
  }

  @Test
  void aPolicyWhoseRecordKeepsNoMasksIsRefusedAtCreation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(new Gates(), new RecordWithoutMasks(), CONFIG));
    assertTrue(e.getMessage().contains("the record of the policy RecordWithoutMasks (newSteps()) keeps none"),
        e.getMessage());
  }

  @Test
  void aBernoulliHeadIsRefusedAtCreation() {
    TwoGates env = new TwoGates();
    MlpPolicy bernoulli = MlpPolicy.builder(2, 2).head(Head.BERNOULLI).build(new SplittableRandom(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(env, bernoulli, CONFIG));
    assertTrue(e.getMessage().contains("has action masks, which the policy"), e.getMessage());
    assertTrue(e.getMessage().contains("Head.SOFTMAX"), e.getMessage());
  }

  @Test
  void explorationIsRefusedWithMasks() {
    ReinforceConfig exploring = ReinforceConfig.builder().seed(5).hidden(8).exploration(Exploration.epsilon(0.1)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.create(new Gates(), exploring));
    assertTrue(e.getMessage().contains("masks go with Exploration.NONE only"), e.getMessage());
  }

  @Test
  void aMaskWithNoValidActionStopsTrainingNamingTheEnvironmentEpisodeAndStep() {
    Gates env = new Gates(Gates.Fault.EMPTY_MASK_AT_GATE_3, new AtomicInteger());
    try (Reinforce<MlpPolicy> r = Reinforce.create(env, CONFIG)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("the environment Gates(EMPTY_MASK_AT_GATE_3) gave a bad action mask at step 3"
          + " of episode 0: a mask with no valid action"), e.getMessage());
    }
  }

  @Test
  void aMaskOfTheWrongLengthStopsTraining() {
    Gates env = new Gates(Gates.Fault.SHORT_MASK, new AtomicInteger());
    try (Reinforce<MlpPolicy> r = Reinforce.create(env, CONFIG)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.train(Budget.updates(1)));
      assertTrue(e.getMessage().contains("gave a bad action mask at step 0 of episode 0: the mask has 2 entries, for 3"
          + " actions it must have 3"), e.getMessage());
    }
  }

  /** Two actions, both always valid: enough for a Bernoulli head to be tried. */
  private static final class TwoGates extends io.github.pgrl.core.wrappers.ActionWrapper<float[], Integer, Integer>
      implements io.github.pgrl.core.ActionMasks {
    TwoGates() {
      super(new Gates());
    }

    @Override
    public io.github.pgrl.core.space.Discrete actionSpace() {
      return io.github.pgrl.core.space.Discrete.of(2);
    }

    @Override
    protected Integer action(Integer action) {
      return 1;
    }

    @Override
    public boolean[] validActions() {
      return new boolean[] {true, true};
    }
  }
}
