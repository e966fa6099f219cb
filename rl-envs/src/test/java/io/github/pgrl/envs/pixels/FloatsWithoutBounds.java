package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Space;
import java.util.random.RandomGenerator;

/** A space of float arrays that is not a {@link io.github.pgrl.core.space.Box}, to test refusals. */
final class FloatsWithoutBounds implements Space<float[]> {

  @Override
  public boolean contains(float[] value) {
    return value != null;
  }

  @Override
  public float[] sample(RandomGenerator rng) {
    return new float[1];
  }

  @Override
  public int[] shape() {
    return new int[] {1};
  }

  @Override
  public String toString() {
    return "floats";
  }
}
