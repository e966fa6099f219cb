package io.github.pgrl.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy.Evaluation;
import io.github.pgrl.core.TrainablePolicy.Objective;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConvPolicy}'s batched forward pass gives the logits of a plain double-precision convolution
 * written from the documented parameter layout, and its backpropagation gives the derivatives of the
 * objective computed from that reference by central differences, for every kind of layer it builds.
 *
 * <p>Why this holds in double: the reference computes J in double from the float parameters, so its
 * central differences with a step of 10⁻⁶ have an error of about 10⁻¹⁰ (rounding) plus O(h²), and a step
 * that small crosses a ReLU's kink only with probability of order 10⁻⁶ per pre-activation. What remains
 * is the float32 rounding of the policy's own passes: sums of at most a few hundred products of values of
 * order 1, each rounded with a relative error of 6·10⁻⁸, so errors of order 10⁻⁵ of the largest
 * derivative. The tolerance, {@code 10⁻⁴·max|g| + 10⁻³·|g|}, is ten times that and a thousand times
 * smaller than what a wrong index, a missing term or a flipped sign gives.
 */
class ConvPolicyGradientTest {

  /** A configuration: input shape, conv layers {filters, kernel, stride}..., hidden, actions. */
  record Config(String name, int[] shape, int[][] conv, int[] hidden, int actions) {
    ConvPolicy build(long seed) {
      ConvPolicy.Builder b = ConvPolicy.builder(shape[0], shape[1], shape[2], actions);
      for (int[] l : conv) {
        b.conv(l[0], l[1], l[2]);
      }
      return b.hidden(hidden).build(new SplittableRandom(seed));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> configurations() {
    Config[] configs = {
      new Config("2x8x8, conv 4x3/1, conv 3x2/2, dense 5, 3 actions", new int[] {2, 8, 8},
          new int[][] {{4, 3, 1}, {3, 2, 2}}, new int[] {5}, 3),
      new Config("2x8x8, conv 3x4/2 (3x3), conv 2x3/1 (1x1), no dense, 2 actions", new int[] {2, 8, 8},
          new int[][] {{3, 4, 2}, {2, 3, 1}}, new int[] {}, 2),
      new Config("1x7x9, conv 3x3/2 (windows leave a column out), dense 4 and 3, 4 actions", new int[] {1, 7, 9},
          new int[][] {{3, 3, 2}}, new int[] {4, 3}, 4),
      new Config("3x5x5, conv 2x5/1 (kernel as large as the image), 2 actions", new int[] {3, 5, 5},
          new int[][] {{2, 5, 1}}, new int[] {}, 2),
      new Config("2x9x9, three conv layers 1x1/1, 3x3/2, 2x2/1, 3 actions", new int[] {2, 9, 9},
          new int[][] {{3, 1, 1}, {4, 3, 2}, {2, 2, 1}}, new int[] {6}, 3),
    };
    Exploration[] explorations = {Exploration.NONE, new Exploration(0.1, 0.25)};
    Stream.Builder<Arguments> b = Stream.builder();
    for (Config c : configs) {
      for (Exploration e : explorations) {
        b.add(Arguments.of(c, e));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("configurations")
  void theForwardPassIsAPlainConvolution(Config config, Exploration exploration) {
    ConvPolicy policy = config.build(3);
    SplittableRandom rng = new SplittableRandom(11);
    float[] theta = policy.parameters();
    for (int t = 0; t < 5; t++) {
      float[] x = image(config, rng);
      double[] logits = new Reference(config, theta).logits(x);
      double[] expected = softmax(logits);
      double[] actual = policy.distribution(x).toArray();
      for (int a = 0; a < expected.length; a++) {
        assertEquals(expected[a], actual[a], 1e-5, "π(" + a + "|s) against the reference for observation " + t);
      }
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("configurations")
  void theGradientMatchesCentralDifferencesOfAReferenceInDouble(Config config, Exploration exploration) {
    ConvPolicy policy = config.build(5);
    SplittableRandom rng = new SplittableRandom(13);
    // biases start at exactly 0, so a pixel block of zeros would sit on a ReLU's kink: move every parameter
    float[] moved = policy.parameters();
    for (int i = 0; i < moved.length; i++) {
      moved[i] += (float) (0.1 * rng.nextGaussian());
    }
    policy.setParameters(moved);
    int n = 7;
    RecordedSteps<float[], Integer> steps = policy.newSteps();
    float[][] xs = new float[n][];
    int[] actions = new int[n];
    int[] previous = new int[n];
    double[] weights = new double[n];
    for (int t = 0; t < n; t++) {
      xs[t] = image(config, rng);
      actions[t] = rng.nextInt(config.actions());
      previous[t] = t % 3 == 0 ? -1 : rng.nextBoolean() ? actions[t] : rng.nextInt(config.actions());
      weights[t] = rng.nextGaussian();
      steps.add(xs[t], actions[t], previous[t] < 0 ? null : previous[t]);
    }
    double beta = 0.1;
    Objective objective = new Objective(weights, beta, exploration, 1.0 / n);
    Evaluation evaluation = policy.computeGradient(steps, objective, null);
    float[] analytic = policy.gradient();
    float[] theta = policy.parameters();
    double[] params = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      params[i] = theta[i];
    }
    double j = objective(config, params, xs, actions, previous, objective);
    assertEquals(j, evaluation.objective(), 1e-5 * Math.abs(j) + 1e-6, "J against the reference");

    double h = 1e-6;
    double[] numeric = new double[theta.length];
    double largest = 0;
    for (int i = 0; i < theta.length; i++) {
      double keep = params[i];
      params[i] = keep + h;
      double up = objective(config, params, xs, actions, previous, objective);
      params[i] = keep - h;
      double down = objective(config, params, xs, actions, previous, objective);
      params[i] = keep;
      numeric[i] = (up - down) / (2 * h);
      largest = Math.max(largest, Math.abs(numeric[i]));
    }
    assertTrue(largest > 1e-3, "the objective depends on the parameters");
    for (int i = 0; i < theta.length; i++) {
      double tolerance = 1e-4 * largest + 1e-3 * Math.abs(numeric[i]);
      assertEquals(numeric[i], analytic[i], tolerance,
          "dJ/dθ_" + i + " of " + theta.length + " (" + config + ", " + exploration + ")");
    }
  }

  private static float[] image(Config config, SplittableRandom rng) {
    float[] x = new float[config.shape()[0] * config.shape()[1] * config.shape()[2]];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(3) == 0 ? 0f : (float) rng.nextDouble(-1, 1);
    }
    return x;
  }

  /** k·(Σ w·log μ + β·Σ H) in double from the reference network. */
  private static double objective(
      Config config, double[] params, float[][] xs, int[] actions, int[] previous, Objective objective) {
    Reference net = new Reference(config, params);
    double sum = 0;
    for (int t = 0; t < xs.length; t++) {
      double[] p = softmax(net.logits(xs[t]));
      double mu = objective.exploration().probability(p[actions[t]], p.length, actions[t], previous[t]);
      double entropy = 0;
      for (double q : p) {
        entropy -= q * Math.log(q);
      }
      sum += objective.weights()[t] * Math.log(mu) + objective.entropyCoefficient() * entropy;
    }
    return objective.scale() * sum;
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /**
   * The network written from {@link ConvPolicy}'s documented layout, one loop per index, in double: conv
   * weights {@code [C·k·k, filters]} with row {@code (c·k + y)·k + x}, biases, dense weights {@code [in,
   * out]} on the conv output flattened {@code (y, x, channel)}, biases.
   */
  static final class Reference {
    private final Config config;
    private final double[] params;

    Reference(Config config, float[] params) {
      this(config, toDouble(params));
    }

    Reference(Config config, double[] params) {
      this.config = config;
      this.params = params;
    }

    private static double[] toDouble(float[] f) {
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }

    double[] logits(float[] x) {
      int c = config.shape()[0];
      int h = config.shape()[1];
      int w = config.shape()[2];
      double[][][] a = new double[c][h][w];
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          for (int xx = 0; xx < w; xx++) {
            a[ch][y][xx] = x[(ch * h + y) * w + xx];
          }
        }
      }
      int off = 0;
      for (int[] layer : config.conv()) {
        int f = layer[0];
        int k = layer[1];
        int s = layer[2];
        int oh = (h - k) / s + 1;
        int ow = (w - k) / s + 1;
        double[][][] out = new double[f][oh][ow];
        int bias = off + c * k * k * f;
        for (int o = 0; o < f; o++) {
          for (int y = 0; y < oh; y++) {
            for (int xx = 0; xx < ow; xx++) {
              double z = params[bias + o];
              for (int ch = 0; ch < c; ch++) {
                for (int ky = 0; ky < k; ky++) {
                  for (int kx = 0; kx < k; kx++) {
                    z += a[ch][y * s + ky][xx * s + kx] * params[off + ((ch * k + ky) * k + kx) * f + o];
                  }
                }
              }
              out[o][y][xx] = Math.max(0, z);
            }
          }
        }
        off = bias + f;
        a = out;
        c = f;
        h = oh;
        w = ow;
      }
      double[] v = new double[c * h * w];
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          for (int ch = 0; ch < c; ch++) {
            v[(y * w + xx) * c + ch] = a[ch][y][xx];
          }
        }
      }
      int[] sizes = new int[config.hidden().length + 1];
      System.arraycopy(config.hidden(), 0, sizes, 0, config.hidden().length);
      sizes[sizes.length - 1] = config.actions();
      for (int l = 0; l < sizes.length; l++) {
        double[] z = new double[sizes[l]];
        int bias = off + v.length * sizes[l];
        for (int o = 0; o < sizes[l]; o++) {
          z[o] = params[bias + o];
          for (int i = 0; i < v.length; i++) {
            z[o] += v[i] * params[off + i * sizes[l] + o];
          }
          if (l < sizes.length - 1) {
            z[o] = Math.max(0, z[o]);
          }
        }
        off = bias + sizes[l];
        v = z;
      }
      assertEquals(params.length, off, "the reference reads every parameter");
      return v;
    }
  }
}
