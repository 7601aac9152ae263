package jgrad.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import jgrad.data.DataDir;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.data.Normalization;
import jgrad.io.AtomicFile;
import jgrad.io.Json;
import jgrad.model.Model;
import jgrad.model.ModelSpec;
import jgrad.model.OptimizerSpec;
import jgrad.model.Preprocessing;
import jgrad.nn.Layer;
import jgrad.optim.Optimizer;
import jgrad.train.Checkpoint;
import jgrad.train.ConsoleProgress;
import jgrad.train.LossFunction;
import jgrad.train.MetricsLog;
import jgrad.train.ResumableRandom;
import jgrad.train.Trainer;
import jgrad.train.TrainingEvent;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jgrad spark-train}: the {@code train} command on a Spark cluster. The driver holds the
 * model and the optimizer; the executors read their part of the training files and compute
 * gradients ({@link DataParallel}). Writes the run folder {@code train} writes.
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a model on a Spark cluster (synchronous data-parallel SGD) and writes a run folder:",
            "model.safetensors, checkpoint.safetensors, metrics.csv, config.json."},
        footer = {"", "Examples:",
            "  ./jgrad spark-train --partitions 4 --epochs 2 --out runs/spark-mlp",
            "  ./jgrad spark-train --model convnet --master local[2] --out runs/spark-conv",
            "  spark-submit --master spark://host:7077 --class jgrad.spark.SparkTrain \\",
            "      spark/target/jgrad-spark-0.2.0-all.jar --data-dir /shared/mnist --partitions 8 --out /shared/runs/r1"})
public final class SparkTrain implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "mnist", description = "mnist or fashion-mnist (IDX files in --data-dir); default: ${DEFAULT-VALUE}")
    String data;

    @Option(names = "--data-dir", description = "folder with the four IDX files, readable at the same path on every executor; default: the MNIST that ships with jgrad")
    Path dataDir;

    @Option(names = "--model", defaultValue = "mlp:100", description = "mlp:H1,H2,..., linear, convnet, or a JSON spec file (docs/model-format.md); default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw; default: ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--lr", description = "learning rate; default: the optimizer's (adam 0.001, sgd 0.1, ...)")
    Double lr;

    @Option(names = "--epochs", defaultValue = "1", description = "epochs; default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "100", description = "global batch size (all partitions together); default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the initial weights, the example order and dropout; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", description = "run folder to write (must not exist or be empty); default: runs/<date-time>-spark")
    Path out;

    @Option(names = "--master", description = "Spark master URL; default: local[2], or what spark-submit sets")
    String master;

    @Option(names = "--partitions", defaultValue = "2", description = "parts the training data is read in (tasks per step); default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--depth", defaultValue = "2", description = "depth of treeAggregate's tree; default: ${DEFAULT-VALUE}")
    int depth;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    /** A usage error (exit code 2) naming the option. */
    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
    }

    /** A command with no options set; picocli fills them from the command line ({@link #main}). */
    public SparkTrain() {}

    /**
     * Runs the command line and exits with its code: 0 done, 1 failed (one line on stderr; JGRAD_DEBUG=1 adds the trace), 2 usage.
     *
     * @param args the options, as {@code ./jgrad spark-train} or {@code spark-submit} pass them
     */
    public static void main(String[] args) {
        var cli = new CommandLine(new SparkTrain());
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            System.err.println("jgrad spark-train: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if ("1".equals(System.getenv("JGRAD_DEBUG"))) e.printStackTrace();
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!data.equals("mnist") && !data.equals("fashion-mnist")) {
            throw usage("--data: spark-train reads mnist or fashion-mnist IDX files, not '" + data + "'");
        }
        Path dir = (dataDir != null ? dataDir : DataDir.root().resolve("mnist")).toAbsolutePath();
        Path run = out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-spark");
        checkOutput(run);
        int[] shape = {1, 28, 28};
        float mean = data.equals("mnist") ? 0.1307f : 0.2860f;
        float std = data.equals("mnist") ? 0.3081f : 0.3530f;
        ModelSpec spec;
        OptimizerSpec optimizerSpec;
        try {
            spec = ModelSpec.parse(model, shape, 10);
        } catch (IllegalArgumentException image) {
            try { // a spec file for flat input (784 values) fits too
                spec = ModelSpec.parse(model, new int[] {784}, 10);
                shape = new int[] {784};
            } catch (IllegalArgumentException flat) {
                throw usage("--model: " + image.getMessage());
            }
        }
        try {
            optimizerSpec = OptimizerSpec.defaults(optimizer);
        } catch (IllegalArgumentException e) {
            throw usage("--optimizer: " + e.getMessage());
        }
        if (lr != null) optimizerSpec = optimizerSpec.withLr(lr);
        var rng = new ResumableRandom(seed);
        Layer net = spec.build(rng);
        Optimizer opt = optimizerSpec.build(net.parameters());
        Dataset test = Normalization.of(mean, std).apply(Mnist.load(dir, Mnist.Split.TEST)).reshape(shape);
        var conf = new SparkConf().setAppName("jgrad spark-train " + model);
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[2]");
        Files.createDirectories(run);
        writeConfig(run.resolve("config.json"), conf.get("spark.master"), spec, optimizerSpec);
        PrintWriter log = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        try (var sc = new JavaSparkContext(conf);
                var source = DataParallel.start(sc, net, rng, ShardSource.mnist(dir.toString(), shape),
                        new DataParallel.Plan(spec, batchSize, seed, partitions, depth, mean, std))) {
            log.printf(Locale.ROOT, "%s on %s: %d examples, %d steps per epoch%n", source, conf.get("spark.master"),
                    source.total(), source.batchesPerEpoch());
            List<TrainingEvent.EpochEnded> history = new Trainer(net, LossFunction.crossEntropy(), opt).random(rng)
                    .listener(ConsoleProgress.auto()).listener(MetricsLog.csv(run.resolve("metrics.csv")))
                    .checkpoint(run.resolve("checkpoint.safetensors"), new Checkpoint.Setup(spec, optimizerSpec))
                    .fit(source, DataLoader.inOrder(test, 1000), epochs);
            Model.of(spec, net, new Preprocessing.Image(1, 28, 28, new Preprocessing.Scaling.Global(mean, std)),
                    IntStream.range(0, 10).mapToObj(Integer::toString).toList(), List.of()).save(run.resolve("model.safetensors"));
            log.printf(Locale.ROOT, "test accuracy %.2f%%; wrote %s (model.safetensors: the last epoch's model)%n",
                    100 * history.getLast().testAccuracy(), run);
        }
        return 0;
    }

    /** Fails before training when the run folder cannot be written or already holds a run. */
    private void checkOutput(Path run) throws IOException {
        if (Files.exists(run) && !Files.isDirectory(run)) {
            throw usage("--out: " + run + " is a file, not a folder");
        }
        if (Files.isDirectory(run)) {
            try (var files = Files.list(run)) {
                if (files.findAny().isPresent()) {
                    throw usage("--out: " + run + " is not empty; choose a new folder");
                }
            }
        }
        Path parent = run.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) parent = parent.getParent();
        if (parent == null || !Files.isWritable(parent)) {
            throw usage("--out: cannot create " + run + " (" + parent + " is not writable)");
        }
    }

    private void writeConfig(Path file, String sparkMaster, ModelSpec spec, OptimizerSpec optimizerSpec) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "spark-train");
        c.put("data", data);
        c.put("data_dir", dataDir == null ? null : dataDir.toString());
        c.put("model", model);
        c.put("optimizer", optimizer);
        c.put("lr", optimizerSpec.lr());
        c.put("epochs", epochs);
        c.put("batch_size", batchSize);
        c.put("seed", seed);
        c.put("master", sparkMaster);
        c.put("partitions", partitions);
        c.put("depth", depth);
        try {
            c.put("spec", Json.parse(spec.toJson()));
            c.put("optimizer_spec", Json.parse(optimizerSpec.toJson()));
        } catch (Json.SyntaxException e) {
            throw new IllegalStateException("a spec's own JSON does not parse", e); // a bug, not a user error
        }
        AtomicFile.write(file, (Json.pretty(c) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
