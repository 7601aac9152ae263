package jgrad.data;

import java.util.Arrays;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * Standardisation of features, {@code (x - mean) / std}, either one mean and deviation for all
 * values (e.g. MNIST's 0.1307 and 0.3081) or per feature position, fitted on a training set and
 * then applied unchanged to the test set.
 */
public final class Normalization {
    private final float[] mean;
    private final float[] std;

    private Normalization(float[] mean, float[] std) {
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Float.isFinite(std[i]) || !Float.isFinite(mean[i])) {
                throw new IllegalArgumentException("Normalization: std must be finite and > 0 and mean finite, got mean "
                        + mean[i] + " std " + std[i] + " at position " + i);
            }
        }
        this.mean = mean;
        this.std = std;
    }

    /**
     * {@return the same mean and standard deviation for every feature value}
     *
     * @param mean subtracted from every value
     * @param std every value is divided by it
     */
    public static Normalization of(double mean, double std) {
        return new Normalization(new float[] {(float) mean}, new float[] {(float) std});
    }

    /**
     * One mean and standard deviation per feature position (copied), e.g. statistics saved with a
     * model.
     *
     * @param mean one mean per feature position
     * @param std one standard deviation per feature position
     * @return the normalization
     * @throws IllegalArgumentException if the lengths differ or are 0, or a value is not finite or
     *     a deviation not positive
     */
    public static Normalization perFeature(float[] mean, float[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("Normalization.perFeature: " + mean.length + " means and " + std.length
                    + " deviations (need the same number, at least 1)");
        }
        return new Normalization(mean.clone(), std.clone());
    }

    /**
     * Per-feature mean and (population) standard deviation of {@code dataset}, computed in
     * double precision. A feature with zero deviation gets deviation 1, so it maps to 0.
     *
     * @param dataset the training examples (never the test set)
     * @return the fitted statistics
     */
    public static Normalization fit(Dataset dataset) {
        int n = dataset.size();
        int width = dataset.featureSize();
        if (n == 0) throw new IllegalArgumentException("Normalization.fit: the dataset is empty");
        // two passes (mean, then squared deviations): E[x^2] - E[x]^2 cancels badly and turns a
        // constant feature into a tiny spurious std
        double[] sum = new double[width];
        float[] row = new float[width];
        for (int i = 0; i < n; i++) {
            dataset.copyFeatures(i, row, 0);
            for (int j = 0; j < width; j++) sum[j] += row[j];
        }
        double[] m = new double[width];
        for (int j = 0; j < width; j++) m[j] = sum[j] / n;
        double[] squares = new double[width];
        for (int i = 0; i < n; i++) {
            dataset.copyFeatures(i, row, 0);
            for (int j = 0; j < width; j++) squares[j] += (row[j] - m[j]) * (row[j] - m[j]);
        }
        float[] mean = new float[width];
        float[] std = new float[width];
        for (int j = 0; j < width; j++) {
            double s = Math.sqrt(squares[j] / n);
            mean[j] = (float) m[j];
            std[j] = s > 1e-12 ? (float) s : 1f;
        }
        return new Normalization(mean, std);
    }

    /** {@return the means (one value, or one per feature position)} */
    public float[] mean() {
        return mean.clone();
    }

    /** {@return the standard deviations (one value, or one per feature position)} */
    public float[] std() {
        return std.clone();
    }

    /**
     * A new float32 tensor holding {@code batch (n, ...)} standardised row by row, with the same
     * float operations as {@link #apply(Dataset)}, so a model sees the numbers it was trained on.
     *
     * @param batch examples along the first dimension, any float dtype
     * @return the standardised batch, same shape
     * @throws IllegalArgumentException if {@code batch} has no batch dimension or, for per-feature
     *     statistics, its rows do not hold as many values as were fitted
     */
    public Tensor apply(Tensor batch) {
        Tensor out = batch.to(DType.FLOAT32).copy();
        int n = batch.ndim() == 0 ? 0 : batch.size(0);
        int width = n == 0 ? 0 : batch.numel() / n;
        if (batch.ndim() == 0 || (mean.length != 1 && mean.length != width)) {
            throw new IllegalArgumentException("Normalization: fitted on " + mean.length + " features, got a batch of shape "
                    + Arrays.toString(batch.shape()));
        }
        float[] x = out.floatData();
        for (int i = 0; i < x.length; i++) {
            int j = mean.length == 1 ? 0 : i % width;
            x[i] = (x[i] - mean[j]) / std[j];
        }
        return out;
    }

    /**
     * A view of {@code dataset} whose features are standardised on the fly.
     *
     * @param dataset examples with as many feature values as were fitted
     * @return the view
     * @throws IllegalArgumentException if this was fitted on features of another size
     */
    public Dataset apply(Dataset dataset) {
        if (mean.length != 1 && mean.length != dataset.featureSize()) {
            throw new IllegalArgumentException("Normalization: fitted on " + mean.length + " features, the dataset has "
                    + dataset.featureSize() + " (shape " + Arrays.toString(dataset.featureShape()) + ")");
        }
        int width = dataset.featureSize(); // the shape is fixed: computed once, not per example
        if (mean.length == 1) {
            float m = mean[0];
            float sd = std[0];
            if (dataset instanceof Views.ByteCoded coded) {
                // 256 possible values: standardise each once, then copy through the table in one
                // pass (the same float operations as below, so the same numbers)
                return new Views.Recoded(coded, coded.byteTable().standardised(m, sd));
            }
            return new Views.Forwarding(dataset) {
                @Override
                public void copyFeatures(int index, float[] dest, int offset) {
                    base.copyFeatures(index, dest, offset);
                    for (int j = offset, end = offset + width; j < end; j++) dest[j] = (dest[j] - m) / sd;
                }
            };
        }
        return new Views.Forwarding(dataset) {
            @Override
            public void copyFeatures(int index, float[] dest, int offset) {
                base.copyFeatures(index, dest, offset);
                for (int j = 0; j < width; j++) dest[offset + j] = (dest[offset + j] - mean[j]) / std[j];
            }
        };
    }
}
