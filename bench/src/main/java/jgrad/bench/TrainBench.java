package jgrad.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.data.Normalization;
import jgrad.data.ToyData;
import jgrad.manual.TwoLayerNet;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Losses;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.nn.Sigmoid;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.Sgd;
import jgrad.scalar.Mlp;
import jgrad.scalar.Value;
import jgrad.tensor.Arena;
import jgrad.tensor.Tensor;
import jgrad.tensor.kernel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./jgrad bench train}: the training steps of issue 11, timed the way
 * {@code tools/bench/torch_train_steps.py} times PyTorch's, so that the two can run in the same
 * minutes: batch 100, float32, MNIST standardised (mean 0.1307, std 0.3081), the batch loading
 * counted in the step. Each workload runs a warm-up, then several rounds of timed steps; the table
 * gives the median step of the best round, the median over all rounds, the JVM's CPU time per
 * step (all threads; steadier than wall time on a shared machine) and the bytes allocated per
 * step by all threads (the JVM's per-thread allocation counters). The MLP and ConvNet rows run
 * as a plain loop and inside {@code Arena.step()} (as {@code Trainer} does), one row each.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Training-step times of issue 11's workloads, 1 and 2 threads.",
            "Compare with tools/bench/torch_train_steps.py run in the same minutes (docs/benchmarks.md)."})
final class TrainBench implements Callable<Integer> {
    /** The workloads of the table. */
    enum Workload {
        /** MLP 784-50-10, sigmoid, SGD lr 0.1. */
        MLP,
        /** The curriculum's SimpleConvNet, Adam lr 0.001. */
        CONV,
        /** micrograd's two-moons step on the scalar engine (does not use threads). */
        MOONS,
        /** Numerical gradient of TwoLayerNet 784-50-10 (float64) on 100 images, one call. */
        NUMGRAD
    }

    /** Whether a tensor step runs inside {@code Arena.step()}. */
    enum ArenaUse { OFF, ON }

    @Spec
    private CommandSpec spec;
    @Option(names = "--workloads", split = ",", defaultValue = "mlp,conv,moons,numgrad",
            description = "which rows: mlp, conv, moons, numgrad (default: ${DEFAULT-VALUE})")
    private List<Workload> workloads;
    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default: ${DEFAULT-VALUE})")
    private int[] threads;
    @Option(names = "--steps", defaultValue = "100", description = "timed steps per round (default: ${DEFAULT-VALUE})")
    private int steps;
    @Option(names = "--rounds", defaultValue = "5", description = "timed rounds (default: ${DEFAULT-VALUE})")
    private int rounds;
    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "warm-up per row, at least 100 steps (default: ${DEFAULT-VALUE}); the first row needs it most: on a"
                    + " loaded machine the JIT compiler threads get little CPU")
    private double warmup;
    @Option(names = "--arena", split = ",", defaultValue = "off,on",
            description = "MLP and ConvNet steps without and/or inside an Arena step (storage recycled per step; default: ${DEFAULT-VALUE})")
    private List<ArenaUse> arena;
    @Option(names = "--data-dir", description = "folder of the MNIST IDX files (default: data/mnist, as the examples)")
    private Path dataDir;

    /** One workload ready to step: {@code step()} runs one training step. */
    private interface Stepper {
        void step();
    }

    /** Median step of the best round and of all rounds (ms), process CPU ms per step, and bytes allocated per step. */
    private record Timing(double bestMs, double medianMs, double cpuMs, double bytesPerStep) {}

    @Override
    public Integer call() throws IOException {
        BenchCommand.requireAtLeast(spec, "--threads", 1, threads);
        BenchCommand.requireAtLeast(spec, "--steps", 1, steps);
        BenchCommand.requireAtLeast(spec, "--rounds", 1, rounds);
        BenchCommand.requireAtLeast(spec, "--warmup-seconds", 0.0, warmup);
        KernelTables.header("training steps, batch 100, float32 (numgrad: float64); ms per step, KB allocated per step");
        System.out.printf(Locale.ROOT, "%-54s %7s %12s %12s %10s %14s%n", "workload", "threads", "best round", "all rounds",
                "CPU", "KB alloc/step");
        Dataset train = null;
        if (workloads.stream().anyMatch(w -> w != Workload.MOONS)) {
            train = Normalization.of(0.1307, 0.3081)
                    .apply(dataDir == null ? Mnist.load(Mnist.Split.TRAIN) : Mnist.load(dataDir, Mnist.Split.TRAIN));
        }
        // Every step workload once before any row is timed, so that the first row does not pay for
        // the JIT compiling code the others share (on a loaded machine the compiler gets little CPU).
        for (Workload w : workloads) {
            if (w == Workload.NUMGRAD) continue;
            for (ArenaUse use : uses(w)) {
                Stepper s = stepper(w, train, use);
                long until = System.nanoTime() + (long) (warmup * 1e9 / uses(w).size());
                while (System.nanoTime() < until) s.step();
            }
        }
        for (Workload w : workloads) {
            int[] counts = w == Workload.MOONS ? new int[] {1} : threads;
            for (int t : counts) {
                for (ArenaUse use : uses(w)) {
                    Dataset data = train;
                    Timing[] out = new Timing[1];
                    Parallel.withThreads(t, () -> out[0] = w == Workload.NUMGRAD ? numgrad(data) : time(stepper(w, data, use)));
                    Timing r = out[0];
                    String title = title(w) + (w == Workload.MLP || w == Workload.CONV ? (use == ArenaUse.ON ? ", Arena" : ", no arena") : "");
                    System.out.printf(Locale.ROOT, "%-54s %7s %12.3f %12.3f %10.3f %14.1f%n", title,
                            w == Workload.MOONS ? "-" : t, r.bestMs(), r.medianMs(), r.cpuMs(), r.bytesPerStep() / 1024);
                }
            }
        }
        return 0;
    }

    private List<ArenaUse> uses(Workload w) {
        return w == Workload.MLP || w == Workload.CONV ? arena : List.of(ArenaUse.OFF);
    }

    private static String title(Workload w) {
        return switch (w) {
            case MLP -> "MLP 784-50-10 sigmoid, SGD";
            case CONV -> "SimpleConvNet (conv 30x5x5, pool, 100), Adam";
            case MOONS -> "moons step, scalar engine (MLP 2-16-16-1)";
            case NUMGRAD -> "numerical gradient TwoLayerNet, 100 images (s)";
        };
    }

    private Timing time(Stepper s) {
        long until = System.nanoTime() + (long) (warmup * 1e9);
        for (int i = 0; i < 100 || System.nanoTime() < until; i++) s.step();
        double[] medians = new double[rounds];
        double[] stepMs = new double[steps];
        long bytes0 = allocatedBytes(), cpu0 = cpuNanos();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                s.step();
                stepMs[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(stepMs);
            medians[r] = stepMs[steps / 2];
        }
        long total = (long) rounds * steps;
        double perStep = (double) (allocatedBytes() - bytes0) / total;
        double cpuMs = (cpuNanos() - cpu0) / 1e6 / total;
        Arrays.sort(medians);
        return new Timing(medians[0], medians[rounds / 2], cpuMs, perStep);
    }

    /** CPU time of the whole JVM so far (all threads: workers, JIT and GC included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Bytes allocated so far by all live threads (workers included). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    private Stepper stepper(Workload w, Dataset train, ArenaUse use) {
        var rng = new SplittableRandom(1);
        return switch (w) {
            case MLP -> tensorStep(new Sequential(new Linear(784, 50, rng), new Sigmoid(), new Linear(50, 10, rng)),
                    train, m -> new Sgd(m.parameters(), 0.1), use);
            case CONV -> tensorStep(new Sequential(
                    new Conv2d(Tensor.randn(rng, 30, 1, 5, 5).mul(0.01), Init.zeros(30), 1, 0),
                    new Relu(), new MaxPool2d(2, 2), new Flatten(),
                    new Linear(Tensor.randn(rng, 100, 30 * 12 * 12).mul(0.01), Init.zeros(100)), new Relu(),
                    new Linear(Tensor.randn(rng, 10, 100).mul(0.01), Init.zeros(10))),
                    train.reshape(1, 28, 28), m -> new Adam(m.parameters(), 0.001), use);
            case MOONS -> moonsStep();
            case NUMGRAD -> throw new IllegalArgumentException("numgrad is timed by numgrad()");
        };
    }

    private static Stepper tensorStep(Layer model, Dataset data, java.util.function.Function<Layer, Optimizer> optimizer,
            ArenaUse use) {
        Optimizer opt = optimizer.apply(model);
        Arena arena = use == ArenaUse.ON ? new Arena() : null;
        DataLoader loader = DataLoader.shuffled(data, 100, 1).reusingBuffers();
        var state = new Object() {
            int epoch;
            Iterator<Batch> batches = loader.epoch(0).iterator();
        };
        return () -> {
            if (!state.batches.hasNext()) state.batches = loader.epoch(++state.epoch).iterator();
            Batch b = state.batches.next();
            Arena.Step step = arena == null ? null : arena.step();
            try {
                Tensor loss = Losses.crossEntropy(model.forward(b.x()), b.labels());
                opt.zeroGrad();
                loss.backward();
                opt.step();
            } finally {
                if (step != null) step.close();
            }
        };
    }

    /** One step of {@code ./jgrad example moons}: forward over 100 points, SVM loss + L2, backward, SGD. */
    private static Stepper moonsStep() {
        var rng = new SplittableRandom(1);
        ToyData.Points data = ToyData.moons(100, 0.1, rng);
        var model = new Mlp(rng, 2, 16, 16, 1);
        return () -> {
            int n = data.size();
            Value dataLoss = Value.of(0);
            for (int i = 0; i < n; i++) {
                double y = 2 * data.y()[i] - 1;
                Value score = model.forward(data.x()[i]).get(0);
                dataLoss = dataLoss.add(score.mul(-y).add(1).relu());
            }
            Value reg = Value.of(0);
            for (Value p : model.parameters()) reg = reg.add(p.mul(p));
            Value loss = dataLoss.mul(1.0 / n).add(reg.mul(1e-4));
            model.zeroGrad();
            loss.backward();
            for (Value p : model.parameters()) p.setData(p.data() - 0.01 * p.grad());
        };
    }

    /** One call of the numerical gradient on 100 training images (as the two-layer-net example's check). */
    private static Timing numgrad(Dataset train) {
        int n = 100, width = train.featureSize();
        float[] row = new float[width];
        double[] x = new double[n * width];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            train.copyFeatures(i, row, 0);
            for (int j = 0; j < width; j++) x[i * width + j] = row[j];
            t[i] = train.label(i);
        }
        var net = new TwoLayerNet(width, 50, 10, 0.01, new SplittableRandom(1));
        Tensor xs = Tensor.of(x, n, width);
        long bytes0 = allocatedBytes(), cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        net.numericalGradient(xs, t);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
        double params = net.params().values().stream().mapToInt(Tensor::numel).sum();
        // 'KB alloc/step' for this row: per loss evaluation (two per parameter element).
        return new Timing(seconds, seconds, cpuSeconds, (allocatedBytes() - bytes0) / (2 * params));
    }
}
