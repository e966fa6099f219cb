package io.github.pgrl.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.Restorable;
import io.github.pgrl.core.Space;
import io.github.pgrl.core.checkpoint.CheckpointException;
import io.github.pgrl.core.checkpoint.CheckpointFile;
import io.github.pgrl.core.space.Discrete;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Which wrappers claim {@link Restorable}: the library's own when the environment inside can restore, a
 * subclass of a base class only when it says that its own state is written; and the time limit's counters
 * read back only within their ranges.
 */
class RestorableWrappersTest {

  /** A user's wrapper with state of its own that it does not write: it must not claim the contract. */
  private static final class CountsSteps extends Wrapper<Integer, Integer> {
    int steps;

    CountsSteps(Environment<Integer, Integer> env) {
      super(env);
    }

    @Override
    public io.github.pgrl.core.Step<Integer> step(Integer action) {
      steps++;
      return super.step(action);
    }
  }

  /** A user's stateless action wrapper that says so. */
  private static final class Flipped extends ActionWrapper<Integer, Integer, Integer> {
    Flipped(Environment<Integer, Integer> env) {
      super(env);
    }

    @Override
    public Space<Integer> actionSpace() {
      return Discrete.of(2);
    }

    @Override
    protected Integer action(Integer action) {
      return 1 - action;
    }

    @Override
    protected boolean restoresOwnState() {
      return true;
    }
  }

  @Test
  void aSubclassOfABaseClassDoesNotClaimTheContractUnlessItSaysItsStateIsWritten() {
    CountsSteps counting = new CountsSteps(new Chain(4));
    Environment<Integer, Integer> observing = new ObservationWrapper<Integer, Integer, Integer>(new Chain(4)) {
      @Override
      public Space<Integer> observationSpace() {
        return env.observationSpace();
      }

      @Override
      protected Integer observation(Integer state) {
        return state;
      }
    };
    RewardWrapper<Integer, Integer> rewarding = new RewardWrapper<>(new Chain(4)) {
      @Override
      protected double reward(double reward) {
        return 2 * reward;
      }
    };

    assertFalse(counting.canRestore());
    assertNull(Restorable.of(counting));
    assertNull(Restorable.of(observing));
    assertNull(Restorable.of(rewarding));
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> counting.writeState(new CheckpointFile(), "env."));
    assertTrue(e.getMessage().contains(CountsSteps.class.getName()) && e.getMessage().contains("restoresOwnState()"),
        e.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> counting.readState(new CheckpointFile(), "env."));
    assertNotNull(Restorable.of(new Flipped(new Chain(4))), "a subclass that says its state is written");
  }

  @Test
  void aStatelessSubclassThatSaysSoRestoresThroughTheEnvironmentItWraps() {
    Flipped a = new Flipped(new Chain(6));
    Flipped b = new Flipped(new Chain(6));
    a.reset(3);
    a.step(0);
    CheckpointFile written = new CheckpointFile();
    a.writeState(written, "env.");

    assertTrue(written.has("env.inner.state"), written.names().toString());
    b.readState(written, "env.");
    EnvironmentContract.assertSameFuture(a, b, true, new SplittableRandom(4), 40, "the flipped chain read back");
  }

  @Test
  void aLibraryWrapperAroundAnEnvironmentThatCannotRestoreCannotEitherAndSaysWhichOne() {
    TimeLimit<float[], Integer> limited = TimeLimit.of(new CounterEnvironment(5), 3);

    assertFalse(limited.canRestore());
    assertNull(Restorable.of(OneHot.of(new CountsSteps(new Chain(4)))));
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> limited.writeState(new CheckpointFile(), ""));
    assertTrue(e.getMessage().contains(CounterEnvironment.class.getName()), e.getMessage());
  }

  @Test
  void theTimeLimitRefusesCountsOutsideTheirRangesAndStaysAsItWas() {
    TimeLimit<Integer, Integer> source = TimeLimit.of(new Chain(30), 5);
    source.reset(1);
    source.step(1);
    CheckpointFile negative = state(source);
    negative.putLong("env.elapsed", -1);
    CheckpointFile atTheLimit = state(source);
    atTheLimit.putLong("env.elapsed", 5);

    TimeLimit<Integer, Integer> target = TimeLimit.of(new Chain(30), 5);
    target.reset(2);
    target.step(1);
    target.step(1);
    CheckpointException e = assertThrows(CheckpointException.class, () -> target.readState(negative, "env."));
    assertEquals("the checkpoint: the entry 'env.elapsed' is -1; allowed are 0 to 4", e.getMessage());
    e = assertThrows(CheckpointException.class, () -> target.readState(atTheLimit, "env."));
    assertEquals("the checkpoint: the entry 'env.elapsed' is 5; allowed are 0 to 4", e.getMessage());
    assertEquals(2, target.elapsedSteps(), "the step count after refused states");
    target.step(1);
    target.step(1);
    assertTrue(target.step(1).truncated(), "the time limit after refused states truncates where it did");
  }

  private static CheckpointFile state(Restorable env) {
    CheckpointFile cp = new CheckpointFile();
    env.writeState(cp, "env.");
    return cp;
  }
}
