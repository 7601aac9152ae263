package jgrad.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.charts.Graphviz;
import jgrad.io.AtomicFile;
import jgrad.nn.Losses;
import jgrad.tensor.Tensor;
import jgrad.viz.Dot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ./jgrad graph}: the computational graph of a model's loss, as DOT text or drawn by Graphviz. */
@Command(name = "graph", header = "Draw the computational graph of a model's loss (DOT, SVG or PNG)", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw the computational graph of a model's cross-entropy loss on a small batch: one box per"
                + " parameter (named as in the model file) and input, one ellipse per operation with its output's shape."
                + " --out FILE.svg or .png draws it with Graphviz's dot (when dot is missing or fails, the DOT text is"
                + " written next to it and the reason printed); FILE.dot writes the text; - prints it."},
        footer = {"", "Examples:", "  ./jgrad graph                                   graph.svg of mlp:100 on MNIST",
            "  ./jgrad graph --data iris --model mlp:8 --out iris.svg", "  ./jgrad graph --model convnet --out - | dot -Tpng -o g.png"})
final class GraphCommand implements Callable<Integer> {
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

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2", description = "examples in the batch (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "initial weights (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "graph.svg",
            description = "FILE.svg, FILE.png, FILE.dot, or - for the DOT text on standard output (default: ${DEFAULT-VALUE})")
    private String out;

    @Override
    public Integer call() throws Exception {
        var check = new TrainCommand.ParseCheck(spec);
        String lower = out.toLowerCase(Locale.ROOT);
        if (!out.equals("-") && !lower.endsWith(".svg") && !lower.endsWith(".png") && !lower.endsWith(".dot")) {
            check.fail("--out " + out + ": must end in .svg, .png or .dot, or be - for standard output");
        }
        Path file = out.equals("-") ? null : RunFolder.forOutputFile(Path.of(out), "--out");
        Probe probe = Probe.of(spec, dataOptions, imageOptions, model, seed, batchSize);
        Tensor x = probe.batch().x();
        Tensor loss = Losses.crossEntropy(probe.layer().train().forward(x), probe.batch().labels());
        Map<String, Tensor> names = new LinkedHashMap<>(probe.layer().namedParameters());
        names.put("input", x);
        String dot = Dot.graph(loss, names);
        if (file == null) {
            main.out().print(dot);
        } else if (lower.endsWith(".dot")) {
            AtomicFile.write(file, dot.getBytes(StandardCharsets.UTF_8));
            main.out().println("wrote " + file);
        } else {
            main.out().println(Graphviz.render(dot, file).message());
        }
        return Errors.ExitCode.OK;
    }
}
