package io.github.pgrl.core.credit;

/** Validation shared by the assigners. */
final class Discounting {
  private Discounting() {}

  static double checkUnit(String name, double x) {
    if (!(x >= 0.0 && x <= 1.0)) {
      throw new IllegalArgumentException(name + " must lie in [0, 1], got " + x);
    }
    return x;
  }
}
