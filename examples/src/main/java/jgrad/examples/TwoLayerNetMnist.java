package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.manual.TwoLayerNet;
import jgrad.tensor.Tensor;

/**
 * The curriculum's chapter-5 two-layer network ({@link TwoLayerNet}: Affine, ReLU, Affine,
 * SoftmaxWithLoss, gradients by hand-written backprop) on MNIST, in float64. First a gradient
 * check: on a few training images, the mean absolute difference between the numerical gradient
 * (central differences) and the backprop gradient of each parameter. Then mini-batch SGD: batch
 * 100 drawn at random (with replacement) each iteration, lr 0.1, weights N(0, 0.01^2), printing
 * the mean loss and the train and test accuracy once per epoch (60,000 / 100 iterations).
 *
 * <p>Options: {@code --iterations 10000}, {@code --hidden 50}, {@code --batch-size 100},
 * {@code --lr 0.1}, {@code --check-samples 3}, {@code --seed 1}, {@code --data-dir DIR},
 * {@code --limit N} (use only the first N training and test images).
 */
public final class TwoLayerNetMnist {
    private TwoLayerNetMnist() {}

    /** The settings of a run. */
    record Settings(int iterations, int hidden, int batchSize, double lr, int checkSamples, long seed, String dataDir,
            int limit) {}

    /** One line of the per-epoch log. */
    record Epoch(int iteration, double meanLoss, double trainAccuracy, double testAccuracy) {}

    /** The gradient check (mean |numerical - backprop| per parameter) and the per-epoch log. */
    record Run(SequencedMap<String, Double> gradientDifferences, List<Epoch> epochs) {}

    /** Runs the gradient check and the training; prints to {@code out}. */
    static Run run(Settings s, PrintStream out) throws IOException {
        Dataset train = MnistData.load(s.dataDir(), Mnist.Split.TRAIN, s.limit());
        Dataset test = MnistData.load(s.dataDir(), Mnist.Split.TEST, s.limit());
        var rng = new SplittableRandom(s.seed());
        var net = new TwoLayerNet(train.featureSize(), s.hidden(), train.classes(), 0.01, rng);
        out.printf(Locale.ROOT, "TwoLayerNet %d-%d-%d (jgrad.manual, float64), MNIST from %s: %d train / %d test images%n",
                train.featureSize(), s.hidden(), train.classes(), MnistData.describe(s.dataDir()), train.size(), test.size());

        out.printf(Locale.ROOT, "gradient check on %d images: mean |numerical - backprop| (h = %s)%n", s.checkSamples(), TwoLayerNet.H);
        int[] first = new int[s.checkSamples()];
        for (int i = 0; i < first.length; i++) first[i] = i;
        Tensor xCheck = rows(train, first);
        int[] tCheck = labels(train, first);
        long checkStart = System.nanoTime();
        var numerical = net.numericalGradient(xCheck, tCheck);
        double checkSeconds = (System.nanoTime() - checkStart) / 1e9;
        var backprop = net.gradient(xCheck, tCheck);
        var differences = new LinkedHashMap<String, Double>();
        for (String name : net.params().keySet()) {
            double[] a = numerical.get(name).toDoubleArray();
            double[] b = backprop.get(name).toDoubleArray();
            double sum = 0;
            for (int i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
            differences.put(name, sum / a.length);
            out.printf(Locale.ROOT, "  %-3s %.3e%n", name, sum / a.length);
        }
        out.printf(Locale.ROOT, "numerical gradient of %d parameters on %d images: %.2f s%n",
                net.params().values().stream().mapToInt(Tensor::numel).sum(), first.length, checkSeconds);

        int iterPerEpoch = Math.max(train.size() / s.batchSize(), 1);
        out.printf(Locale.ROOT, "training: %d iterations, batch %d (random, with replacement), SGD lr %s, %d iterations per epoch%n",
                s.iterations(), s.batchSize(), s.lr(), iterPerEpoch);
        List<Epoch> epochs = new ArrayList<>();
        double lossSum = 0;
        int lossCount = 0;
        int[] batch = new int[s.batchSize()];
        for (int i = 0; i < s.iterations(); i++) {
            for (int j = 0; j < batch.length; j++) batch[j] = rng.nextInt(train.size());
            Tensor x = rows(train, batch);
            int[] t = labels(train, batch);
            net.update(net.gradient(x, t), s.lr());
            lossSum += net.loss(x, t);
            lossCount++;
            if ((i + 1) % iterPerEpoch == 0 || i == s.iterations() - 1) {
                var e = new Epoch(i + 1, lossSum / lossCount, accuracy(net, train), accuracy(net, test));
                epochs.add(e);
                out.printf(Locale.ROOT, "iteration %6d  loss %.4f  train accuracy %.2f%%  test accuracy %.2f%%%n",
                        e.iteration(), e.meanLoss(), 100 * e.trainAccuracy(), 100 * e.testAccuracy());
                lossSum = 0;
                lossCount = 0;
            }
        }
        return new Run(differences, epochs);
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

    /** Runs the example. */
    public static void main(String[] args) throws IOException {
        var o = new Options("two-layer-net", args,
                List.of("iterations", "hidden", "batch-size", "lr", "check-samples", "seed", "data-dir", "limit"));
        var s = new Settings(o.integer("iterations", 10000), o.integer("hidden", 50), o.integer("batch-size", 100),
                o.number("lr", 0.1), o.integer("check-samples", 3), o.longInteger("seed", 1),
                o.string("data-dir", null), o.integer("limit", 0));
        if (s.iterations() < 1 || s.hidden() < 1 || s.batchSize() < 1 || !(s.lr() > 0) || s.checkSamples() < 1
                || s.limit() < 0) {
            throw new IllegalArgumentException("two-layer-net: need --iterations, --hidden, --batch-size, --check-samples >= 1, "
                    + "--lr > 0, --limit >= 0");
        }
        run(s, System.out);
    }
}
