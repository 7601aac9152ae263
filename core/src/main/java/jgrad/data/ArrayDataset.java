package jgrad.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import jgrad.tensor.Shape;

/**
 * A dataset held in memory as one flat {@code float[]} of features plus class labels or
 * real-valued targets. Built by {@link Csv}, {@link ToyData} or the factories here.
 */
public final class ArrayDataset implements Dataset {
    private final float[] features;
    private final int[] featureShape;
    private final int featureSize;
    private final int size;
    private final int[] labels;        // null for a dataset with targets
    private final int classes;
    private final List<String> classNames;
    private final float[] targets;     // null for a dataset with labels
    private final int[] targetShape;
    private final List<String> featureNames;

    private ArrayDataset(float[] features, int[] featureShape, int size, int[] labels, int classes,
            List<String> classNames, float[] targets, int[] targetShape) {
        this(features, featureShape, size, labels, classes, classNames, targets, targetShape, List.of());
    }

    private ArrayDataset(float[] features, int[] featureShape, int size, int[] labels, int classes,
            List<String> classNames, float[] targets, int[] targetShape, List<String> featureNames) {
        this.features = features;
        this.featureShape = featureShape.clone();
        this.featureSize = Shape.numel(featureShape);
        this.size = size;
        this.labels = labels;
        this.classes = classes;
        this.classNames = List.copyOf(classNames);
        this.targets = targets;
        this.targetShape = targetShape.clone();
        this.featureNames = List.copyOf(featureNames);
        if (!featureNames.isEmpty() && featureNames.size() != featureSize) {
            throw new IllegalArgumentException("ArrayDataset: " + featureNames.size() + " feature names for "
                    + featureSize + " features");
        }
        if ((long) featureSize * size != features.length) {
            throw new IllegalArgumentException("ArrayDataset: " + features.length + " feature values do not make "
                    + size + " examples of shape " + Arrays.toString(featureShape));
        }
        if (targets != null && (long) Shape.numel(targetShape) * size != targets.length) {
            throw new IllegalArgumentException("ArrayDataset: " + targets.length + " target values do not make "
                    + size + " targets of shape " + Arrays.toString(targetShape));
        }
    }

    /**
     * A classification dataset from flat features.
     *
     * @param features {@code size * numel(featureShape)} values, example after example
     * @param featureShape shape of one example's features
     * @param labels one class index per example, in {@code 0 .. classNames.size()-1}
     * @param classNames the name of each class, in index order
     * @return the dataset (the feature array is kept, not copied)
     */
    public static ArrayDataset labeled(float[] features, int[] featureShape, int[] labels, List<String> classNames) {
        int classes = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("ArrayDataset: label " + labels[i] + " of example " + i
                        + " is not in 0.." + (classes - 1));
            }
        }
        return new ArrayDataset(features, featureShape, labels.length, labels.clone(), classes, classNames, null, new int[0]);
    }

    /**
     * A classification dataset from rows of features; the classes are {@code 0 .. max(labels)},
     * named by their numbers.
     *
     * @param x one row of features per example, all of the same length
     * @param labels one class index (>= 0) per example
     * @return the dataset
     */
    public static ArrayDataset labeled(double[][] x, int[] labels) {
        if (x.length != labels.length) {
            throw new IllegalArgumentException("ArrayDataset: " + x.length + " rows but " + labels.length + " labels");
        }
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        String[] names = new String[classes];
        for (int c = 0; c < classes; c++) names[c] = Integer.toString(c);
        return labeled(flatten(x, "features"), new int[] {width(x)}, labels, List.of(names));
    }

    /**
     * A regression dataset from rows of features and rows of targets.
     *
     * @param x one row of features per example
     * @param y one row of targets per example
     * @return the dataset
     */
    public static ArrayDataset withTargets(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("ArrayDataset: " + x.length + " rows but " + y.length + " targets");
        }
        return new ArrayDataset(flatten(x, "features"), new int[] {width(x)}, x.length, null, 0, List.of(),
                flatten(y, "targets"), new int[] {width(y)});
    }

    private static int width(double[][] rows) {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    private static float[] flatten(double[][] rows, String what) {
        int width = width(rows);
        float[] flat = new float[Math.multiplyExact(rows.length, width)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("ArrayDataset: " + what + " row " + i + " has " + rows[i].length
                        + " values, row 0 has " + width);
            }
            for (int j = 0; j < width; j++) flat[i * width + j] = (float) rows[i][j];
        }
        return flat;
    }

    /**
     * The same examples with names for the features, e.g. the column names of a CSV table.
     *
     * @param names one name per feature value, in order
     * @return a copy that shares the examples
     */
    public ArrayDataset withFeatureNames(List<String> names) {
        return new ArrayDataset(features, featureShape, size, labels, classes, classNames, targets, targetShape, names);
    }

    /** {@return the names of the features (the CSV columns), or an empty list when they have none} */
    public List<String> featureNames() {
        return featureNames;
    }

    /** {@return the class names in index order (empty for a dataset with targets)} */
    public List<String> classNames() {
        return classNames;
    }

    @Override public int size() { return size; }
    @Override public int[] featureShape() { return featureShape.clone(); }
    @Override public int featureSize() { return featureSize; }
    @Override public int classes() { return classes; }

    @Override
    public int[] targetShape() {
        return targetShape.clone();
    }

    @Override
    public void copyFeatures(int index, float[] dest, int offset) {
        System.arraycopy(features, Objects.checkIndex(index, size) * featureSize, dest, offset, featureSize);
    }

    @Override
    public int label(int index) {
        if (labels == null) return Dataset.super.label(index);
        return labels[index];
    }

    @Override
    public void copyTarget(int index, float[] dest, int offset) {
        if (targets == null) {
            Dataset.super.copyTarget(index, dest, offset);
            return;
        }
        int n = targets.length / Math.max(size, 1);
        System.arraycopy(targets, Objects.checkIndex(index, size) * n, dest, offset, n);
    }
}
