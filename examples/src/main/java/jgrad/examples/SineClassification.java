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
import jgrad.charts.Points;
import jgrad.charts.Scale;
import jgrad.charts.Series;
import jgrad.data.Shuffle;
import jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Classification by backpropagation, the next chapter of はじめてのディープラーニング: the points
 * {@code (x, y)} of a grid over [-1, 1]² with step 0.1 (441 points), class 0 where
 * {@code y >= sin(πx)} and class 1 below; a network with 2 inputs, a hidden layer of
 * {@code --n-mid} sigmoid neurons and a softmax output learns them with the cross-entropy error and
 * SGD on one shuffled sample at a time. Every {@code --interval} epochs it prints the mean error
 * and the accuracy and records the predicted classes (as predicted while the epoch trained them,
 * as the book plots them); at the end it prints the accuracy of the trained network.
 */
@Command(name = "sine-classification", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "a 2-6-2 sigmoid/softmax net learns which grid points lie above sin(pi x), on hand-written layers; classes every 10 epochs",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example sine-classification --epochs 201 --interval 20")
public final class SineClassification implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--n-mid", defaultValue = "6", description = "hidden sigmoid neurons (default: ${DEFAULT-VALUE})")
    int nMid;

    @Option(names = "--eta", defaultValue = "0.1", description = "learning rate (default: ${DEFAULT-VALUE})")
    double eta;

    @Option(names = "--epochs", defaultValue = "101", description = "passes over the 441 points (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--interval", defaultValue = "10", description = "print and record every N epochs (default: ${DEFAULT-VALUE})")
    int interval;

    @Option(names = "--wb-width", defaultValue = "0.01", description = "scale of the initial weights and biases, times randn (default: ${DEFAULT-VALUE})")
    double wbWidth;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights and the shuffles (default: ${DEFAULT-VALUE})")
    long seed;

    /** The grid's coordinates per axis, {@code -1, -0.9, ..., 1}, as {@code np.arange(-1.0, 1.1, 0.1)}. */
    static double[] axis() {
        double[] a = new double[21];
        for (int i = 0; i < a.length; i++) a[i] = -1.0 + 0.1 * i;
        return a;
    }

    /** The predicted class of every point at epoch {@code epoch}, with the mean error and the accuracy then. */
    record Snapshot(int epoch, double error, double accuracy, int[] predicted) {}

    /**
     * The points ({@code points[i] = {x, y}}), their classes, the mean error of every epoch, the
     * snapshots and the accuracy of the trained network.
     */
    record Result(double[][] points, int[] labels, double[] errors, List<Snapshot> snapshots, double finalAccuracy) {}

    /** Trains and records, printing to {@code out}. */
    Result run(PrintStream out) {
        Checks.require(spec, nMid >= 1, "--n-mid must be >= 1, got " + nMid);
        Checks.require(spec, eta > 0 && Double.isFinite(eta), "--eta must be a positive number, got " + eta);
        Checks.require(spec, epochs >= 1 && interval >= 1, "--epochs and --interval must be >= 1");
        Checks.require(spec, wbWidth > 0 && Double.isFinite(wbWidth), "--wb-width must be a positive number, got " + wbWidth);
        double[] axis = axis();
        int n = axis.length * axis.length;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        int k = 0;
        for (double x : axis) {
            for (double y : axis) {
                points[k] = new double[] {x, y};
                labels[k++] = y < Math.sin(Math.PI * x) ? 1 : 0;
            }
        }
        var rng = new SplittableRandom(seed);
        var middle = new TutorialLayers.MiddleLayer(2, nMid, wbWidth, rng);
        var outLayer = new TutorialLayers.SoftmaxOutputLayer(nMid, 2, wbWidth, rng);
        out.printf(Locale.ROOT, "%d grid points in [-1, 1]², class 0 on or above sin(pi x), class 1 below; net 2-%d-2 "
                + "(sigmoid, softmax output), cross entropy, SGD batch 1, eta %s, %d epochs, seed %d%n", n, nMid, eta, epochs, seed);
        double[] errors = new double[epochs];
        List<Snapshot> snapshots = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double total = 0;
            int correct = 0;
            int[] predicted = new int[n];
            for (int idx : Shuffle.permutation(n, rng)) {
                Tensor x = Tensor.of(points[idx].clone(), 1, 2);
                Tensor t = Tensor.of(labels[idx] == 0 ? new double[] {1, 0} : new double[] {0, 1}, 1, 2);
                double[] y = outLayer.forward(middle.forward(x)).toDoubleArray();
                middle.backward(outLayer.backward(t));
                middle.update(eta);
                outLayer.update(eta);
                total += -Math.log(y[labels[idx]] + 1e-7); // the book's -Σ t log(y + 1e-7)
                predicted[idx] = y[0] > y[1] ? 0 : 1;
                if (predicted[idx] == labels[idx]) correct++;
            }
            errors[epoch] = total / n;
            if (epoch % interval == 0) {
                snapshots.add(new Snapshot(epoch, errors[epoch], (double) correct / n, predicted));
                out.printf(Locale.ROOT, "epoch %4d/%d  error %.6f  accuracy %5.1f%%%n", epoch, epochs, errors[epoch],
                        100.0 * correct / n);
            }
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double[] y = outLayer.forward(middle.forward(Tensor.of(points[i].clone(), 1, 2))).toDoubleArray();
            if ((y[0] > y[1] ? 0 : 1) == labels[i]) correct++;
        }
        double accuracy = (double) correct / n;
        out.printf(Locale.ROOT, "accuracy of the trained network: %.1f%% (%d of %d points)%n", 100 * accuracy, correct, n);
        return new Result(points, labels, errors, snapshots, accuracy);
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Result r = run(out);
        double[] x = new double[r.points().length];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.points()[i][0];
            y[i] = r.points()[i][1];
        }
        List<Chart> frames = new ArrayList<>();
        for (Snapshot s : r.snapshots()) {
            frames.add(Charts.scatter(String.format(Locale.ROOT, "Predicted classes: epoch %d of %d, error %.4f, accuracy %.1f%%",
                    s.epoch(), epochs, s.error(), 100 * s.accuracy()), "x", "y", new Points(x, y, s.predicted()),
                    List.of("class 0: y ≥ sin(πx)", "class 1: y < sin(πx)")));
        }
        out.println("wrote " + output.gif("sine-classification", frames));
        for (var p : output.chart(frames.getLast(), "sine-classification")) out.println("wrote " + p);
        double[] epoch = new double[r.errors().length];
        for (int e = 0; e < epoch.length; e++) epoch[e] = e;
        List<Series> errors = List.of(new Series("training", epoch, r.errors()));
        var curve = Charts.line("Sine classification, 2-" + nMid + "-2 net: mean error per epoch", "epoch",
                "mean error (cross entropy)", errors, Scale.suggested(errors));
        for (var p : output.chart(curve, "sine-classification-error")) out.println("wrote " + p);
        return 0;
    }
}
