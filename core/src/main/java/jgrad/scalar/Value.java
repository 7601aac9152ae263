package jgrad.scalar;

import java.util.Arrays;
import java.util.List;

/**
 * A scalar that remembers how it was computed, so that it can send gradients back.
 *
 * <p>Each op returns a new {@code Value} holding the result, its inputs, and what backward needs
 * of the local gradients {@code d(out)/d(input)}: nothing for {@code +} (they are 1) and {@code *}
 * (each is the other input's data), one number computed with the result for a one-input op.
 * {@link #backward()} goes from the output back to the leaves and adds
 * {@code d(out)/d(input) * out.grad} to each input's {@code grad}: the chain rule, one
 * multiplication per input.
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
    // NOTE: the local gradient d(this)/d(a) of a one-input op, computed with the result (for log:
    // x, the divisor). + and * need none: d(a+b)/da = 1, and d(a*b)/da = b is b's data, read by
    // backward as micrograd's closure reads other.data (so change data only after backward).
    // Fewer fields, smaller values: 56 bytes instead of 72, and the step's passes over its values
    // take time roughly in proportion to their bytes.
    private final double d;
    private final byte rule; // how backward sends gy to the inputs: one case per rule in backward()
    private static final byte LEAF = 0, ADD = 1, MUL = 2, CHAIN = 3, CUT = 4, DIV = 5;
    private final String op;          // "+", "*", "tanh": a label for the graph picture; "" for a leaf
    private String label = "";
    private boolean seen;             // reached by the walk under way; false between walks

    private static final ThreadLocal<Value[][]> SCRATCH = ThreadLocal.withInitial(() -> new Value[][] {new Value[64], new Value[64]});

    private Value(double data, Value a, Value b, double d, byte rule, String op) {
        this.data = data;
        this.a = a;
        this.b = b;
        this.d = d;
        this.rule = rule;
        this.op = op;
    }

    private Value(double data, Value a, double d, String op) {
        this(data, a, null, d, CHAIN, op);
    }

    /**
     * {@return a leaf: a constant or a parameter, with gradient 0}
     *
     * @param data the number it holds
     */
    public static Value of(double data) {
        return new Value(data, null, null, 0, LEAF, "");
    }

    /** {@return the number this value holds} */
    public double data() { return data; }

    /** {@return d(output)/d(this), filled in by {@link #backward()} on an output that depends on this value} */
    public double grad() { return grad; }

    /**
     * Overwrites the number, as an optimizer step does; the graph above this value is not recomputed.
     * Do it after {@link #backward()}: the backward of {@code *} reads its inputs' data, as micrograd's does.
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
        return new Value(data + other.data, this, other, 0, ADD, "+");
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
        return new Value(data * other.data, this, other, 0, MUL, "*");
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
        return new Value(Math.max(0.0, data), this, null, 1, data > 0 ? CHAIN : CUT, "relu");
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
        return new Value(Math.log(data), this, null, data, DIV, "log");
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
            v.seen = false;
            double gy = v.grad;
            switch (v.rule) { // += : a value used twice collects both
                case ADD -> { v.a.grad += gy; v.b.grad += gy; }
                case MUL -> { v.a.grad += v.b.data * gy; v.b.grad += v.a.data * gy; }
                case CHAIN -> v.a.grad += v.d * gy;
                // NOTE: gy / x as PyTorch's grad / x, which stays finite (and 0 for gy = 0) where
                // 1 / x overflows for a subnormal x.
                case DIV -> v.a.grad += gy / v.d;
                default -> { } // a leaf; CUT: relu at x <= 0 passes nothing, not even an infinite gy
            }
        }
    }

    /** {@return this value and everything it depends on, inputs before outputs (this value comes last)} */
    public List<Value> topologicalOrder() {
        Value[][] scratch = {new Value[64], new Value[64]};
        int n = walk(false, scratch); // first: the walk may replace scratch[1] by a larger array
        for (int i = 0; i < n; i++) scratch[1][i].seen = false;
        return Arrays.asList(Arrays.copyOf(scratch[1], n));
    }

    /**
     * Writes the topological order to {@code scratch[1]} (grown as needed, stack in {@code scratch[0]})
     * and returns its length; with {@code resetGrads}, computed values get grad 0 as they are placed.
     * Every value of the order is left {@code seen}: the caller clears it.
     */
    private int walk(boolean resetGrads, Value[][] scratch) {
        // NOTE: a flag per value instead of an identity set (about 4x faster on the moons graph),
        // and an array stack read through the two input fields. The stack holds the path from this
        // value down: the top waits until its first input, then its second, is placed. A seen input
        // is placed already: it cannot be on the path, as a value's inputs exist before it does.
        Value[] stack = scratch[0], order = scratch[1];
        int top = 0, n = 0;
        Value pending = this;                 // flagged, but on neither the stack nor the order yet
        try {
            seen = true;
            stack[top++] = this;
            pending = null;
            while (top > 0) {
                Value v = stack[top - 1];
                Value next = v.a != null && !v.a.seen ? v.a : v.b != null && !v.b.seen ? v.b : null;
                if (next == null) {
                    stack[--top] = null;      // its inputs are all placed: place it
                    pending = v;
                } else {
                    next.seen = true;
                    pending = next;
                    // NOTE: an input whose own inputs are placed (a leaf, most products w * x) is
                    // placed at once, not pushed and looked at again: backward about 7 % faster.
                    if (!next.inputsPlaced()) {
                        if (top == stack.length) stack = scratch[0] = Arrays.copyOf(stack, 2 * top);
                        stack[top++] = next;
                        pending = null;
                        continue;
                    }
                    v = next;
                }
                if (resetGrads && v.a != null) v.grad = 0;
                if (n == order.length) order = scratch[1] = Arrays.copyOf(order, 2 * n);
                order[n++] = v;
                pending = null;
            }
        } catch (Throwable e) { // e.g. growing the arrays failed: leave no value flagged, then rethrow
            if (pending != null) pending.seen = false;
            for (int i = 0; i < top; i++) stack[i].seen = false;
            for (int i = 0; i < n; i++) order[i].seen = false;
            throw e;
        }
        return n;
    }

    private boolean inputsPlaced() { return (a == null || a.seen) && (b == null || b.seen); }

    /** Shows data and grad, e.g. {@code Value(data=2.0, grad=-3.0)}. */
    @Override
    public String toString() {
        return "Value(" + (label.isEmpty() ? "" : label + ", ") + "data=" + data + ", grad=" + grad + ")";
    }
}
