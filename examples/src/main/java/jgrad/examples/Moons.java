package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jgrad.charts.Chart;
import jgrad.charts.Charts;
import jgrad.charts.Grid;
import jgrad.charts.Points;
import jgrad.data.ToyData;
import jgrad.scalar.Mlp;
import jgrad.scalar.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * micrograd's two-moons demo on the scalar engine: 100 points with noise 0.1, an MLP 2-16-16-1
 * (ReLU, linear output), max-margin (SVM) loss plus 1e-4 L2, and 100 full-batch SGD steps with
 * {@code lr = 1.0 - 0.9 k / 100}. Every {@code --record-every} steps it records the decision
 * boundary: the network's score on a grid over the data, ready to be drawn frame by frame.
 */
@Command(name = "moons", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "micrograd's two-moons demo: MLP 2-16-16-1, SVM loss, 100 SGD steps, reaches 100%%; records the decision boundary",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example moons --runs 5 --record-every 5")
public final class Moons implements Callable<Integer> {
    /** A seed with which the demo reaches 100 % training accuracy. */
    static final long DEFAULT_SEED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the data and the weights (default: ${DEFAULT-VALUE}, reaches 100%%)")
    long seed;

    @Option(names = "--steps", defaultValue = "100", description = "SGD steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--runs", defaultValue = "1",
            description = "train that many times in one JVM and report the last, warmed-up run (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--record-every", defaultValue = "10",
            description = "record the decision boundary every N steps, and at the end (default: ${DEFAULT-VALUE})")
    int recordEvery;

    @Option(names = "--grid", defaultValue = "100", description = "grid points per axis of the decision boundary (default: ${DEFAULT-VALUE})")
    int gridSize;

    /** The cells the decision boundary is sampled on: the data's bounding box with a margin of 0.5, {@code n x n} cells. */
    static Grid gridAround(ToyData.Points data, int n) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : data.x()) {
            for (int d = 0; d < 2; d++) {
                lo[d] = Math.min(lo[d], p[d]);
                hi[d] = Math.max(hi[d], p[d]);
            }
        }
        return new Grid(lo[0] - 0.5, hi[0] + 0.5, lo[1] - 0.5, hi[1] + 0.5, n, n);
    }

    /**
     * The network after {@code step} updates: its loss and accuracy on the data, and its score at
     * the centre of every grid cell, in the grid's cell order (class 1 where the score is positive).
     */
    record Frame(int step, double loss, double accuracy, double[] scores) {
        /** The predicted class of every cell. */
        int[] regions() {
            int[] r = new int[scores.length];
            for (int i = 0; i < r.length; i++) r[i] = scores[i] > 0 ? 1 : 0;
            return r;
        }
    }

    /**
     * What a training run measured: per-step loss and accuracy (before the update), the end, the
     * step times, the data and the recorded decision boundary.
     */
    record Run(double[] losses, double[] accuracies, double finalAccuracy, double[] stepMillis, double cpuMillisPerStep,
               ToyData.Points data, Grid grid, List<Frame> frames) {
        /** Median milliseconds per step. */
        double medianMillis() {
            double[] t = stepMillis.clone();
            Arrays.sort(t);
            return t[t.length / 2];
        }
    }

    /** Loss and accuracy of the model on the whole data set, as a graph ready for backward. */
    private record Evaluation(Value loss, double accuracy) {}

    private static Evaluation evaluate(Mlp model, ToyData.Points data) {
        int n = data.size();
        Value dataLoss = Value.of(0);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double y = 2 * data.y()[i] - 1;                        // labels {0, 1} -> {-1, +1}
            Value score = model.forward(data.x()[i]).get(0);
            dataLoss = dataLoss.add(score.mul(-y).add(1).relu()); // max(0, 1 - y * score)
            if ((y > 0) == (score.data() > 0)) correct++;
        }
        Value reg = Value.of(0);
        for (Value p : model.parameters()) reg = reg.add(p.mul(p));
        Value loss = dataLoss.mul(1.0 / n).add(reg.mul(1e-4));
        return new Evaluation(loss, (double) correct / n);
    }

    private static double[] scores(Mlp model, Grid grid) {
        double[] s = new double[grid.size()];
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.columns(); c++) s[r * grid.columns() + c] = model.forward(grid.x(c), grid.y(r)).get(0).data();
        }
        return s;
    }

    /**
     * Generates the data and trains a fresh model for {@code steps} steps, logging every 10th step
     * to {@code log} and recording the decision boundary on a {@code gridSize}² grid every
     * {@code recordEvery} steps (0: never) and after the last.
     */
    static Run train(long seed, int steps, int recordEvery, int gridSize, PrintStream log) {
        var rng = new SplittableRandom(seed);
        ToyData.Points data = ToyData.moons(100, 0.1, rng);
        var model = new Mlp(rng, 2, 16, 16, 1);
        Grid grid = gridAround(data, gridSize);
        List<Frame> frames = new ArrayList<>();
        double[] losses = new double[steps];
        double[] accuracies = new double[steps];
        double[] millis = new double[steps];
        long cpu = 0;
        for (int k = 0; k < steps; k++) {
            // the boundary before this step's update, which belongs to the loss measured next; not timed
            double[] boundary = recordEvery > 0 && k % recordEvery == 0 ? scores(model, grid) : null;
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            Evaluation e = evaluate(model, data);
            model.zeroGrad();
            e.loss().backward();
            double lr = 1.0 - 0.9 * k / 100;
            for (Value p : model.parameters()) p.setData(p.data() - lr * p.grad());
            millis[k] = (System.nanoTime() - t0) / 1e6;
            cpu += processCpuNanos() - cpu0;
            losses[k] = e.loss().data();
            accuracies[k] = e.accuracy();
            if (k % 10 == 0 || k == steps - 1) {
                log.printf(Locale.ROOT, "step %3d  loss %.6f  accuracy %5.1f%%%n", k, losses[k], 100 * accuracies[k]);
            }
            if (boundary != null) frames.add(new Frame(k, losses[k], accuracies[k], boundary));
        }
        Evaluation end = evaluate(model, data);
        if (recordEvery > 0) frames.add(new Frame(steps, end.loss().data(), end.accuracy(), scores(model, grid)));
        return new Run(losses, accuracies, end.accuracy(), millis, cpu / 1e6 / steps, data, grid, frames);
    }

    /** CPU time of the whole JVM (all threads, GC included), or -1 where the platform cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Trains {@code --runs} times, printing the last run to {@code out}; returns the last run. */
    Run run(PrintStream out) {
        Checks.require(spec, steps >= 1 && runs >= 1, "--steps and --runs must be >= 1");
        Checks.require(spec, recordEvery >= 0, "--record-every must be >= 0 (0: no decision boundary)");
        Checks.require(spec, gridSize >= 2, "--grid must be >= 2");
        out.printf("two moons: 100 points, noise 0.1, MLP 2-16-16-1, SVM loss + 1e-4 L2, %d SGD steps, seed %d%n", steps, seed);
        Run last = null;
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (int r = 0; r < runs; r++) last = train(seed, steps, recordEvery, gridSize, r == runs - 1 ? out : quiet);
        out.printf(Locale.ROOT, "final accuracy %.1f%%%n", 100 * last.finalAccuracy());
        double mean = Arrays.stream(last.stepMillis()).average().orElse(0);
        out.printf(Locale.ROOT, "time per step: mean %.2f ms, median %.2f ms, JVM CPU %.2f ms%s%n", mean,
                last.medianMillis(), last.cpuMillisPerStep(),
                runs > 1 ? " (run " + runs + " of " + runs + ", after warm-up)" : " (includes JIT warm-up; --runs 5 to warm up)");
        if (!last.frames().isEmpty()) {
            out.printf(Locale.ROOT, "decision boundary recorded at %d moments on a %dx%d grid%n", last.frames().size(), gridSize, gridSize);
        }
        return last;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Run run = run(out);
        if (!run.frames().isEmpty()) {
            List<Chart> frames = new ArrayList<>();
            for (Frame f : run.frames()) frames.add(boundary(run, f));
            for (var p : output.chart(frames.getLast(), "moons-boundary")) out.println("wrote " + p);
            out.println("wrote " + output.gif("moons-boundary", frames));
        }
        return 0;
    }

    /** The decision regions of frame {@code f} with the data on top, titled with the step, loss and accuracy. */
    static Chart boundary(Run run, Frame f) {
        double[][] xy = run.data().x();
        double[] x = new double[xy.length];
        double[] y = new double[xy.length];
        for (int i = 0; i < xy.length; i++) {
            x[i] = xy[i][0];
            y[i] = xy[i][1];
        }
        return Charts.decisionRegions(String.format(Locale.ROOT, "Two moons, MLP 2-16-16-1: step %d, loss %.4f, accuracy %.0f%%",
                f.step(), f.loss(), 100 * f.accuracy()), "x1", "x2", run.grid(), f.regions(),
                new Points(x, y, run.data().y()), List.of("upper moon (class 0)", "lower moon (class 1)"));
    }
}
