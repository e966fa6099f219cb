package io.github.pgrl.core.internal;

/**
 * A public class of the engine's own package with engine types in its public signatures, which {@code
 * LayeringRules.noEngineTypesInPublicSignatures} allows: the engine may show its types to its users.
 * Test sources only; never run.
 */
public final class EngineApiFixture {

  private EngineApiFixture() {}

  /**
   * Returns an engine type.
   *
   * @return a batch
   */
  public static Batch batch() {
    return new Batch(1);
  }
}
