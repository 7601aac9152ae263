package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;
import jgrad.charts.Charts;
import jgrad.charts.Series;
import jgrad.charts.Values;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.optim.Optimizer;
import jgrad.optim.Sgd;
import jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Chapter 6.2 of ゼロから作るDeep Learning ({@code ch06/weight_init_activation_histogram.py} and
 * {@code weight_init_compare.py}): the activations of a 5-layer net of 100 units on 1,000 random
 * inputs (100 standard normal features) for several initial weight scales, one histogram per layer;
 * then the book's 5-layer ReLU net trained on MNIST (SGD lr 0.01, batch 128) from std 0.01,
 * "Xavier" ({@code 1/sqrt(n)}) and "He" ({@code sqrt(2/n)}) weights, one loss curve each.
 */
@Command(name = "weight-init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "activation histograms of a 5-layer net for std 1, std 0.01, Xavier and He weights, then MNIST loss curves per initialisation",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example weight-init --iterations 500 --limit 10000")
public final class WeightInitComparison implements Callable<Integer> {
    /** An activation of the histogram experiment, with the range its histograms show. */
    enum Activation {
        SIGMOID("sigmoid", Tensor::sigmoid, 0, 1), TANH("tanh", Tensor::tanh, -1, 1), RELU("ReLU", Tensor::relu, 0, 1);

        final String label;
        final UnaryOperator<Tensor> apply;
        final double min;
        final double max;

        Activation(String label, UnaryOperator<Tensor> apply, double min, double max) {
            this.label = label;
            this.apply = apply;
            this.min = min;
            this.max = max;
        }
    }

    /** One histogram figure: its name (also the file's), its activation and its weight scale. */
    record Setting(String name, String file, Activation activation, IntToDoubleFunction std) {}

    /** Figures 6-10, 6-11 and 6-13 (sigmoid), the text's tanh, and figure 6-14 (ReLU). */
    static final List<Setting> SETTINGS = List.of(
            new Setting("sigmoid, std 1", "sigmoid-std-1", Activation.SIGMOID, Chapter6.std(1)),
            new Setting("sigmoid, std 0.01", "sigmoid-std-0.01", Activation.SIGMOID, Chapter6.std(0.01)),
            new Setting("sigmoid, Xavier (1/√n)", "sigmoid-xavier", Activation.SIGMOID, Chapter6.XAVIER),
            new Setting("tanh, Xavier (1/√n)", "tanh-xavier", Activation.TANH, Chapter6.XAVIER),
            new Setting("ReLU, std 0.01", "relu-std-0.01", Activation.RELU, Chapter6.std(0.01)),
            new Setting("ReLU, Xavier (1/√n)", "relu-xavier", Activation.RELU, Chapter6.XAVIER),
            new Setting("ReLU, He (√(2/n))", "relu-he", Activation.RELU, Chapter6.HE));

    /** The MNIST comparison of {@code weight_init_compare.py}. */
    static final List<Setting> MNIST = List.of(
            new Setting("std 0.01", "", Activation.RELU, Chapter6.std(0.01)),
            new Setting("Xavier (1/√n)", "", Activation.RELU, Chapter6.XAVIER),
            new Setting("He (√(2/n))", "", Activation.RELU, Chapter6.HE));

    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Mixin
    MnistSource source;

    @Option(names = "--iterations", defaultValue = "2000", description = "MNIST training iterations per initialisation (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--batch-size", defaultValue = "128", description = "MNIST images per iteration, drawn at random (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the inputs, the weights and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    /** The activations of each of the 5 layers for one setting, and their standard deviations. */
    record Activations(Setting setting, List<double[]> layers) {
        double std(int layer) {
            double[] a = layers.get(layer);
            double mean = 0, sq = 0;
            for (double v : a) mean += v;
            mean /= a.length;
            for (double v : a) sq += (v - mean) * (v - mean);
            return Math.sqrt(sq / a.length);
        }

        /**
         * The fraction of layer {@code layer}'s activations within 0.01 of the ends of the range, where
         * the gradient vanishes: 0 or 1 for sigmoid, -1 or 1 for tanh; NaN for ReLU, which has no upper end.
         */
        double saturated(int layer) {
            if (setting.activation() == Activation.RELU) return Double.NaN;
            double[] a = layers.get(layer);
            int n = 0;
            for (double v : a) if (v - setting.activation().min < 0.01 || setting.activation().max - v < 0.01) n++;
            return (double) n / a.length;
        }
    }

    /** What the example computed: the activations per histogram setting and one loss curve per MNIST setting. */
    record Result(List<Activations> activations, List<double[]> losses) {}

    /** The book's experiment: {@code x = randn(1000, 100)}, then 5 times {@code x = act(x @ (std * randn(100, 100)))}. */
    static Activations activations(Setting s, long seed) {
        var rng = new SplittableRandom(seed);
        Tensor x = Init.normal(rng, 1, 1000, 100);
        List<double[]> layers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            x = s.activation().apply.apply(x.matmul(Init.normal(rng, s.std().applyAsDouble(100), 100, 100)));
            float[] a = x.toFloatArray();
            double[] d = new double[a.length];
            for (int j = 0; j < a.length; j++) d[j] = a[j];
            layers.add(d);
        }
        return new Activations(s, layers);
    }

    /** Runs both parts, printing to {@code out}. */
    Result run(PrintStream out) throws IOException {
        Checks.require(spec, iterations >= 1 && batchSize >= 1, "--iterations and --batch-size must be >= 1");
        Checks.require(spec, source.limit >= 0, "--limit must be >= 0 (0: all images), got " + source.limit);
        Dataset train = source.load(Mnist.Split.TRAIN); // first, so a wrong --data-dir stops the run before it prints
        out.println("note: the ReLU histograms leave out the outputs that are exactly 0 (about half), which the book's plot "
                + "piles into its first bar; every MNIST net starts from the same random numbers, scaled per setting");
        out.println("5-layer net of 100 units, 1,000 random inputs of 100 standard normal features, no biases:");
        out.println("  setting                     std of the activations, layer 1..5        saturated (%), layer 1..5");
        List<Activations> all = new ArrayList<>();
        for (Setting s : SETTINGS) {
            Activations a = activations(s, seed);
            all.add(a);
            var row = new StringBuilder(String.format(Locale.ROOT, "  %-26s", s.name()));
            for (int l = 0; l < 5; l++) row.append(String.format(Locale.ROOT, " %7.4f", a.std(l)));
            row.append("   ");
            for (int l = 0; l < 5; l++) row.append(Double.isNaN(a.saturated(l)) ? "     -" : String.format(Locale.ROOT, " %5.1f", 100 * a.saturated(l)));
            out.println(row);
        }
        long start = System.nanoTime();
        out.printf(Locale.ROOT, "MNIST from %s: %d training images; 5-layer net 784-100-100-100-100-10 (ReLU), SGD lr 0.01, "
                + "batch %d drawn at random, %d iterations, seed %d%n", source.describe(), train.size(), batchSize, iterations, seed);
        List<Layer> nets = new ArrayList<>();
        List<Optimizer> optimizers = new ArrayList<>();
        for (Setting s : MNIST) {
            Layer net = Chapter6.reluNet(4, s.std(), false, 0, new SplittableRandom(seed));
            nets.add(net);
            optimizers.add(new Sgd(net.parameters(), 0.01));
        }
        List<double[]> losses = Chapter6.sideBySide(nets, optimizers, List.of("std 0.01", "Xavier", "He"), train, batchSize,
                iterations, seed, out);
        out.println(Chapter6.finalLossHeading(iterations));
        for (int k = 0; k < MNIST.size(); k++) {
            out.printf(Locale.ROOT, "  %-14s %.4f%n", MNIST.get(k).name(), Chapter6.meanOfLast(losses.get(k), Chapter6.FINAL_ITERATIONS));
        }
        out.printf(Locale.ROOT, "MNIST part: %.1f s for %d x %d iterations%n", (System.nanoTime() - start) / 1e9, MNIST.size(), iterations);
        return new Result(all, losses);
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Result r = run(out);
        for (Activations a : r.activations()) {
            List<Values> panels = new ArrayList<>();
            Activation act = a.setting().activation();
            // NOTE: about half of the ReLU outputs are exactly 0; counted, they would flatten the rest of the histogram
            for (int l = 0; l < 5; l++) {
                double[] v = a.layers().get(l);
                if (act == Activation.RELU) v = java.util.Arrays.stream(v).filter(x -> x != 0).toArray();
                panels.add(new Values((l + 1) + "-layer", v));
            }
            var chart = Charts.histograms("Activations per layer: " + a.setting().name() + " (1,000 inputs x 100 units"
                    + (act == Activation.RELU ? ", zeros left out)" : ")"), act.label + " output", panels, 30, act.min, act.max);
            for (var file : output.chart(chart, "weight-init-" + a.setting().file())) out.println("wrote " + file);
        }
        List<Series> curves = new ArrayList<>();
        for (int k = 0; k < MNIST.size(); k++) curves.add(Chapter6.smoothedLoss(MNIST.get(k).name(), r.losses().get(k)));
        var loss = Charts.line("Training loss on MNIST per initial weight scale (smoothed)", "iteration", "loss (cross entropy)", curves);
        for (var file : output.chart(loss, "weight-init-mnist-loss")) out.println("wrote " + file);
        return 0;
    }
}
