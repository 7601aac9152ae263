package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jgrad.charts.Charts;
import jgrad.charts.Scale;
import jgrad.charts.Series;
import jgrad.nn.Linear;
import jgrad.nn.Losses;
import jgrad.nn.Sequential;
import jgrad.nn.Tanh;
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
 * XOR as the "neural network from scratch" tutorial builds it: inputs {@code [[0,0,1], [0,1,1],
 * [1,0,1], [1,1,1]]} (the third column stands in for a bias), targets {@code [0, 1, 1, 0]}, weights
 * uniform in [0, 1) of shapes 3x4 and 4x1, no biases, a sigmoid on both layers, the sum of squared
 * errors, and the tutorial's update {@code w += lr * (the derivative with its factor 2)} with
 * learning rate 1, for 1,500 iterations.
 *
 * <p>{@code --engine autograd} keeps jgrad's earlier XOR on {@code jgrad.tensor}: a 2-H-1 net
 * (tanh hidden layer with biases, sigmoid output) with binary cross entropy, {@link Linear} layers
 * and {@link Sgd}.
 */
@Command(name = "xor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "the from-scratch tutorial's 3-4-1 sigmoid net learns XOR in 1,500 iterations (--engine autograd: a 2-4-1 net on jgrad.nn)",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example xor --seed 3 --engine autograd")
public final class Xor implements Callable<Integer> {
    /** The tutorial's inputs: the two bits and a constant 1. */
    static final double[][] INPUTS = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
    /** Their XOR. */
    static final double[] TARGETS = {0, 1, 1, 0};

    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--engine", defaultValue = "manual", converter = Engine.Names.class,
            description = "manual: the tutorial's network and update; autograd: 2-H-1 tanh net, cross entropy, jgrad.nn (default: ${DEFAULT-VALUE})")
    Engine engine;

    @Option(names = "--hidden", defaultValue = "4", description = "hidden neurons (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--iterations", defaultValue = "1500", description = "full-batch updates (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--lr", defaultValue = "1", description = "learning rate (default: ${DEFAULT-VALUE}, the tutorial's implicit one)")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial weights (default: ${DEFAULT-VALUE})")
    long seed;

    /**
     * The loss of every iteration (before its update) and the network's outputs for the four inputs
     * (the tutorial's: those of the last feedforward; the autograd variant's: after training).
     */
    record Run(double[] losses, double[] predictions) {}

    /** The tutorial's network, trained for {@code iterations} full-batch updates. */
    static Run tutorial(int hidden, int iterations, double lr, long seed) {
        var rng = new SplittableRandom(seed);
        Tensor input = Tensor.of(new double[] {0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1}, 4, 3);
        Tensor y = Tensor.of(TARGETS.clone(), 4, 1);
        Tensor weights1 = Tensor.rand(rng, DType.FLOAT64, 3, hidden);
        Tensor weights2 = Tensor.rand(rng, DType.FLOAT64, hidden, 1);
        double[] losses = new double[iterations];
        double[] output = null;
        try (var ignored = GradMode.off()) {
            for (int i = 0; i < iterations; i++) {
                // feedforward
                Tensor layer1 = input.matmul(weights1).sigmoid();
                Tensor out = layer1.matmul(weights2).sigmoid();
                output = out.toDoubleArray();
                Tensor error = y.sub(out);
                losses[i] = error.mul(error).sum().item();
                // backprop: the chain rule on the sum of squared errors, whose derivative brings the factor 2
                Tensor delta2 = error.mul(2).mul(sigmoidDerivative(out));
                Tensor dWeights2 = layer1.transpose().matmul(delta2);
                Tensor dWeights1 = input.transpose().matmul(delta2.matmul(weights2.transpose()).mul(sigmoidDerivative(layer1)));
                weights1 = weights1.add(dWeights1.mul(lr));
                weights2 = weights2.add(dWeights2.mul(lr));
            }
        }
        return new Run(losses, output); // the tutorial prints nn.output: the last feedforward's, before the last update
    }

    /** {@code s (1 - s)}, the sigmoid's derivative written with its output {@code s}. */
    private static Tensor sigmoidDerivative(Tensor s) {
        return s.mul(s.neg().add(1));
    }

    /** The 2-{@code hidden}-1 tanh net with binary cross entropy, trained with SGD on {@code jgrad.tensor}. */
    static Run autograd(int hidden, int iterations, double lr, long seed) {
        var rng = new SplittableRandom(seed);
        var model = new Sequential(new Linear(2, hidden, rng), new Tanh(), new Linear(hidden, 1, rng));
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor t = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        var optimizer = new Sgd(model.parameters(), lr);
        double[] losses = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            Tensor loss = Losses.binaryCrossEntropyWithLogits(model.forward(x), t);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            losses[i] = loss.item();
        }
        try (var ignored = GradMode.off()) {
            return new Run(losses, model.forward(x).sigmoid().toDoubleArray());
        }
    }

    /** Trains with the chosen engine, printing to {@code out}. */
    Run run(PrintStream out) {
        Checks.require(spec, hidden >= 1 && iterations >= 1, "--hidden and --iterations must be >= 1");
        Checks.require(spec, lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        if (engine == Engine.MANUAL) {
            out.printf(Locale.ROOT, "XOR as the tutorial: inputs with a constant third column, net 3-%d-1, weights uniform in [0, 1), "
                    + "no biases, sigmoid on both layers, sum of squared errors, update with lr %s, %d iterations, seed %d%n",
                    hidden, lr, iterations, seed);
        } else {
            out.printf(Locale.ROOT, "XOR on jgrad.nn: net 2-%d-1 (tanh, sigmoid output), binary cross entropy, SGD lr %s, "
                    + "%d iterations, seed %d%n", hidden, lr, iterations, seed);
        }
        Run run = engine == Engine.MANUAL ? tutorial(hidden, iterations, lr, seed) : autograd(hidden, iterations, lr, seed);
        int every = Math.max(1, iterations / 10);
        String name = engine == Engine.MANUAL ? "sum of squared errors" : "cross entropy";
        for (int i = 0; i < iterations; i++) {
            if (i % every == 0 || i == iterations - 1) out.printf(Locale.ROOT, "iteration %5d  %s %.6f%n", i, name, run.losses()[i]);
        }
        out.println("predictions:");
        for (int i = 0; i < 4; i++) {
            out.printf(Locale.ROOT, "  %.0f xor %.0f = %.0f   predicted %.4f%n", INPUTS[i][0], INPUTS[i][1], TARGETS[i],
                    run.predictions()[i]);
        }
        return run;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Run run = run(out);
        double[] iteration = new double[run.losses().length];
        for (int i = 0; i < iteration.length; i++) iteration[i] = i;
        boolean manual = engine == Engine.MANUAL;
        List<Series> losses = List.of(new Series("training", iteration, run.losses()));
        var chart = Charts.line(manual ? "XOR, the tutorial's 3-" + hidden + "-1 sigmoid net: loss per iteration"
                        : "XOR, 2-" + hidden + "-1 tanh net on jgrad.nn: loss per iteration", "iteration",
                manual ? "loss (sum of squared errors)" : "loss (binary cross entropy)", losses, Scale.suggested(losses));
        for (var p : output.chart(chart, "xor-loss")) out.println("wrote " + p);
        return 0;
    }
}
