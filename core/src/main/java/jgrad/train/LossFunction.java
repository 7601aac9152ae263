package jgrad.train;

import jgrad.data.Batch;
import jgrad.nn.Losses;
import jgrad.tensor.Tensor;

/**
 * The loss of a model's output on a batch, e.g. {@code (out, b) -> Losses.crossEntropy(out, b.labels())}.
 * It must return a scalar tensor connected to the model's parameters.
 */
@FunctionalInterface
public interface LossFunction {
    /**
     * {@return the scalar loss of {@code output} (the model's forward pass on {@code batch.x()})}
     *
     * @param output the model's output for the batch
     * @param batch the batch, with its labels or targets
     */
    Tensor loss(Tensor output, Batch batch);

    /** {@return softmax cross entropy against the batch's class labels ({@link Losses#crossEntropy(Tensor, int[])})} */
    static LossFunction crossEntropy() {
        return (output, batch) -> Losses.crossEntropy(output, batch.labels());
    }

    /** {@return the mean squared error against the batch's targets ({@link Losses#mse})} */
    static LossFunction mse() {
        return (output, batch) -> Losses.mse(output, batch.y());
    }
}
