package jgrad.nn;

import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * Batch normalisation of NCHW input {@code (batch, channels, h, w)}, per channel over the batch
 * and all pixels, with learned scale and shift and running statistics for evaluation mode; see
 * {@link BatchNorm} (Ioffe &amp; Szegedy 2015). Defaults as PyTorch: momentum 0.1, eps 1e-5.
 */
public final class BatchNorm2d extends BatchNorm {
    /**
     * A float32 layer for {@code channels} channels.
     *
     * @param channels the channels (dimension 1 of the input)
     */
    public BatchNorm2d(int channels) {
        this(channels, DType.FLOAT32);
    }

    /**
     * A layer for {@code channels} channels with parameters and statistics of {@code dtype}.
     *
     * @param channels the channels (dimension 1 of the input)
     * @param dtype the dtype of the parameters, the statistics and the input (float32 or float64)
     */
    public BatchNorm2d(int channels, DType dtype) {
        super(channels, 0.1, 1e-5, dtype);
    }

    /**
     * A float32 layer for {@code channels} channels with the given running-statistics momentum (in
     * {@code [0, 1]}) and {@code eps} (&gt; 0), e.g. to match a PyTorch layer built with other values.
     *
     * @param channels the channels (dimension 1 of the input)
     * @param momentum the weight of each batch's statistics in the running ones
     * @param eps added to the variance before its root
     * @throws IllegalArgumentException if a value is out of range
     */
    public BatchNorm2d(int channels, double momentum, double eps) {
        super(channels, momentum, eps, DType.FLOAT32);
    }

    @Override
    void checkInput(Tensor x) {
        if (x.ndim() != 4) {
            throw new IllegalArgumentException("BatchNorm2d: expected (batch, channels, h, w), got " + java.util.Arrays.toString(x.shape()));
        }
    }
}
