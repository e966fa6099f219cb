package io.github.pgrl.core;

import io.github.pgrl.core.internal.Batch;
import io.github.pgrl.core.internal.Engine;
import java.util.List;

/**
 * Public classes with and without types of the engine in their public signatures, for {@code
 * LayeringTest} to show that {@link LayeringRules#noEngineTypesInPublicSignatures(String)} fails exactly on
 * API that exposes the engine. Test sources only; never run.
 */
public final class EngineSignatureFixtures {

  private EngineSignatureFixtures() {}

  /** Exposes the engine in every kind of public signature. */
  public static class ExposesTheEngine {
    /** A public field of an engine type. */
    public Batch field;

    /**
     * A public constructor taking an engine type.
     *
     * @param batch the batch
     */
    public ExposesTheEngine(Batch batch) {
      this.field = batch;
    }

    /**
     * Returns an engine type.
     *
     * @return the batch
     */
    public Batch returnsBatch() {
      return field;
    }

    /**
     * Takes engine types inside a generic type.
     *
     * @param batches the batches
     */
    public void takesListOfBatches(List<Batch> batches) {
      field = batches.get(0);
    }

    /**
     * Takes an array of an engine type.
     *
     * @param batches the batches
     */
    public void takesArrayOfBatches(Batch[] batches) {
      field = batches[0];
    }

    /**
     * Is bounded by a nested engine type.
     *
     * @param loss the loss
     * @param <T> the loss type
     * @return the loss
     */
    public <T extends Engine.OutputLoss> T boundedBy(T loss) {
      return loss;
    }

    /**
     * A protected method taking an engine type, part of the API for subclasses.
     *
     * @param route the route
     */
    protected void protectedTakesRoute(Engine.Route route) {
      field = null;
    }
  }

  /** Keeps the engine out of its public signatures. */
  public static class HidesTheEngine {
    private Batch hidden = new Batch(1);

    /**
     * The steps as their contract.
     *
     * @return the record
     */
    public RecordedSteps<float[], Integer> steps() {
      return hidden;
    }

    Batch packagePrivate() {
      return hidden;
    }
  }

  /** Public members of a class that is not public are not API. */
  static class NotPublic {
    /**
     * Not API although public.
     *
     * @return nothing
     */
    public Batch notApi() {
      return null;
    }
  }
}
