package io.github.pgrl.envs.pixels;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.space.Discrete;
import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;

/**
 * A test environment that plays a fixed script of array observations: {@code reset} returns the first, the
 * {@code t}-th step returns observation {@code t}, with reward {@code t}, info {@code {"t": t}}, and the
 * step that returns the last observation terminates. Actions are {@code Discrete(2)} and ignored. With
 * {@code reuse}, every observation is copied into one array that is returned each time (as a fast
 * environment would), so wrappers that keep a reference instead of a copy are caught.
 */
final class ScriptedEnvironment<O> implements Environment<O, Integer> {

  static final String T = "t";

  private final Space<O> space;
  private final List<O> script;
  private final boolean reuse;
  private final Object buffer;
  private final Discrete actions = Discrete.of(2);
  private int t;
  private boolean running;
  private int resets;

  ScriptedEnvironment(Space<O> space, List<O> script, boolean reuse) {
    if (script.size() < 2) {
      throw new IllegalArgumentException("a script needs a first observation and at least one step");
    }
    this.space = space;
    this.script = List.copyOf(script);
    this.reuse = reuse;
    Object first = script.get(0);
    this.buffer = Array.newInstance(first.getClass().getComponentType(), Array.getLength(first));
  }

  @Override
  public Space<O> observationSpace() {
    return space;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actions;
  }

  @Override
  public O reset(long seed) {
    return reset();
  }

  @Override
  public O reset() {
    t = 0;
    running = true;
    resets++;
    return emit(0);
  }

  @Override
  public Step<O> step(Integer action) {
    if (!actions.contains(action)) {
      throw new IllegalArgumentException("action " + action + " is not in the action space " + actions);
    }
    if (!running) {
      throw new IllegalStateException(resets == 0 ? "step before reset" : "step after the end");
    }
    t++;
    boolean end = t == script.size() - 1;
    running = !end;
    return new Step<>(emit(t), t, end, false, Map.of(T, t));
  }

  @SuppressWarnings("unchecked")
  private O emit(int index) {
    O o = script.get(index);
    if (!reuse) {
      return o;
    }
    System.arraycopy(o, 0, buffer, 0, Array.getLength(o));
    return (O) buffer;
  }

  @Override
  public void close() {
    running = false;
  }

  @Override
  public String toString() {
    return "Scripted(" + space + ")";
  }
}
