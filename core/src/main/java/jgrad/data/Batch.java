package jgrad.data;

import jgrad.tensor.Tensor;

/**
 * One batch from a {@link DataLoader}: the stacked features and the matching labels or targets.
 * Every batch owns fresh arrays, so keeping one while reading the next is safe, unless the loader
 * was made with {@link DataLoader#reusingBuffers()}.
 *
 * @param x features, float32, of shape {@code [size, featureShape...]}
 * @param labels class indices, one per example, for a classification dataset; {@code null} for
 *     a dataset with real-valued targets
 * @param y targets, float32, of shape {@code [size, targetShape...]}; {@code null} for a
 *     classification dataset (see {@link #oneHot(int)})
 */
public record Batch(Tensor x, int[] labels, Tensor y) {
    /** {@return the number of examples in the batch} */
    public int size() {
        return x.size(0);
    }

    /**
     * The labels as one-hot rows, float32 of shape {@code [size, classes]}.
     *
     * @param classes the number of columns
     * @return a new tensor
     * @throws IllegalStateException if this batch has targets instead of labels
     * @throws IllegalArgumentException if a label is outside {@code [0, classes)}
     */
    public Tensor oneHot(int classes) {
        if (labels == null) throw new IllegalStateException("Batch.oneHot: this batch has targets, not class labels");
        return Tensor.oneHot(labels, classes);
    }
}
