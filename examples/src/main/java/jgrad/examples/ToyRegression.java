package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jgrad.charts.Charts;
import jgrad.charts.Scale;
import jgrad.charts.Series;
import jgrad.scalar.Mlp;
import jgrad.scalar.Neuron;
import jgrad.scalar.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Tiny MLPs on two four-point data sets, trained with squared error and plain gradient descent
 * on the scalar engine: full batch by default, or after every sample as the micrograd tutorial
 * does ({@code --per-sample}, 4 updates per epoch). The mean loss per epoch is printed every 100
 * epochs, as in the tutorial.
 *
 * <p>jgrad fixes two things in the tutorial's loop: it back-propagates the loss, not the
 * prediction (which only pushes the prediction down), and its output is linear, not ReLU (a ReLU
 * output ends dead, 0 for every input with zero gradient). {@code --literal} runs the loop as
 * written, and {@code --seeds N} counts over N seeds how often the output dies.
 */
@Command(name = "toy-regression", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "tiny MLPs (2-4-4-1, 2-5-5-3-1) fit two four-point data sets with squared error; --per-sample, --literal",
        footerHeading = "%nExamples:%n",
        footer = {"  ./jgrad example toy-regression --per-sample --data 1",
                  "  ./jgrad example toy-regression --literal --seeds 20   # the tutorial's loop as written fails"})
public final class ToyRegression implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--data", defaultValue = "both", description = "data set: 1, 2 or both (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--sizes", split = ",", paramLabel = "N,N,...",
            description = "layer sizes after the 2 inputs, ending with 1 (default: 4,4,1 for set 1 and 5,5,3,1 for set 2)")
    int[] sizes;

    @Option(names = "--activation", defaultValue = "relu", converter = HiddenActivation.class,
            description = "hidden layers' activation: relu|tanh (default: ${DEFAULT-VALUE})")
    Neuron.Activation hidden;

    @Option(names = "--output", defaultValue = "linear", converter = OutputActivation.class,
            description = "output activation: linear|relu (default: ${DEFAULT-VALUE}; the tutorial's relu dies)")
    Neuron.Activation last;

    @Option(names = "--lr", defaultValue = "0.01", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--epochs", defaultValue = "1000", description = "passes over the four points (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--per-sample", description = "update after every sample, 4 updates per epoch, as the tutorial (default: full batch)")
    boolean perSample;

    @Option(names = "--literal", description = "the tutorial's loop as written: per sample, backward from the prediction, relu output (default: off)")
    boolean literal;

    @Option(names = "--seeds", defaultValue = "1",
            description = "train with seeds seed .. seed+N-1 and count the dead outputs (default: ${DEFAULT-VALUE})")
    int seeds;

    /** Converts {@code relu|tanh}. */
    static final class HiddenActivation extends LowerCaseEnum<Neuron.Activation> {
        HiddenActivation() { super(Neuron.Activation.class); }
    }

    /** Converts {@code linear|relu}. */
    static final class OutputActivation extends LowerCaseEnum<Neuron.Activation> {
        OutputActivation() { super(Neuron.Activation.class); }
    }

    /** Four points and their targets. */
    record DataSet(String name, double[][] x, double[] y, int[] defaultSizes) {}

    static final List<DataSet> DATA = List.of(
            new DataSet("1", new double[][] {{2, 3}, {1, 2}, {2.5, 3.5}, {1.5, 1.5}}, new double[] {1, 0, 1, 0},
                    new int[] {4, 4, 1}),
            new DataSet("2", new double[][] {{3, 5}, {1, 1}, {4, 6}, {1, 0.5}}, new double[] {1, 0, 1, 0},
                    new int[] {5, 5, 3, 1}));

    /** When the parameters change: once per epoch on the summed loss, or after every sample. */
    enum Update { FULL_BATCH, PER_SAMPLE }

    /** What {@code backward()} starts from: the squared error, or (the tutorial's slip) the prediction. */
    enum Backward { FROM_LOSS, FROM_PREDICTION }

    /** The training loop's choices. */
    record Recipe(Neuron.Activation hidden, Neuron.Activation output, Update update, Backward backward) {
        /** The tutorial's loop exactly as written. */
        static Recipe literal(Neuron.Activation hidden) {
            return new Recipe(hidden, Neuron.Activation.RELU, Update.PER_SAMPLE, Backward.FROM_PREDICTION);
        }
    }

    /**
     * The mean squared error per epoch ({@code losses[e]} measured during epoch {@code e}, the
     * last entry after training), the final predictions, and whether the output ended dead (a ReLU
     * output that gives 0 for every input, so no gradient reaches any parameter).
     */
    record Fit(double[] losses, double[] predictions, boolean deadOutput) {
        double initialLoss() { return losses[0]; }
        double finalLoss() { return losses[losses.length - 1]; }

        /** True when every prediction is within 0.5 of its target, so rounding gives the right class. */
        boolean fits(double[] targets) {
            for (int i = 0; i < targets.length; i++) if (!(Math.abs(predictions[i] - targets[i]) < 0.5)) return false;
            return true;
        }
    }

    /**
     * Trains a fresh {@code 2-sizes...} MLP on {@code data} for {@code epochs} epochs, printing the
     * mean loss every 100 epochs to {@code log}.
     */
    static Fit train(DataSet data, int[] sizes, Recipe recipe, double lr, int epochs, long seed, PrintStream log) {
        var model = new Mlp(new SplittableRandom(seed), recipe.hidden(), recipe.output(), 2, sizes);
        int n = data.x().length;
        double[] losses = new double[epochs + 1];
        for (int epoch = 0; epoch <= epochs; epoch++) {
            boolean training = epoch < epochs; // the last pass only measures
            double sum = 0;
            Value total = Value.of(0);
            for (int i = 0; i < n; i++) {
                Value prediction = model.forward(data.x()[i]).get(0);
                Value loss = prediction.sub(data.y()[i]).pow(2);
                sum += loss.data();
                if (training && recipe.update() == Update.PER_SAMPLE) {
                    step(model, recipe.backward() == Backward.FROM_LOSS ? loss : prediction, lr);
                } else {
                    total = total.add(recipe.backward() == Backward.FROM_LOSS ? loss : prediction);
                }
            }
            if (training && recipe.update() == Update.FULL_BATCH) step(model, total, lr);
            losses[epoch] = sum / n;
            if (epoch % 100 == 0 || epoch == epochs) log.printf(Locale.ROOT, "  epoch %4d  mean loss %.6f%n", epoch, losses[epoch]);
        }
        double[] predictions = new double[n];
        boolean dead = recipe.output() == Neuron.Activation.RELU;
        for (int i = 0; i < n; i++) {
            predictions[i] = model.forward(data.x()[i]).get(0).data();
            dead &= predictions[i] == 0;
        }
        return new Fit(losses, predictions, dead);
    }

    /** {@code zeroGrad}, backward from {@code root}, {@code p -= lr * grad}. */
    private static void step(Mlp model, Value root, double lr) {
        model.zeroGrad();
        root.backward();
        for (Value p : model.parameters()) p.setData(p.data() - lr * p.grad());
    }

    /** One data set's runs: the first seed's fit, and over all seeds how many fit the points and how many outputs died. */
    record Result(DataSet data, int[] sizes, Fit fit, int fittingSeeds, int deadSeeds, int seeds) {}

    /** Trains on the chosen data sets, printing to {@code out}. */
    List<Result> run(PrintStream out) {
        List<DataSet> sets = DATA.stream().filter(d -> data.equals("both") || data.equals(d.name())).toList();
        Checks.require(spec, !sets.isEmpty(), "--data must be 1, 2 or both, got '" + data + "'");
        Checks.require(spec, sizes == null || sets.size() == 1, "--sizes needs --data 1 or --data 2");
        Checks.require(spec, sizes == null || (sizes.length > 0 && sizes[sizes.length - 1] == 1
                && Arrays.stream(sizes).allMatch(s -> s >= 1)), "--sizes must be positive and end with 1 output, got "
                + Arrays.toString(sizes));
        Checks.require(spec, hidden != Neuron.Activation.LINEAR, "--activation must be relu or tanh");
        Checks.require(spec, lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        Checks.require(spec, epochs >= 1 && seeds >= 1, "--epochs and --seeds must be >= 1");
        Recipe recipe = literal ? Recipe.literal(hidden)
                : new Recipe(hidden, last, perSample ? Update.PER_SAMPLE : Update.FULL_BATCH, Backward.FROM_LOSS);
        if (literal) {
            out.println("the tutorial's loop as written: an update after every sample, backward() from the PREDICTION, ReLU output");
        } else {
            out.println("note: unlike the tutorial, jgrad calls backward() on the loss, not the prediction, and uses a linear output"
                    + " (a ReLU output dies; see --literal)");
        }
        List<Result> results = new ArrayList<>();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (DataSet set : sets) {
            int[] net = sizes != null ? sizes : set.defaultSizes();
            out.printf(Locale.ROOT, "data set %s, MLP 2-%s (%s hidden, %s output), %s, lr %s, %d epochs, seed %d%s%n",
                    set.name(), Arrays.stream(net).mapToObj(Integer::toString).collect(Collectors.joining("-")),
                    LowerCaseEnum.name(recipe.hidden()), LowerCaseEnum.name(recipe.output()),
                    recipe.update() == Update.PER_SAMPLE ? "an update per sample" : "full batch", lr, epochs, seed,
                    seeds > 1 ? " (and the next " + (seeds - 1) + " seeds)" : "");
            Fit first = null;
            int dead = 0;
            int fitting = 0;
            for (int k = 0; k < seeds; k++) {
                Fit fit = train(set, net, recipe, lr, epochs, seed + k, k == 0 ? out : quiet);
                if (fit.deadOutput()) dead++;
                if (fit.fits(set.y())) fitting++;
                if (k == 0) {
                    first = fit;
                    out.println("  input        truth  prediction");
                    for (int i = 0; i < set.x().length; i++) {
                        out.printf(Locale.ROOT, "  %-12s %5.1f  %10.4f%n", Arrays.toString(set.x()[i]), set.y()[i], fit.predictions()[i]);
                    }
                }
            }
            if (seeds > 1) out.printf(Locale.ROOT, "  all 4 predictions within 0.5 of the truth in %d of %d seeds%n", fitting, seeds);
            if (recipe.output() == Neuron.Activation.RELU) {
                out.printf(Locale.ROOT, "  output ReLU dead after training (0 for all 4 inputs, no gradient) in %d of %d seed%s%n",
                        dead, seeds, seeds == 1 ? "" : "s");
            }
            results.add(new Result(set, net, first, fitting, dead, seeds));
        }
        return results;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        List<Result> results = run(out);
        List<Series> curves = new ArrayList<>();
        for (Result r : results) {
            double[] losses = r.fit().losses();
            double[] epoch = new double[losses.length];
            for (int e = 0; e < epoch.length; e++) epoch[e] = e;
            curves.add(new Series("data set " + r.data().name() + ", MLP 2-" + Arrays.stream(r.sizes()).mapToObj(Integer::toString)
                    .collect(Collectors.joining("-")), epoch, losses));
        }
        String how = literal ? "the tutorial's loop as written" : perSample ? "an update per sample" : "full batch";
        var chart = Charts.line("Toy regression, " + how + ": mean squared error per epoch", "epoch", "mean loss (squared error)", curves,
                Scale.suggested(curves)); // log when the loss falls by orders of magnitude, linear for the literal run's plateau
        for (var p : output.chart(chart, "toy-regression-loss")) out.println("wrote " + p);
        return 0;
    }
}
