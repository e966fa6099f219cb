package io.github.pgrl.core.check;

/** Copies of observations for the checker, since an environment may reuse its observation buffer. */
final class Snapshots {

  private Snapshots() {}

  /** Copies arrays, since an environment may reuse its observation buffer. */
  static Object of(Object o) {
    if (o instanceof float[] a) {
      return a.clone();
    } else if (o instanceof double[] a) {
      return a.clone();
    } else if (o instanceof int[] a) {
      return a.clone();
    } else if (o instanceof byte[] a) {
      return a.clone();
    } else if (o instanceof long[] a) {
      return a.clone();
    } else if (o instanceof boolean[] a) {
      return a.clone();
    } else if (o instanceof short[] a) {
      return a.clone();
    } else if (o instanceof char[] a) {
      return a.clone();
    } else if (o instanceof Object[] a) {
      return a.clone();
    }
    return o;
  }
}
