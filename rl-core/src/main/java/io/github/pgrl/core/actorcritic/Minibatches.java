package io.github.pgrl.core.actorcritic;

import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The small pieces of an update's minibatch loop: the order, the gathered values, the critic's task. */
final class Minibatches {

  private Minibatches() {}

  /** The result of a critic's computation run on the pool, its exception rethrown as it was. */
  static double[] join(Future<double[]> step) {
    try {
      return step.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the critic's gradient was computed", e);
    }
  }

  /** Runs the critic's computation on the calling thread, its exception rethrown as it was. */
  static double[] call(Callable<double[]> step) {
    try {
      return step.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fisher–Yates, in place, with the update's generator. */
  static void shuffle(int[] a, SplittableRandom rng) {
    for (int k = a.length - 1; k > 0; k--) {
      int j = rng.nextInt(k + 1);
      int tmp = a[k];
      a[k] = a[j];
      a[j] = tmp;
    }
  }

  /** {@code values[idx[k]]} for every {@code k}. */
  static double[] gather(double[] values, int[] idx) {
    double[] out = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      out[k] = values[idx[k]];
    }
    return out;
  }

  /**
   * Mean 0 and standard deviation 1, in place, as SB3 and CleanRL: {@code (x − mean) / (std + 1e-8)} with the
   * sample standard deviation (divided by {@code n − 1}); a single value is left alone.
   */
  static void standardize(double[] x) {
    if (x.length < 2) {
      return;
    }
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(var / (x.length - 1)) + 1e-8;
    for (int k = 0; k < x.length; k++) {
      x[k] = (x[k] - mean) / std;
    }
  }
}
