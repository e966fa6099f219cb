package io.github.pgrl.core;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.exception.ND4JIllegalStateException;

/**
 * Public classes with and without ND4J types in their public signatures, for {@code LayeringTest} to show
 * that {@link LayeringRules#noNd4jInPublicSignatures(String)} fails exactly on API that exposes ND4J. Test
 * sources only; never run.
 */
public final class Nd4jSignatureFixtures {

  private Nd4jSignatureFixtures() {}

  /** Exposes ND4J in every kind of public signature. */
  public static class ExposesNd4j {
    /** A public field of an ND4J type. */
    public INDArray field;

    /**
     * A public constructor taking an ND4J type.
     *
     * @param array the array
     */
    public ExposesNd4j(INDArray array) {
      this.field = array;
    }

    /**
     * Returns an ND4J type.
     *
     * @return the array
     */
    public INDArray returnsArray() {
      return field;
    }

    /**
     * Takes ND4J types inside a generic type.
     *
     * @param arrays the arrays
     */
    public void takesListOfArrays(List<INDArray> arrays) {
      field = arrays.get(0);
    }

    /**
     * Takes an array of an ND4J type.
     *
     * @param arrays the arrays
     */
    public void takesArrayOfArrays(INDArray[] arrays) {
      field = arrays[0];
    }

    /**
     * Is bounded by an ND4J type.
     *
     * @param array the array
     * @param <T> the array type
     * @return the array
     */
    public <T extends INDArray> T boundedBy(T array) {
      return array;
    }

    /**
     * Declares an ND4J exception.
     *
     * @throws ND4JIllegalStateException never
     */
    public void throwsNd4jException() throws ND4JIllegalStateException {}

    /**
     * A protected method taking an ND4J type, part of the API for subclasses.
     *
     * @param array the array
     */
    protected void protectedTakesArray(INDArray array) {
      field = array;
    }
  }

  /** Keeps ND4J out of its public signatures. */
  public static class HidesNd4j {
    private INDArray hidden;

    /**
     * Copies the values out.
     *
     * @return the values as floats
     */
    public float[] values() {
      return hidden.toFloatVector();
    }

    INDArray packagePrivate() {
      return hidden;
    }

    private void setHidden(INDArray array) {
      hidden = array;
    }
  }

  /** Public members of a class that is not public are not API. */
  static class NotPublic {
    /**
     * Not API although public.
     *
     * @return nothing
     */
    public INDArray notApi() {
      return null;
    }
  }
}
