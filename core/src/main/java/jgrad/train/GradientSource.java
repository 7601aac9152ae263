package jgrad.train;

import jgrad.data.DataLoader;
import jgrad.nn.Layer;

/**
 * Where a {@link Trainer}'s gradients come from. For each step the trainer clears the gradients,
 * asks the source to {@link #compute} them, then checks them, clips them and lets the optimizer
 * step; the events, checkpoints and evaluation are the trainer's, whatever the source.
 *
 * <p>The usual source ({@link #local}) runs the model on the next batch of a {@link DataLoader}
 * in this JVM. A data-parallel source (the {@code spark} module's) sends the parameters to
 * several machines, each computes the gradient of its share of the batch, and it writes their
 * sum into the parameters' gradients ({@link jgrad.tensor.Tensor#setGrad}) before the update.
 */
public interface GradientSource {
    /** {@return the training steps per epoch} */
    int batchesPerEpoch();

    /** {@return the training examples per epoch} */
    int examplesPerEpoch();

    /**
     * Fills the gradient of every trained parameter with the gradient of the mean loss over one
     * batch. The trainer calls it with the gradients cleared, in training mode, for batches
     * {@code 0, 1, ...} of each epoch in turn; a run resumed in the middle of an epoch starts
     * that epoch at the batch where it stopped. It runs inside the trainer's
     * {@link jgrad.tensor.Arena} step: the tensors it computes are released when the step ends, so
     * keep a {@link jgrad.tensor.Tensor#copy()} of any it needs in a later step.
     *
     * @param epoch the epoch, from 0 (the loader's epoch number)
     * @param batch the batch within the epoch, from 0
     * @param step the step's number since the start of training, from 1 (as in {@link TrainingEvent.BatchEnded})
     * @return the batch's mean loss, size and correct predictions
     */
    Step compute(int epoch, int batch, long step);

    /**
     * What one step's gradient came with.
     *
     * @param loss the mean loss over the batch
     * @param size examples in the batch
     * @param correct examples classified right, or -1 when the step does not classify (regression)
     */
    record Step(double loss, int size, long correct) {}

    /**
     * {@return the batches of {@code loader}, run through {@code model} and {@code loss} in this JVM}
     *
     * @param model the network being trained
     * @param loss the loss of a batch's output
     * @param loader the training batches
     */
    static GradientSource local(Layer model, LossFunction loss, DataLoader loader) {
        return new LocalGradients(model, loss, loader);
    }
}
