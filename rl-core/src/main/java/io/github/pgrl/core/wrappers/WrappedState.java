package io.github.pgrl.core.wrappers;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.Restorable;

/**
 * What the wrapper base classes share for {@link Restorable}: a wrapper can restore when its class says
 * that its own state is written ({@code restoresOwnState()}) and the environment it wraps can restore; the
 * wrapped environment's entries go under {@code prefix + "inner."}.
 */
final class WrappedState {

  /** Added to a wrapper's prefix for the entries of the environment it wraps. */
  static final String INNER = "inner.";

  private WrappedState() {}

  /** Whether a wrapper whose own state is written ({@code ownState}) around {@code inner} can restore. */
  static boolean canRestore(boolean ownState, Environment<?, ?> inner) {
    return ownState && Restorable.of(inner) != null;
  }

  /**
   * The wrapped environment as {@link Restorable}.
   *
   * @throws UnsupportedOperationException naming the wrapper's class if it does not declare that its own
   *     state is written, or the wrapped environment's class if that one cannot restore
   */
  static Restorable inner(Object wrapper, boolean ownState, Environment<?, ?> inner) {
    if (!ownState) {
      throw new UnsupportedOperationException(wrapper.getClass().getName() + " cannot write or read its state: it does"
          + " not declare that writeState saves all of its own state (a wrapper of its own overrides restoresOwnState()"
          + " to return true when it keeps no state, or when it also overrides writeState and readState)");
    }
    Restorable r = Restorable.of(inner);
    if (r == null) {
      throw new UnsupportedOperationException("the environment " + inner + " (" + inner.getClass().getName()
          + ") inside " + wrapper + " cannot write or read its state; it is not Restorable (Restorable.of gives null)");
    }
    return r;
  }
}
