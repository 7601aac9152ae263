package jgrad.bench;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.data.Normalization;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Losses;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.Sgd;
import jgrad.tensor.kernel.Parallel;
import jgrad.train.LossFunction;
import jgrad.train.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the parts of an MNIST MLP (784-100-10, batch 100) training step outside the tensor ops,
 * on one thread: loading a standardised batch (fresh or reused tensors), an SGD and an Adam update, and a whole
 * {@link Trainer} epoch of 10 steps over the first 1000 training images. Needs the MNIST files
 * ({@code data/mnist} or {@code JGRAD_DATA}). Run with
 * {@code JGRAD_THREADS=1 ./jgrad bench jmh TrainStep}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC"})
public class TrainStepBenchmark {
    private DataLoader loader;
    private Iterator<Batch> batches;
    private int epoch;
    private DataLoader reusingLoader;
    private Iterator<Batch> reusedBatches;
    private int reusedEpoch;
    private Optimizer sgd;
    private Optimizer adam;
    private Layer trainerModel;
    private Trainer trainer;
    private DataLoader trainerLoader;

    /** Loads MNIST, builds the models and gives the optimizers' parameters a gradient. */
    @Setup
    public void setUp() throws IOException {
        Dataset train = Normalization.of(0.1307, 0.3081).apply(Mnist.load(Mnist.Split.TRAIN));
        loader = DataLoader.shuffled(train, 100, 1);
        batches = loader.epoch(epoch).iterator();
        reusingLoader = loader.reusingBuffers();
        reusedBatches = reusingLoader.epoch(reusedEpoch).iterator();

        Layer sgdModel = mlp(1);
        Layer adamModel = mlp(2);
        Batch b = loader.epoch(0).iterator().next();
        Losses.crossEntropy(sgdModel.forward(b.x()), b.labels()).backward();
        Losses.crossEntropy(adamModel.forward(b.x()), b.labels()).backward();
        sgd = new Sgd(sgdModel.parameters(), 1e-6);
        adam = new Adam(adamModel.parameters(), 1e-6);

        trainerModel = mlp(3);
        trainer = new Trainer(trainerModel, LossFunction.crossEntropy(), new Sgd(trainerModel.parameters(), 0.01));
        trainerLoader = DataLoader.shuffled(train.subset(0, 1000), 100, 3);
    }

    private static Layer mlp(long seed) {
        var rng = new SplittableRandom(seed);
        return new Sequential(new Linear(784, 100, rng), new Relu(), new Linear(100, 10, rng));
    }

    /** One shuffled, standardised batch of 100 images. */
    @Benchmark
    public Batch loadBatch() {
        if (!batches.hasNext()) batches = loader.epoch(++epoch).iterator();
        return batches.next();
    }

    /** The same batches from a loader that reuses the previous batch's tensors (as {@link Trainer} does). */
    @Benchmark
    public Batch loadBatchReusingBuffers() {
        if (!reusedBatches.hasNext()) reusedBatches = reusingLoader.epoch(++reusedEpoch).iterator();
        return reusedBatches.next();
    }

    /** One plain SGD update of the 79,510 float32 parameters. */
    @Benchmark
    public Optimizer sgdStep() {
        Parallel.withThreads(1, sgd::step);
        return sgd;
    }

    /** One Adam update of the 79,510 float32 parameters. */
    @Benchmark
    public Optimizer adamStep() {
        Parallel.withThreads(1, adam::step);
        return adam;
    }

    /** A whole training epoch of 10 steps (batch 100) with {@link Trainer}, on one thread. */
    @Benchmark
    public List<?> trainerTenSteps() throws IOException {
        List<?>[] out = new List<?>[1];
        Parallel.withThreads(1, () -> {
            try {
                out[0] = trainer.fit(trainerLoader, 1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return out[0];
    }
}
