package jgrad.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.UUID;
import java.util.stream.IntStream;
import jgrad.data.Normalization;
import jgrad.io.SafeTensors;
import jgrad.model.ModelSpec;
import jgrad.nn.Layer;
import jgrad.nn.Parameter;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.train.GradientSource;
import jgrad.train.ResumableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Gradients from a Spark cluster, for {@link jgrad.train.Trainer#fit(GradientSource, jgrad.data.DataLoader, int)}:
 * synchronous data-parallel mini-batch training as Spark MLlib does it.
 *
 * <p>At {@link #start}, each of the {@code partitions} tasks reads its own equal part of the
 * training files and Spark caches it on the executor (nothing but file names leaves the driver).
 * With a validation split ({@link Plan#validation()}) each task recomputes the seeded split and
 * trains on the rows of the training part only, in the split's order, exactly as the in-process
 * trainer does on {@code TrainTestSplit}'s training part.
 * Then, per step: the driver broadcasts the parameters (safetensors bytes); every partition
 * takes its share of the global batch (the examples of {@code DataLoader.order(total, seed,
 * epoch)}'s batch that it holds, so the global batch is exactly the in-process loader's), runs
 * forward and backward on a cached copy of the model and returns its gradient weighted by its
 * share; {@code treeAggregate} adds them in a fixed tree ({@link TreeSum}); the sum becomes the
 * parameters' gradients and the trainer's optimizer steps.
 *
 * <p><b>Batch norm</b>: each partition normalises its share with the share's own statistics
 * ("ghost batch norm", as PyTorch's DistributedDataParallel does without SyncBatchNorm), so the
 * gradient is that of a model whose batch statistics are per share; with one partition it is
 * exactly in-process training. The running mean and variance become the share-size-weighted mean
 * of the partitions' updated buffers: the running mean then moves towards the whole batch's mean
 * exactly, the running variance towards the mean of the shares' variances (which leaves out the
 * spread of the share means). <b>Dropout</b>: each partition draws its masks from
 * {@code rng.split(step, partition)} of the run's generator, so a retried or moved task draws the
 * same masks, and results depend on the partition count but never on which executor ran what.
 */
public final class DataParallel implements GradientSource, AutoCloseable {
    private final JavaSparkContext sc;
    private final Layer model;
    private final ResumableRandom rng;
    private final Recipe recipe;
    private final int partitions;
    private final int depth;
    private final JavaRDD<Shard> shards;
    private final Broadcast<byte[]> recipeBroadcast;
    private final List<Map.Entry<String, Parameter>> parameters;
    private StepTask.Fault fault = StepTask.Fault.NONE;
    private long bytesBroadcast;
    private long bytesReturned;

    /**
     * How to train.
     *
     * @param model the architecture, which travels to the executors in its JSON form
     * @param batchSize the global batch size (all partitions together)
     * @param seed the seed of the example order, as {@code DataLoader.shuffled(train, batchSize, seed)}
     * @param partitions how many parts the training data is read in (tasks per step)
     * @param depth the depth of {@code treeAggregate}'s tree (MLlib uses 2)
     * @param normalization the standardisation of the feature values (one mean and deviation for
     *     all, as for images, or one per feature, as for tables)
     * @param validation how many of the files' examples to hold out for validation, drawn as
     *     {@code TrainTestSplit.of(all, validation, new SplittableRandom(seed))} does (0 for none):
     *     the run then trains on exactly that split's training part, in its order
     * @param threads kernel threads per task, or 0 for the task's cores ({@code spark.task.cpus})
     */
    public record Plan(ModelSpec model, int batchSize, long seed, int partitions, int depth, Normalization normalization,
            int validation, int threads) {
        /** Checks the numbers. */
        public Plan {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(normalization, "normalization");
            if (batchSize < 1 || partitions < 1 || depth < 1 || validation < 0 || threads < 0) {
                throw new IllegalArgumentException("DataParallel.Plan: need batch size, partitions and depth >= 1,"
                        + " validation and threads >= 0, got " + batchSize + ", " + partitions + ", " + depth
                        + ", " + validation + ", " + threads);
            }
        }

        /**
         * A plan that trains on all the examples, standardised with one {@code mean} and {@code std},
         * with the task's cores.
         *
         * @param model the architecture every partition builds
         * @param batchSize the global batch: examples per step over all partitions together
         * @param seed the run's seed (initial weights, example order, dropout streams)
         * @param partitions the parts the training data is read in (tasks per step)
         * @param depth the depth of {@code treeAggregate}'s tree that sums the gradients
         * @param mean the mean subtracted from every input value
         * @param std the deviation every centred input value is divided by
         */
        public Plan(ModelSpec model, int batchSize, long seed, int partitions, int depth, float mean, float std) {
            this(model, batchSize, seed, partitions, depth, Normalization.of(mean, std), 0, 0);
        }
    }

    private DataParallel(JavaSparkContext sc, Layer model, ResumableRandom rng, Recipe recipe, Plan plan, JavaRDD<Shard> shards) {
        this.sc = sc;
        this.model = model;
        this.rng = rng;
        this.recipe = recipe;
        this.partitions = plan.partitions();
        this.depth = plan.depth();
        this.shards = shards;
        this.recipeBroadcast = sc.broadcast(recipe.toBytes());
        this.parameters = List.copyOf(model.namedParameters().entrySet());
    }

    /**
     * Reads and caches the training data on the executors and returns the source for a trainer.
     *
     * @param sc the Spark context
     * @param model the driver's model, built by {@code plan.model().build(rng)} (the trainer's optimizer updates it)
     * @param rng the run's generator (give the trainer the same one, so checkpoints keep its state)
     * @param data where the partitions read their examples
     * @param plan batching, partitions and normalisation
     * @return the gradient source to give {@link jgrad.train.Trainer#fit(jgrad.train.GradientSource, int)}
     * @throws IOException if the partitions' parts do not fit together (the message says how)
     */
    public static DataParallel start(JavaSparkContext sc, Layer model, ResumableRandom rng, ShardSource data, Plan plan)
            throws IOException {
        int parts = plan.partitions();
        JavaRDD<Shard> shards = sc.parallelize(IntStream.range(0, parts).boxed().toList(), parts)
                .mapPartitionsWithIndex((index, ignored) -> List.of(data.read(index, parts)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        shards.setName("jgrad training data (" + parts + " parts)");
        List<int[]> layout = new ArrayList<>(shards.map(s -> new int[] {s.partition(), s.from(), s.size(), s.total()}).collect());
        layout.sort((a, b) -> Integer.compare(a[0], b[0]));
        int total = layout.getFirst()[3];
        int next = 0;
        for (int[] p : layout) {
            if (p[1] != next || p[3] != total) {
                throw new IOException("jgrad-spark: partition " + p[0] + " holds examples from " + p[1] + " of " + p[3]
                        + ", expected from " + next + " of " + total + " (did the files change while they were read?)");
            }
            next += p[2];
        }
        if (next != total || total == 0) throw new IOException("jgrad-spark: the partitions hold " + next + " of " + total + " examples");
        int[] featureShape = switch (data) {
            case ShardSource.IdxFiles idx -> idx.featureShape();
            case ShardSource.CsvRows csv -> new int[] {csv.featureNames().size()};
        };
        int classes = switch (data) {
            case ShardSource.IdxFiles idx -> idx.classes();
            case ShardSource.CsvRows csv -> csv.classNames().size();
        };
        int[] out = plan.model().outputShape(featureShape);
        if (!Arrays.equals(out, new int[] {classes})) {
            throw new IllegalArgumentException("jgrad-spark: the model gives " + Arrays.toString(out) + " per example of "
                    + Arrays.toString(featureShape) + ", the data has " + classes + " classes");
        }
        if (plan.validation() >= total) {
            throw new IllegalArgumentException("jgrad-spark: cannot hold out " + plan.validation() + " of " + total + " examples");
        }
        var recipe = new Recipe(UUID.randomUUID().toString(), plan.model().toJson(), featureShape, classes,
                total - plan.validation(), plan.batchSize(), plan.seed(), plan.normalization().mean(), plan.normalization().std(), plan.validation(),
                plan.threads());
        return new DataParallel(sc, model, rng, recipe, plan, shards);
    }

    @Override
    public int batchesPerEpoch() {
        return (recipe.total() + recipe.batchSize() - 1) / recipe.batchSize();
    }

    @Override
    public int examplesPerEpoch() {
        return recipe.total();
    }

    @Override
    public Step compute(int epoch, int batch, long step) {
        byte[] state = SafeTensors.toBytes(model.stateDict());
        Broadcast<byte[]> params = sc.broadcast(state);
        TreeSum sum;
        try {
            var task = new StepTask(recipeBroadcast, params, epoch, batch, step, rng.state(), fault);
            sum = shards.treeAggregate(TreeSum.empty(partitions, depth), task, TreeSum::combine, depth);
        } finally {
            params.destroy();
        }
        bytesBroadcast += state.length;
        SequencedMap<String, Tensor> total = sum.total();
        int size = Math.min(recipe.total() - batch * recipe.batchSize(), recipe.batchSize());
        for (var e : parameters) e.getValue().setGrad(total.get("g." + e.getKey()));
        SequencedMap<String, Tensor> modelState = model.stateDict();
        boolean buffers = false;
        for (var e : total.entrySet()) {
            if (!e.getKey().startsWith("b.")) continue;
            String name = e.getKey().substring(2);
            modelState.put(name, e.getValue().div(size).to(modelState.get(name).dtype()));
            buffers = true;
        }
        if (buffers) model.loadStateDict(modelState);
        double[] s = total.get("s").doubleData();
        if ((int) s[2] != size) throw new IllegalStateException("jgrad-spark: the partitions saw " + s[2] + " of " + size + " examples");
        return new Step(s[0] / s[2], size, (long) s[1]);
    }

    /** Makes the first attempt of {@code partition}'s task at {@code step} fail (tests of Spark's retries). */
    void injectFailure(long step, int partition) {
        fault = new StepTask.Fault(step, partition);
    }

    /** {@return the bytes of parameters broadcast so far} */
    public long bytesBroadcast() {
        return bytesBroadcast;
    }

    /** {@return the number of training examples the partitions hold} */
    public int total() {
        return recipe.total();
    }

    /** Drops the cached training data and the run's broadcast. */
    @Override
    public void close() {
        shards.unpersist(false);
        recipeBroadcast.destroy();
    }

    @Override
    public String toString() {
        return "DataParallel(" + partitions + " partitions, batch " + recipe.batchSize() + ", "
                + recipe.total() + " examples, features " + Arrays.toString(recipe.featureShape()) + ")";
    }
}
