package jgrad.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jgrad.nn.Losses;
import jgrad.nn.Parameter;
import jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ./jgrad gradcheck}: backprop's gradients of a model's loss against central differences. */
@Command(name = "gradcheck", header = "Compare a model's backprop gradients with central differences", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check backpropagation on a model: for a few entries of every parameter, compare the gradient of"
                + " the cross-entropy loss on one batch with the central difference (L(w + eps) - L(w - eps)) / 2 eps,"
                + " and print a table per parameter. The network computes in float32, so agreement to about 1e-3 is"
                + " what to expect; an entry whose one-sided differences disagree sits on a kink (ReLU, max pool) and"
                + " is skipped. Exit code 1 if an entry disagrees."},
        footer = {"", "Examples:", "  ./jgrad gradcheck", "  ./jgrad gradcheck --data iris --model mlp:8,8",
            "  ./jgrad gradcheck --model convnet --batch-size 2"})
final class GradcheckCommand implements Callable<Integer> {
    private static final double ABS_TOLERANCE = 2e-3;
    private static final double REL_TOLERANCE = 2e-2;

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private ImageOptions imageOptions;

    @Option(names = "--model", paramLabel = "SPEC", description = "as for train (default: mlp:100 for images, mlp:64 for tables)")
    private String model;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "8", description = "examples in the batch (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--entries", paramLabel = "N", defaultValue = "6",
            description = "entries checked per parameter, drawn with the seed (default: ${DEFAULT-VALUE})")
    private int entries;

    @Option(names = "--eps", paramLabel = "H", defaultValue = "1e-3", description = "the step of the differences (default: ${DEFAULT-VALUE})")
    private double eps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "initial weights and entries (default: ${DEFAULT-VALUE})")
    private long seed;

    /** One parameter's row of the table. */
    record Row(String name, int[] shape, int checked, int kinks, double maxAbs, double maxRel, int bad) {}

    @Override
    public Integer call() throws Exception {
        var check = new TrainCommand.ParseCheck(spec);
        check.atLeast("--entries", entries, 1);
        if (!(eps > 0 && eps < 1)) check.fail("--eps must be in (0, 1), got " + eps);
        Probe probe = Probe.of(spec, dataOptions, imageOptions, model, seed, batchSize);
        PrintStream out = main.out();
        out.printf(Locale.ROOT, "gradient check of %s on %d %s examples: float32, central differences, eps %s, %d entries"
                + " per parameter%n", probe.modelText(), probe.batch().size(), probe.data().source(), eps, entries);
        List<Row> rows = check(probe);
        out.printf(Locale.ROOT, "%-16s %-16s %7s %6s %18s %14s%n", "parameter", "shape", "checked", "kinks", "max |num - back|",
                "max relative");
        int bad = 0;
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-16s %-16s %7d %6d %18.2e %14.2e%s%n", r.name(), Arrays.toString(r.shape()), r.checked(),
                    r.kinks(), r.maxAbs(), r.maxRel(), r.bad() > 0 ? "  DIFFERS (" + r.bad() + ")" : "");
            bad += r.bad();
        }
        if (bad > 0) {
            throw new Failure("gradient check: " + bad + " entries differ by more than " + ABS_TOLERANCE + " (and "
                    + REL_TOLERANCE + " relative); see the table");
        }
        out.printf(Locale.ROOT, "all checked entries agree within %s (or %s relative)%n", ABS_TOLERANCE, REL_TOLERANCE);
        return Errors.ExitCode.OK;
    }

    private List<Row> check(Probe probe) {
        var layer = probe.layer().train();
        long state = probe.rng().state();
        Tensor x = probe.batch().x();
        int[] labels = probe.batch().labels();
        // the loss with dropout drawing the same masks every time
        java.util.function.DoubleSupplier loss = () -> {
            probe.rng().setState(state);
            return Losses.crossEntropy(layer.forward(x), labels).item();
        };
        layer.zeroGrad();
        probe.rng().setState(state);
        Losses.crossEntropy(layer.forward(x), labels).backward();
        var picker = new SplittableRandom(seed);
        return layer.namedParameters().entrySet().stream().map((Map.Entry<String, Parameter> e) -> {
            Parameter p = e.getValue();
            float[] w = p.floatData();
            float[] g = p.grad().floatData().clone();
            int n = Math.min(entries, w.length);
            int[] picked = picker.ints(0, w.length).distinct().limit(n).toArray();
            int kinks = 0;
            int bad = 0;
            double maxAbs = 0;
            double maxRel = 0;
            for (int i : picked) {
                float original = w[i];
                double l0 = loss.getAsDouble();
                w[i] = (float) (original + eps);
                double plus = loss.getAsDouble();
                w[i] = (float) (original - eps);
                double minus = loss.getAsDouble();
                w[i] = original;
                double h = ((double) (float) (original + eps) - (float) (original - eps)) / 2; // the step float32 really took
                double forward = (plus - l0) / h;
                double backward = (l0 - minus) / h;
                if (Math.abs(forward - backward) > 10 * ABS_TOLERANCE + REL_TOLERANCE * Math.abs(forward + backward)) {
                    kinks++;
                    continue;
                }
                double numeric = (plus - minus) / (2 * h);
                double abs = Math.abs(numeric - g[i]);
                double rel = abs / Math.max(1e-8, Math.abs(numeric) + Math.abs(g[i]));
                maxAbs = Math.max(maxAbs, abs);
                maxRel = Math.max(maxRel, rel);
                if (abs > ABS_TOLERANCE && rel > REL_TOLERANCE) bad++;
            }
            return new Row(e.getKey(), p.shape(), picked.length, kinks, maxAbs, maxRel, bad);
        }).toList();
    }
}
