package io.github.pgrl.core.reinforce;

import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.policy.MlpPolicy;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A policy of a caller's that computes with an {@link MlpPolicy} but keeps the contract's defaults for
 * everything else: its steps are recorded in {@code RecordedSteps.inMemory()}, not the MLP's own record.
 * It counts the {@link #reset()} calls of itself and its sharers.
 */
class DelegatingPolicy implements TrainablePolicy<float[], Integer> {

  final MlpPolicy inner;
  final AtomicInteger resets;

  DelegatingPolicy(MlpPolicy inner) {
    this(inner, new AtomicInteger());
  }

  private DelegatingPolicy(MlpPolicy inner, AtomicInteger resets) {
    this.inner = inner;
    this.resets = resets;
  }

  @Override
  public Categorical distribution(float[] observation) {
    return inner.distribution(observation);
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
  public void parametersChanged() {
    inner.parametersChanged();
  }

  @Override
  public DelegatingPolicy sharer() {
    return new DelegatingPolicy(inner.sharer(), resets);
  }

  @Override
  public void reset() {
    resets.incrementAndGet();
  }
}
