package jgrad.tensor;

import java.util.ArrayList;

/**
 * Storage recycled from one training step to the next, so that a steady training loop allocates
 * (almost) nothing per step. While a step is open on a thread, the tensors ops compute there
 * (outputs, saved state, gradients, and the gradients backward leaves on parameters) take their
 * arrays from this arena; when the step closes, all of them are <em>released</em>: their arrays go
 * back to the arena for the next step, reading a released tensor (or any view of its storage,
 * made on any thread) throws {@link IllegalStateException}, a backward pass through the released graph throws, and a
 * parameter whose gradient was computed in the step has no gradient any more (as after
 * {@code zeroGrad()}). So a tensor kept past the step never shows the numbers of a later step:
 * {@link Tensor#copy()} what you need before the step closes. Tensors made outside a step, and
 * copies, are never recycled.
 * <pre>{@code
 * var arena = new Arena();
 * for (Batch b : loader.epoch(e)) {
 *     try (var step = arena.step()) {
 *         Tensor loss = Losses.crossEntropy(model.forward(b.x()), b.labels());
 *         optimizer.zeroGrad();
 *         loss.backward();
 *         optimizer.step();
 *         lossSum += loss.item();    // read inside the step
 *     }
 * }
 * }</pre>
 * Values and gradients are the same bits as without an arena (recycled arrays are zeroed, except for
 * outputs an op overwrites completely, such as a GEMM's).
 * An arena belongs to one thread at a time; between steps it keeps the arrays of the last step.
 */
public final class Arena {
    private static final ThreadLocal<Arena> OPEN = new ThreadLocal<>();

    // Free and in-use arrays; few distinct sizes per step, so a linear search for an exact length.
    private final ArrayList<float[]> freeF = new ArrayList<>(), usedF = new ArrayList<>();
    private final ArrayList<double[]> freeD = new ArrayList<>(), usedD = new ArrayList<>();
    private final ArrayList<int[]> freeI = new ArrayList<>(), usedI = new ArrayList<>();
    private final ArrayList<Tensor> tensors = new ArrayList<>(); // one per storage handed out in the step
    private final ArrayList<Tensor> leaves = new ArrayList<>();  // got a gradient on this arena's storage
    private final Step step = new Step();
    private Thread owner;

    /** An arena with no arrays yet; the first step fills it. */
    public Arena() {}

    /**
     * Opens a step on the calling thread: until it closes, tensors computed on this thread use the
     * arena's storage.
     *
     * @return the open step, to close (try-with-resources) when the step's work is done
     * @throws IllegalStateException when a step (of any arena) is already open on this thread, or
     *     this arena's step is open on another thread
     */
    public synchronized Step step() { // synchronized: two threads cannot both see no owner
        if (OPEN.get() != null) throw new IllegalStateException("Arena.step: a step is already open on this thread; close it first");
        if (owner != null) throw new IllegalStateException("Arena.step: this arena's step is open on thread " + owner.getName());
        owner = Thread.currentThread();
        OPEN.set(this);
        return step;
    }

    /** An open step of an {@link Arena}; closing it releases everything computed in it. */
    public final class Step implements AutoCloseable {
        private Step() {}

        /**
         * Releases the step's tensors and takes their arrays back (see {@link Arena}); a second close does nothing.
         *
         * @throws IllegalStateException when the step is open on another thread (its storage is in use there)
         */
        @Override
        public void close() {
            synchronized (Arena.this) {
                if (owner == null) return;
                if (owner != Thread.currentThread()) {
                    throw new IllegalStateException("Arena.Step.close: the step is open on thread " + owner.getName() + "; close it there");
                }
                release();
            }
        }
    }

    /** Ends the open step (the caller holds this arena's lock and owns the step). */
    private void release() {
        OPEN.remove();
        for (Tensor t : tensors) t.release();
        for (Tensor leaf : leaves) {
            if (leaf.grad() != null && leaf.grad().isReleased()) leaf.zeroGrad();
        }
        tensors.clear();
        leaves.clear();
        // Keep what this step used, drop what it did not (a last, smaller batch), so that the
        // arena holds one step's worth of arrays however the shapes vary.
        freeF.clear();
        freeD.clear();
        freeI.clear();
        freeF.addAll(usedF);
        freeD.addAll(usedD);
        freeI.addAll(usedI);
        usedF.clear();
        usedD.clear();
        usedI.clear();
        owner = null; // last: another thread may open the next step only now
    }

    /** The arena whose step is open on this thread, or null. */
    static Arena current() {
        return OPEN.get();
    }

    /** A zero-filled tensor on arena storage when a step is open, else a plain new one. */
    static Tensor empty(DType dtype, int[] shape) {
        return tensor(dtype, shape, true);
    }

    /**
     * {@link #empty} whose values are undefined when the arena recycles an array (not zeroed): for
     * an op output the caller overwrites entirely (zeroing 1.7 MB it then overwrites was 2-3 % of the ConvNet step).
     */
    static Tensor unfilled(DType dtype, int[] shape) {
        return tensor(dtype, shape, false);
    }

    private static Tensor tensor(DType dtype, int[] shape, boolean zero) {
        Arena a = OPEN.get();
        int n = Shape.numel(shape);
        if (a == null) return dtype == DType.FLOAT32 ? Tensor.wrap(new float[n], shape) : Tensor.wrap(new double[n], shape);
        Tensor t = dtype == DType.FLOAT32 ? Tensor.onArena(shape, a.floats(n, zero), null) : Tensor.onArena(shape, null, a.doubles(n, zero));
        a.tensors.add(t); // releasing it releases its views too: they share its storage's version array
        return t;
    }

    /**
     * An {@code int[n]}, recycled when the open step closes (for an op's saved indices): zero-filled,
     * or with undefined values when {@code zero} is false and the caller overwrites all of it.
     */
    static int[] ints(int n, boolean zero) {
        Arena a = OPEN.get();
        if (a == null) return new int[n];
        int[] x = take(a.freeI, n, y -> y.length);
        if (x == null) x = new int[n];
        else if (zero) java.util.Arrays.fill(x, 0);
        a.usedI.add(x);
        return x;
    }

    /** The error for reading a released tensor of {@code shape}. */
    static IllegalStateException released(int[] shape) {
        return new IllegalStateException("tensor of shape " + Shape.str(shape) + " was released when its Arena step"
                + " closed; copy() what you need inside the step");
    }

    /** Called when a leaf stores a gradient on this arena's storage. */
    void registerLeaf(Tensor leaf) {
        leaves.add(leaf);
    }

    private float[] floats(int n, boolean zero) {
        float[] x = take(freeF, n, y -> y.length);
        if (x == null) x = new float[n];
        else if (zero) java.util.Arrays.fill(x, 0f);
        usedF.add(x);
        return x;
    }

    private double[] doubles(int n, boolean zero) {
        double[] x = take(freeD, n, y -> y.length);
        if (x == null) x = new double[n];
        else if (zero) java.util.Arrays.fill(x, 0d);
        usedD.add(x);
        return x;
    }

    private static <A> A take(ArrayList<A> free, int n, java.util.function.ToIntFunction<A> length) {
        // The first match: a step asking in the same order as the last gets the same arrays.
        for (int i = 0; i < free.size(); i++) {
            if (length.applyAsInt(free.get(i)) == n) return free.remove(i);
        }
        return null;
    }
}
