package jgrad.data;

import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/** Small conversions between labels, features and tensors. */
public final class Transforms {
    private Transforms() {}

    /**
     * One-hot encoding: row {@code i} is 1 in column {@code labels[i]} and 0 elsewhere.
     *
     * @param labels class indices in {@code 0 .. classes-1}
     * @param classes number of columns
     * @return a float32 tensor of shape {@code [labels.length, classes]}
     * @throws IllegalArgumentException if a label is out of range
     */
    public static Tensor oneHot(int[] labels, int classes) {
        if (classes < 1) throw new IllegalArgumentException("oneHot: classes must be >= 1, got " + classes);
        Tensor t = Tensor.zeros(DType.FLOAT32, labels.length, classes);
        float[] data = t.floatData();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at index " + i
                        + " is not in 0.." + (classes - 1));
            }
            data[i * classes + labels[i]] = 1f;
        }
        return t;
    }
}
