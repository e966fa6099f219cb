package io.github.pgrl.core.eval;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import java.util.Map;

/** The evaluation tests rely on their test environment keeping the environment contract. */
class ScriptedEpisodesTest implements EnvironmentContract<Integer, Integer> {

  @Override
  public Environment<Integer, Integer> createEnvironment() {
    return new ScriptedEpisodes(Map.of(1L, new double[] {1, 2, 3}));
  }
}
