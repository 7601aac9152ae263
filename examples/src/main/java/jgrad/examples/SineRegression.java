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
import jgrad.charts.Scale;
import jgrad.charts.Series;
import jgrad.data.Shuffle;
import jgrad.optim.Sgd;
import jgrad.tensor.DType;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Regression by backpropagation as はじめてのディープラーニング teaches it: a network with input 1,
 * one hidden layer of {@code --n-mid} sigmoid neurons and an identity output learns
 * {@code sin(x)} for {@code x = 0, 0.1, ..., < 2π} (input scaled to [-1, 1)), with the
 * sum-of-squares error and SGD on one shuffled sample at a time. Weights and biases start as
 * {@code 0.01 * randn}. Every {@code --interval} epochs it prints the mean error and records the
 * network's curve (each point as predicted while the epoch trained it, as the book plots them).
 * {@code --engine autograd} trains the same network, from the same initial weights and in the
 * same order, on {@code jgrad.tensor}.
 */
@Command(name = "sine-regression", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "a 1-3-1 sigmoid net learns sin(x) by backprop on hand-written layers (--engine autograd: jgrad.tensor); curve every 200 epochs",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example sine-regression --n-mid 1 --epochs 1001 --engine autograd")
public final class SineRegression implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--n-mid", defaultValue = "3", description = "hidden sigmoid neurons (default: ${DEFAULT-VALUE}; the book starts with 1)")
    int nMid;

    @Option(names = "--eta", defaultValue = "0.1", description = "learning rate (default: ${DEFAULT-VALUE})")
    double eta;

    @Option(names = "--epochs", defaultValue = "2001", description = "passes over the 63 points (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--interval", defaultValue = "200", description = "print and record every N epochs (default: ${DEFAULT-VALUE})")
    int interval;

    @Option(names = "--wb-width", defaultValue = "0.01", description = "scale of the initial weights and biases, times randn (default: ${DEFAULT-VALUE})")
    double wbWidth;

    @Option(names = "--engine", defaultValue = "manual", converter = Engine.Names.class,
            description = "manual: the book's layer classes with hand-written backward; autograd: jgrad.tensor (default: ${DEFAULT-VALUE})")
    Engine engine;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights and the shuffles (default: ${DEFAULT-VALUE})")
    long seed;

    /** The inputs {@code 0, 0.1, ...} below 2π (63 of them), as {@code np.arange(0, 2 * np.pi, 0.1)}. */
    static double[] inputs() {
        int n = (int) Math.ceil(2 * Math.PI / 0.1);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.1 * i;
        return x;
    }

    /** The network's curve at epoch {@code epoch}: {@code prediction[i]} for input {@code i}, and the mean error. */
    record Snapshot(int epoch, double error, double[] prediction) {}

    /** The inputs (unscaled), the targets, the mean error of every epoch and the recorded curves. */
    record Result(double[] x, double[] target, double[] errors, List<Snapshot> snapshots) {
        double finalError() { return errors[errors.length - 1]; }
    }

    /** A network trained one sample at a time: predict, then learn from the target. */
    interface Net {
        /** The prediction {@code (1, out)} for one input row {@code (1, in)}. */
        Tensor forward(Tensor x);

        /** Backward from the last forward's error against {@code t}, then one SGD step. */
        void learn(Tensor t, double eta);
    }

    /** The book's two layer objects. */
    static Net manual(int nIn, int nMid, int nOut, double wbWidth, SplittableRandom rng) {
        var middle = new TutorialLayers.MiddleLayer(nIn, nMid, wbWidth, rng);
        var out = new TutorialLayers.IdentityOutputLayer(nMid, nOut, wbWidth, rng);
        return new Net() {
            @Override
            public Tensor forward(Tensor x) {
                return out.forward(middle.forward(x));
            }

            @Override
            public void learn(Tensor t, double eta) {
                middle.backward(out.backward(t));
                middle.update(eta);
                out.update(eta);
            }
        };
    }

    /** The same network on autograd: parameters drawn in the same order, {@code loss = ½ Σ (y - t)²}, {@link Sgd}. */
    static Net autograd(int nIn, int nMid, int nOut, double wbWidth, SplittableRandom rng) {
        List<Tensor> p = parameters(nIn, nMid, nOut, wbWidth, rng);
        var sgd = new Sgd(p, 1);
        return new Net() {
            private Tensor y;

            @Override
            public Tensor forward(Tensor x) {
                y = x.matmul(p.get(0)).add(p.get(1)).sigmoid().matmul(p.get(2)).add(p.get(3));
                return y;
            }

            @Override
            public void learn(Tensor t, double eta) {
                Tensor loss = y.sub(t).pow(2).sum().mul(0.5);
                sgd.setLr(eta);
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
            }
        };
    }

    /** {@code w1 (in, mid), b1 (mid), w2 (mid, out), b2 (out)}, each {@code wbWidth * randn}, requiring grad. */
    static List<Tensor> parameters(int nIn, int nMid, int nOut, double wbWidth, SplittableRandom rng) {
        int[][] shapes = {{nIn, nMid}, {nMid}, {nMid, nOut}, {nOut}};
        List<Tensor> p = new ArrayList<>();
        for (int[] shape : shapes) p.add(Tensor.randn(rng, DType.FLOAT64, shape).mul(wbWidth).requiresGrad(true));
        return p;
    }

    /** Trains and records, printing to {@code out}. */
    Result run(PrintStream out) {
        Checks.require(spec, nMid >= 1, "--n-mid must be >= 1, got " + nMid);
        Checks.require(spec, eta > 0 && Double.isFinite(eta), "--eta must be a positive number, got " + eta);
        Checks.require(spec, epochs >= 1 && interval >= 1, "--epochs and --interval must be >= 1");
        Checks.require(spec, wbWidth > 0 && Double.isFinite(wbWidth), "--wb-width must be a positive number, got " + wbWidth);
        double[] x = inputs();
        int n = x.length;
        double[] target = new double[n];
        double[] scaled = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = Math.sin(x[i]);
            scaled[i] = (x[i] - Math.PI) / Math.PI;
        }
        var rng = new SplittableRandom(seed);
        Net net = engine == Engine.MANUAL ? manual(1, nMid, 1, wbWidth, rng) : autograd(1, nMid, 1, wbWidth, rng);
        out.printf(Locale.ROOT, "sin(x) on %d points, net 1-%d-1 (sigmoid, identity output), sum-of-squares error, SGD batch 1, "
                + "eta %s, %d epochs, weights %s x randn, engine %s, seed %d%n", n, nMid, eta, epochs, wbWidth,
                LowerCaseEnum.name(engine), seed);
        double[] errors = new double[epochs];
        List<Snapshot> snapshots = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double total = 0;
            double[] prediction = new double[n];
            for (int idx : Shuffle.permutation(n, rng)) {
                Tensor in = Tensor.of(new double[] {scaled[idx]}, 1, 1);
                Tensor t = Tensor.of(new double[] {target[idx]}, 1, 1);
                double y = net.forward(in).item();
                net.learn(t, eta);
                prediction[idx] = y;
                total += 0.5 * (y - target[idx]) * (y - target[idx]);
            }
            errors[epoch] = total / n;
            if (epoch % interval == 0) {
                snapshots.add(new Snapshot(epoch, errors[epoch], prediction));
                out.printf(Locale.ROOT, "epoch %5d/%d  error %.6f%n", epoch, epochs, errors[epoch]);
            }
        }
        return new Result(x, target, errors, snapshots);
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Result r = run(out);
        List<Chart> frames = new ArrayList<>();
        var target = new Series("sin x", r.x(), r.target());
        for (Snapshot s : r.snapshots()) {
            frames.add(Charts.curveFit(String.format(Locale.ROOT, "sin x by a 1-%d-1 net: epoch %d of %d, error %.6f", nMid, s.epoch(),
                    epochs, s.error()), "x", "y", target, new Series("network", r.x(), s.prediction())));
        }
        out.println("wrote " + output.gif("sine-regression", frames));
        for (var p : output.chart(frames.getLast(), "sine-regression")) out.println("wrote " + p);
        double[] epoch = new double[r.errors().length];
        for (int e = 0; e < epoch.length; e++) epoch[e] = e;
        List<Series> errors = List.of(new Series("training", epoch, r.errors()));
        var curve = Charts.line("sin x by a 1-" + nMid + "-1 net: mean error per epoch", "epoch", "mean error (½ squared error)",
                errors, Scale.suggested(errors)); // log when the error falls by orders of magnitude (0.29 to 0.0002)
        for (var p : output.chart(curve, "sine-regression-error")) out.println("wrote " + p);
        return 0;
    }
}
