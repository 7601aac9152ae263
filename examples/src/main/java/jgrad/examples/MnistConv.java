package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import jgrad.charts.Chart;
import jgrad.charts.Charts;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Dropout;
import jgrad.nn.Flatten;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.train.ConsoleProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The curriculum's SimpleConvNet on MNIST: conv 30 filters 5x5 (stride 1, no padding) - ReLU -
 * max pool 2x2 - affine 4320-100 - ReLU - affine 100-10, trained with Adam (lr 0.001, batch 100)
 * through {@link jgrad.train.Trainer}. By default it trains {@value #EPOCHS} epochs with the rate
 * falling to x {@value #LR_DECAY} by the last one, where the book runs 20 epochs at a constant
 * rate: 98.9 % test accuracy either way (the README gives the measurements). It draws the first
 * layer's filters before and after training and a grid of the misclassified test digits. With {@code --batch-norm}, batch normalisation follows the convolution and the hidden
 * affine layer; {@code --dropout P} drops after the hidden ReLU. Options as for {@code mnist}, with
 * {@code --hidden} the size of the one hidden affine layer.
 */
@Command(name = "mnist-conv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, defaultValueProvider = MnistConv.Defaults.class,
        description = "SimpleConvNet (conv 30x5x5, pool, 100, 10) on MNIST with Adam, 4 epochs to 98.9%%; draws its filters",
        footerHeading = "%nExample:%n", footer = "  JGRAD_THREADS=1 ./jgrad example mnist-conv --epochs 2 --data-dir ~/fashion-mnist")
public final class MnistConv implements java.util.concurrent.Callable<Integer> {
    /** Filters of the convolution. */
    static final int FILTERS = 30;
    /** Kernel size of the convolution. */
    static final int KERNEL = 5;
    /** The default number of epochs. */
    static final int EPOCHS = 4;
    /** The default {@code --lr-decay}: the rate falls to a tenth by the last epoch. */
    static final double LR_DECAY = 0.1;
    /** The book's number of epochs (Adam lr 0.001 throughout). */
    static final int BOOK_EPOCHS = 20;

    /** This example's defaults of the shared options. */
    public static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o ? switch (o.longestName()) {
                case "--hidden" -> "100";
                case "--optimizer" -> "adam";
                case "--epochs" -> Integer.toString(EPOCHS);
                case "--lr" -> "0.001";
                case "--lr-decay" -> Double.toString(LR_DECAY);
                default -> null;
            } : null;
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Mixin
    MnistOptions options;

    @Mixin
    MnistSource source;

    /** The checked settings the options give. */
    MnistTraining.Settings settings() {
        MnistTraining.Settings s = options.settings(spec, source);
        Checks.require(spec, s.hidden().length == 1, "--hidden takes one size (the hidden affine layer)");
        return s;
    }

    /** The network for the given settings. */
    static Layer model(MnistTraining.Settings s, RandomGenerator rng) {
        int pooled = FILTERS * 12 * 12; // 28 - 5 + 1 = 24, pooled 2x2 to 12
        int hidden = s.hidden()[0];
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(MnistTraining.weight(s, rng, FILTERS, 1, KERNEL, KERNEL), Init.zeros(FILTERS), 1, 0));
        if (s.batchNorm()) layers.add(new BatchNorm2d(FILTERS));
        layers.add(new Relu());
        layers.add(new MaxPool2d(2, 2));
        layers.add(new Flatten());
        layers.add(MnistTraining.linear(s, rng, pooled, hidden));
        if (s.batchNorm()) layers.add(new BatchNorm1d(hidden));
        layers.add(new Relu());
        if (s.dropout() > 0) layers.add(new Dropout(s.dropout(), rng));
        layers.add(MnistTraining.linear(s, rng, hidden, 10));
        return new Sequential(layers.toArray(Layer[]::new));
    }

    /** Trains with the given settings, without the report or pictures. */
    static MnistTraining.Run run(MnistTraining.Settings s, ConsoleProgress progress, PrintStream out) throws IOException {
        return MnistTraining.train(title(s), s, new int[] {1, 28, 28}, rng -> model(s, rng), progress, out, null);
    }

    private static String title(MnistTraining.Settings s) {
        return "SimpleConvNet conv " + FILTERS + "x" + KERNEL + "x" + KERNEL + " - relu - pool 2 - " + s.hidden()[0] + " - relu - 10";
    }

    /**
     * Trains with the given settings, printing the paths it writes: the run report, the history
     * and the first layer's filters before and after training ({@code filters-before.png},
     * {@code filters-after.png}); the report's {@code misclassified.png} is the grid of
     * misclassified test digits.
     */
    static MnistTraining.Run run(MnistTraining.Settings s, ConsoleProgress progress, PrintStream out, Output output) throws IOException {
        if (s.epochs() != BOOK_EPOCHS || s.lrDecay() != 1) {
            out.printf(Locale.ROOT, "departs from the book: %d epoch%s%s instead of %d at a constant rate (see the README)%n", s.epochs(),
                    s.epochs() == 1 ? "" : "s", s.lrDecay() == 1 || s.epochs() == 1 ? "" : " with the rate falling to x " + s.lrDecay(),
                    BOOK_EPOCHS);
        }
        Chart[] before = new Chart[1];
        MnistTraining.Run run = MnistTraining.train(title(s), s, new int[] {1, 28, 28}, rng -> {
            Layer net = model(s, rng);
            before[0] = filters("before training", net); // drawn now: training changes the weight in place
            return net;
        }, progress, out, output.folder());
        out.println("wrote " + output.write("mnist-conv-history.csv", MnistTraining.historyCsv(run)));
        for (var p : run.reportFiles()) out.println("wrote " + p);
        Chart after = filters(String.format(Locale.ROOT, "after %d epoch%s, test accuracy %.2f%%", s.epochs(),
                s.epochs() == 1 ? "" : "s", 100 * run.testAccuracy()), run.model());
        for (Path p : output.chart(before[0], "filters-before")) out.println("wrote " + p);
        for (Path p : output.chart(after, "filters-after")) out.println("wrote " + p);
        return run;
    }

    /** The first layer's filters of {@code net} (a model of {@link #model}) as a grid titled with {@code when}. */
    private static Chart filters(String when, Layer net) {
        Conv2d conv = (Conv2d) ((Sequential) net).get(0);
        return Charts.filters("First-layer filters (" + FILTERS + " x " + KERNEL + "x" + KERNEL + ") " + when, conv.weight(), 10);
    }

    @Override
    public Integer call() throws IOException {
        run(settings(), ConsoleProgress.auto(), output.stream(), output);
        return 0;
    }
}
