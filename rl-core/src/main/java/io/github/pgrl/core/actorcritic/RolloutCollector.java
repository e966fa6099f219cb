package io.github.pgrl.core.actorcritic;

import io.github.pgrl.core.Exploration;
import io.github.pgrl.core.RecordedSteps;
import io.github.pgrl.core.RewardShaper;
import io.github.pgrl.core.Step;
import io.github.pgrl.core.TrainablePolicy;
import io.github.pgrl.core.util.Seeds;
import io.github.pgrl.core.vector.VectorEnvironment;
import io.github.pgrl.core.vector.VectorStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Plays one rollout: {@code T} lockstep steps of every copy of a {@link VectorEnvironment}, which resets
 * copies whose episodes end. Between rollouts it keeps each copy's current observation, previous action
 * and the running totals of its unfinished episode; all of it is part of a checkpoint.
 *
 * <p>Copy {@code i} of update {@code u} draws its actions from {@code Seeds.generator(seed, u·n + i,
 * ACTIONS)}, a generator made for that rollout, so a rollout depends only on the parameters, the
 * environments' states and its index: the vector environment's threads change nothing, and a resumed run
 * needs no generator state. The policy acts on the training thread, with one {@link
 * TrainablePolicy#observeAll} per step for all copies: one forward pass per copy by default (the MLP's
 * sparse path), one batched pass for the convolutional policy.
 */
final class RolloutCollector<A> {

  /**
   * Where V(s) comes from: the critic of its own, or the value output of a shared network.
   *
   * @param value V(s) of one observation
   * @param values V(s_t) of every recorded step
   */
  record Critic<A>(ToDoubleFunction<float[]> value, Function<RecordedSteps<float[], A>, double[]> values) {}

  /** An episode that ended in a rollout, at step {@code step} of copy {@code copy}. */
  record Ended(int copy, int step, int length, double score, double shapedReturn, boolean terminated, boolean truncated,
      Map<String, Double> info) {}

  final VectorEnvironment<float[], A> envs;
  private final TrainablePolicy<float[], A> policy;
  /** Whether the copies have action masks, which the policy (a {@code MaskablePolicy}) applies. */
  private final boolean masked;
  private final RewardShaper<float[], A> shaper;
  private final Exploration exploration;
  private final long seed;
  private final int inputs;
  /** What the networks see of an observation: itself, or its normalised copy. */
  UnaryOperator<float[]> view = UnaryOperator.identity();

  // the state between rollouts
  final float[][] observations;
  final List<A> previous;
  final int[] lengths;
  final double[] scores;
  final double[] shapedReturns;
  final List<Map<String, Double>> infos = new ArrayList<>();

  @SuppressWarnings("unchecked")
  RolloutCollector(VectorEnvironment<float[], A> envs, TrainablePolicy<float[], A> policy, RewardShaper<float[], ?> shaper,
      Exploration exploration, long seed, int inputs) {
    this.envs = envs;
    this.policy = policy;
    this.masked = envs.hasActionMasks();
    this.shaper = (RewardShaper<float[], A>) shaper;
    this.exploration = exploration;
    this.seed = seed;
    this.inputs = inputs;
    int n = envs.size();
    observations = new float[n][];
    previous = new ArrayList<>(java.util.Collections.nCopies(n, null));
    lengths = new int[n];
    scores = new double[n];
    shapedReturns = new double[n];
    for (int i = 0; i < n; i++) {
      infos.add(new HashMap<>());
    }
  }

  /** Starts fresh episodes on every copy: {@code envs.reset(seed)}. */
  void start() {
    startFresh(seed);
  }

  /** Starts fresh episodes on every copy with {@code envs.reset(resetSeed)}. */
  void startFresh(long resetSeed) {
    List<float[]> first = envs.reset(resetSeed);
    for (int i = 0; i < first.size(); i++) {
      observations[i] = checkObservation(first.get(i), i, 0);
      previous.set(i, null);
      lengths[i] = 0;
      scores[i] = 0;
      shapedReturns[i] = 0;
      infos.get(i).clear();
    }
  }

  /**
   * Plays update {@code update}'s rollout into {@code buffer} (which must be clear) and sets its values and
   * log-probabilities.
   *
   * @return the episodes that ended, in the order they ended (by step, then copy)
   */
  List<Ended> collect(long update, RolloutBuffer<A> buffer, Critic<A> critic) {
    int n = envs.size();
    SplittableRandom[] rngs = new SplittableRandom[n];
    for (int i = 0; i < n; i++) {
      rngs[i] = Seeds.generator(seed, update * n + i, Seeds.ACTIONS);
    }
    List<Ended> ended = new ArrayList<>();
    RecordedSteps<float[], A> steps = buffer.steps;
    List<A> chosen = new ArrayList<>(java.util.Collections.nCopies(n, null));
    float[][] seen = new float[n][];
    for (int t = 0; t < buffer.stepsPerCopy; t++) {
      List<boolean[]> masks = masked ? envs.validActions() : null;
      for (int i = 0; i < n; i++) {
        buffer.rawObservations[t * n + i] = observations[i];
        seen[i] = view.apply(observations[i]);
      }
      int step = t;
      java.util.Collections.fill(chosen, null);
      int before = steps.size();
      List<A> actions = policy.observeAll(Arrays.asList(seen), masks, previous, steps, (i, d) -> {
        if (i < 0 || i >= n || chosen.get(i) != null || (i > 0 && chosen.get(i - 1) == null)) {
          throw new IllegalStateException("at step " + step + " the policy " + policy + "'s observeAll asked the"
              + " chooser for copy " + i + " of " + n + " after " + chosen + ": it must ask once per copy, in order");
        }
        A prev = previous.get(i);
        A a;
        try {
          a = exploration.choose(d, prev, rngs[i]);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("at step " + step + " of copy " + i + " in rollout " + update + " the policy"
              + " gave no probability distribution (values too large for the network?): " + e.getMessage(), e);
        }
        boolean[] valid = masks != null ? masks.get(i) : null;
        if (valid != null && !valid[(Integer) a]) {
          throw new IllegalStateException("the policy " + policy + " chose the action " + a + ", which the mask of copy "
              + i + " marks invalid; a MaskablePolicy must give invalid actions probability 0");
        }
        buffer.logProbabilities[step * n + i] = exploration.logProbability(d, a, prev);
        chosen.set(i, a);
        return a;
      });
      requireLockstep(actions, chosen, steps.size() - before, step);
      VectorStep<float[]> vs = envs.step(copiesOf(chosen));
      for (int i = 0; i < n; i++) {
        int k = t * n + i;
        double reward = vs.rewards()[i];
        if (!Double.isFinite(reward)) {
          throw new IllegalStateException("copy " + i + " of " + envs.actionSpace() + " environments returned the reward "
              + reward + " at step " + t + " of rollout " + update + "; rewards must be finite");
        }
        boolean done = vs.done(i);
        float[] outcome = checkObservation(done ? vs.finalObservations().get(i) : vs.observations().get(i), i, t + 1);
        Step<float[]> outcomeStep = new Step<>(outcome, reward, vs.terminated()[i], vs.truncated()[i], vs.infos().get(i));
        double r;
        try {
          r = shaper.shape(observations[i], chosen.get(i), outcomeStep);
        } catch (ClassCastException e) {
          throw new IllegalArgumentException("the reward shaper " + shaper.describe() + " threw a ClassCastException"
              + " (the environments' action space is " + envs.actionSpace() + "): a shaper must take the environments'"
              + " action type (the exception's message: " + e.getMessage() + ")", e);
        }
        if (!Double.isFinite(r)) {
          throw new IllegalStateException("the reward shaper " + shaper.describe() + " returned " + r + " at step " + t
              + " of copy " + i + "; shaped rewards must be finite");
        }
        buffer.rewards[k] = r;
        buffer.terminated[k] = vs.terminated()[i];
        buffer.truncated[k] = vs.truncated()[i];
        lengths[i]++;
        scores[i] += reward;
        shapedReturns[i] += r;
        for (Map.Entry<String, Object> e : vs.infos().get(i).entrySet()) {
          if (e.getValue() instanceof Number num) {
            infos.get(i).merge(e.getKey(), num.doubleValue(), Double::sum);
          }
        }
        if (done) {
          if (vs.truncated()[i] && !vs.terminated()[i]) {
            buffer.truncationValues[k] = critic.value().applyAsDouble(view.apply(outcome));
          }
          ended.add(new Ended(i, t, lengths[i], scores[i], shapedReturns[i], vs.terminated()[i], vs.truncated()[i],
              Map.copyOf(infos.get(i))));
          lengths[i] = 0;
          scores[i] = 0;
          shapedReturns[i] = 0;
          infos.get(i).clear();
          previous.set(i, null);
          observations[i] = checkObservation(vs.observations().get(i), i, 0);
        } else {
          previous.set(i, chosen.get(i));
          observations[i] = outcome;
        }
      }
    }
    double[] v = critic.values().apply(steps);
    System.arraycopy(v, 0, buffer.values, 0, v.length);
    for (int i = 0; i < n; i++) {
      buffer.lastValues[i] = critic.value().applyAsDouble(view.apply(observations[i]));
    }
    return ended;
  }

  /**
   * Refuses a lockstep step that {@link TrainablePolicy#observeAll} recorded wrongly: other actions than
   * one chooser's action per copy, in copy order, or another number of steps than copies.
   */
  private void requireLockstep(List<A> actions, List<A> chosen, int recorded, int step) {
    int n = chosen.size();
    if (actions == null || actions.size() != n || recorded != n || chosen.contains(null)
        || !java.util.Objects.deepEquals(actions.toArray(), chosen.toArray())) {
      throw new IllegalStateException("at step " + step + " the policy " + policy + "'s observeAll recorded " + recorded
          + " steps and returned " + (actions == null ? "null" : actions.size() + " actions " + actions)
          + " for " + n + " copies whose chooser gave " + chosen + ": it must call the chooser once per copy, in"
          + " order, record one step per copy and return the chooser's actions");
    }
  }

  /**
   * The actions for {@code envs.step}: array actions copied, so that an environment that changes one in
   * place (clipping it) does not change what the record and the shaper hold.
   */
  @SuppressWarnings("unchecked")
  private List<A> copiesOf(List<A> actions) {
    List<A> out = new ArrayList<>(actions.size());
    for (A a : actions) {
      out.add(a instanceof float[] f ? (A) f.clone() : a instanceof int[] x ? (A) x.clone() : a);
    }
    return out;
  }

  private float[] checkObservation(float[] obs, int copy, int step) {
    if (obs == null || obs.length != inputs) {
      throw new IllegalStateException("copy " + copy + " returned an observation of "
          + (obs == null ? "null" : obs.length + " values") + " at step " + step + "; the observation space has " + inputs);
    }
    for (int j = 0; j < obs.length; j++) {
      if (!Float.isFinite(obs[j])) {
        throw new IllegalStateException("copy " + copy + " returned an observation with " + obs[j] + " at index " + j
            + "; observations must be finite");
      }
    }
    return obs;
  }

  /** The previous actions as they are saved: the index of a Discrete action, −1 for none. */
  static double[] encodePrevious(List<?> previous) {
    double[] out = new double[previous.size()];
    Arrays.fill(out, -1);
    for (int i = 0; i < out.length; i++) {
      if (previous.get(i) instanceof Integer a) {
        out[i] = a;
      }
    }
    return out;
  }
}
