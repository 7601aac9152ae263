package jgrad.nn;

import jgrad.tensor.Tensor;

/**
 * Softmax along one dimension, {@code y_i = exp(x_i) / sum_j exp(x_j)}, computed stably. For
 * training with cross entropy, feed the logits to {@link Losses#crossEntropy} instead.
 */
public final class Softmax extends Layer {
    private final int dim;

    /** Softmax along the last dimension (the class dimension of {@code (batch, classes)}). */
    public Softmax() {
        this(-1);
    }

    /**
     * Softmax along {@code dim}; negative dims count from the end.
     *
     * @param dim the dimension whose entries sum to 1
     */
    public Softmax(int dim) {
        this.dim = dim;
    }

    /** Any shape to the same shape, summing to 1 along the dimension. */
    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(dim);
    }

    @Override
    protected String describe() {
        return "Softmax(dim=" + dim + ")";
    }
}
