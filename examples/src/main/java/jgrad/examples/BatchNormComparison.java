package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jgrad.charts.Chart;
import jgrad.charts.Charts;
import jgrad.charts.Series;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.nn.Layer;
import jgrad.optim.Optimizer;
import jgrad.optim.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Chapter 6.3 of ゼロから作るDeep Learning ({@code ch06/batch_norm_test.py}): the book's 6-layer
 * net (784 - 100 x 5 - 10, ReLU) with and without batch normalisation, trained side by side on the
 * same random batches of the first 1,000 MNIST training images (SGD lr 0.01, batch 100), for
 * initial weight scales from 1 down to 0.0001; the training accuracy after each epoch of 10
 * iterations (measured after the epoch's first iteration, as the book does).
 */
@Command(name = "batch-norm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "training accuracy of the 6-layer net with and without batch normalisation, for weight scales 1 .. 0.0001",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example batch-norm --scales 4 --epochs 10")
public final class BatchNormComparison implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Mixin
    MnistSource source;

    @Option(names = "--train-size", defaultValue = "1000", description = "the first N training images to learn (default: ${DEFAULT-VALUE})")
    int trainSize;

    @Option(names = "--scales", defaultValue = "16",
            description = "how many weight scales, evenly spaced on a log axis from 1 to 0.0001 (default: ${DEFAULT-VALUE}, the book's np.logspace(0, -4, 16))")
    int scales;

    @Option(names = "--epochs", defaultValue = "20", description = "epochs per scale (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "100", description = "images per iteration, drawn at random (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.01", description = "SGD learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    /** The number of training images of the last run. */
    private int trainImages;

    /** The training accuracy per epoch (fractions) without and with batch normalisation, for one weight scale. */
    record Curves(double scale, double[] plain, double[] batchNorm) {
        double lastPlain() {
            return plain[plain.length - 1];
        }

        double lastBatchNorm() {
            return batchNorm[batchNorm.length - 1];
        }
    }

    /** The book's {@code np.logspace(0, -4, num=n)}. */
    static double[] logspace(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = n == 1 ? 1 : Math.pow(10, -4.0 * i / (n - 1));
        return w;
    }

    /** Runs every scale, printing to {@code out}. */
    List<Curves> run(PrintStream out) throws IOException {
        Checks.require(spec, trainSize >= 1 && scales >= 1 && epochs >= 1 && batchSize >= 1,
                "--train-size, --scales, --epochs and --batch-size must be >= 1");
        Checks.require(spec, lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        Checks.require(spec, source.limit >= 0, "--limit must be >= 0 (0: all images), got " + source.limit);
        Dataset all = source.load(Mnist.Split.TRAIN);
        Dataset train = all.subset(0, Math.min(trainSize, all.size()));
        trainImages = train.size();
        int perEpoch = Math.max(train.size() / batchSize, 1);
        out.println("note: batch norm keeps the unbiased running variance (as PyTorch) where the book keeps the biased one; "
                + "both nets of a scale start from the same random numbers");
        out.printf(Locale.ROOT, "MNIST from %s: the first %d training images; 6-layer net 784-100-100-100-100-100-10 (ReLU), "
                + "with batch norm (before each ReLU) and without; SGD lr %s, batch %d drawn at random, %d epochs of %d iterations, seed %d%n",
                source.describe(), train.size(), lr, batchSize, epochs, perEpoch, seed);
        out.println("  weight scale   training accuracy after the last epoch: without / with batch norm");
        long start = System.nanoTime();
        List<Curves> curves = new ArrayList<>();
        for (double w : logspace(scales)) {
            Layer bn = Chapter6.reluNet(5, Chapter6.std(w), true, 0, new SplittableRandom(seed));
            Layer plain = Chapter6.reluNet(5, Chapter6.std(w), false, 0, new SplittableRandom(seed));
            List<Optimizer> bnSgd = List.of(new Sgd(bn.parameters(), lr));
            List<Optimizer> plainSgd = List.of(new Sgd(plain.parameters(), lr));
            double[] bnAcc = new double[epochs];
            double[] plainAcc = new double[epochs];
            Chapter6.epochs(train, batchSize, perEpoch, epochs, seed, b -> {
                Chapter6.step(bn, bnSgd, b);
                Chapter6.step(plain, plainSgd, b);
            }, epoch -> {
                bnAcc[epoch] = Chapter6.accuracy(bn, train);
                plainAcc[epoch] = Chapter6.accuracy(plain, train);
            });
            var c = new Curves(w, plainAcc, bnAcc);
            curves.add(c);
            out.printf(Locale.ROOT, "  %12.6f   %6.1f%% / %6.1f%%%n", w, 100 * c.lastPlain(), 100 * c.lastBatchNorm());
        }
        out.printf(Locale.ROOT, "%.1f s for %d scales%n", (System.nanoTime() - start) / 1e9, scales);
        return curves;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        List<Curves> curves = run(out);
        List<Chart> panels = new ArrayList<>();
        for (Curves c : curves) {
            panels.add(Charts.line("W = " + new java.math.BigDecimal(c.scale()).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString(), "epoch", "training accuracy (%)",
                    List.of(Series.of("with batch norm", percent(c.batchNorm())), Series.of("without", percent(c.plain()))))
                    .withSize(520, 360));
        }
        var chart = Chart.grid("Training accuracy with and without batch normalisation, per initial weight scale W ("
                + trainImages + " MNIST images)", panels, Math.min(4, panels.size()));
        for (var file : output.chart(chart, "batch-norm")) out.println("wrote " + file);
        return 0;
    }

    static double[] percent(double[] fractions) {
        double[] p = new double[fractions.length];
        for (int i = 0; i < p.length; i++) p[i] = 100 * fractions[i];
        return p;
    }
}
