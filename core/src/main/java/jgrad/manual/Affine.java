package jgrad.manual;

import java.util.Arrays;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * Fully connected layer {@code out = x W + b} with the curriculum's layout: {@code W (in, out)},
 * {@code b (out)}, input {@code (N, in)} (higher-rank input such as images is flattened to
 * {@code (N, in)} and the gradient reshaped back). Backward, with {@code dout (N, out)}:
 * <pre>
 *   dx = dout Wᵀ      (N, in)
 *   dW = xᵀ dout      (in, out)
 *   db = Σ_rows dout  (out)
 * </pre>
 */
public final class Affine implements BackpropLayer {
    private final Tensor w;
    private final Tensor b;
    private Tensor x;
    private int[] originalShape;
    private Tensor dW;
    private Tensor db;

    /**
     * Uses {@code w (in, out)} and {@code b (out)} themselves (not copies), so an optimizer or a
     * numerical gradient that changes them in place is seen by the next forward.
     *
     * @param w the weight {@code (in, out)}, kept
     * @param b the bias {@code (out)}, kept
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public Affine(Tensor w, Tensor b) {
        if (w.ndim() != 2 || b.ndim() != 1 || b.size(0) != w.size(1)) {
            throw new IllegalArgumentException("Affine: W " + Arrays.toString(w.shape()) + " and b "
                    + Arrays.toString(b.shape()) + " do not fit (need (in, out) and (out))");
        }
        this.w = w;
        this.b = b;
    }

    /** {@code x W + b}: {@code (N, in)} to {@code (N, out)}. */
    @Override
    public Tensor forward(Tensor x) {
        originalShape = x.shape();
        try (var ignored = GradMode.off()) {
            this.x = x.reshape(x.size(0), -1);
            if (this.x.size(1) != w.size(0)) {
                throw new IllegalArgumentException("Affine: input " + Arrays.toString(originalShape) + " does not fit W "
                        + Arrays.toString(w.shape()));
            }
            return this.x.matmul(w).add(b);
        }
    }

    /** Returns {@code dx} and stores {@code dW}, {@code db}. */
    @Override
    public Tensor backward(Tensor dout) {
        try (var ignored = GradMode.off()) {
            dW = Nd.fromForward(x, "Affine").transpose().matmul(dout);
            db = dout.sum(0, false);
            return dout.matmul(w.transpose()).reshape(originalShape);
        }
    }

    /** {@return the weight {@code W (in, out)}} */
    public Tensor w() {
        return w;
    }

    /** {@return the bias {@code b (out)}} */
    public Tensor b() {
        return b;
    }

    /** {@return {@code dL/dW} from the last backward, or null before it} */
    public Tensor dW() {
        return dW;
    }

    /** {@return {@code dL/db} from the last backward, or null before it} */
    public Tensor db() {
        return db;
    }
}
