package jgrad.spark;

import java.io.Serializable;
import java.util.Objects;
import jgrad.data.Dataset;
import jgrad.tensor.Shape;

/**
 * The training examples one partition holds: examples {@code [from, from + size())} of the run's
 * {@code total}, read by the task itself from the run's files and cached by Spark on the executor.
 * Pixels stay bytes (scaled to {@code [0, 1]} as {@code b / 255f} when copied, as
 * {@link jgrad.data.Mnist} does), so MNIST's 60,000 images take 47 MB in all; table rows are
 * floats, as {@link jgrad.data.Csv} reads them.
 *
 * <p>Serializable only because Spark may move a cached block between executors; its fields are
 * plain arrays.
 */
final class Shard implements Dataset, Serializable {
    private static final long serialVersionUID = 1L;
    private final int partition;
    private final int from;
    private final int total;
    private final int[] featureShape;
    private final int classes;
    private final byte[] pixels; // images, or null for a table
    private final float[] values; // table rows, or null for images
    private final int[] labels;

    /** Images: one unsigned byte per pixel, one byte per label. */
    Shard(int partition, int from, int total, int[] featureShape, int classes, byte[] pixels, byte[] labels) {
        this(partition, from, total, featureShape, classes, Objects.requireNonNull(pixels, "pixels"), null, unsigned(labels));
    }

    /** Table rows: {@code values} holds {@code labels.length} rows of {@code featureShape} floats. */
    Shard(int partition, int from, int total, int[] featureShape, int classes, float[] values, int[] labels) {
        this(partition, from, total, featureShape, classes, null, Objects.requireNonNull(values, "values"), labels.clone());
    }

    private Shard(int partition, int from, int total, int[] featureShape, int classes, byte[] pixels, float[] values, int[] labels) {
        this.partition = partition;
        this.from = from;
        this.total = total;
        this.featureShape = featureShape.clone();
        this.classes = classes;
        this.pixels = pixels;
        this.values = values;
        this.labels = labels;
        long n = pixels != null ? pixels.length : values.length;
        if ((long) labels.length * Shape.numel(featureShape) != n) {
            throw new IllegalArgumentException("Shard: " + labels.length + " labels but " + n + " feature values");
        }
    }

    private static int[] unsigned(byte[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) out[i] = labels[i] & 0xFF;
        return out;
    }

    /** The partition that holds these examples. */
    int partition() {
        return partition;
    }

    /** The run-wide index of the first example. */
    int from() {
        return from;
    }

    /** Examples in the whole training set. */
    int total() {
        return total;
    }

    @Override public int size() { return labels.length; }
    @Override public int[] featureShape() { return featureShape.clone(); }
    @Override public int classes() { return classes; }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void copyFeatures(int index, float[] dest, int offset) {
        int width = Shape.numel(featureShape);
        int base = Objects.checkIndex(index, labels.length) * width;
        if (values != null) {
            System.arraycopy(values, base, dest, offset, width);
            return;
        }
        for (int i = 0; i < width; i++) dest[offset + i] = (pixels[base + i] & 0xFF) / 255f;
    }
}
