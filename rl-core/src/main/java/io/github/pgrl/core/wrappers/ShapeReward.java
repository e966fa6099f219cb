package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.checkpoint.StateReader;
import io.github.pgrl.core.space.Box;
import io.github.pgrl.core.space.ByteImage;
import io.github.pgrl.core.space.Discrete;
import io.github.pgrl.core.space.MultiDiscrete;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a {@link RewardShaper} to every transition of an environment, so that the agent learns from the
 * shaped reward.
 *
 * <p>The raw reward is kept in the step's info under {@link #RAW_REWARD}, so that scores can still be
 * computed from the task's own reward; when shapers are nested, the innermost (the task's) raw reward is
 * kept. The shaper receives the previous observation and the step; environments that reuse one
 * observation buffer must be wrapped in a copying wrapper first, or the shaper sees the new observation
 * twice. A shaper that returns a non-finite reward is a bug in the shaper:
 * the step throws {@link IllegalStateException} naming the value.
 *
 * <p>It is {@link io.github.pgrl.core.Restorable} when the wrapped environment is and its observation
 * space is a {@link Box}, {@link Discrete}, {@link MultiDiscrete} or {@link ByteImage}: its own state is the
 * previous observation, which the next step hands the shaper. The shaper is taken to be a function of the
 * transition, as {@link RewardShaper} asks; state a shaper keeps of its own is not written.
 *
 * @param <O> the observation type
 * @param <A> the action type
 * @since 0.1.0
 */
public final class ShapeReward<O, A> extends Wrapper<O, A> {

  /** The info key under which the unshaped reward of the step is kept, as a {@link Double}. */
  public static final String RAW_REWARD = "raw_reward";

  private final RewardShaper<O, A> shaper;
  private O last;

  private ShapeReward(Environment<O, A> env, RewardShaper<O, A> shaper) {
    super(env);
    this.shaper = shaper;
  }

  /**
   * Shapes the rewards of an environment.
   *
   * @param env the environment
   * @param shaper the shaper
   * @param <O> the observation type
   * @param <A> the action type
   * @return the wrapped environment
   * @throws NullPointerException if an argument is {@code null}
   */
  public static <O, A> ShapeReward<O, A> of(Environment<O, A> env, RewardShaper<O, A> shaper) {
    return new ShapeReward<>(env, Objects.requireNonNull(shaper, "shaper"));
  }

  @Override
  public O reset(long seed) {
    last = env.reset(seed);
    return last;
  }

  @Override
  public O reset() {
    last = env.reset();
    return last;
  }

  /** {@return {@code true}: the previous observation is written} */
  @Override
  protected boolean restoresOwnState() {
    return true;
  }

  /**
   * Whether the wrapped environment can restore and the observations are of a kind this wrapper can write:
   * those of a {@link Box}, {@link Discrete}, {@link MultiDiscrete} or {@link ByteImage} space.
   */
  @Override
  public boolean canRestore() {
    return super.canRestore() && Kind.of(observationSpace()) != null;
  }

  @Override
  public void writeState(CheckpointFile checkpoint, String prefix) {
    Kind kind = Kind.of(observationSpace());
    if (kind == null) {
      throw new UnsupportedOperationException("ShapeReward cannot write observations of the space " + observationSpace()
          + " of " + env + "; it writes those of a Box, Discrete, MultiDiscrete or ByteImage");
    }
    super.writeState(checkpoint, prefix);
    checkpoint.putLong(prefix + "started", last == null ? 0 : 1);
    if (last != null) {
      checkpoint.putDoubles(prefix + "last", kind.write(last));
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.pgrl.core.checkpoint.CheckpointException also if the previous observation ({@code
   *     last}) has another length than an observation, or is not in the observation space
   */
  @Override
  public void readState(CheckpointFile checkpoint, String prefix) {
    Kind kind = Kind.of(observationSpace());
    if (kind == null) {
      throw new UnsupportedOperationException("ShapeReward cannot read observations of the space " + observationSpace()
          + " of " + env + "; it reads those of a Box, Discrete, MultiDiscrete or ByteImage");
    }
    StateReader in = new StateReader(checkpoint, prefix);
    O previous = null;
    if (in.flag("started")) {
      Space<O> space = observationSpace();
      previous = kind.read(in.doubles("last", kind.size(space)));
      if (previous == null || !space.contains(previous)) {
        throw in.invalid("last", previous == null ? "holds a value that an observation of " + space + " cannot hold"
            : "holds " + space.describe(previous) + ", which is not in the observation space " + space);
      }
    }
    super.readState(checkpoint, prefix);
    last = previous;
  }

  /** The kinds of observation whose values this wrapper writes, as doubles (exact for each). */
  private enum Kind {
    FLOATS, INTEGER, INTS, BYTES;

    static Kind of(Space<?> space) {
      if (space instanceof Box) {
        return FLOATS;
      } else if (space instanceof Discrete) {
        return INTEGER;
      } else if (space instanceof MultiDiscrete) {
        return INTS;
      } else if (space instanceof ByteImage) {
        return BYTES;
      }
      return null;
    }

    /** How many values an observation of the space has. */
    int size(Space<?> space) {
      return switch (this) {
        case FLOATS -> ((Box) space).size();
        case INTEGER -> 1;
        case INTS -> ((MultiDiscrete) space).nvec().length;
        case BYTES -> ((ByteImage) space).size();
      };
    }

    double[] write(Object observation) {
      return switch (this) {
        case FLOATS -> {
          float[] x = (float[]) observation;
          double[] d = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
          }
          yield d;
        }
        case INTEGER -> new double[] {(Integer) observation};
        case INTS -> Arrays.stream((int[]) observation).asDoubleStream().toArray();
        case BYTES -> {
          byte[] x = (byte[]) observation;
          double[] d = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
          }
          yield d;
        }
      };
    }

    /** The observation of the values, or {@code null} if a value does not fit its type exactly. */
    @SuppressWarnings("unchecked")
    <O> O read(double[] d) {
      switch (this) {
        case FLOATS -> {
          float[] x = new float[d.length];
          for (int i = 0; i < d.length; i++) {
            x[i] = (float) d[i];
            if (x[i] != d[i]) {
              return null;
            }
          }
          return (O) x;
        }
        case INTEGER -> {
          return d[0] == (int) d[0] ? (O) Integer.valueOf((int) d[0]) : null;
        }
        case INTS -> {
          int[] x = new int[d.length];
          for (int i = 0; i < d.length; i++) {
            x[i] = (int) d[i];
            if (x[i] != d[i]) {
              return null;
            }
          }
          return (O) x;
        }
        default -> {
          byte[] x = new byte[d.length];
          for (int i = 0; i < d.length; i++) {
            x[i] = (byte) d[i];
            if (x[i] != d[i]) {
              return null;
            }
          }
          return (O) x;
        }
      }
    }
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    O before = last;
    last = s.observation();
    double shaped = shaper.shape(before, action, s);
    if (!Double.isFinite(shaped)) {
      throw new IllegalStateException(
          "the reward shaper " + shaper + " returned " + shaped + " for a step with reward " + s.reward()
              + "; shaped rewards must be finite");
    }
    Map<String, Object> info = new HashMap<>(s.info());
    info.putIfAbsent(RAW_REWARD, s.reward());
    return new Step<>(s.observation(), shaped, s.terminated(), s.truncated(), info);
  }
}
