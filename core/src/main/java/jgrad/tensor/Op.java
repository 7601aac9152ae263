package jgrad.tensor;

import java.util.List;

/**
 * A differentiable primitive: {@link #forward} computes the output from the inputs, and
 * {@link #backward} maps {@code gy = dL/dy} to one gradient per input. Subclass it to add an op;
 * use each instance for one call of {@link #apply}.
 *
 * <p>The engine ({@code Backprop}) does everything that is not this op's math: topological order,
 * accumulation, and summing a gradient back to its input's shape when the forward broadcast. So
 * {@code backward} may return a gradient of the broadcast shape, and it may return {@code null}
 * for an input where {@link #needsGrad(int)} is false. Backward runs with recording off.
 *
 * <pre>{@code
 * Tensor y = new MyOp().apply(x);   // records MyOp as y's creator when x requires grad
 * }</pre>
 */
public abstract class Op {
    private List<Tensor> inputs = List.of();
    private Tensor output;
    private int[] versions; // inputs' then the output's storage version when recorded
    private boolean applied;

    /** For subclasses: a new op holds nothing until {@link #apply} records its call. */
    protected Op() {}

    /**
     * Computes the output; called by {@link #apply} with recording off. Inputs share one dtype.
     *
     * @param xs the inputs, in call order
     * @return the output; an input returned unchanged is detached by {@link #apply} into a new tensor
     */
    protected abstract Tensor forward(Tensor... xs);

    /**
     * Returns {@code dL/dx_i} for each input, given {@code gy = dL/dy} of the output's shape.
     *
     * @param gy the gradient of the loss with respect to this op's output
     * @return one gradient per input, in call order (null for an input that needs none)
     */
    protected abstract Tensor[] backward(Tensor gy);

    /** {@return the name used in error messages; the class name with a lower-case first letter by default} */
    protected String name() {
        String s = getClass().getSimpleName();
        return s.isEmpty() ? "op" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * True when every gradient {@link #backward} returns is a new tensor that this op neither keeps
     * nor returns twice, so the engine may store it as a leaf's gradient without a copy. Built-in
     * ops that allocate their gradients say so; the default is false (the engine copies).
     */
    boolean freshGradients() {
        return false;
    }

    /** {@return this op's name as error messages and graph pictures show it, e.g. {@code "matmul"} (read-only)} */
    public final String opName() {
        return name();
    }

    /**
     * {@return the {@code i}-th input of the recorded call}
     *
     * @param i from 0
     */
    protected final Tensor input(int i) {
        return inputs.get(i);
    }

    /** {@return the number of inputs of the recorded call} */
    protected final int inputCount() {
        return inputs.size();
    }

    /**
     * {@return true when input {@code i} requires a gradient, so backward may skip the others}
     *
     * @param i from 0
     */
    protected final boolean needsGrad(int i) {
        return inputs.get(i).requiresGrad();
    }

    /** {@return the inputs, in call order (read-only)} */
    public final List<Tensor> inputs() {
        return inputs;
    }

    /**
     * Runs {@link #forward} and, when recording is on and some input requires grad, records this op
     * as the output's creator.
     *
     * @param xs the inputs, of one dtype
     * @return the output
     * @throws IllegalArgumentException when an input is null or the inputs mix dtypes (the message names both)
     * @throws IllegalStateException when this instance was applied before (use a new op per call)
     */
    public final Tensor apply(Tensor... xs) {
        if (applied) throw new IllegalStateException(name() + ": an Op instance records one call; create a new one per apply");
        applied = true;
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == null) throw new IllegalArgumentException(name() + ": input " + i + " is null");
            if (xs[i].isReleased()) throw Arena.released(xs[i].shapeRef());
        }
        for (int i = 1; i < xs.length; i++) {
            if (xs[i].dtype() != xs[0].dtype()) {
                throw new IllegalArgumentException(name() + ": dtypes " + xs[0].dtype() + " and " + xs[i].dtype()
                        + " differ; convert one with to(DType)");
            }
        }
        boolean record = false;
        if (GradMode.isEnabled()) {
            for (Tensor x : xs) record |= x.requiresGrad();
        }
        inputs = List.of(xs); // saved before forward, so forward may read input(i)
        Tensor y = GradMode.without(() -> forward(xs));
        for (Tensor x : xs) {
            if (y == x) y = x.detach(); // an op may return an input unchanged; the output must be new
        }
        if (record) {
            y.recordCreator(this);
            output = y;
            versions = new int[xs.length + 1];
            for (int i = 0; i < xs.length; i++) versions[i] = xs[i].version();
            versions[xs.length] = y.version();
        } else {
            inputs = List.of(); // nothing to differentiate: do not keep the inputs alive
        }
        return y;
    }

    /**
     * Throws when an input or the output was changed in place (by {@link Tensor#set}) after this op
     * ran: its backward would read the new values and give silently wrong gradients.
     */
    final void requireUnchanged() {
        for (int i = 0; i <= inputs.size(); i++) {
            Tensor t = i < inputs.size() ? inputs.get(i) : output;
            if (t.isReleased()) {
                throw new IllegalStateException(name() + ": the graph was released when its Arena step closed;"
                        + " run backward inside the step");
            }
            if (t.version() != versions[i]) {
                throw new IllegalStateException(name() + ": " + (i < inputs.size() ? "input " + i : "the output")
                        + " of shape " + Shape.str(t.shapeRef()) + " was changed in place by set() after " + name()
                        + " used it; backward would be wrong (change a copy(), or recompute the forward)");
            }
        }
    }
}
