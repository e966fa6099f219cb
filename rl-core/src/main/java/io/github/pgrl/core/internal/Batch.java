package io.github.pgrl.core.internal;

import io.github.pgrl.core.RecordedSteps;
import java.util.Arrays;

/**
 * Internal, not API: the steps of a batch as the engine needs them, and the record {@code
 * MlpPolicy.newSteps()} gives as a {@link RecordedSteps}: observations, the actions played, the
 * previous action of each step (for sticky exploration), and the mask of the valid actions of the steps
 * that have one (a bitset of {@code ⌈n/64⌉} longs per step; every mask of a batch has one length).
 *
 * <p>Observations are stored sparsely (the indices and values of their non-zero elements), because pixel
 * observations such as difference frames are mostly zeros: a Pong batch of 100,000 steps takes a few
 * megabytes instead of gigabytes. Dense observations cost twice their size. Filled step by step, either
 * with {@link #add} or, in a rollout, with {@link Engine#observe} (through the policy's {@code observe})
 * and {@link #completeStep}, which also keeps the forward pass's activations for the gradient; storage
 * grows as needed and is reused after {@link #clear()}, so collecting batches allocates nothing once it
 * has reached its largest size. Not thread-safe.
 */
public final class Batch implements RecordedSteps<float[], Integer> {

  /** The most activation values a batch keeps (128 MB); beyond it the update recomputes them. */
  static final int MAX_CACHED_ACTIVATIONS = 1 << 25;

  private final int inputs;
  private int[] rowStart = new int[257];
  private int[] index = new int[1024];
  private float[] value = new float[1024];
  private int[] actions = new int[256];
  private int[] previous = new int[256];
  private int size;
  /** Whether an observation has been staged by {@link #stage} and awaits {@link #completeStep}. */
  private boolean staged;
  /** Where the staged observation's entries end. */
  private int stagedEnd;
  /** The length of the batch's masks, 0 while it has none; each step's takes {@code maskWords} longs. */
  private int maskLength;
  private int maskWords;
  /** Step {@code t}'s mask, bit {@code a} for action {@code a}, at {@code [t·maskWords, (t+1)·maskWords)}. */
  private long[] maskBits = new long[0];
  /** Whether each step has a mask. */
  private boolean[] masked = new boolean[256];
  /** Whether the staged step has a mask (written at row {@code size} of {@link #maskBits}). */
  private boolean stagedMasked;

  /**
   * Activations recorded while the steps were played ({@link Engine#observe}), {@code width} per step,
   * valid for the first {@code cachedRows} steps and for the parameter version {@code cacheVersion}.
   */
  private float[] cache = new float[0];
  private int cacheWidth;
  private Object cacheVersion;
  private int cachedRows;
  /** Whether the staged observation's activations were written to the cache. */
  private boolean stagedCached;
  /** Where the next observed observation may be non-zero ({@link #hintNonZeros}), or {@code null}. */
  private int[] hint;
  private int hintCount = -1;

  /**
   * An empty batch for observations of {@code inputs} values.
   *
   * @param inputs the observation length, at least 1
   * @throws IllegalArgumentException if {@code inputs < 1}
   */
  public Batch(int inputs) {
    if (inputs < 1) {
      throw new IllegalArgumentException("observations need at least 1 value, got " + inputs);
    }
    this.inputs = inputs;
  }

  /**
   * Appends one step.
   *
   * @param observation the observation the action was chosen for; copied
   * @param action the action played
   * @param previousAction the action played on the step before in the same episode, or −1
   * @throws IllegalArgumentException if the observation has the wrong length
   */
  public void add(float[] observation, int action, int previousAction) {
    stage(observation, false);
    completeStep(action, previousAction);
  }

  /** @throws IllegalArgumentException if the observation has the wrong length */
  @Override
  public void stage(float[] observation) {
    stage(observation, false);
  }

  /**
   * @throws IllegalArgumentException if the mask is empty, or has another length than the masks of the
   *     steps before it
   */
  @Override
  public void stageMask(boolean[] validActions) {
    if (!staged) {
      throw new IllegalStateException("no observation is staged: call stage (or the policy's observe) before stageMask");
    }
    if (maskLength == 0) {
      if (validActions.length == 0) {
        throw new IllegalArgumentException("an empty mask: it needs one flag per action");
      }
      maskLength = validActions.length;
      maskWords = (maskLength + 63) >>> 6;
    } else if (validActions.length != maskLength) {
      throw new IllegalArgumentException("the mask has " + validActions.length + " entries, the batch's masks have "
          + maskLength);
    }
    int base = size * maskWords;
    growMasks(base + maskWords);
    Arrays.fill(maskBits, base, base + maskWords, 0L);
    for (int a = 0; a < maskLength; a++) {
      if (validActions[a]) {
        maskBits[base + (a >>> 6)] |= 1L << a;
      }
    }
    stagedMasked = true;
  }

  private void growMasks(int need) {
    if (maskBits.length < need) {
      maskBits = Arrays.copyOf(maskBits, Math.max(need, 2 * maskBits.length));
    }
  }

  @Override
  public boolean[] validActions(int t) {
    if (!masked[check(t)]) {
      return null;
    }
    boolean[] out = new boolean[maskLength];
    maskInto(t, out);
    return out;
  }

  /**
   * The length of the masks of the steps that have one.
   *
   * @return the number of flags per mask, 0 if no step has a mask
   */
  public int maskLength() {
    return maskLength;
  }

  /**
   * Whether step {@code t} has a mask, unchecked.
   *
   * @param t the step
   * @return whether it has one
   */
  public boolean maskedAt(int t) {
    return masked[t];
  }

  /**
   * Writes the mask of step {@code t}, which has one ({@link #maskedAt}), unchecked.
   *
   * @param t the step
   * @param out receives one flag per action: as many as the batch's masks have
   */
  public void maskInto(int t, boolean[] out) {
    int base = t * maskWords;
    for (int a = 0; a < out.length; a++) {
      out[a] = (maskBits[base + (a >>> 6)] & (1L << a)) != 0;
    }
  }

  @Override
  public void complete(Integer action, Integer previousAction) {
    completeStep(action, previousAction == null ? -1 : previousAction);
  }

  /**
   * Says where the next observation staged by {@link Engine#observe} may be non-zero, as a {@link
   * io.github.pgrl.core.SparseObservations} environment reports it: only those values are read (the
   * others are taken to be zero), so a step costs no scan of the observation. Used once.
   *
   * @param nonZero strictly increasing indices in {@code [0, inputs())}; may list zeros; not copied
   * @param count how many of {@code nonZero} to read, or −1 to scan the whole observation instead
   */
  public void hintNonZeros(int[] nonZero, int count) {
    hint = nonZero;
    hintCount = count;
  }

  /**
   * Stages an observation for {@link Engine#observe}: with the pending hint, if any, and refusing
   * non-finite values.
   *
   * @throws IllegalArgumentException as {@link #stage(float[], int[], int, boolean)}
   */
  void stageObserved(float[] observation) {
    int count = hintCount;
    hintCount = -1;
    stage(observation, hint, count, true);
  }

  /**
   * The observations of recorded steps as a batch (for a value function, which reads no actions): the
   * record itself when it is a batch, else a copy whose actions are 0.
   *
   * @param steps the steps
   * @param inputs the observation length
   * @return the batch
   * @throws IllegalArgumentException if the observations have another length
   */
  public static Batch observationsOf(RecordedSteps<float[], ?> steps, int inputs) {
    if (steps instanceof Batch b) {
      return of(b, inputs);
    }
    Batch copy = new Batch(inputs);
    for (int t = 0; t < steps.size(); t++) {
      copy.add(steps.observation(t), 0, -1);
    }
    return copy;
  }

  /**
   * The steps as a batch for observations of {@code inputs} values: the record itself when it is one,
   * else a copy.
   *
   * @param steps the steps
   * @param inputs the observation length
   * @return the batch
   * @throws IllegalArgumentException if the observations have another length
   */
  public static Batch of(RecordedSteps<float[], Integer> steps, int inputs) {
    if (steps instanceof Batch b) {
      if (b.inputs != inputs) {
        throw new IllegalArgumentException(
            "the batch has observations of " + b.inputs + " values, the policy expects " + inputs);
      }
      return b;
    }
    Batch copy = new Batch(inputs);
    copy.append(steps);
    return copy;
  }

  /**
   * Completes the step whose observation {@link Engine#observe} staged in this batch, with the action
   * that was played.
   *
   * @param action the action played
   * @param previousAction the action played on the step before in the same episode, or −1
   * @throws IllegalStateException if no observation is staged
   */
  public void completeStep(int action, int previousAction) {
    if (!staged) {
      throw new IllegalStateException("no observation is staged: call the policy's observe(observation, steps)"
          + " before completeStep, or use add(observation, action, previousAction)");
    }
    staged = false;
    if (size == actions.length) {
      int cap = size * 2;
      actions = Arrays.copyOf(actions, cap);
      previous = Arrays.copyOf(previous, cap);
      masked = Arrays.copyOf(masked, cap);
      rowStart = Arrays.copyOf(rowStart, cap + 1);
    }
    actions[size] = action;
    previous[size] = previousAction;
    masked[size] = stagedMasked;
    stagedMasked = false;
    if (stagedCached && cachedRows == size) {
      cachedRows++;
    }
    size++;
    rowStart[size] = stagedEnd;
  }

  /**
   * Writes the non-zero entries of an observation after the last step, as the staged step.
   *
   * @param requireFinite whether to reject NaN and infinite values
   * @throws IllegalArgumentException if the observation has the wrong length, or a non-finite value when
   *     {@code requireFinite}
   */
  void stage(float[] observation, boolean requireFinite) {
    stage(observation, null, -1, requireFinite);
  }

  /**
   * {@link #stage(float[], boolean)}, reading only the listed indices when {@code count ≥ 0}: every
   * unlisted value is taken to be zero (see {@link io.github.pgrl.core.SparseObservations}). The entries
   * are then exactly those of a scan.
   *
   * @param hint strictly increasing indices in {@code [0, inputs)}, or {@code null} when {@code count < 0}
   * @param count how many of {@code hint} to read, or −1 to scan the whole observation
   * @throws IllegalArgumentException also if the hint is not strictly increasing within {@code [0, inputs)}
   *     or {@code count} exceeds its length
   */
  void stage(float[] observation, int[] hint, int count, boolean requireFinite) {
    staged = false;
    stagedMasked = false;
    if (observation.length != inputs) {
      throw new IllegalArgumentException(
          "the batch holds observations of " + inputs + " values, got " + observation.length);
    }
    int start = rowStart[size];
    int most = count < 0 ? observation.length : count;
    if (count >= 0 && count > hint.length) {
      throw new IllegalArgumentException("the hint lists " + count + " indices but holds " + hint.length);
    }
    if (index.length - start < most) {
      int cap = Math.max(index.length * 2, start + most);
      index = Arrays.copyOf(index, cap);
      value = Arrays.copyOf(value, cap);
    }
    int nnz = count < 0 ? scan(observation, start) : gather(observation, hint, count, start);
    if (requireFinite) {
      for (int k = start; k < nnz; k++) {
        if (!Float.isFinite(value[k])) {
          throw new IllegalArgumentException("the observation has " + value[k] + " at index " + index[k]
              + "; observations must be finite");
        }
      }
    }
    staged = true;
    stagedCached = false;
    stagedEnd = nnz;
  }

  /** Writes the non-zero entries of the whole observation from {@code nnz} on; returns the new end. */
  private int scan(float[] observation, int nnz) {
    for (int i = 0; i < observation.length; i++) {
      nnz = keepIfNonZero(observation, i, nnz);
    }
    return nnz;
  }

  /** Writes entry {@code i} at {@code nnz} if it is non-zero; returns the new end (inlined by the JIT). */
  private int keepIfNonZero(float[] observation, int i, int nnz) {
    float v = observation[i];
    if (v != 0f) {
      index[nnz] = i;
      value[nnz] = v;
      nnz++;
    }
    return nnz;
  }

  /** Writes the non-zero entries at the hinted indices from {@code nnz} on; returns the new end. */
  private int gather(float[] observation, int[] hint, int count, int nnz) {
    int last = -1;
    for (int k = 0; k < count; k++) {
      int i = hint[k];
      if (i <= last || i >= observation.length) {
        throw new IllegalArgumentException("the non-zero hint must list strictly increasing indices in [0, "
            + observation.length + "), got " + i + " after " + last + " at position " + k);
      }
      last = i;
      nnz = keepIfNonZero(observation, i, nnz);
    }
    return nnz;
  }

  /** Where the staged observation's entries start. */
  int stagedStart() {
    return rowStart[size];
  }

  /** Where the staged observation's entries end. */
  int stagedEnd() {
    return stagedEnd;
  }

  /**
   * Reserves room for the staged step's activations, computed with parameters of the given version; the
   * offset into {@link #activations()} to write {@code width} values at, or −1 when they cannot be kept
   * (an earlier step has none, or another version or width, or the cache would exceed its limit).
   */
  int reserveActivations(Object version, int width) {
    if (size == 0) {
      cacheVersion = version;
      cacheWidth = width;
      cachedRows = 0;
    }
    if (cachedRows != size || cacheVersion != version || cacheWidth != width
        || (long) (size + 1) * width > MAX_CACHED_ACTIVATIONS) {
      return -1;
    }
    growCache((size + 1) * width, width);
    stagedCached = true;
    return size * width;
  }

  /** Makes room for {@code need} cached values, at least doubling (and at least 256 rows) when it grows. */
  private void growCache(int need, int width) {
    if (cache.length < need) {
      long grown = Math.max(Math.max(2L * cache.length, need), 256L * width);
      cache = Arrays.copyOf(cache, (int) Math.min(MAX_CACHED_ACTIVATIONS, grown));
    }
  }

  /**
   * The cache of activations (see {@link #hasActivations}).
   *
   * @return the array itself
   */
  public float[] activations() {
    return cache;
  }

  /**
   * Whether every step has activations recorded under the given parameter version, {@code width} each;
   * then step {@code t}'s start at {@code t * width} in {@link #activations()}.
   *
   * @param version the network's parameter version ({@link Mlp#version()})
   * @param width the network's {@link Mlp#activationCount()}
   * @return whether they are all there
   */
  public boolean hasActivations(Object version, int width) {
    return size > 0 && cachedRows == size && cacheVersion == version && cacheWidth == width;
  }

  /**
   * Appends every step of another record, in order (keeping its recorded activations when they fit).
   *
   * @param steps a batch with observations of the same length, or any record of such observations
   * @throws IllegalArgumentException if the observation lengths differ
   */
  @Override
  public void append(RecordedSteps<float[], Integer> steps) {
    if (!(steps instanceof Batch other)) {
      staged = false;
      for (int t = 0; t < steps.size(); t++) {
        Integer previous = steps.previousAction(t);
        boolean[] mask = steps.validActions(t);
        stage(steps.observation(t), false);
        if (mask != null) {
          stageMask(mask);
        }
        completeStep(steps.action(t), previous == null ? -1 : previous);
      }
      return;
    }
    if (other.inputs != inputs) {
      throw new IllegalArgumentException(
          "cannot append a batch of " + other.inputs + "-value observations to one of " + inputs);
    }
    if (other.maskLength > 0 && maskLength > 0 && other.maskLength != maskLength) {
      throw new IllegalArgumentException(
          "cannot append a batch whose masks have " + other.maskLength + " entries to one whose masks have " + maskLength);
    }
    int n = other.size;
    int nnz = other.rowStart[n];
    while (actions.length < size + n) {
      actions = Arrays.copyOf(actions, actions.length * 2);
      previous = Arrays.copyOf(previous, previous.length * 2);
      masked = Arrays.copyOf(masked, actions.length);
      rowStart = Arrays.copyOf(rowStart, actions.length + 1);
    }
    System.arraycopy(other.masked, 0, masked, size, n);
    if (other.maskLength > 0) {
      maskLength = other.maskLength;
      maskWords = other.maskWords;
      growMasks((size + n) * maskWords);
      // rows after the other's last mask were never written there: they have no mask
      System.arraycopy(other.maskBits, 0, maskBits, size * maskWords, Math.min(n * maskWords, other.maskBits.length));
    }
    int base = rowStart[size];
    if (index.length < base + nnz) {
      int cap = Math.max(index.length * 2, base + nnz);
      index = Arrays.copyOf(index, cap);
      value = Arrays.copyOf(value, cap);
    }
    System.arraycopy(other.index, 0, index, base, nnz);
    System.arraycopy(other.value, 0, value, base, nnz);
    System.arraycopy(other.actions, 0, actions, size, n);
    System.arraycopy(other.previous, 0, previous, size, n);
    for (int t = 1; t <= n; t++) {
      rowStart[size + t] = base + other.rowStart[t];
    }
    boolean keepCache = other.size > 0 && other.cachedRows == n
        && (size == 0 || cachedRows == size && cacheVersion == other.cacheVersion && cacheWidth == other.cacheWidth)
        && (long) (size + n) * other.cacheWidth <= MAX_CACHED_ACTIVATIONS;
    if (keepCache) {
      cacheVersion = other.cacheVersion;
      cacheWidth = other.cacheWidth;
      growCache((size + n) * cacheWidth, cacheWidth);
      System.arraycopy(other.cache, 0, cache, size * cacheWidth, n * cacheWidth);
      cachedRows = size + n;
    }
    staged = false;
    size += n;
  }

  /**
   * Copies the sparse rows, actions and masks of another batch's steps directly, without densifying them,
   * after checking every index (a refused call appends nothing) and dropping a staged step;
   * from another kind of record, or one of other observations or masks, as {@link
   * RecordedSteps#appendSteps} does by default. No activations are copied.
   */
  @Override
  public void appendSteps(RecordedSteps<float[], Integer> steps, int[] indices) {
    staged = false; // a staged step is dropped, as by every append
    stagedMasked = false;
    stagedCached = false;
    if (!(steps instanceof Batch other) || other.inputs != inputs
        || other.maskLength > 0 && maskLength > 0 && other.maskLength != maskLength) {
      RecordedSteps.super.appendSteps(steps, indices);
      return;
    }
    for (int t : indices) {
      other.check(t); // all before anything is appended
    }
    for (int t : indices) {
      int from = other.rowStart[t];
      int length = other.rowStart[t + 1] - from;
      int base = rowStart[size];
      if (index.length < base + length) {
        int cap = Math.max(index.length * 2, base + length);
        index = Arrays.copyOf(index, cap);
        value = Arrays.copyOf(value, cap);
      }
      System.arraycopy(other.index, from, index, base, length);
      System.arraycopy(other.value, from, value, base, length);
      staged = true;
      stagedCached = false;
      stagedEnd = base + length;
      stagedMasked = false;
      if (other.masked[t]) {
        maskLength = other.maskLength;
        maskWords = other.maskWords;
        growMasks((size + 1) * maskWords);
        System.arraycopy(other.maskBits, t * maskWords, maskBits, size * maskWords, maskWords);
        stagedMasked = true;
      }
      completeStep(other.actions[t], other.previous[t]);
    }
  }

  /**
   * Drops the staged observation, with its mask and activations, if there is one: afterwards nothing is
   * staged. For a policy that refuses an observation after staging it.
   */
  public void unstage() {
    staged = false;
    stagedMasked = false;
    stagedCached = false;
  }

  /** Empties the batch, keeping its storage. */
  @Override
  public void clear() {
    size = 0;
    staged = false;
    stagedMasked = false;
    maskLength = 0;
    cachedRows = 0;
    cacheVersion = null;
  }

  /**
   * The number of steps.
   *
   * @return the size
   */
  @Override
  public int size() {
    return size;
  }

  /**
   * The observation length.
   *
   * @return the number of values per observation
   */
  public int inputs() {
    return inputs;
  }

  /**
   * The number of non-zero observation values over all steps.
   *
   * @return the count
   */
  public long nonZeros() {
    return rowStart[size];
  }

  @Override
  public Integer action(int t) {
    return actions[check(t)];
  }

  @Override
  public Integer previousAction(int t) {
    int p = previous[check(t)];
    return p < 0 ? null : p;
  }

  /**
   * The action of step {@code t}, unchecked.
   *
   * @param t the step
   * @return the action
   */
  public int actionAt(int t) {
    return actions[t];
  }

  /**
   * The previous action of step {@code t}, unchecked.
   *
   * @param t the step
   * @return the action, or −1 on an episode's first step
   */
  public int previousAt(int t) {
    return previous[t];
  }

  /**
   * The observation of one step.
   *
   * @param t the step
   * @return a new dense array
   */
  @Override
  public float[] observation(int t) {
    check(t);
    float[] x = new float[inputs];
    for (int k = rowStart[t]; k < rowStart[t + 1]; k++) {
      x[index[k]] = value[k];
    }
    return x;
  }

  /** Writes rows [start, start + rows) densely, row-major, into {@code out} (zeroed first). */
  void dense(int start, int rows, float[] out) {
    Arrays.fill(out, 0, rows * inputs, 0f);
    for (int r = 0; r < rows; r++) {
      int base = r * inputs;
      for (int k = rowStart[start + r]; k < rowStart[start + r + 1]; k++) {
        out[base + index[k]] = value[k];
      }
    }
  }

  /**
   * Where step {@code t}'s entries start in {@link #indices()} and {@link #values()}.
   *
   * @param t the step
   * @return the position of its first entry
   */
  public int rowStart(int t) {
    return rowStart[t];
  }

  /**
   * Where step {@code t}'s entries end in {@link #indices()} and {@link #values()}.
   *
   * @param t the step
   * @return the position after its last entry
   */
  public int rowEnd(int t) {
    return rowStart[t + 1];
  }

  /**
   * The indices of the non-zero observation values, step after step.
   *
   * @return the array itself
   */
  public int[] indices() {
    return index;
  }

  /**
   * The non-zero observation values, in the order of {@link #indices()}.
   *
   * @return the array itself
   */
  public float[] values() {
    return value;
  }

  private int check(int t) {
    if (t < 0 || t >= size) {
      throw new IndexOutOfBoundsException("step " + t + " of a batch of " + size);
    }
    return t;
  }
}
