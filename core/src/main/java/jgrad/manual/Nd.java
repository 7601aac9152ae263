package jgrad.manual;

import jgrad.tensor.Tensor;

/** The few NumPy idioms the teaching layers need that {@code Tensor} does not spell directly. */
final class Nd {
    private Nd() {}

    /**
     * {@code saved}, the state a forward pass kept, or a clear error when {@code backward} comes
     * first (instead of a NullPointerException deep in a tensor op).
     */
    static <T> T fromForward(T saved, String layer) {
        if (saved == null) throw new IllegalStateException(layer + ".backward called before forward");
        return saved;
    }

    /** {@code (x > 0)} as 1.0/0.0 in x's dtype and shape: the curriculum's {@code mask}, inverted. */
    static Tensor positiveMask(Tensor x) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) v[i] = v[i] > 0 ? 1 : 0;
        return Tensor.of(v, x.shape()).to(x.dtype());
    }
}
