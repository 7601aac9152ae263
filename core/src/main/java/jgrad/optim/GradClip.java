package jgrad.optim;

import jgrad.tensor.DType;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * Gradient clipping by global norm (Pascanu, Mikolov &amp; Bengio 2013, Algorithm 1), as PyTorch's
 * {@code clip_grad_norm_}: when the L2 norm of all gradients together exceeds {@code maxNorm},
 * every gradient is scaled by {@code maxNorm / (norm + 1e-6)}. Call it between
 * {@code backward()} and {@code step()}.
 */
public final class GradClip {
    private GradClip() {}

    /**
     * {@return the L2 norm of all gradients of {@code params} taken as one vector (parameters without a gradient count as 0)}
     *
     * @param params the parameters, e.g. {@code model.parameters()}
     */
    public static double globalNorm(Iterable<? extends Tensor> params) {
        double sum = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) continue;
            // Read in place: a float32 gradient widens exactly, so no float64 copy is needed.
            if (g.dtype() == DType.FLOAT32) for (float v : g.floatData()) sum += (double) v * v;
            else for (double v : g.doubleData()) sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales the gradients of {@code params} in place so that their global norm is at most about
     * {@code maxNorm}, and returns the norm before clipping (worth logging).
     *
     * @param params the parameters whose gradients count (those without a gradient count as 0)
     * @param maxNorm the largest global L2 norm to allow, {@code > 0}
     * @return the global L2 norm before clipping
     * @throws IllegalArgumentException if {@code maxNorm} is not positive
     */
    public static double byGlobalNorm(Iterable<? extends Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("GradClip: maxNorm must be positive, got " + maxNorm);
        double norm = globalNorm(params);
        double coef = maxNorm / (norm + 1e-6);
        if (coef >= 1) return norm;
        try (var ignored = GradMode.off()) {
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g != null) g.set(g.mul(coef));
            }
        }
        return norm;
    }
}
