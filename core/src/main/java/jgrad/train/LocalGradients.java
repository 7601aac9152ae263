package jgrad.train;

import java.util.Iterator;
import java.util.Objects;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.nn.Layer;
import jgrad.tensor.Tensor;

/** {@link GradientSource#local}: forward, loss and backward on the loader's batches, one after another. */
final class LocalGradients implements GradientSource {
    private final Layer model;
    private final LossFunction loss;
    private final DataLoader loader;
    private Iterator<Batch> batches;
    private int epoch = -1;
    private int next;

    LocalGradients(Layer model, LossFunction loss, DataLoader loader) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        // each batch is done with before the next is read, so the batches can share their tensors
        this.loader = loader.reusingBuffers();
    }

    @Override
    public int batchesPerEpoch() {
        return loader.batchesPerEpoch();
    }

    @Override
    public int examplesPerEpoch() {
        return loader.dataset().size();
    }

    @Override
    public Step compute(int epoch, int batch, long step) {
        if (epoch != this.epoch || batch < next) {
            batches = loader.epoch(epoch).iterator();
            this.epoch = epoch;
            next = 0;
        }
        // a run resumed in the middle of an epoch starts at a later batch: pass over the ones before it
        for (; next < batch; next++) batches.next();
        Batch b = batches.next();
        next++;
        Tensor output = model.forward(b.x());
        Tensor l = loss.loss(output, b);
        double value = l.item();
        if (Double.isFinite(value)) l.backward(); // the trainer stops on a non-finite loss anyway
        long correct = b.labels() != null && output.ndim() == 2 ? Metrics.correct(output, b.labels()) : -1;
        return new Step(value, b.size(), correct);
    }
}
