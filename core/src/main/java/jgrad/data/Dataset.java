package jgrad.data;

import java.util.Arrays;
import jgrad.tensor.Shape;

/**
 * A fixed, indexed collection of examples: features of one shape, plus either a class label or
 * a real-valued target per example. A {@link DataLoader} turns it into batches.
 *
 * <p>Features are copied out as {@code float}s, so an implementation may keep them compactly
 * (MNIST keeps bytes) and convert on demand. Implementations must be safe to read from several
 * threads and must return the same values for the same index every time.
 */
public interface Dataset {
    /** {@return the number of examples} */
    int size();

    /** {@return the shape of the features of one example, e.g. {@code [784]} or {@code [1, 28, 28]}} */
    int[] featureShape();

    /**
     * Copies the features of one example into {@code dest} in row-major order.
     *
     * @param index the example, {@code 0 <= index < size()}
     * @param dest where to write {@code featureSize()} values
     * @param offset the first position written in {@code dest}
     */
    void copyFeatures(int index, float[] dest, int offset);

    /**
     * Copies the features of examples {@code indices[from]} to {@code indices[to - 1]} into
     * {@code dest}, one after another: the same values as {@link #copyFeatures(int, float[], int)}
     * for each. {@link DataLoader} fills its batches with it; a dataset may do it faster than one
     * example at a time (MNIST's images fetch the whole batch from memory before decoding it).
     *
     * @param indices example indices
     * @param from the first entry of {@code indices} used
     * @param to one past the last entry used
     * @param dest where to write {@code (to - from) * featureSize()} values
     * @param offset the first position written in {@code dest}
     */
    default void copyFeatures(int[] indices, int from, int to, float[] dest, int offset) {
        java.util.Objects.checkFromToIndex(from, to, indices.length);
        int width = featureSize();
        for (int i = from; i < to; i++) copyFeatures(indices[i], dest, offset + (i - from) * width);
    }

    /** {@return the number of classes for a classification dataset, or 0 when examples carry real-valued targets} */
    int classes();

    /**
     * The class index of one example, in {@code 0 .. classes()-1}.
     *
     * @param index the example, in {@code 0 .. size()-1}
     * @return its class
     * @throws UnsupportedOperationException if the dataset has targets instead of labels
     */
    default int label(int index) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no class labels (classes() is 0)");
    }

    /** {@return the shape of the target of one example; empty for a classification dataset} */
    default int[] targetShape() {
        return new int[0];
    }

    /**
     * Copies the real-valued target of one example into {@code dest}.
     *
     * @param index the example, in {@code 0 .. size()-1}
     * @param dest where to write {@code numel(targetShape())} values
     * @param offset the first index of {@code dest} to write
     * @throws UnsupportedOperationException if the dataset has class labels instead of targets
     */
    default void copyTarget(int index, float[] dest, int offset) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has class labels, not targets");
    }

    /** {@return the number of feature values of one example (the product of {@link #featureShape()})} */
    default int featureSize() {
        return Shape.numel(featureShape());
    }

    /**
     * The same examples with the features seen in another shape of the same size, e.g. MNIST's
     * {@code [784]} as {@code [1, 28, 28]} for a convolutional network.
     *
     * @param shape the new feature shape of one example
     * @return a view; the examples are not copied
     * @throws IllegalArgumentException if the new shape has a different number of values
     */
    default Dataset reshape(int... shape) {
        int[] newShape = shape.clone();
        if (Shape.numel(newShape) != featureSize()) {
            throw new IllegalArgumentException("Dataset.reshape: features of shape " + Arrays.toString(featureShape())
                    + " cannot be seen as " + Arrays.toString(newShape));
        }
        return new Views.Reshaped(this, newShape);
    }

    /**
     * The examples {@code from} (inclusive) to {@code to} (exclusive), e.g. to hold out a
     * validation set.
     *
     * @param from the first example
     * @param to one past the last example
     * @return a view; the examples are not copied
     */
    default Dataset subset(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("Dataset.subset: [" + from + ", " + to + ") of " + size() + " examples");
        }
        return this instanceof Views.ByteCoded coded ? new Views.CodedSubset(coded, from, to) : new Views.Subset(this, from, to);
    }
}
