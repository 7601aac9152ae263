package jgrad.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * Cuts a {@link Dataset} into {@link Batch}es, in order or in a seeded random order.
 *
 * <p>A shuffled loader draws a new order for every epoch: epoch {@code e}'s order depends only
 * on the seed and {@code e}, so a run resumed at epoch {@code e} (see {@link #epoch(int)}) sees
 * exactly the batches an uninterrupted run would. Iterating the loader itself (a for-each loop)
 * walks epochs 0, 1, 2, ... in turn.
 *
 * <pre>{@code
 * for (Batch b : DataLoader.shuffled(train, 100, 42)) { ... }     // one epoch
 * var eval = DataLoader.inOrder(test, 1000);
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final Long seed; // null: in order
    private final boolean dropLast;
    private int nextEpoch;

    private DataLoader(Dataset dataset, int batchSize, Long seed, boolean dropLast) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batch size must be >= 1, got " + batchSize);
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** Batches in a new random order every epoch, drawn from {@code seed}. */
    public static DataLoader shuffled(Dataset dataset, int batchSize, long seed) {
        return new DataLoader(dataset, batchSize, seed, false);
    }

    /** Batches in dataset order, e.g. for evaluation. */
    public static DataLoader inOrder(Dataset dataset, int batchSize) {
        return new DataLoader(dataset, batchSize, null, false);
    }

    /** The same loader, but leaving out the last batch of an epoch when it is smaller than the batch size. */
    public DataLoader dropLast() {
        return new DataLoader(dataset, batchSize, seed, true);
    }

    /** The dataset this loader reads. */
    public Dataset dataset() {
        return dataset;
    }

    /** The (full) batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** Number of batches per epoch. */
    public int batchesPerEpoch() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The batches of the next epoch (0 on the first call, then 1, 2, ...). */
    @Override
    public Iterator<Batch> iterator() {
        return epoch(nextEpoch++).iterator();
    }

    /**
     * The batches of epoch {@code epoch}; for a shuffled loader the order depends only on the
     * seed and {@code epoch}. Also makes {@code epoch + 1} the next epoch of {@link #iterator()}.
     */
    public Iterable<Batch> epoch(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("DataLoader.epoch: epoch must be >= 0, got " + epoch);
        nextEpoch = epoch + 1;
        int[] order = order(epoch);
        int batches = batchesPerEpoch();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                int from = next++ * batchSize;
                return batch(order, from, Math.min(from + batchSize, order.length));
            }
        };
    }

    /** The example order of one epoch: identity, or a Fisher-Yates shuffle seeded by (seed, epoch). */
    private int[] order(int epoch) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (seed != null) {
            SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Builds one batch from {@code order[from..to)}, filling fresh tensors through their live arrays. */
    private Batch batch(int[] order, int from, int to) {
        int n = to - from;
        int[] featureShape = dataset.featureShape();
        int width = Dataset.numel(featureShape);
        Tensor x = Tensor.zeros(DType.FLOAT32, prepend(n, featureShape));
        float[] xs = x.floatData();
        for (int i = 0; i < n; i++) dataset.copyFeatures(order[from + i], xs, i * width);
        if (dataset.classes() > 0) {
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = dataset.label(order[from + i]);
            return new Batch(x, labels, null);
        }
        int[] targetShape = dataset.targetShape();
        int targetWidth = Dataset.numel(targetShape);
        Tensor y = Tensor.zeros(DType.FLOAT32, prepend(n, targetShape));
        float[] ys = y.floatData();
        for (int i = 0; i < n; i++) dataset.copyTarget(order[from + i], ys, i * targetWidth);
        return new Batch(x, null, y);
    }

    private static int[] prepend(int n, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
