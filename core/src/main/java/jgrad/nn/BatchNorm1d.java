package jgrad.nn;

import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * Batch normalisation of {@code (batch, features)} or {@code (batch, features, length)} input,
 * per feature, with learned scale and shift and running statistics for evaluation mode; see
 * {@link BatchNorm} (Ioffe &amp; Szegedy 2015). Defaults as PyTorch: momentum 0.1, eps 1e-5.
 */
public final class BatchNorm1d extends BatchNorm {
    /**
     * A float32 layer for {@code features} features.
     *
     * @param features the size of the feature dimension (dimension 1 of the input)
     */
    public BatchNorm1d(int features) {
        this(features, DType.FLOAT32);
    }

    /**
     * A layer for {@code features} features with parameters and statistics of {@code dtype}.
     *
     * @param features the size of the feature dimension (dimension 1 of the input)
     * @param dtype the dtype of the parameters, the statistics and the input (float32 or float64)
     */
    public BatchNorm1d(int features, DType dtype) {
        super(features, 0.1, 1e-5, dtype);
    }

    /**
     * A float32 layer for {@code features} features with the given running-statistics momentum (in
     * {@code [0, 1]}) and {@code eps} (&gt; 0), e.g. to match a PyTorch layer built with other values.
     *
     * @param features the size of the feature dimension (dimension 1 of the input)
     * @param momentum the weight of each batch's statistics in the running ones
     * @param eps added to the variance before its root
     * @throws IllegalArgumentException if a value is out of range
     */
    public BatchNorm1d(int features, double momentum, double eps) {
        super(features, momentum, eps, DType.FLOAT32);
    }

    @Override
    void checkInput(Tensor x) {
        if (x.ndim() != 2 && x.ndim() != 3) {
            throw new IllegalArgumentException("BatchNorm1d: expected (batch, features) or (batch, features, length), got "
                    + java.util.Arrays.toString(x.shape()));
        }
    }
}
