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
import jgrad.nn.Parameter;
import jgrad.optim.Optimizer;
import jgrad.optim.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Chapter 6.4 of ゼロから作るDeep Learning ({@code ch06/overfit_weight_decay.py} and
 * {@code overfit_dropout.py}): the book's 7-layer net (784 - 100 x 6 - 10, ReLU, He weights) learns
 * only the first 300 MNIST training images (SGD lr 0.01, batch 100 drawn at random, 201 epochs of 3
 * iterations), three times: without regularisation, with weight decay (the book's L2 penalty
 * {@code lambda/2 * sum(W²)} on the weights, not the biases) and with dropout after each hidden
 * ReLU. After each epoch's first iteration it measures the accuracy on the 300 images and on the
 * test set; the gap between them is the overfitting.
 */
@Command(name = "overfitting", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "train vs test accuracy of a 7-layer net on 300 MNIST images: no regularisation, weight decay 0.1, dropout 0.15",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example overfitting --epochs 101 --limit 2000")
public final class Overfitting implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Mixin
    MnistSource source;

    @Option(names = "--train-size", defaultValue = "300", description = "the first N training images to learn (default: ${DEFAULT-VALUE})")
    int trainSize;

    @Option(names = "--epochs", defaultValue = "201", description = "epochs of train-size / batch-size iterations (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "100", description = "images per iteration, drawn at random (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.01", description = "SGD learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "lambda of the weight decay run (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--dropout", defaultValue = "0.15", description = "drop probability of the dropout run (default: ${DEFAULT-VALUE})")
    double dropout;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights, the dropout masks and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    /** The number of training images of the last run. */
    private int trainImages;

    /** One run: its name and its train and test accuracy (fractions) after each epoch. */
    record Run(String name, double[] train, double[] test) {
        double lastTrain() {
            return train[train.length - 1];
        }

        double lastTest() {
            return test[test.length - 1];
        }

        /** Train minus test accuracy after the last epoch. */
        double gap() {
            return lastTrain() - lastTest();
        }
    }

    /** The three runs, in order: no regularisation, weight decay, dropout. */
    List<Run> run(PrintStream out) throws IOException {
        Checks.require(spec, trainSize >= 1 && epochs >= 1 && batchSize >= 1, "--train-size, --epochs and --batch-size must be >= 1");
        Checks.require(spec, lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        Checks.require(spec, weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay must be >= 0, got " + weightDecay);
        Checks.require(spec, dropout > 0 && dropout < 1, "--dropout must be in (0, 1), got " + dropout);
        Checks.require(spec, source.limit >= 0, "--limit must be >= 0 (0: all images), got " + source.limit);
        Dataset all = source.load(Mnist.Split.TRAIN);
        Dataset train = all.subset(0, Math.min(trainSize, all.size()));
        Dataset test = source.load(Mnist.Split.TEST);
        trainImages = train.size();
        int perEpoch = Math.max(train.size() / batchSize, 1);
        out.println("note: the book's overfit_dropout.py runs 301 epochs with p 0.2; here all three runs take 201 epochs (--epochs) "
                + "and the dropout run p 0.15 (--dropout)");
        out.printf(Locale.ROOT, "MNIST from %s: the first %d training images, %d test images; 7-layer net 784-100-100-100-100-100-100-10 "
                + "(ReLU, He weights); SGD lr %s, batch %d drawn at random, %d epochs of %d iterations, seed %d%n",
                source.describe(), train.size(), test.size(), lr, batchSize, epochs, perEpoch, seed);
        List<Run> runs = new ArrayList<>();
        runs.add(train("no regularisation", 0, 0, train, test, perEpoch, out));
        runs.add(train("weight decay " + weightDecay, weightDecay, 0, train, test, perEpoch, out));
        runs.add(train("dropout " + dropout, 0, dropout, train, test, perEpoch, out));
        return runs;
    }

    private Run train(String name, double lambda, double p, Dataset train, Dataset test, int perEpoch, PrintStream out) {
        long start = System.nanoTime();
        Layer net = Chapter6.reluNet(6, Chapter6.HE, false, p, new SplittableRandom(seed));
        List<Parameter> weights = new ArrayList<>();
        List<Parameter> biases = new ArrayList<>();
        net.namedParameters().forEach((key, param) -> (key.endsWith("weight") ? weights : biases).add(param));
        // NOTE: the book's penalty covers the weights only: d/dW (lambda/2 W²) = lambda W, biases undecayed
        List<Optimizer> sgd = List.of(new Sgd(weights, lr).weightDecay(lambda), new Sgd(biases, lr));
        double[] trainAcc = new double[epochs];
        double[] testAcc = new double[epochs];
        Chapter6.epochs(train, batchSize, perEpoch, epochs, seed, b -> Chapter6.step(net, sgd, b), epoch -> {
            trainAcc[epoch] = Chapter6.accuracy(net, train);
            testAcc[epoch] = Chapter6.accuracy(net, test);
        });
        var run = new Run(name, trainAcc, testAcc);
        out.printf(Locale.ROOT, "  %-20s train %5.1f%%  test %5.1f%%  gap %5.1f points  (%.1f s)%n", name, 100 * run.lastTrain(),
                100 * run.lastTest(), 100 * run.gap(), (System.nanoTime() - start) / 1e9);
        return run;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        List<Run> runs = run(out);
        List<Chart> panels = new ArrayList<>();
        for (Run r : runs) {
            panels.add(Charts.line(r.name(), "epoch", "accuracy (%)", List.of(Series.of("train", BatchNormComparison.percent(r.train())),
                    Series.of("test", BatchNormComparison.percent(r.test())))).withSize(600, 420));
        }
        var chart = Chart.grid(String.format(Locale.ROOT, "Overfitting %d MNIST training images: train vs test accuracy per epoch",
                trainImages), panels, 3);
        for (var file : output.chart(chart, "overfitting")) out.println("wrote " + file);
        return 0;
    }
}
