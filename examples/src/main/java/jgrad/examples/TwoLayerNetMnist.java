package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jgrad.charts.Charts;
import jgrad.charts.Series;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.manual.TwoLayerNet;
import jgrad.nn.Losses;
import jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The curriculum's two-layer network ({@link TwoLayerNet}: Affine, ReLU or sigmoid, Affine,
 * SoftmaxWithLoss) on MNIST, in float64, as chapters 4 and 5 train it. First a gradient check: on
 * a few training images, the mean absolute difference between the numerical gradient (central
 * differences) and the backprop gradient of each parameter, and between autograd and backprop.
 * Then mini-batch SGD: batch 100 drawn at random (with replacement) each iteration, lr 0.1,
 * weights N(0, 0.01²), with the gradient from {@code --gradient}: {@code numerical} (chapter 4;
 * very slow, so only a few iterations by default), {@code backprop} (chapter 5) or {@code autograd}
 * (the same network on {@code jgrad.tensor}). Prints the mean loss and the train and test accuracy
 * once per epoch (60,000 / 100 iterations) and the time per iteration.
 */
@Command(name = "two-layer-net", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "the curriculum's TwoLayerNet 784-50-10 on MNIST: gradient check, then SGD with numerical, backprop or autograd gradients",
        footerHeading = "%nExamples:%n",
        footer = {"  ./jgrad example two-layer-net --activation sigmoid --iterations 3000",
                  "  ./jgrad example two-layer-net --gradient numerical --limit 1000 --hidden 10"})
public final class TwoLayerNetMnist implements Callable<Integer> {
    /** Iterations of {@code --gradient numerical} unless {@code --iterations} says otherwise. */
    static final int NUMERICAL_ITERATIONS = 2;
    /** Iterations of the other gradients unless {@code --iterations} says otherwise. */
    static final int ITERATIONS = 10_000;

    /** Where the training gradient comes from. */
    enum GradientSource {
        /** Central differences, two forward passes per parameter: chapter 4. */
        NUMERICAL,
        /** The hand-written backward passes of {@code jgrad.manual}: chapter 5. */
        BACKPROP,
        /** {@code jgrad.tensor}'s automatic differentiation of the same network. */
        AUTOGRAD;

        /** Converts {@code numerical|backprop|autograd}. */
        static final class Names extends LowerCaseEnum<GradientSource> {
            Names() { super(GradientSource.class); }
        }
    }

    /** Converts {@code sigmoid|relu}. */
    static final class ActivationNames extends LowerCaseEnum<TwoLayerNet.Activation> {
        ActivationNames() { super(TwoLayerNet.Activation.class); }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Mixin
    MnistSource source;

    @Option(names = "--activation", defaultValue = "relu", converter = ActivationNames.class,
            description = "hidden activation: sigmoid (chapter 4) or relu (chapter 5) (default: ${DEFAULT-VALUE})")
    TwoLayerNet.Activation activation;

    @Option(names = "--gradient", defaultValue = "backprop", converter = GradientSource.Names.class,
            description = "training gradient: numerical|backprop|autograd (default: ${DEFAULT-VALUE})")
    GradientSource gradient;

    @Option(names = "--iterations", description = "SGD iterations (default: " + ITERATIONS + ", or "
            + NUMERICAL_ITERATIONS + " with --gradient numerical)")
    Integer iterations;

    @Option(names = "--hidden", defaultValue = "50", description = "hidden neurons (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--batch-size", defaultValue = "100", description = "images per iteration (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.1", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--check-samples", defaultValue = "3", description = "images of the gradient check (default: ${DEFAULT-VALUE})")
    int checkSamples;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    /** One line of the per-epoch log. */
    record Epoch(int iteration, double meanLoss, double trainAccuracy, double testAccuracy) {}

    /**
     * The gradient check (mean |numerical - backprop| and mean |autograd - backprop| per
     * parameter), the per-epoch log (and a last line when the run ends mid-epoch), the mean time of
     * one training iteration and the iterations that make an epoch.
     */
    record Run(SequencedMap<String, Double> gradientDifferences, SequencedMap<String, Double> autogradDifferences,
               List<Epoch> epochs, double millisPerIteration, int iterationsPerEpoch) {}

    /** The iterations this run trains for. */
    int iterations() {
        return iterations != null ? iterations : gradient == GradientSource.NUMERICAL ? NUMERICAL_ITERATIONS : ITERATIONS;
    }

    /** Runs the gradient check and the training; prints to {@code out}. */
    Run run(PrintStream out) throws IOException {
        int steps = iterations();
        Checks.require(spec, steps >= 1 && hidden >= 1 && batchSize >= 1 && checkSamples >= 1,
                "--iterations, --hidden, --batch-size and --check-samples must be >= 1");
        Checks.require(spec, lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        Checks.require(spec, source.limit >= 0, "--limit must be >= 0 (0: all images), got " + source.limit);
        Dataset train = source.load(Mnist.Split.TRAIN);
        Dataset test = source.load(Mnist.Split.TEST);
        Checks.require(spec, checkSamples <= train.size(), "--check-samples must be at most the " + train.size() + " training images");
        var rng = new SplittableRandom(seed);
        var net = new TwoLayerNet(train.featureSize(), hidden, train.classes(), 0.01, rng, activation);
        out.printf(Locale.ROOT, "TwoLayerNet %d-%d-%d (%s, jgrad.manual, float64), MNIST from %s: %d train / %d test images%n",
                train.featureSize(), hidden, train.classes(), LowerCaseEnum.name(activation), source.describe(), train.size(), test.size());

        out.println("note: unlike the book, the loss is -Σ t log_softmax(x) / N (exact, never infinite), not -Σ t log(y + 1e-7) / N;"
                + " the gradient (y - t) / N is the same");
        out.printf(Locale.ROOT, "gradient check on %d images: mean |numerical - backprop| and |autograd - backprop| (h = 1e-4)%n",
                checkSamples);
        int[] first = new int[checkSamples];
        for (int i = 0; i < first.length; i++) first[i] = i;
        Tensor xCheck = rows(train, first);
        int[] tCheck = labels(train, first);
        var backprop = net.gradient(xCheck, tCheck);
        long checkStart = System.nanoTime();
        var numericalGradient = net.numericalGradient(xCheck, tCheck);
        double checkSeconds = (System.nanoTime() - checkStart) / 1e9;
        var numerical = meanAbsDifference(numericalGradient, backprop);
        var autograd = meanAbsDifference(autogradGradient(net, activation, xCheck, tCheck), backprop);
        for (String name : numerical.keySet()) {
            out.printf(Locale.ROOT, "  %-3s %.3e   %.3e%n", name, numerical.get(name), autograd.get(name));
        }
        out.printf(Locale.ROOT, "numerical gradient of %d parameters on %d images: %.2f s%n",
                net.params().values().stream().mapToInt(Tensor::numel).sum(), first.length, checkSeconds);

        int iterPerEpoch = Math.max(train.size() / batchSize, 1);
        out.printf(Locale.ROOT, "training: %d iterations, %s gradients, batch %d (random, with replacement), SGD lr %s, "
                + "%d iterations per epoch%n", steps, LowerCaseEnum.name(gradient), batchSize, lr, iterPerEpoch);
        List<Epoch> epochs = new ArrayList<>();
        double lossSum = 0;
        int lossCount = 0;
        long nanos = 0;
        int[] batch = new int[batchSize];
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < batch.length; j++) batch[j] = rng.nextInt(train.size());
            Tensor x = rows(train, batch);
            int[] t = labels(train, batch);
            long t0 = System.nanoTime();
            SequencedMap<String, Tensor> grads = switch (gradient) {
                case NUMERICAL -> net.numericalGradient(x, t);
                case BACKPROP -> net.gradient(x, t);
                case AUTOGRAD -> autogradGradient(net, activation, x, t);
            };
            net.update(grads, lr);
            long took = System.nanoTime() - t0;
            nanos += took;
            if (gradient == GradientSource.NUMERICAL) {
                out.printf(Locale.ROOT, "iteration %d took %.1f s (numerical gradient: 2 forward passes per parameter)%n",
                        i + 1, took / 1e9);
            }
            lossSum += net.loss(x, t);
            lossCount++;
            if ((i + 1) % iterPerEpoch == 0 || i == steps - 1) {
                var e = new Epoch(i + 1, lossSum / lossCount, accuracy(net, train), accuracy(net, test));
                epochs.add(e);
                out.printf(Locale.ROOT, "iteration %6d  loss %.4f  train accuracy %.2f%%  test accuracy %.2f%%%n",
                        e.iteration(), e.meanLoss(), 100 * e.trainAccuracy(), 100 * e.testAccuracy());
                lossSum = 0;
                lossCount = 0;
            }
        }
        double millis = nanos / 1e6 / steps;
        out.printf(Locale.ROOT, "time per iteration (%s gradient and update): %.3f ms%n", LowerCaseEnum.name(gradient), millis);
        if (gradient == GradientSource.NUMERICAL) {
            out.printf(Locale.ROOT, "at this speed the book's %,d iterations would take %s; --gradient backprop gives the "
                    + "same gradients (see the check above) in milliseconds%n", ITERATIONS, roughly(millis * ITERATIONS / 1e3));
        }
        return new Run(numerical, autograd, epochs, millis, iterPerEpoch);
    }

    /** {@return a time in seconds as hours, minutes or seconds, the largest unit it fills at least once} */
    static String roughly(double seconds) {
        if (seconds >= 3600) return String.format(Locale.ROOT, "%.1f hours", seconds / 3600);
        if (seconds >= 60) return String.format(Locale.ROOT, "%.0f minutes", seconds / 60);
        return String.format(Locale.ROOT, "%.0f seconds", seconds);
    }

    /** Per parameter, the mean of {@code |a - b|}. */
    private static SequencedMap<String, Double> meanAbsDifference(SequencedMap<String, Tensor> a, SequencedMap<String, Tensor> b) {
        var out = new LinkedHashMap<String, Double>();
        for (String name : a.keySet()) {
            double[] x = a.get(name).toDoubleArray();
            double[] y = b.get(name).toDoubleArray();
            double sum = 0;
            for (int i = 0; i < x.length; i++) sum += Math.abs(x[i] - y[i]);
            out.put(name, sum / x.length);
        }
        return out;
    }

    /**
     * The gradients of the net's loss by autograd: the same forward on {@code jgrad.tensor}
     * (leaves sharing the net's parameter storage), {@link Losses#crossEntropy}, {@code backward()}.
     */
    static SequencedMap<String, Tensor> autogradGradient(TwoLayerNet net, TwoLayerNet.Activation activation, Tensor x, int[] t) {
        var leaves = new LinkedHashMap<String, Tensor>();
        net.params().forEach((name, p) -> leaves.put(name, p.detach().requiresGrad(true)));
        Tensor h = x.matmul(leaves.get("W1")).add(leaves.get("b1"));
        h = activation == TwoLayerNet.Activation.SIGMOID ? h.sigmoid() : h.relu();
        Losses.crossEntropy(h.matmul(leaves.get("W2")).add(leaves.get("b2")), t).backward();
        var grads = new LinkedHashMap<String, Tensor>();
        leaves.forEach((name, leaf) -> grads.put(name, leaf.grad()));
        return grads;
    }

    /** Accuracy over the whole dataset, 1,000 images at a time (a float64 copy of all 60,000 would take 376 MB). */
    static double accuracy(TwoLayerNet net, Dataset data) {
        long correct = 0;
        for (int from = 0; from < data.size(); from += 1000) {
            int[] idx = new int[Math.min(1000, data.size() - from)];
            for (int i = 0; i < idx.length; i++) idx[i] = from + i;
            correct += Math.round(net.accuracy(rows(data, idx), labels(data, idx)) * idx.length);
        }
        return (double) correct / data.size();
    }

    /** The features of the examples {@code idx} as a float64 tensor {@code (idx.length, features)}. */
    static Tensor rows(Dataset data, int[] idx) {
        int width = data.featureSize();
        float[] row = new float[width];
        double[] x = new double[idx.length * width];
        for (int i = 0; i < idx.length; i++) {
            data.copyFeatures(idx[i], row, 0);
            for (int j = 0; j < width; j++) x[i * width + j] = row[j];
        }
        return Tensor.of(x, idx.length, width);
    }

    private static int[] labels(Dataset data, int[] idx) {
        int[] t = new int[idx.length];
        for (int i = 0; i < idx.length; i++) t[i] = data.label(idx[i]);
        return t;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Run run = run(out);
        var csv = new StringBuilder("iteration,mean_loss,train_accuracy,test_accuracy\n");
        for (Epoch e : run.epochs()) {
            csv.append(e.iteration()).append(',').append(e.meanLoss()).append(',').append(e.trainAccuracy()).append(',')
                    .append(e.testAccuracy()).append('\n');
        }
        out.println("wrote " + output.write("two-layer-net-accuracy.csv", csv.toString()));
        int perEpoch = run.iterationsPerEpoch();
        double[] epoch = new double[run.epochs().size()];
        double[] train = new double[epoch.length];
        double[] test = new double[epoch.length];
        for (int i = 0; i < epoch.length; i++) {
            Epoch e = run.epochs().get(i);
            epoch[i] = (double) e.iteration() / perEpoch;
            train[i] = 100 * e.trainAccuracy();
            test[i] = 100 * e.testAccuracy();
        }
        var chart = Charts.line(String.format(Locale.ROOT, "TwoLayerNet (%s, %s gradients): accuracy per epoch",
                LowerCaseEnum.name(activation), LowerCaseEnum.name(gradient)), "epoch (" + perEpoch + " iterations)", "accuracy (%)",
                List.of(new Series("train", epoch, train), new Series("test", epoch, test)));
        for (var p : output.chart(chart, "two-layer-net-accuracy")) out.println("wrote " + p);
        return 0;
    }
}
