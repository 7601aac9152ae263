package jgrad.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of float32 or float64 values that records the ops applied to it, so
 * {@link #backward()} can fill in gradients: jgrad's counterpart of PyTorch's {@code torch.Tensor}.
 *
 * <p>Storage is one dense row-major {@code float[]} (FLOAT32, the default) or {@code double[]}
 * (FLOAT64). Methods here are thin entry points; each primitive op is a package-private class
 * holding its forward and backward side by side (see {@link Op}). Ops never mix dtypes: combining
 * float32 with float64 is an {@link IllegalArgumentException} naming both; convert with
 * {@link #to(DType)}. Negative dimensions count from the end everywhere.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
 * Tensor loss = x.mul(x).sum();
 * loss.backward();
 * System.out.println(x.grad());
 * // tensor([[2., 4.],
 * //         [6., 8.]])
 * }</pre>
 */
public class Tensor {
    private final int[] shape;
    private final DType dtype;
    private final float[] f; // exactly one of f, d is non-null
    private final double[] d;
    // Shared by all tensors on this storage: [0] counts set()'s changes; an Arena's storage has a
    // [1], set to 1 when its step closes, so every view (made on any thread) is released with it.
    private final int[] version;
    private boolean requiresGrad;
    private Tensor grad;
    private Op creator;

    private Tensor(int[] shape, float[] f, double[] d) {
        this(shape, f, d, new int[1]);
    }

    private Tensor(int[] shape, float[] f, double[] d, int[] version) {
        this.shape = shape;
        this.f = f;
        this.d = d;
        this.version = version;
        this.dtype = f != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    /**
     * A new leaf with a copy of {@code source}'s dtype, shape and values; it does not require grad
     * until told. This is how {@code jgrad.nn.Parameter} becomes a tensor.
     *
     * @param source the tensor to copy
     */
    protected Tensor(Tensor source) {
        this(source.liveShape(), source.f == null ? null : source.f.clone(),
                source.d == null ? null : source.d.clone());
    }

    // ---- creation ----

    /**
     * A float32 tensor holding a copy of {@code data} in row-major order.
     *
     * @param data the values, row-major (copied)
     * @param shape the sizes, outermost first
     * @return a new tensor
     * @throws IllegalArgumentException when the shape does not match the data length (names both)
     */
    public static Tensor of(float[] data, int... shape) {
        requireLength(data.length, shape);
        return new Tensor(shape.clone(), data.clone(), null);
    }

    /**
     * A float64 tensor holding a copy of {@code data} in row-major order.
     *
     * @param data the values, row-major (copied)
     * @param shape the sizes, outermost first
     * @return a new tensor
     * @throws IllegalArgumentException when the shape does not match the data length (names both)
     */
    public static Tensor of(double[] data, int... shape) {
        requireLength(data.length, shape);
        return new Tensor(shape.clone(), null, data.clone());
    }

    /**
     * A 0-d float32 tensor holding {@code value}.
     *
     * @param value the value
     * @return a new tensor
     */
    public static Tensor scalar(double value) {
        return scalar(DType.FLOAT32, value);
    }

    /**
     * A 0-d tensor of the given dtype holding {@code value}.
     *
     * @param dtype float32 or float64
     * @param value the value
     * @return a new tensor
     */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /**
     * A float32 tensor of zeros.
     *
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /**
     * A tensor of zeros of the given dtype.
     *
     * @param dtype float32 or float64
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor zeros(DType dtype, int... shape) {
        Shape.requireValid("zeros", shape);
        int n = Shape.numel(shape); // never on an Arena: what users create is theirs to keep
        return dtype == DType.FLOAT32 ? new Tensor(shape.clone(), new float[n], null) : new Tensor(shape.clone(), null, new double[n]);
    }

    /**
     * A float32 tensor of ones.
     *
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor ones(int... shape) {
        return full(DType.FLOAT32, 1, shape);
    }

    /**
     * A tensor of ones of the given dtype.
     *
     * @param dtype float32 or float64
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /**
     * A float32 tensor filled with {@code value}.
     *
     * @param value the value
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor full(double value, int... shape) {
        return full(DType.FLOAT32, value, shape);
    }

    /**
     * A tensor of the given dtype filled with {@code value}.
     *
     * @param dtype float32 or float64
     * @param value the value
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor full(DType dtype, double value, int... shape) {
        Tensor t = zeros(dtype, shape);
        if (t.f != null) Arrays.fill(t.f, (float) value);
        else Arrays.fill(t.d, value);
        return t;
    }

    /**
     * The float32 vector {@code [0, 1, ..., n-1]}.
     *
     * @param n the length
     * @return a new tensor
     */
    public static Tensor arange(int n) {
        return arange(DType.FLOAT32, n);
    }

    /**
     * The vector {@code [0, 1, ..., n-1]} of the given dtype.
     *
     * @param dtype float32 or float64
     * @param n the length
     * @return a new tensor
     */
    public static Tensor arange(DType dtype, int n) {
        Tensor t = zeros(dtype, n);
        for (int i = 0; i < n; i++) t.setFlat(i, i);
        return t;
    }

    /**
     * The float32 vector {@code start, start+step, ...} of values below {@code end} (like {@code torch.arange}).
     *
     * @param start the first value
     * @param end the bound the values stay below
     * @param step the distance between values, not 0
     * @return a new tensor
     */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || Double.isNaN(start + end + step)) {
            throw new IllegalArgumentException("arange: bad range start=" + start + " end=" + end + " step=" + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        Tensor t = zeros(DType.FLOAT32, n);
        for (int i = 0; i < n; i++) t.setFlat(i, start + i * step);
        return t;
    }

    /**
     * A float32 tensor of standard normal samples drawn from {@code rng}.
     *
     * @param rng the source of the samples
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        return randn(rng, DType.FLOAT32, shape);
    }

    /**
     * A tensor of standard normal samples drawn from {@code rng}, in row-major order.
     *
     * @param rng the source of the samples
     * @param dtype float32 or float64
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor randn(RandomGenerator rng, DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.numel(); i++) t.setFlat(i, rng.nextGaussian());
        return t;
    }

    /**
     * A float32 tensor of samples uniform in {@code [0, 1)} drawn from {@code rng}.
     *
     * @param rng the source of the samples
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        return rand(rng, DType.FLOAT32, shape);
    }

    /**
     * A tensor of samples uniform in {@code [0, 1)} drawn from {@code rng}, in row-major order.
     *
     * @param rng the source of the samples
     * @param dtype float32 or float64
     * @param shape the sizes, outermost first
     * @return a new tensor
     */
    public static Tensor rand(RandomGenerator rng, DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.numel(); i++) t.setFlat(i, rng.nextDouble());
        return t;
    }

    /**
     * One-hot rows, float32 {@code (labels.length, classes)}: row {@code i} is 1 in column
     * {@code labels[i]} and 0 elsewhere. jgrad's one one-hot encoder.
     *
     * @param labels one class index per row
     * @param classes the number of columns
     * @return a new float32 tensor {@code (labels.length, classes)}
     * @throws IllegalArgumentException if {@code classes < 1} or a label is outside {@code [0, classes)}
     */
    public static Tensor oneHot(int[] labels, int classes) {
        if (classes < 1) throw new IllegalArgumentException("oneHot: classes must be >= 1, got " + classes);
        Tensor t = zeros(DType.FLOAT32, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at index " + i + " is not in 0.." + (classes - 1));
            }
            t.f[i * classes + labels[i]] = 1f;
        }
        return t;
    }

    private static void requireLength(int length, int[] shape) {
        Shape.requireValid("of", shape);
        if (Shape.numel(shape) != length) {
            throw new IllegalArgumentException("of: shape " + Shape.str(shape) + " needs " + Shape.numel(shape)
                    + " values but the data has " + length);
        }
    }

    // ---- engine internals (package-private, used by ops) ----

    /** A zero-filled tensor that owns {@code shape} (not copied); on the open {@link Arena}'s storage if any. */
    static Tensor empty(DType dtype, int[] shape) {
        return Arena.empty(dtype, shape);
    }

    /** A tensor on storage an {@link Arena} recycles: it and its views are released when the step closes. */
    static Tensor onArena(int[] shape, float[] f, double[] d) {
        return new Tensor(shape, f, d, new int[2]);
    }

    /** Called by the {@link Arena} when its step closes: this storage's arrays go to the next step. */
    void release() { version[1] = 1; }

    /** True when this tensor's storage was taken back by an {@link Arena}. */
    boolean isReleased() { return version.length == 2 && version[1] != 0; }

    /** A copy of the shape, after checking that the values may be read. */
    private int[] liveShape() { if (isReleased()) throw Arena.released(shape); return shape.clone(); }

    /** Wraps {@code data} without copying; the tensor owns both arrays from now on. */
    static Tensor wrap(float[] data, int[] shape) {
        return new Tensor(shape, data, null);
    }

    /** Wraps {@code data} without copying; the tensor owns both arrays from now on. */
    static Tensor wrap(double[] data, int[] shape) {
        return new Tensor(shape, null, data);
    }

    /** A tensor of {@code shape} sharing this tensor's storage (the caller checks the sizes match). */
    Tensor view(int[] newShape) {
        return new Tensor(newShape, f, d, version);
    }

    /** True when this tensor and {@code other} are views of one storage. */
    boolean sharesStorage(Tensor other) {
        return other.version == version;
    }

    /** How often {@link #set} changed this storage: ops compare it to catch in-place changes before backward. */
    int version() {
        return version[0];
    }

    /** A 0-d tensor of this tensor's dtype, for scalar operands. */
    Tensor scalarLike(double value) {
        Tensor t = empty(dtype, new int[0]); // an op's result: on the open Arena's storage if any
        t.setFlat(0, value);
        return t;
    }

    /** The shape array itself (never modify it). */
    int[] shapeRef() {
        return shape;
    }

    /** Element {@code i} in row-major order, as a double. */
    double getFlat(int i) {
        if (isReleased()) throw Arena.released(shape);
        return f != null ? f[i] : d[i];
    }

    /** Sets element {@code i} in row-major order (rounded for float32). */
    void setFlat(int i, double value) {
        if (f != null) f[i] = (float) value;
        else d[i] = value;
    }

    /** The op that produced this tensor, or null for a leaf. */
    Op creatorOrNull() {
        return creator;
    }

    /** Called by {@link Op#apply} on a freshly computed output. */
    void recordCreator(Op op) {
        creator = op;
        requiresGrad = true;
    }

    /**
     * Adds {@code g} into this leaf's gradient. The stored gradient is always this tensor's own:
     * {@code g} is copied unless {@code owned} says no one else holds it.
     */
    void accumulateGrad(Tensor g, boolean owned) {
        // NOTE: copy, because an op's backward may hand the same tensor to several inputs.
        Arena a = Arena.current();
        if (grad != null) {
            grad.addInPlace(g);
        } else if (a == null) {
            grad = owned ? g : g.copy();
        } else { // on the arena's storage too, so that the next step reuses it
            grad = owned && g.version.length == 2 ? g : empty(g.dtype, g.shape.clone());
            if (grad != g) grad.set(g);
            a.registerLeaf(this);
        }
    }

    /** {@code this += g} elementwise (same shape and dtype); not recorded by autograd. */
    void addInPlace(Tensor g) {
        if (isReleased()) throw Arena.released(shape);
        if (f != null) jgrad.tensor.kernel.Elementwise.add(f, 0, g.f, 0, f, 0, f.length);
        else jgrad.tensor.kernel.Elementwise.add(d, 0, g.d, 0, d, 0, d.length);
    }

    // ---- reading ----

    /** {@return the sizes of the dimensions, as a fresh array} */
    public int[] shape() {
        return shape.clone();
    }

    /** {@return the element type} */
    public DType dtype() {
        return dtype;
    }

    /** {@return the number of dimensions (0 for a scalar)} */
    public int ndim() {
        return shape.length;
    }

    /** {@return the number of elements} */
    public int numel() {
        return f != null ? f.length : d.length; // the shape's count: no values read, so fine on a released tensor
    }

    /**
     * Size of dimension {@code dim} (negative counts from the end).
     *
     * @param dim the dimension; negative counts from the end
     * @return the size
     */
    public int size(int dim) {
        return shape[Shape.dim("size", dim, shape)];
    }

    /**
     * The single value of a one-element tensor.
     *
     * @return the value
     * @throws IllegalStateException when the tensor has more or fewer than one element
     */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: needs exactly one element, but the shape is " + Shape.str(shape));
        }
        return getFlat(0);
    }

    /** {@return a copy of the values as floats, row-major} */
    public float[] toFloatArray() {
        if (isReleased()) throw Arena.released(shape);
        if (f != null) return f.clone();
        float[] out = new float[d.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) d[i];
        return out;
    }

    /** {@return a copy of the values as doubles, row-major} */
    public double[] toDoubleArray() {
        if (isReleased()) throw Arena.released(shape);
        if (d != null) return d.clone();
        double[] out = new double[f.length];
        for (int i = 0; i < out.length; i++) out[i] = f[i];
        return out;
    }

    /**
     * The LIVE float32 storage, row-major: writes change this tensor. For optimizers, I/O and data
     * loading; mutate only outside autograd (a graph may have saved this tensor).
     *
     * @return the live array
     * @throws IllegalStateException when the tensor is float64
     */
    public float[] floatData() {
        if (isReleased()) throw Arena.released(shape);
        if (f == null) throw new IllegalStateException("floatData: tensor is float64; use doubleData() or to(DType.FLOAT32)");
        return f;
    }

    /**
     * The LIVE float64 storage, row-major: writes change this tensor (see {@link #floatData()}).
     *
     * @return the live array
     * @throws IllegalStateException when the tensor is float32
     */
    public double[] doubleData() {
        if (isReleased()) throw Arena.released(shape);
        if (d == null) throw new IllegalStateException("doubleData: tensor is float32; use floatData() or to(DType.FLOAT64)");
        return d;
    }

    /**
     * This tensor converted to {@code dtype} (differentiable); itself when the dtype already matches.
     *
     * @param dtype float32 or float64
     * @return the converted tensor, or this one
     */
    public Tensor to(DType dtype) {
        return dtype == this.dtype ? this : new Cast(dtype).apply(this);
    }

    /** {@return a new leaf with a copy of the values; it does not require grad and has no gradient} */
    public Tensor copy() {
        return new Tensor(liveShape(), f == null ? null : f.clone(), d == null ? null : d.clone());
    }

    /**
     * Copies {@code src}'s values into this tensor in place (converting the dtype if needed);
     * not recorded by autograd. A backward pass through an op that used this storage before the
     * change then fails instead of computing wrong gradients (as PyTorch's version check).
     *
     * @param src the new values, of this shape
     * @throws IllegalArgumentException when the shapes differ
     */
    public void set(Tensor src) {
        if (!Arrays.equals(shape, src.shape)) {
            throw new IllegalArgumentException("set: shapes " + Shape.str(shape) + " and " + Shape.str(src.shape) + " differ");
        }
        if (isReleased() || src.isReleased()) throw Arena.released((isReleased() ? this : src).shape);
        version[0]++; // only a write that happens counts as a change for backward's saved-input check
        if (f != null && src.f != null) System.arraycopy(src.f, 0, f, 0, f.length);
        else if (d != null && src.d != null) System.arraycopy(src.d, 0, d, 0, d.length);
        else for (int i = 0; i < numel(); i++) setFlat(i, src.getFlat(i));
    }

    /** Prints the values like PyTorch, e.g. {@code tensor([[1., 2.], [3., 4.]], dtype=float64)}. */
    @Override
    public String toString() {
        return isReleased() ? "tensor(<released by its Arena step>, shape=" + Shape.str(shape) + ")" : Format.tensor(this);
    }

    // ---- autograd ----

    /**
     * Sets whether gradients should be computed for this leaf; returns this for chaining.
     *
     * @param requiresGrad whether backward should compute this tensor's gradient
     * @return this tensor
     * @throws IllegalStateException when turning it off on a non-leaf (use {@link #detach()})
     */
    public Tensor requiresGrad(boolean requiresGrad) {
        if (creator != null && !requiresGrad) {
            throw new IllegalStateException("requiresGrad(false) on a tensor computed by " + creator.name()
                    + "; use detach() to get a tensor outside the graph");
        }
        this.requiresGrad = requiresGrad;
        return this;
    }

    /** {@return true when gradients flow to this tensor (a leaf marked so, or the result of such a tensor)} */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** {@return the gradient accumulated by backward passes; null until a backward pass reaches this leaf} */
    public Tensor grad() {
        return grad;
    }

    /** Clears the gradient (sets it to null, as PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Sets the gradient of this leaf to a copy of {@code g}, as PyTorch's {@code p.grad = g}: for
     * gradients computed elsewhere (e.g. summed over the machines of a data-parallel step) that an
     * optimizer should apply.
     *
     * @param g the gradient, of this shape and dtype
     * @throws IllegalStateException if this tensor is not a leaf that requires grad
     * @throws IllegalArgumentException if {@code g}'s shape or dtype differs from this tensor's
     */
    public void setGrad(Tensor g) {
        if (creator != null || !requiresGrad) {
            throw new IllegalStateException("setGrad: only a leaf that requires grad has a gradient to set");
        }
        if (!Arrays.equals(g.shape, shape) || g.dtype() != dtype) {
            throw new IllegalArgumentException("setGrad: gradient " + g.dtype() + " " + Shape.str(g.shape) + " does not match "
                    + dtype + " " + Shape.str(shape));
        }
        grad = g.copy();
    }

    /** {@return the op that computed this tensor; empty for a leaf} */
    public Optional<Op> creator() {
        return Optional.ofNullable(creator);
    }

    /** {@return true for a tensor not computed by a recorded op} */
    public boolean isLeaf() {
        return creator == null;
    }

    /**
     * Backpropagates from this one-element tensor (usually a loss): every leaf below it that requires
     * grad gets {@code d(this)/d(leaf)} added to its {@link #grad()}.
     *
     * @throws IllegalStateException when this tensor does not require grad or has more than one element
     */
    public void backward() {
        requireGradForBackward();
        if (numel() != 1) {
            throw new IllegalStateException("backward(): output has shape " + Shape.str(shape)
                    + ", not a single element; pass the upstream gradient with backward(Tensor)");
        }
        Backprop.run(this, full(dtype, 1, shape.clone()));
    }

    /**
     * Backpropagates {@code gradient = dL/d(this)}, which must have this tensor's shape and dtype.
     *
     * @param gradient {@code dL/dthis}, of this shape and dtype (all ones for a scalar loss)
     * @throws IllegalArgumentException when the gradient's shape or dtype differs
     * @throws IllegalStateException when this tensor does not require grad
     */
    public void backward(Tensor gradient) {
        requireGradForBackward();
        if (!Arrays.equals(shape, gradient.shape)) {
            throw new IllegalArgumentException("backward: gradient shape " + Shape.str(gradient.shape)
                    + " does not match the tensor shape " + Shape.str(shape));
        }
        if (gradient.dtype != dtype) {
            throw new IllegalArgumentException("backward: gradient dtype " + gradient.dtype + " does not match the tensor dtype " + dtype);
        }
        Backprop.run(this, gradient.detach());
    }

    private void requireGradForBackward() {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: tensor of shape " + Shape.str(shape) + " does not require grad;"
                    + " call requiresGrad(true) on the leaves first (and compute outside GradMode.off())");
        }
    }

    /** {@return a tensor sharing this one's storage but outside the graph: a leaf that does not require grad} */
    public Tensor detach() {
        if (isReleased()) throw Arena.released(shape);
        return new Tensor(shape, f, d, version);
    }

    // ---- elementwise ops, NumPy broadcasting ----

    /**
     * {@code this + other}, broadcasting; see {@link Add}.
     *
     * @param other the other operand; the shapes broadcast
     * @return a new tensor
     * @throws IllegalArgumentException when shapes do not broadcast
     */
    public Tensor add(Tensor other) {
        return new Add().apply(this, other);
    }

    /**
     * {@code this + s}.
     *
     * @param s the scalar
     * @return a new tensor
     */
    public Tensor add(double s) {
        return new Add().apply(this, scalarLike(s));
    }

    /**
     * {@code this - other}, broadcasting. Composite: {@code add(other.neg())}.
     *
     * @param other the other operand; the shapes broadcast
     * @return a new tensor
     * @throws IllegalArgumentException when shapes do not broadcast
     */
    public Tensor sub(Tensor other) {
        return add(other.neg());
    }

    /**
     * {@code this - s}. Composite.
     *
     * @param s the scalar
     * @return a new tensor
     */
    public Tensor sub(double s) {
        return add(-s);
    }

    /**
     * {@code this * other} elementwise, broadcasting; see {@link Mul}.
     *
     * @param other the other operand; the shapes broadcast
     * @return a new tensor
     * @throws IllegalArgumentException when shapes do not broadcast
     */
    public Tensor mul(Tensor other) {
        return new Mul().apply(this, other);
    }

    /**
     * {@code this * s}.
     *
     * @param s the scalar
     * @return a new tensor
     */
    public Tensor mul(double s) {
        return new Mul().apply(this, scalarLike(s));
    }

    /**
     * {@code this / other} elementwise, broadcasting; see {@link Div}.
     *
     * @param other the other operand; the shapes broadcast
     * @return a new tensor
     * @throws IllegalArgumentException when shapes do not broadcast
     */
    public Tensor div(Tensor other) {
        return new Div().apply(this, other);
    }

    /**
     * {@code this / s}. Composite: {@code mul(1 / s)}.
     *
     * @param s the scalar
     * @return a new tensor
     */
    public Tensor div(double s) {
        return mul(1 / s);
    }

    /** {@return {@code -this}} Composite: {@code mul(-1)}. */
    public Tensor neg() {
        return mul(-1);
    }

    /**
     * {@code this^p} elementwise; see {@link Pow}.
     *
     * @param p the exponent
     * @return a new tensor
     */
    public Tensor pow(double p) {
        return new Pow(p).apply(this);
    }

    /** {@return {@code e^this} elementwise} */
    public Tensor exp() {
        return new Exp().apply(this);
    }

    /** {@return the natural logarithm, elementwise} */
    public Tensor log() {
        return new Log().apply(this);
    }

    /** {@return the square root, elementwise} */
    public Tensor sqrt() {
        return new Sqrt().apply(this);
    }

    /** {@return the hyperbolic tangent, elementwise} */
    public Tensor tanh() {
        return new Tanh().apply(this);
    }

    /** {@return the logistic sigmoid {@code 1 / (1 + e^-x)}, elementwise} */
    public Tensor sigmoid() {
        return new Sigmoid().apply(this);
    }

    /** {@return {@code max(this, 0)} elementwise} */
    public Tensor relu() {
        return new Relu().apply(this);
    }

    /** {@return the absolute value, elementwise} */
    public Tensor abs() {
        return new Abs().apply(this);
    }

    /**
     * Elementwise maximum of two tensors, broadcasting.
     *
     * @param other the other operand; the shapes broadcast
     * @return a new tensor
     * @throws IllegalArgumentException when shapes do not broadcast
     */
    public Tensor maximum(Tensor other) {
        return new Maximum().apply(this, other);
    }

    /**
     * Each element limited to {@code [min, max]}.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return a new tensor
     * @throws IllegalArgumentException when {@code min > max}
     */
    public Tensor clamp(double min, double max) {
        return new Clamp(min, max).apply(this);
    }

    // ---- reductions ----

    /** {@return the sum of all elements, as a 0-d tensor} */
    public Tensor sum() {
        return new Sum(Sum.ALL, false).apply(this);
    }

    /**
     * Sum along {@code dim}; keeps it as size 1 when {@code keepDim}.
     *
     * @param dim the dimension; negative counts from the end
     * @param keepDim whether to keep {@code dim} with size 1 (true) or remove it (false)
     * @return a new tensor
     * @throws IllegalArgumentException for a bad dim
     */
    public Tensor sum(int dim, boolean keepDim) {
        return new Sum(Shape.dim("sum", dim, shape), keepDim).apply(this);
    }

    /** {@return the mean of all elements (NaN when empty)} Composite: {@code sum() / numel}. */
    public Tensor mean() {
        return sum().div(numel());
    }

    /**
     * Mean along {@code dim}. Composite: {@code sum(dim, keepDim) / size(dim)}.
     *
     * @param dim the dimension; negative counts from the end
     * @param keepDim whether to keep {@code dim} with size 1 (true) or remove it (false)
     * @return a new tensor
     * @throws IllegalArgumentException for a bad dim
     */
    public Tensor mean(int dim, boolean keepDim) {
        return sum(dim, keepDim).div(size(dim));
    }

    /**
     * Maximum values along {@code dim}; the gradient goes to the first maximum.
     *
     * @param dim the dimension; negative counts from the end
     * @param keepDim whether to keep {@code dim} with size 1 (true) or remove it (false)
     * @return a new tensor
     * @throws IllegalArgumentException for a bad dim or an empty dim
     */
    public Tensor max(int dim, boolean keepDim) {
        return new Max(Shape.dim("max", dim, shape), keepDim).apply(this);
    }

    /**
     * Index of the first maximum along {@code dim} (dim removed), as a tensor of this dtype that
     * does not require grad (indices are exact integers).
     *
     * @param dim the dimension; negative counts from the end
     * @return the indices as float values, a new tensor
     * @throws IllegalArgumentException for a bad dim or an empty dim
     */
    public Tensor argmax(int dim) {
        return Max.argmax(this, Shape.dim("argmax", dim, shape));
    }

    /**
     * This tensor broadcast to {@code shape} (NumPy rules); see {@link BroadcastTo}.
     *
     * @param shape the target shape
     * @return a new tensor
     * @throws IllegalArgumentException when it does not broadcast
     */
    public Tensor broadcastTo(int... shape) {
        return new BroadcastTo(shape.clone()).apply(this);
    }

    /**
     * Sums over dimensions so the result has {@code shape}: the adjoint of {@link #broadcastTo}.
     *
     * @param shape the target shape, to which this shape broadcasts
     * @return a new tensor
     * @throws IllegalArgumentException when {@code shape} does not broadcast to this shape
     */
    public Tensor sumTo(int... shape) {
        return new SumTo(shape.clone()).apply(this);
    }

    // ---- shape ops ----

    /**
     * The same values in a new shape (one size may be -1, inferred); shares storage.
     *
     * @param shape the new sizes; one may be -1
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException when the element counts differ
     */
    public Tensor reshape(int... shape) {
        return new Reshape(Reshape.infer(this.shape, shape)).apply(this);
    }

    /**
     * Dimensions from {@code startDim} on merged into one. Composite: a reshape.
     *
     * @param startDim the first dimension to merge; negative counts from the end
     * @return a view sharing this tensor's storage
     */
    public Tensor flatten(int startDim) {
        int s = Shape.dim("flatten", startDim, shape);
        int[] out = Arrays.copyOf(shape, s + 1);
        out[s] = Shape.product(shape, s, shape.length);
        return reshape(out);
    }

    /**
     * Inserts a size-1 dimension at {@code dim} ({@code -1} appends). Composite: a reshape.
     *
     * @param dim the dimension; negative counts from the end
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException when {@code dim} is outside {@code [-ndim-1, ndim]}
     */
    public Tensor unsqueeze(int dim) {
        return reshape(withUnitDim("unsqueeze", shape, dim));
    }

    /** {@code shape} with a size-1 dimension inserted at {@code dim} ({@code -1} appends), for unsqueeze and stack. */
    private static int[] withUnitDim(String op, int[] shape, int dim) {
        int d = dim < 0 ? dim + shape.length + 1 : dim;
        if (d < 0 || d > shape.length) {
            throw new IllegalArgumentException(op + ": dim " + dim + " out of range for shape " + Shape.str(shape));
        }
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) out[i] = i == d ? 1 : shape[j++];
        return out;
    }

    /**
     * Removes dimension {@code dim}, which must have size 1. Composite: a reshape.
     *
     * @param dim the dimension; negative counts from the end
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException when {@code dim} is out of range or its size is not 1
     */
    public Tensor squeeze(int dim) {
        int d = Shape.dim("squeeze", dim, shape);
        if (shape[d] != 1) {
            throw new IllegalArgumentException("squeeze: dim " + dim + " of shape " + Shape.str(shape) + " has size " + shape[d] + ", not 1");
        }
        return reshape(Max.reducedShape(shape, d, false));
    }

    /**
     * Reorders the dimensions: output dim {@code i} is input dim {@code dims[i]}.
     *
     * @param dims the input dimension for each output dimension
     * @return a new tensor
     * @throws IllegalArgumentException unless {@code dims} is a permutation
     */
    public Tensor permute(int... dims) {
        return new Permute(Permute.check(shape, dims)).apply(this);
    }

    /**
     * Swaps two dimensions. Composite: a permute.
     *
     * @param dim0 one dimension
     * @param dim1 the other dimension
     * @return a new tensor
     */
    public Tensor transpose(int dim0, int dim1) {
        int[] p = new int[shape.length];
        for (int i = 0; i < p.length; i++) p[i] = i;
        int a = Shape.dim("transpose", dim0, shape), b = Shape.dim("transpose", dim1, shape);
        p[a] = b;
        p[b] = a;
        return permute(p);
    }

    /**
     * Matrix transpose of a 2-D tensor.
     *
     * @return a new tensor
     * @throws IllegalArgumentException unless 2-D
     */
    public Tensor transpose() {
        if (shape.length != 2) throw new IllegalArgumentException("transpose: needs a 2-D tensor, got shape " + Shape.str(shape));
        return transpose(0, 1);
    }

    /**
     * Elements {@code start .. start+length-1} along {@code dim}; a negative {@code start} counts
     * from the end, as in {@code torch.narrow}.
     *
     * @param dim the dimension; negative counts from the end
     * @param start the first index; negative counts from the end
     * @param length the number of elements to keep
     * @return a new tensor
     * @throws IllegalArgumentException when out of range
     */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shape.dim("narrow", dim, shape);
        return new Narrow(d, start < 0 ? start + shape[d] : start, length).apply(this);
    }

    /**
     * Elements {@code start .. end-1} along {@code dim}, like Python's {@code x[..., start:end]}:
     * negative indices count from the end, and out-of-range ones are clipped (an empty result when
     * {@code end <= start}). Composite: a narrow.
     *
     * @param dim the dimension; negative counts from the end
     * @param start the first index; negative counts from the end; clipped to the range
     * @param end one past the last index; negative counts from the end; clipped to the range
     * @return a new tensor
     * @throws IllegalArgumentException for a bad dim
     */
    public Tensor slice(int dim, int start, int end) {
        int n = shape[Shape.dim("slice", dim, shape)];
        int from = Math.clamp(start < 0 ? (long) start + n : start, 0, n);
        int to = Math.clamp(end < 0 ? (long) end + n : end, from, n);
        return narrow(dim, from, to - from);
    }

    /**
     * Joins tensors along an existing {@code dim}; other sizes must match.
     *
     * @param tensors the tensors, of one dtype
     * @param dim the dimension to join along; negative counts from the end
     * @return a new tensor
     * @throws IllegalArgumentException naming the shapes otherwise
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("cat: needs at least one tensor");
        return new Cat(Shape.dim("cat", dim, tensors.get(0).shape)).apply(tensors.toArray(new Tensor[0]));
    }

    /**
     * Stacks same-shaped tensors along a new {@code dim}. Composite: reshape each, then {@link #cat}.
     *
     * @param tensors the tensors, of one shape and dtype
     * @param dim where the new dimension goes; negative counts from the end
     * @return a new tensor
     */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: needs at least one tensor");
        int[] s = tensors.get(0).shape;
        int[] out = withUnitDim("stack", s, dim);
        Tensor[] parts = new Tensor[tensors.size()];
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(tensors.get(i).shape, s)) {
                throw new IllegalArgumentException("stack: shapes " + Shape.str(s) + " and " + Shape.str(tensors.get(i).shape) + " differ");
            }
            parts[i] = tensors.get(i).reshape(out);
        }
        return cat(List.of(parts), dim); // dim counts in out's rank the same way, so cat resolves it alike
    }

    // ---- linear algebra ----

    /**
     * Matrix product: {@code (n, k) x (k, m) -> (n, m)}, or batched {@code (b, n, k) x (b, k, m)
     * -> (b, n, m)}; see {@link MatMul}.
     *
     * @param other the right factor: {@code (k, m)}, or a batch of them
     * @return a new tensor
     * @throws IllegalArgumentException when the shapes do not chain, e.g. {@code matmul: [3, 4] and [5, 2] do not chain}
     */
    public Tensor matmul(Tensor other) {
        return new MatMul(false, false).apply(this, other);
    }

    /**
     * {@code this · otherᵀ} (transposing the last two dims of {@code other}) without materialising
     * the transpose: {@code (n, k) x (m, k) -> (n, m)}, or batched {@code (b, n, k) x (b, m, k)}.
     * The fast path for a linear layer with weight {@code (out, in)}: {@code x.matmulTransposed(w)}.
     *
     * @param other the right factor, transposed: {@code (m, k)}
     * @return a new tensor
     * @throws IllegalArgumentException when the shapes do not chain
     */
    public Tensor matmulTransposed(Tensor other) {
        return new MatMul(false, true).apply(this, other);
    }

    /**
     * Fused linear layer {@code act(this · weightᵀ + bias)} for this {@code (n, in)}, {@code weight
     * (out, in)} and {@code bias (out)} or null, giving {@code (n, out)}: one op with the values and
     * gradients of {@code matmulTransposed(weight).add(bias)} followed by the activation; see
     * {@link FusedLinear}. {@code jgrad.nn.Linear} runs through it.
     *
     * @param weight the weight {@code (out, in)}
     * @param bias the bias {@code (out)}, or null for none
     * @param activation applied to each output element
     * @return a new tensor
     * @throws IllegalArgumentException when the shapes do not fit (the message names all three)
     */
    public Tensor linear(Tensor weight, Tensor bias, Activation activation) {
        if (weight == null || activation == null) throw new IllegalArgumentException("linear: weight and activation must not be null");
        FusedLinear op = new FusedLinear(activation);
        return bias == null ? op.apply(this, weight) : op.apply(this, weight, bias);
    }

    // ---- neural-network ops (softmax, losses, convolution, pooling, dropout) ----

    /**
     * Softmax along {@code dim} (negative counts from the end), numerically stable; see
     * {@link Softmax}. Each slice along {@code dim} of the result is positive and sums to 1.
     *
     * <pre>{@code
     * Tensor.of(new double[] {1, 2, 3}, 3).softmax(-1)
     * // tensor([0.0900, 0.2447, 0.6652], dtype=float64)
     * }</pre>
     *
     * @param dim the dimension; negative counts from the end
     * @return a new tensor
     * @throws IllegalArgumentException when {@code dim} is out of range for this shape
     */
    public Tensor softmax(int dim) {
        return new Softmax(Shape.dim("softmax", dim, shape)).apply(this);
    }

    /**
     * Log-softmax along {@code dim} (negative counts from the end), computed directly so it stays
     * finite where {@code softmax(dim).log()} would give {@code -inf}; see {@link LogSoftmax}.
     *
     * @param dim the dimension; negative counts from the end
     * @return a new tensor
     * @throws IllegalArgumentException when {@code dim} is out of range for this shape
     */
    public Tensor logSoftmax(int dim) {
        return new LogSoftmax(Shape.dim("logSoftmax", dim, shape)).apply(this);
    }

    /**
     * Mean cross-entropy of these logits {@code (n, classes)} against class indices, as one fused
     * op (a 0-d result); see {@link SoftmaxCrossEntropy}. {@code jgrad.nn.Functional.crossEntropy}
     * is the usual entry point.
     *
     * @param targets the class of each row, {@code n} values
     * @return a new tensor
     * @throws IllegalArgumentException when the logits are not 2-D, {@code targets} has the wrong
     *     length, or a target is outside {@code [0, classes)}
     */
    public Tensor crossEntropy(int[] targets) {
        if (targets == null) throw new IllegalArgumentException("crossEntropy: targets is null");
        return new SoftmaxCrossEntropy(targets).apply(this);
    }

    /**
     * 2-D convolution of this NCHW batch {@code (n, c, h, w)} with {@code weight (o, c, kh, kw)} and
     * an optional {@code bias (o)} (may be null), giving {@code (n, o, oh, ow)}; see {@link Conv2d}.
     *
     * @param weight the filters {@code (out, in, kh, kw)}
     * @param bias the bias {@code (out)}, or null for none
     * @param stride pixels between window positions, {@code >= 1}
     * @param padding zero pixels added on each side, {@code >= 0}
     * @return a new tensor
     * @throws IllegalArgumentException naming both shapes when channels, bias or sizes do not fit
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        if (weight == null) throw new IllegalArgumentException("conv2d: weight is null");
        Conv2d op = new Conv2d(stride, padding);
        return bias == null ? op.apply(this, weight) : op.apply(this, weight, bias);
    }

    /**
     * {@code conv2d(weight, bias, stride, padding).relu().maxPool2d(poolKernel, poolStride)} as one
     * fused op with the same values and gradients, without materialising the convolution's output;
     * see {@link Conv2dReluMaxPool}. {@code jgrad.nn.Sequential} uses it for a Conv2d, Relu,
     * MaxPool2d run of layers.
     *
     * @param weight the filters {@code (out, in, kh, kw)}
     * @param bias the bias {@code (out)}, or null for none
     * @param stride pixels between filter positions, {@code >= 1}
     * @param padding zero pixels added on each side, {@code >= 0}
     * @param poolKernel the pooling window's height and width
     * @param poolStride pixels between pooling windows
     * @return a new tensor
     * @throws IllegalArgumentException naming the shapes when the convolution or the window does not fit
     */
    public Tensor conv2dReluMaxPool(Tensor weight, Tensor bias, int stride, int padding, int poolKernel, int poolStride) {
        if (weight == null) throw new IllegalArgumentException("conv2dReluMaxPool: weight is null");
        Conv2dReluMaxPool op = new Conv2dReluMaxPool(stride, padding, poolKernel, poolStride);
        return bias == null ? op.apply(this, weight) : op.apply(this, weight, bias);
    }

    /**
     * Max pooling over {@code kernel × kernel} windows of this NCHW batch, no padding; see
     * {@link MaxPool2d}.
     *
     * @param kernel height and width of a window
     * @param stride pixels between window positions, {@code >= 1}
     * @return a new tensor
     * @throws IllegalArgumentException when the input is not 4-D or smaller than the window
     */
    public Tensor maxPool2d(int kernel, int stride) {
        return new MaxPool2d(kernel, stride).apply(this);
    }

    /**
     * Average pooling over {@code kernel × kernel} windows of this NCHW batch, no padding; see
     * {@link AvgPool2d}.
     *
     * @param kernel height and width of a window
     * @param stride pixels between window positions, {@code >= 1}
     * @return a new tensor
     * @throws IllegalArgumentException when the input is not 4-D or smaller than the window
     */
    public Tensor avgPool2d(int kernel, int stride) {
        return new AvgPool2d(kernel, stride).apply(this);
    }

    /**
     * Inverted dropout: zeroes each element with probability {@code p} (drawn from {@code rng}) and
     * scales the rest by {@code 1/(1 − p)}; see {@link Dropout}. Always applies: skipping it at
     * evaluation time is the {@code Dropout} layer's job. {@code p = 0} returns this tensor.
     *
     * @param p the drop probability, in {@code [0, 1)}
     * @param rng the source of the mask
     * @return a new tensor, or this one for {@code p = 0}
     * @throws IllegalArgumentException when {@code p} is not in {@code [0, 1)}
     */
    public Tensor dropout(double p, RandomGenerator rng) {
        return p == 0 ? this : new Dropout(p, rng).apply(this); // Dropout checks p (same message)
    }
}
