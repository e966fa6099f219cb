package io.github.pgrl.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A batch longer than one chunk of {@link ConvNet} gives the outputs and the gradient of its chunks
 * computed apart: every chunk after the first adds to the gradient the first one set.
 */
class ConvNetChunksTest {

  @Test
  void aBatchOfSeveralChunksGivesTheSumOfTheChunksGradients() {
    ConvNet net = new ConvNet(2, 5, 5, new int[] {3, 2}, new int[] {3, 2}, new int[] {2, 1}, new int[] {4}, 3);
    net.initialise(new SplittableRandom(1), 1.0);
    int chunk = net.chunkRows();
    int n = 2 * chunk + 17;
    SplittableRandom rng = new SplittableRandom(2);
    Batch all = new Batch(net.inputs());
    Batch[] parts = {new Batch(net.inputs()), new Batch(net.inputs()), new Batch(net.inputs())};
    for (int t = 0; t < n; t++) {
      float[] x = new float[net.inputs()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextDouble(-1, 1);
      }
      all.add(x, 0, -1);
      parts[Math.min(2, t / chunk)].add(x, 0, -1);
    }
    float[] outputsAll = new float[n];
    float[][] whole = gradient(net, all, outputsAll, 0);
    float[] outputsParts = new float[n];
    double[][] sum = new double[whole.length][];
    for (int b = 0; b < whole.length; b++) {
      sum[b] = new double[whole[b].length];
    }
    int offset = 0;
    for (Batch part : parts) {
      float[][] g = gradient(net, part, outputsParts, offset);
      offset += part.size();
      for (int b = 0; b < g.length; b++) {
        for (int i = 0; i < g[b].length; i++) {
          sum[b][i] += g[b][i];
        }
      }
    }
    for (int t = 0; t < n; t++) {
      assertEquals(outputsParts[t], outputsAll[t], "the output of step " + t);
    }
    double largest = 0;
    for (double[] b : sum) {
      for (double v : b) {
        largest = Math.max(largest, Math.abs(v));
      }
    }
    assertTrue(largest > 1, "the gradient is not zero");
    for (int b = 0; b < whole.length; b++) {
      for (int i = 0; i < whole[b].length; i++) {
        // float sums of about 10⁴ steps: the order of the additions differs, not the terms
        assertEquals(sum[b][i], whole[b][i], 1e-5 * largest, "gradient block " + b + ", value " + i);
      }
    }
  }

  /** The gradient of the sum of every step's output 0 and output 1 minus output 2. */
  private static float[][] gradient(ConvNet net, Batch batch, float[] outputs, int offset) {
    net.run(batch, true, (t, output, off, dOut, dOff) -> {
      outputs[offset + t] = output[off];
      dOut[dOff] = 1f;
      dOut[dOff + 1] = 1f;
      dOut[dOff + 2] = -1f;
    });
    float[][] g = net.gradientBlocks();
    float[][] copy = new float[g.length][];
    for (int b = 0; b < g.length; b++) {
      copy[b] = g[b].clone();
    }
    return copy;
  }
}
