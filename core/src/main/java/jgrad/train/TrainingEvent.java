package jgrad.train;

import java.nio.file.Path;

/**
 * What a {@link Trainer} reports to its listeners, in this order: {@link Started}, then per
 * epoch {@link EpochStarted}, a {@link BatchEnded} per step, {@link EpochEnded} and, if
 * checkpoints are on, {@link CheckpointSaved}. Closed, so a listener's pattern {@code switch}
 * must handle every case. Epochs are numbered from 1; steps count all batches since the start
 * of training (a resumed run continues the count).
 */
public sealed interface TrainingEvent {
    /**
     * Training begins (or resumes).
     *
     * @param firstEpoch the epoch about to run (1, or the one after a checkpoint)
     * @param epochs the last epoch that will run
     * @param batchesPerEpoch training steps per epoch
     * @param examplesPerEpoch training examples per epoch
     */
    record Started(int firstEpoch, int epochs, int batchesPerEpoch, int examplesPerEpoch) implements TrainingEvent {}

    /**
     * An epoch begins.
     *
     * @param epoch the epoch, from 1
     * @param epochs the last epoch that will run
     * @param lr the learning rate for this epoch
     */
    record EpochStarted(int epoch, int epochs, double lr) implements TrainingEvent {}

    /**
     * One optimizer step is done.
     *
     * @param epoch the current epoch
     * @param step steps so far, this one included
     * @param batch this batch's position in the epoch, from 1
     * @param batchesPerEpoch batches in the epoch
     * @param batchSize examples in this batch
     * @param loss this batch's loss
     */
    record BatchEnded(int epoch, long step, int batch, int batchesPerEpoch, int batchSize, double loss)
            implements TrainingEvent {}

    /**
     * An epoch is done and, if there is a test loader, evaluated.
     *
     * @param epoch the epoch
     * @param step steps so far
     * @param trainLoss mean loss over the epoch's training examples
     * @param trainAccuracy fraction of training examples classified right during the epoch (NaN for regression)
     * @param testLoss mean test loss (NaN without a test loader)
     * @param testAccuracy test accuracy (NaN without a test loader or for regression)
     * @param lr the learning rate used in the epoch
     * @param seconds wall-clock time of the epoch, evaluation included
     */
    record EpochEnded(int epoch, long step, double trainLoss, double trainAccuracy, double testLoss,
            double testAccuracy, double lr, double seconds) implements TrainingEvent {}

    /**
     * A checkpoint was written (atomically) after {@code epoch}.
     *
     * @param epoch the epoch just finished
     * @param file the checkpoint
     */
    record CheckpointSaved(int epoch, Path file) implements TrainingEvent {}
}
