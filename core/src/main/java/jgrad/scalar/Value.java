package jgrad.scalar;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scalar that remembers how it was computed, so that it can send gradients back.
 *
 * <p>Each op returns a new {@code Value} holding the result, its inputs, and the local gradients
 * {@code d(out)/d(input)}, one per input, computed with the result. {@link #backward()} goes from
 * the output back to the leaves and adds {@code d(out)/d(input) * out.grad} to each input's
 * {@code grad}: the chain rule, one multiplication per input.
 * <pre>{@code
 * Value a = Value.of(2), b = Value.of(-3);
 * Value y = a.mul(b).add(a);   // y = a*b + a = -4
 * y.backward();
 * a.grad();                    // dy/da = b + 1 = -2.0
 * b.grad();                    // dy/db = a     =  2.0
 * }</pre>
 *
 * <p>All ops follow IEEE 754 double arithmetic, as PyTorch does in float64, and never throw:
 * {@code Value.of(0).log()} is {@code -Infinity} with gradient {@code +Infinity},
 * {@code Value.of(-1).log()} is {@code NaN}, and dividing by zero gives an infinity or {@code NaN}.
 * Values are compared by identity: this class does not override {@code equals}. Not thread-safe:
 * build and differentiate a graph on one thread at a time.
 */
public final class Value {
    private double data;
    private double grad;
    // What this value was computed from, in call order (null where absent): two fields rather than
    // a List, one object less per op (the moons step builds about 66,000 values).
    private final Value a, b;
    // NOTE: local gradients d(this)/d(a) and d(this)/d(b) instead of a closure per op: one object
    // per op instead of two, and backward is one loop without a call per value. For log, da holds
    // x, the divisor (rule DIV).
    private final double da, db;
    // How backward sends gy to a: MUL adds da * gy; CUT (relu at x <= 0) adds nothing, not even
    // for an infinite gy (0, not NaN); DIV (log) adds gy / da, as PyTorch's grad / x, which stays
    // finite (and 0 for gy = 0) where 1 / x overflows for a subnormal x.
    private final byte rule;
    private static final byte MUL = 0, CUT = 1, DIV = 2;
    private final String op;          // "+", "*", "tanh": a label for the graph picture; "" for a leaf
    private String label = "";
    private long mark;                // which walk of topologicalOrder() last visited this value

    private static final AtomicLong WALKS = new AtomicLong(2);
    private static final ThreadLocal<Value[][]> SCRATCH = ThreadLocal.withInitial(() -> new Value[][] {new Value[64], new Value[64]});

    private Value(double data, Value a, double da, Value b, double db, String op, byte rule) {
        this.data = data;
        this.a = a;
        this.da = da;
        this.b = b;
        this.db = db;
        this.op = op;
        this.rule = rule;
    }

    private Value(double data, Value a, double da, String op) {
        this(data, a, da, null, 0, op, MUL);
    }

    /**
     * {@return a leaf: a constant or a parameter, with gradient 0}
     *
     * @param data the number it holds
     */
    public static Value of(double data) {
        return new Value(data, null, 0, "");
    }

    /** {@return the number this value holds} */
    public double data() { return data; }

    /** {@return d(output)/d(this), filled in by {@link #backward()} on an output that depends on this value} */
    public double grad() { return grad; }

    /**
     * Overwrites the number, as an optimizer step does; the graph above this value is not recomputed.
     *
     * @param data the new number
     */
    public void setData(double data) { this.data = data; }

    /** Sets the gradient to 0, so that the next {@link #backward()} starts afresh. */
    public void zeroGrad() { grad = 0; }

    /** {@return the values this one was computed from, in call order; empty for a leaf} */
    public List<Value> inputs() { return a == null ? List.of() : b == null ? List.of(a) : List.of(a, b); }

    /** {@return the op that produced this value ({@code "+"}, {@code "*"}, {@code "relu"}, ...), or {@code ""} for a leaf} */
    public String op() { return op; }

    /** {@return a name for the graph picture, {@code ""} unless set} */
    public String label() { return label; }

    /**
     * Names this value in the graph picture, e.g. {@code Value.of(2).label("a")}.
     *
     * @param label the name shown
     * @return this value
     */
    public Value label(String label) {
        this.label = label;
        return this;
    }

    /**
     * {@return {@code this + other}}; both gradients are {@code gy}.
     *
     * @param other the other summand
     */
    public Value add(Value other) {
        return new Value(data + other.data, this, 1, other, 1, "+", MUL);
    }

    /**
     * {@return {@code this + c}} for a constant {@code c}.
     *
     * @param c the constant
     */
    public Value add(double c) { return add(of(c)); }

    /**
     * {@return {@code this * other}}; the gradients are {@code other * gy} and {@code this * gy}.
     *
     * @param other the other factor
     */
    public Value mul(Value other) {
        return new Value(data * other.data, this, other.data, other, data, "*", MUL);
    }

    /**
     * {@return {@code this * c}} for a constant {@code c}.
     *
     * @param c the constant
     */
    public Value mul(double c) { return mul(of(c)); }

    /**
     * {@return {@code this^n}} for a constant exponent; the gradient is {@code n * this^(n-1) * gy}.
     *
     * @param n the exponent
     */
    public Value pow(double n) {
        String name = n == (long) n ? Long.toString((long) n) : Double.toString(n); // "^2", not "^2.0"
        // NOTE: x^0 is constant, so its gradient is 0 even at x = 0, where n x^(n-1) = 0 * inf = NaN (as PyTorch and Pow).
        return new Value(Math.pow(data, n), this, n == 0 ? 0 : n * Math.pow(data, n - 1), "^" + name);
    }

    /** {@return {@code max(0, this)}}; the gradient is {@code gy} where {@code this > 0}, else 0. */
    public Value relu() {
        // NOTE: relu'(0) is taken as 0, as in PyTorch.
        return new Value(Math.max(0.0, data), this, 1, null, 0, "relu", data > 0 ? MUL : CUT);
    }

    /** {@return the hyperbolic tangent {@code t} of this}; the gradient is {@code (1 - t^2) * gy}. */
    public Value tanh() {
        double t = Math.tanh(data);
        return new Value(t, this, 1 - t * t, "tanh");
    }

    /** {@return {@code e^this}}; the gradient is {@code e^this * gy}. */
    public Value exp() {
        double e = Math.exp(data);
        return new Value(e, this, e, "exp");
    }

    /** {@return the natural logarithm of this}; the gradient is {@code (1 / this) * gy}. {@code log(0) = -Infinity}, {@code log(x < 0) = NaN}. */
    public Value log() {
        return new Value(Math.log(data), this, data, null, 0, "log", DIV);
    }

    /** {@return the logistic function {@code s = 1 / (1 + e^-this)}}; the gradient is {@code s (1 - s) gy}. */
    public Value sigmoid() {
        double s = 1 / (1 + Math.exp(-data)); // e^-x overflows to +Infinity for x < -709: s = 0, as it should be
        return new Value(s, this, s * (1 - s), "sigmoid");
    }

    // Composites: no backward of their own, the chain rule runs through their parts.

    /** {@return {@code -this}}; composite: {@code this * -1}. */
    public Value neg() { return mul(-1); }

    /**
     * {@return {@code this - other}}; composite: {@code this + (-other)}.
     *
     * @param other what is subtracted
     */
    public Value sub(Value other) { return add(other.neg()); }

    /**
     * {@return {@code this - c}}; composite: {@code this + (-c)}.
     *
     * @param c the constant subtracted
     */
    public Value sub(double c) { return add(-c); }

    /**
     * {@return {@code this / other}}; composite: {@code this * other^-1}.
     *
     * @param other the divisor
     */
    public Value div(Value other) { return mul(other.pow(-1)); }

    /**
     * {@return {@code this / c}}; composite: {@code this * c^-1}.
     *
     * @param c the constant divisor
     */
    public Value div(double c) { return div(of(c)); }

    /**
     * Adds d(this)/d(v) to {@code v.grad()} for every leaf {@code v} this value depends on.
     *
     * <p>As in PyTorch, leaves accumulate: a second call without {@link #zeroGrad()} adds the
     * gradient again. Computed (non-leaf) values on the way are reset first, so they hold the
     * gradient of this call only. The walk is iterative, so a graph a million values deep is fine.
     */
    public void backward() {
        Value[][] scratch = SCRATCH.get(); // this thread's arrays, reused: a step's walk allocates nothing
        int n = walk(true, scratch);
        Value[] order = scratch[1];
        grad += 1;
        for (int i = n - 1; i >= 0; i--) {
            Value v = order[i];
            order[i] = null;
            if (v.a == null) continue;
            v.a.grad += v.rule == MUL ? v.da * v.grad : v.rule == DIV ? v.grad / v.da : 0.0; // += : a value used twice collects both
            if (v.b != null) v.b.grad += v.db * v.grad;
        }
    }

    /** {@return this value and everything it depends on, inputs before outputs (this value comes last)} */
    public List<Value> topologicalOrder() {
        Value[][] scratch = {new Value[64], new Value[64]};
        int n = walk(false, scratch); // first: the walk may replace scratch[1] by a larger array
        return Arrays.asList(Arrays.copyOf(scratch[1], n));
    }

    /**
     * Writes the topological order to {@code scratch[1]} (grown as needed, stack in {@code scratch[0]})
     * and returns its length; with {@code resetGrads}, computed values get grad 0 as they are placed.
     */
    private int walk(boolean resetGrads, Value[][] scratch) {
        // NOTE: a mark per value instead of an identity set (about 4x faster on the moons graph of
        // 66k values), and an array stack read through the two input fields.
        long walk = WALKS.getAndAdd(2), expanded = walk, emitted = walk + 1;
        Value[] stack = scratch[0], order = scratch[1];
        stack[0] = this;
        int top = 1, n = 0;
        while (top > 0) {
            Value v = stack[top - 1];
            if (v.mark == emitted) {
                top--;                        // a second copy of a value already placed
            } else if (v.mark == expanded) {
                top--;                        // its inputs are all placed: place it
                v.mark = emitted;
                if (resetGrads && v.a != null) v.grad = 0;
                if (n == order.length) order = scratch[1] = Arrays.copyOf(order, 2 * n);
                order[n++] = v;
            } else {
                v.mark = expanded;            // place its inputs first, the first input first
                if (top + 2 > stack.length) stack = scratch[0] = Arrays.copyOf(stack, 2 * stack.length);
                if (v.b != null && v.b.mark != emitted) stack[top++] = v.b;
                if (v.a != null && v.a.mark != emitted) stack[top++] = v.a;
            }
        }
        Arrays.fill(stack, 0, stack.length, null); // keep no graph alive
        return n;
    }

    /** Shows data and grad, e.g. {@code Value(data=2.0, grad=-3.0)}. */
    @Override
    public String toString() {
        return "Value(" + (label.isEmpty() ? "" : label + ", ") + "data=" + data + ", grad=" + grad + ")";
    }
}
