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

    /** Rows of {@code eye(classes)[labels]}, in {@code like}'s dtype. */
    static Tensor oneHot(int[] labels, int classes, Tensor like) {
        double[] v = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is not in [0, " + classes + ")");
            }
            v[i * classes + labels[i]] = 1;
        }
        return Tensor.of(v, labels.length, classes).to(like.dtype());
    }

    /** {@code np.argmax(y, axis=1)} for a 2-D tensor. */
    static int[] argmaxRows(Tensor y) {
        int rows = y.size(0);
        int cols = y.size(1);
        double[] v = y.toDoubleArray();
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            int best = 0;
            for (int j = 1; j < cols; j++) if (v[i * cols + j] > v[i * cols + best]) best = j;
            out[i] = best;
        }
        return out;
    }
}
