package io.github.pgrl.examples;

// README:own-policy:start
import io.github.pgrl.core.Categorical;
import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.TrainablePolicy;
import java.util.concurrent.Executor;

/** π(·|s) = softmax(W·s + b) over n actions; θ is W (row by row) followed by b. */
public final class LinearSoftmaxPolicy implements TrainablePolicy<float[], Integer> {
  private final int inputs;
  private final int actions;
  private final float[] theta;     // shared with the sharers
  private final float[] gradient;
  private final double[] p;        // π(·|s), this instance's own buffer

  public LinearSoftmaxPolicy(int inputs, int actions) {
    this(inputs, actions, new float[inputs * actions + actions]); // θ = 0: uniform
  }

  private LinearSoftmaxPolicy(int inputs, int actions, float[] theta) {
    this.inputs = inputs;
    this.actions = actions;
    this.theta = theta;
    this.gradient = new float[theta.length];
    this.p = new double[actions];
  }

  @Override public Categorical distribution(float[] s) {
    if (s.length != inputs) throw new IllegalArgumentException("expected " + inputs + " values, got " + s.length);
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < actions; a++) {
      p[a] = theta[inputs * actions + a];
      for (int i = 0; i < inputs; i++) p[a] += theta[a * inputs + i] * s[i];
      max = Math.max(max, p[a]);
    }
    if (!Double.isFinite(max)) throw new IllegalArgumentException("no distribution: a NaN or huge observation");
    double sum = 0;
    for (int a = 0; a < actions; a++) {
      p[a] = Math.exp(p[a] - max);
      sum += p[a];
    }
    for (int a = 0; a < actions; a++) p[a] /= sum;
    return Categorical.view(p);
  }

  /** All on the calling thread: a policy may use the executor, but need not. */
  @Override public Evaluation computeGradient(RecordedSteps<float[], Integer> steps, Objective objective,
      Executor executor) {
    objective.requireSteps(steps.size());
    Exploration exploration = objective.exploration();
    double[] w = objective.weights();
    double beta = objective.entropyCoefficient();
    double[] g = new double[theta.length];
    double sum = 0;
    double entropy = 0;
    for (int t = 0; t < steps.size(); t++) {
      float[] s = steps.observation(t);
      int a = steps.action(t);
      if (a < 0 || a >= actions) throw new IllegalArgumentException("action " + a + " is outside 0.." + (actions - 1));
      int previous = steps.previousAction(t) == null ? -1 : steps.previousAction(t);
      double h = distribution(s).entropy();                             // sets p = π(·|s)
      double c = exploration.gradientFactor(p[a], actions, a, previous); // ∇log μ = c·∇log π
      sum += w[t] * Math.log(exploration.probability(p[a], actions, a, previous)) + beta * h;
      entropy += h;
      for (int b = 0; b < actions; b++) {
        // ∂/∂z_b of w·log μ(a|s) + β·H(π(·|s)), z = W·s + b being the logits
        double logP = p[b] > 0 ? Math.log(p[b]) : 0;
        double dz = w[t] * c * ((b == a ? 1 : 0) - p[b]) - beta * p[b] * (logP + h);
        for (int i = 0; i < inputs; i++) g[b * inputs + i] += dz * s[i];
        g[inputs * actions + b] += dz;
      }
    }
    for (int k = 0; k < g.length; k++) gradient[k] = (float) (objective.scale() * g[k]);
    int n = steps.size();
    return new Evaluation(objective.scale() * sum, n == 0 ? 0 : entropy / n, n);
  }

  @Override public float[][] parameterBlocks() { return new float[][] {theta}; }
  @Override public float[][] gradientBlocks() { return new float[][] {gradient}; }
  @Override public LinearSoftmaxPolicy sharer() { return new LinearSoftmaxPolicy(inputs, actions, theta); }
}
// README:own-policy:end
