package io.github.pgrl.core.actorcritic;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.Discrete;
import java.util.SplittableRandom;

/**
 * A test environment: observation {@code [t / 4, start]} after {@code t} steps, where {@code start} is drawn
 * at reset; reward 1 for action 1 and 0 for action 0 at every step; the episode ends after {@value #LENGTH}
 * steps, terminated or truncated as constructed.
 */
final class Corridor implements Environment<float[], Integer> {

  static final int LENGTH = 3;

  private final boolean truncates;
  private SplittableRandom rng = new SplittableRandom(0);
  private int t;
  private float start;

  Corridor(boolean truncates) {
    this.truncates = truncates;
  }

  @Override
  public Space<float[]> observationSpace() {
    return Box.of(-1f, 1f, 2);
  }

  @Override
  public Space<Integer> actionSpace() {
    return Discrete.of(2);
  }

  @Override
  public float[] reset(long seed) {
    rng = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public float[] reset() {
    t = 0;
    start = (float) rng.nextDouble(-1, 1);
    return new float[] {0, start};
  }

  @Override
  public Step<float[]> step(Integer action) {
    t++;
    boolean end = t == LENGTH;
    return Step.of(new float[] {t / 4f, start}, action, end && !truncates, end && truncates);
  }

  @Override
  public void close() {}
}
