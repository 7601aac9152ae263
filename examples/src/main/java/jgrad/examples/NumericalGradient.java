package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import jgrad.charts.Charts;
import jgrad.charts.Grid;
import jgrad.charts.Series;
import jgrad.manual.Gradient;
import jgrad.manual.TwoLayerNet;
import jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Chapter 4 of ゼロから作るDeep Learning: the numerical gradient
 * ({@link Gradient#numericalGradient}, central differences with {@code h = 1e-4}) of
 * {@code f(x0, x1) = x0² + x1²} at (3, 4) and (0, 2); gradient descent on it from (-3, 4) with
 * lr 0.1 for 100 steps, recorded as a path; then the small {@code TwoLayerNet} 2-3-2 (sigmoid) trained
 * by numerical gradients alone on random points with one-hot targets, batch 10, lr 0.1.
 */
@Command(name = "numerical-gradient", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "central differences (h = 1e-4) on x0² + x1², gradient descent from (-3, 4), then a 2-3-2 net trained by numerical gradients",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example numerical-gradient --iterations 3000 --seed 2")
public final class NumericalGradient implements Callable<Integer> {
    /** The chapter's {@code function_2}. */
    static final ToDoubleFunction<double[]> FUNCTION_2 = x -> x[0] * x[0] + x[1] * x[1];

    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--lr", defaultValue = "0.1", description = "learning rate of the gradient descent and of the net (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--steps", defaultValue = "100", description = "gradient descent steps on x0² + x1² (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--iterations", defaultValue = "10000", description = "training iterations of the 2-3-2 net (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--samples", defaultValue = "100", description = "random training points of the net (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--batch-size", defaultValue = "10", description = "points per iteration, drawn at random (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the points, the weights and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    /** One line of the net's training log. */
    record Checkpoint(int iteration, double loss, double accuracy) {}

    /**
     * What the example computed: the two gradients, the descent path (start first, {@code steps + 1}
     * points) and the net's log.
     */
    record Result(double[] gradientAt34, double[] gradientAt02, List<double[]> path, List<Checkpoint> training) {
        double[] end() { return path.getLast(); }
    }

    /** {@code x -= lr * grad f(x)} for {@code steps} steps from {@code start}; returns every point visited. */
    static List<double[]> gradientDescent(ToDoubleFunction<double[]> f, double[] start, double lr, int steps) {
        List<double[]> path = new ArrayList<>();
        double[] x = start.clone();
        path.add(x.clone());
        for (int i = 0; i < steps; i++) {
            double[] grad = Gradient.numericalGradient(f, x);
            for (int j = 0; j < x.length; j++) x[j] -= lr * grad[j];
            path.add(x.clone());
        }
        return path;
    }

    /** Runs the three parts, printing to {@code out}. */
    Result run(PrintStream out) {
        Checks.require(spec, lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        Checks.require(spec, steps >= 0 && iterations >= 0, "--steps and --iterations must be >= 0");
        Checks.require(spec, samples >= 1 && batchSize >= 1, "--samples and --batch-size must be >= 1");
        double[] at34 = Gradient.numericalGradient(FUNCTION_2, new double[] {3, 4});
        double[] at02 = Gradient.numericalGradient(FUNCTION_2, new double[] {0, 2});
        out.println("f(x0, x1) = x0² + x1², gradient by central differences, h = 1e-4:");
        out.printf(Locale.ROOT, "  at (3, 4): (%.6f, %.6f)%n", at34[0], at34[1]);
        out.printf(Locale.ROOT, "  at (0, 2): (%.6f, %.6f)%n", at02[0], at02[1]);
        List<double[]> path = gradientDescent(FUNCTION_2, new double[] {-3, 4}, lr, steps);
        double[] end = path.getLast();
        out.printf(Locale.ROOT, "gradient descent from (-3, 4), lr %s, %d steps: ends at (%.3e, %.3e)%n", lr, steps, end[0], end[1]);
        return new Result(at34, at02, path, trainNet(out));
    }

    /**
     * The 2-3-2 sigmoid net on {@code samples} points uniform in [0, 1)², class 0 where
     * {@code x0 > x1} and class 1 elsewhere (one-hot targets), trained with gradients from
     * {@link Gradient#numericalGradient} on each parameter.
     */
    private List<Checkpoint> trainNet(PrintStream out) {
        var rng = new SplittableRandom(seed);
        double[] xs = new double[samples * 2];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            xs[2 * i] = rng.nextDouble();
            xs[2 * i + 1] = rng.nextDouble();
            labels[i] = xs[2 * i] > xs[2 * i + 1] ? 0 : 1;
        }
        Tensor all = Tensor.of(xs, samples, 2);
        var net = new TwoLayerNet(2, 3, 2, 0.01, rng, TwoLayerNet.Activation.SIGMOID);
        out.printf(Locale.ROOT, "TwoLayerNet 2-3-2 (sigmoid, softmax with cross entropy), %d random points in [0, 1)², "
                + "one-hot targets (class 0 where x0 > x1), numerical gradients, batch %d, lr %s, %d iterations, seed %d%n",
                samples, batchSize, lr, iterations, seed);
        List<Checkpoint> log = new ArrayList<>();
        log.add(checkpoint(0, net, all, labels, out));
        double[] batchX = new double[batchSize * 2];
        int[] batchT = new int[batchSize];
        for (int it = 1; it <= iterations; it++) {
            for (int b = 0; b < batchSize; b++) {
                int k = rng.nextInt(samples);
                batchX[2 * b] = xs[2 * k];
                batchX[2 * b + 1] = xs[2 * k + 1];
                batchT[b] = labels[k];
            }
            Tensor x = Tensor.of(batchX.clone(), batchSize, 2);
            var grads = new java.util.LinkedHashMap<String, Tensor>();
            net.params().forEach((name, p) -> grads.put(name, Gradient.numericalGradient(w -> net.loss(x, batchT), p)));
            net.update(grads, lr);
            if (it % 1000 == 0 || it == iterations) log.add(checkpoint(it, net, all, labels, out));
        }
        return log;
    }

    private static Checkpoint checkpoint(int iteration, TwoLayerNet net, Tensor x, int[] labels, PrintStream out) {
        var c = new Checkpoint(iteration, net.loss(x, labels), net.accuracy(x, labels));
        out.printf(Locale.ROOT, "  iteration %6d  loss %.4f  accuracy %5.1f%%%n", c.iteration(), c.loss(), 100 * c.accuracy());
        return c;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Result r = run(out);
        double[] x0 = new double[r.path().size()];
        double[] x1 = new double[x0.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = r.path().get(i)[0];
            x1[i] = r.path().get(i)[1];
        }
        var chart = Charts.contourPaths(String.format(Locale.ROOT, "Gradient descent on x0² + x1² from (-3, 4), lr %s, %d steps",
                lr, steps), "x0", "x1", new Grid(-4.5, 4.5, -4.5, 4.5, 120, 120), (a, b) -> a * a + b * b,
                List.of(new Series("numerical gradient, h = 1e-4", x0, x1)));
        for (var p : output.chart(chart, "numerical-gradient-path")) out.println("wrote " + p);
        return 0;
    }
}
