package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import jgrad.charts.Charts;
import jgrad.charts.Grid;
import jgrad.charts.Scale;
import jgrad.charts.Series;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.nn.Layer;
import jgrad.optim.AdaGrad;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.RmsProp;
import jgrad.optim.Sgd;
import jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Chapter 6.1 of ゼロから作るDeep Learning ({@code ch06/optimizer_compare_naive.py} and
 * {@code optimizer_compare_mnist.py}): SGD, Momentum, AdaGrad, RMSProp and Adam from
 * {@code jgrad.optim} on {@code f(x, y) = x²/20 + y²} from (-7, 2) for 30 steps, each path drawn
 * over the contours; then the same optimizers training the book's 5-layer ReLU net
 * (784-100-100-100-100-10, He weights) on MNIST, batch 128, one loss curve each.
 */
@Command(name = "optimizers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "SGD, Momentum, AdaGrad, RMSProp and Adam: paths on x²/20 + y² from (-7, 2), then MNIST loss curves of a 5-layer ReLU net",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example optimizers --iterations 500 --limit 10000")
public final class OptimizerComparison implements Callable<Integer> {
    /** The book's {@code f(x, y) = x²/20 + y²}. */
    static double f(double x, double y) {
        return x * x / 20 + y * y;
    }

    /**
     * An optimizer of the chapter: its name, its learning rate on {@code f} (the book's; RMSProp,
     * which the book's picture leaves out, gets 0.1), its learning rate on MNIST (the book's:
     * SGD 0.01, the others their class defaults) and how to make it. AdaGrad, RMSProp and Adam add
     * the book's eps 1e-7; Momentum is the book's 0.9.
     */
    record Kind(String name, double lrPath, double lrMnist, BiFunction<List<? extends Tensor>, Double, Optimizer> make) {
        Optimizer create(List<? extends Tensor> params, double lr) {
            return make.apply(params, lr);
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("SGD", 0.95, 0.01, Sgd::new),
            new Kind("Momentum", 0.1, 0.01, (p, lr) -> new Sgd(p, lr).momentum(0.9)),
            new Kind("AdaGrad", 1.5, 0.01, (p, lr) -> new AdaGrad(p, lr).eps(1e-7)),
            new Kind("RMSProp", 0.1, 0.01, (p, lr) -> new RmsProp(p, lr).alpha(0.99).eps(1e-7)),
            new Kind("Adam", 0.3, 0.001, (p, lr) -> new Adam(p, lr).betas(0.9, 0.999).eps(1e-7)));

    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Mixin
    MnistSource source;

    @Option(names = "--steps", defaultValue = "30", description = "steps on x²/20 + y² (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--iterations", defaultValue = "2000", description = "MNIST training iterations per optimizer (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--batch-size", defaultValue = "128", description = "MNIST images per iteration, drawn at random (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights (the same for every optimizer) and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    /** A path on {@code f}: the points visited, start first. */
    record Path2d(String name, double[] x, double[] y) {
        double endValue() {
            return f(x[x.length - 1], y[y.length - 1]);
        }
    }

    /** What the example computed: one path and one loss curve (per iteration) per optimizer, in {@link #KINDS} order. */
    record Result(List<Path2d> paths, List<double[]> losses, double seconds) {
        /** The loss curve of the optimizer named {@code name}. */
        double[] losses(String name) {
            return losses.get(KINDS.stream().map(Kind::name).toList().indexOf(name));
        }

        Path2d path(String name) {
            return paths.get(KINDS.stream().map(Kind::name).toList().indexOf(name));
        }
    }

    /** {@code steps} updates of {@code kind} on {@code f} from (-7, 2), on a float64 tensor {@code p = (x, y)}. */
    static Path2d path(Kind kind, int steps) {
        Tensor p = Tensor.of(new double[] {-7, 2}, 2).requiresGrad(true);
        Tensor scale = Tensor.of(new double[] {1.0 / 20, 1}, 2);
        Optimizer optimizer = kind.create(List.of(p), kind.lrPath());
        double[] xs = new double[steps + 1];
        double[] ys = new double[steps + 1];
        for (int i = 0; ; i++) {
            double[] now = p.toDoubleArray();
            xs[i] = now[0];
            ys[i] = now[1];
            if (i == steps) break;
            optimizer.zeroGrad();
            p.mul(p).mul(scale).sum().backward();
            optimizer.step();
        }
        return new Path2d(kind.name(), xs, ys);
    }

    /** Runs both parts, printing to {@code out}. */
    Result run(PrintStream out) throws IOException {
        Checks.require(spec, steps >= 1 && iterations >= 1 && batchSize >= 1, "--steps, --iterations and --batch-size must be >= 1");
        Checks.require(spec, source.limit >= 0, "--limit must be >= 0 (0: all images), got " + source.limit);
        Dataset train = source.load(Mnist.Split.TRAIN); // first, so a wrong --data-dir stops the run before it prints
        out.println("note: RMSProp is added to the book's four (lr 0.1 on f, its default 0.01 on MNIST); "
                + "every net starts from the same weights, so only the optimizer differs");
        out.printf(Locale.ROOT, "f(x, y) = x²/20 + y² from (-7, 2), %d steps:%n", steps);
        List<Path2d> paths = new ArrayList<>();
        for (Kind k : KINDS) {
            Path2d p = path(k, steps);
            paths.add(p);
            out.printf(Locale.ROOT, "  %-8s lr %-4s ends at (%8.4f, %8.4f)  f = %.5f%n", k.name(), k.lrPath(),
                    p.x()[steps], p.y()[steps], p.endValue());
        }
        long start = System.nanoTime();
        out.printf(Locale.ROOT, "MNIST from %s: %d training images; 5-layer net 784-100-100-100-100-10 (ReLU, He weights), "
                + "batch %d drawn at random, %d iterations, seed %d%n", source.describe(), train.size(), batchSize, iterations, seed);
        List<Layer> nets = new ArrayList<>();
        List<Optimizer> optimizers = new ArrayList<>();
        for (Kind k : KINDS) {
            Layer net = Chapter6.reluNet(4, Chapter6.HE, false, 0, new SplittableRandom(seed));
            nets.add(net);
            optimizers.add(k.create(net.parameters(), k.lrMnist()));
        }
        List<double[]> losses = Chapter6.sideBySide(nets, optimizers, KINDS.stream().map(Kind::name).toList(), train, batchSize,
                iterations, seed, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(Chapter6.finalLossHeading(iterations));
        for (int k = 0; k < KINDS.size(); k++) {
            out.printf(Locale.ROOT, "  %-8s lr %-5s %.4f%n", KINDS.get(k).name(), KINDS.get(k).lrMnist(), Chapter6.meanOfLast(losses.get(k), Chapter6.FINAL_ITERATIONS));
        }
        out.printf(Locale.ROOT, "MNIST part: %.1f s for %d x %d iterations%n", seconds, KINDS.size(), iterations);
        return new Result(paths, losses, seconds);
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Result r = run(out);
        List<Series> paths = new ArrayList<>();
        for (int k = 0; k < KINDS.size(); k++) {
            Path2d p = r.paths().get(k);
            paths.add(new Series(String.format(Locale.ROOT, "%s, lr %s", p.name(), KINDS.get(k).lrPath()), p.x(), p.y()));
        }
        var chart = Charts.contourPaths(String.format(Locale.ROOT, "%d steps on f(x, y) = x²/20 + y² from (-7, 2)", steps), "x", "y",
                new Grid(-10, 10, -5, 5, 160, 80), OptimizerComparison::f, paths);
        for (var file : output.chart(chart, "optimizers-paths")) out.println("wrote " + file);
        List<Series> curves = new ArrayList<>();
        for (int k = 0; k < KINDS.size(); k++) {
            curves.add(Chapter6.smoothedLoss(String.format(Locale.ROOT, "%s, lr %s", KINDS.get(k).name(), KINDS.get(k).lrMnist()),
                    r.losses().get(k)));
        }
        var loss = Charts.line("Training loss on MNIST, 5-layer ReLU net (smoothed)", "iteration",
                "loss (cross entropy)", curves, Scale.LOG);
        for (var file : output.chart(loss, "optimizers-mnist-loss")) out.println("wrote " + file);
        return 0;
    }
}
