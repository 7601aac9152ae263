package jgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.data.DataLoader;
import jgrad.data.DataSource;
import jgrad.data.Dataset;
import jgrad.io.AtomicFile;
import jgrad.io.Json;
import jgrad.model.Model;
import jgrad.model.ModelSpec;
import jgrad.model.OptimizerSpec;
import jgrad.nn.Layer;
import jgrad.optim.Optimizer;
import jgrad.tensor.Tensor;
import jgrad.train.Checkpoint;
import jgrad.train.ConsoleProgress;
import jgrad.train.LossFunction;
import jgrad.train.MetricsLog;
import jgrad.train.ResumableRandom;
import jgrad.train.Trainer;
import jgrad.train.TrainingEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./jgrad train}: trains a classifier on a data source and writes a run folder
 * ({@code model.safetensors}, {@code checkpoint.safetensors}, {@code metrics.csv},
 * {@code config.json}). Ctrl-C stops after the current step with a checkpoint that
 * {@code --resume} continues bit-identically.
 */
@Command(name = "train", header = "Train a classifier on MNIST, a CSV file or image folders", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a classifier and write a run folder: model.safetensors (the model after the last"
                + " finished epoch, rewritten after every epoch), checkpoint.safetensors, metrics.csv (one row per"
                + " epoch: epoch, step, train loss and accuracy, test loss and accuracy of the held-out part"
                + " (MNIST's test set or the validation split), lr, seconds), config.json (every setting) and the"
                + " report: loss and accuracy curves, the confusion matrix, misclassified images and report.html.",
            "Tables are standardised with the training part's mean and deviation per column; images with one"
                + " mean and deviation. Ctrl-C stops after the current step, saves a checkpoint and prints the"
                + " command that resumes the run."},
        footer = {"", "Examples:",
            "  ./jgrad train                                   MLP 784-100-10 on MNIST, 5 epochs",
            "  ./jgrad train --data my.csv --label y --out run  a table; the run goes into run/",
            "  ./jgrad train --data mnist --model convnet --epochs 1",
            "  ./jgrad train --data photos --image-size 32x32 --channels 3 --model convnet",
            "  ./jgrad train --resume run --epochs 20          continue run/ up to 20 epochs"})
final class TrainCommand implements Callable<Integer> {
    static final String DEFAULT_DATA = "mnist";

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private ImageOptions imageOptions;

    @Option(names = "--model", paramLabel = "SPEC", description = {"mlp:H1,H2,... (hidden sizes), linear, convnet (images),"
            + " or a JSON spec file (docs/model-format.md) (default: mlp:100 for images, mlp:64 for tables)"})
    private String model;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: ${DEFAULT-VALUE})")
    private String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate (default: the optimizer's: sgd 0.1,"
            + " momentum/nesterov/adagrad 0.01, rmsprop/adam/adamw 0.001)")
    private Double lr;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data (default: 5 for images;"
            + " for tables, enough for about 2,000 steps, 5 to 100); with --resume the new total")
    private Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "examples per step (default: 100 for images, 32 for tables)")
    private Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seeds the initial weights, the shuffling, dropout and the validation split (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--threads", paramLabel = "N", description = "kernel threads; results do not depend on it"
            + " (default: JGRAD_THREADS, else all processors)")
    private Integer threads;

    @Option(names = "--val-split", paramLabel = "F", description = "fraction of the data held out for validation"
            + " (default: 0.2 for sources without a test split; MNIST and Fashion-MNIST report on their test set)")
    private Double valSplit;

    @Option(names = "--out", paramLabel = "DIR", description = "the run folder, new or empty (default: runs/<date-time>)")
    private Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its checkpoint, with its"
            + " settings (only --epochs and --threads may change)")
    private Path resume;

    @Override
    public Integer call() throws Exception {
        return resume != null ? resumeRun() : newRun();
    }

    /** The settings a run keeps in config.json; with them the run can be repeated or resumed. */
    record Settings(String data, Path dataDir, String label, int imageHeight, int imageWidth, int channels, String model,
            String optimizer, double lr, int epochs, int batchSize, long seed, double valSplit) {}

    private int newRun() throws Exception {
        ParseCheck check = new ParseCheck(spec);
        if (epochs != null) check.atLeast("--epochs", epochs, 1);
        if (batchSize != null) check.atLeast("--batch-size", batchSize, 1);
        if (threads != null) check.atLeast("--threads", threads, 1);
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) check.fail("--lr must be a number > 0, got " + lr);
        if (valSplit != null && !(valSplit >= 0 && valSplit < 1)) check.fail("--val-split must be in [0, 1), got " + valSplit);
        OptimizerSpec opt;
        try {
            opt = OptimizerSpec.defaults(optimizer);
        } catch (IllegalArgumentException e) {
            throw check.usage("--optimizer: " + e.getMessage());
        }
        if (lr != null) opt = opt.withLr(lr);
        String word = dataOptions.word(DEFAULT_DATA);
        DataSource source = dataOptions.source(spec, DEFAULT_DATA, imageOptions.imageFormat(spec));
        imageOptions.imageFormat(spec, source);
        Path dir = RunFolder.forNewRun(out != null ? out
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"))));
        RunData data = RunData.load(word, source, valSplit == null ? Double.NaN : valSplit, seed);
        boolean images = source.imageFormat().isPresent();
        String modelText = model != null ? model : images ? "mlp:100" : "mlp:64";
        ModelSpec modelSpec = parseModel(modelText, data, check);
        int batch = batchSize != null ? batchSize : images ? 100 : 32;
        int batches = (data.train().size() + batch - 1) / batch;
        int total = epochs != null ? epochs : images ? 5 : Math.clamp((2000 + batches - 1) / batches, 5, 100);
        var s = new Settings(word, dataOptions.dataDir, dataOptions.label, imageOptions.imageSize.height(),
                imageOptions.imageSize.width(), imageOptions.channels, modelText, opt.name(), opt.lr(), total, batch, seed,
                valSplit == null ? Double.NaN : valSplit);
        writeConfig(dir, s, modelSpec, opt, data);
        return train(dir, s, data, modelSpec, opt, null);
    }

    /** The spec of {@code text} for the data; a text that does not fit is a usage error naming --model. */
    static ModelSpec parseModel(String text, RunData data, ParseCheck check) throws IOException {
        ModelSpec modelSpec;
        try {
            modelSpec = ModelSpec.parse(text, data.preprocessing().shape(), data.classNames().size());
        } catch (IllegalArgumentException e) {
            throw check.usage("--model: " + e.getMessage());
        }
        if (modelSpec instanceof ModelSpec.Sequential seq && !seq.layers().isEmpty()
                && seq.layers().getLast() instanceof ModelSpec.Softmax) {
            throw check.usage("--model " + text + ": ends with a softmax; training takes the scores before it"
                    + " (remove the last layer: predict and eval add the softmax)");
        }
        return modelSpec;
    }

    private int resumeRun() throws Exception {
        ParseCheck check = new ParseCheck(spec);
        for (String name : List.of("--data", "--data-dir", "--label", "--image-size", "--channels", "--model", "--optimizer",
                "--lr", "--batch-size", "--seed", "--val-split", "--out")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                check.fail(name + " cannot change when resuming: the run's settings are in " + resume.resolve(RunFolder.CONFIG)
                        + " (only --epochs and --threads may be given)");
            }
        }
        if (epochs != null) check.atLeast("--epochs", epochs, 1);
        if (threads != null) check.atLeast("--threads", threads, 1);
        Path dir = RunFolder.forResume(resume);
        Path config = dir.resolve(RunFolder.CONFIG);
        RunConfig saved = RunConfig.read(config);
        Settings s = saved.settings();
        if (epochs != null) s = new Settings(s.data(), s.dataDir(), s.label(), s.imageHeight(), s.imageWidth(), s.channels(),
                s.model(), s.optimizer(), s.lr(), epochs, s.batchSize(), s.seed(), s.valSplit());
        Path ckpt = dir.resolve(RunFolder.CHECKPOINT);
        Checkpoint.Progress progress = Checkpoint.readProgress(ckpt);
        boolean midEpoch = progress.partial().batches() > 0;
        if (progress.epoch() >= s.epochs() && !(midEpoch && progress.epoch() + 1 <= s.epochs())) {
            throw new Failure("--resume " + dir + ": the run has finished " + progress.epoch() + " of its " + s.epochs()
                    + " epochs; give --epochs N (the new total, more than " + progress.epoch() + ") to train further");
        }
        Checkpoint.Setup setup = Checkpoint.readSetup(ckpt);
        DataSource source = DataSource.parse(s.data(), s.dataDir(), s.label(),
                jgrad.data.Images.Format.of(s.channels(), s.imageHeight(), s.imageWidth()));
        RunData data = RunData.load(s.data(), source, s.valSplit(), s.seed());
        saved.requireSameData(data, config);
        if (epochs != null) writeConfig(dir, s, setup.model(), setup.optimizer(), data);
        RunConfig.keepMetricsUpTo(dir.resolve(RunFolder.METRICS), progress.epoch());
        return train(dir, s, data, setup.model(), setup.optimizer(), progress);
    }

    /** Trains (from scratch, or from the checkpoint when {@code from} is given) and reports. */
    private int train(Path dir, Settings s, RunData data, ModelSpec modelSpec, OptimizerSpec opt, Checkpoint.Progress from)
            throws Exception {
        PrintStream out = main.out();
        var rng = new ResumableRandom(s.seed());
        Layer layer = modelSpec.build(rng);
        Model model = Model.of(modelSpec, layer, data.preprocessing(), data.classNames(), data.featureNames());
        Optimizer optimizer = opt.build(layer.parameters());
        Dataset train = model.input(data.train());
        DataLoader held = data.heldOut() == null ? null : DataLoader.inOrder(model.input(data.heldOut()), 1000);
        Path ckpt = dir.resolve(RunFolder.CHECKPOINT);
        Path modelFile = dir.resolve(RunFolder.MODEL);
        int parameters = layer.parameters().stream().mapToInt(Tensor::numel).sum();
        int kernelThreads = threads != null ? threads : jgrad.tensor.kernel.Parallel.threads();
        out.println(data.describe());
        out.printf(Locale.ROOT, "model %s: %,d parameters; %s lr %s, batch %d, %d epochs, seed %d, %d thread%s%n", s.model(),
                parameters, opt.name(), opt.lr(), s.batchSize(), s.epochs(), s.seed(), kernelThreads, kernelThreads == 1 ? "" : "s");
        out.println((from == null ? "run folder " : "resuming " + dir + " after epoch " + from.epoch() + ", step " + from.step()
                + "; run folder ") + dir);
        var report = Reports.listener(dir, s, data);
        var trainer = new Trainer(layer, LossFunction.crossEntropy(), optimizer)
                .random(rng)
                .checkpoint(ckpt, new Checkpoint.Setup(modelSpec, opt))
                .listener(progress(out, data, s))
                .listener(MetricsLog.csv(dir.resolve(RunFolder.METRICS)))
                .listener(report)
                .listener(event -> {
                    if (event instanceof TrainingEvent.EpochEnded) saveModel(model, modelFile);
                });
        List<TrainingEvent.EpochEnded> history = new ArrayList<>();
        var loader = DataLoader.shuffled(train, s.batchSize(), s.seed());
        try (CtrlC ctrlC = CtrlC.install(() -> {
            main.err().println();
            main.err().println("jgrad train: Ctrl-C: stopping after this step and saving a checkpoint (Ctrl-C again stops at once)");
            trainer.requestStop();
        })) {
            Threads.run(threads, () -> history.addAll(from != null ? trainer.resume(ckpt, loader, held, s.epochs())
                    : held == null ? trainer.fit(loader, s.epochs()) : trainer.fit(loader, held, s.epochs())));
        }
        if (trainer.stopped()) {
            Checkpoint.Progress at = Checkpoint.readProgress(ckpt);
            main.err().println("jgrad train: interrupted in epoch " + (at.epoch() + (at.partial().batches() > 0 ? 1 : 0))
                    + " at step " + at.step() + "; the checkpoint is saved; resume with: ./jgrad train --resume " + Shell.quote(dir));
            return Errors.ExitCode.INTERRUPTED;
        }
        if (!history.isEmpty()) {
            TrainingEvent.EpochEnded last = history.getLast();
            if (!Double.isNaN(last.testAccuracy())) {
                out.printf(Locale.ROOT, "%s accuracy %.2f%% after epoch %d%n", data.heldOutName(), 100 * last.testAccuracy(), last.epoch());
            }
        }
        List<Path> pictures = Reports.finish(report, model, data);
        out.println("report: " + pictures.getLast() + " (" + pictures.size() + " files in the run folder)");
        out.println("model (after the last epoch): " + modelFile);
        out.println("evaluate it: ./jgrad eval --model " + Shell.quote(modelFile));
        return Errors.ExitCode.OK;
    }

    /**
     * A progress bar (on a terminal; else ten lines per epoch) for long epochs (500 batches or
     * more, e.g. MNIST's 600), else one line every few epochs (small tables run many short ones).
     */
    private java.util.function.Consumer<TrainingEvent> progress(PrintStream out, RunData data, Settings s) {
        int batches = (data.train().size() + s.batchSize() - 1) / s.batchSize();
        if (batches < 500) return new EpochLines(out, s.epochs(), data.heldOutName());
        return out == System.out ? ConsoleProgress.auto() : ConsoleProgress.lines(out, 0);
    }

    private static void saveModel(Model model, Path file) {
        try {
            model.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot save the model", e);
        }
    }

    /** Writes config.json: the settings, plus what they resolved to (specs, preprocessing, names, sizes). */
    static void writeConfig(Path dir, Settings s, ModelSpec modelSpec, OptimizerSpec opt, RunData data) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("jgrad_version", jgrad.Version.current());
        c.put("data", s.data());
        c.put("data_dir", s.dataDir() == null ? null : s.dataDir().toString());
        c.put("label", s.label());
        c.put("image_size", List.of(s.imageHeight(), s.imageWidth()));
        c.put("channels", s.channels());
        c.put("val_split", Double.isNaN(s.valSplit()) ? null : s.valSplit());
        c.put("model", s.model());
        c.put("optimizer", s.optimizer());
        c.put("lr", s.lr());
        c.put("epochs", s.epochs());
        c.put("batch_size", s.batchSize());
        c.put("seed", s.seed());
        c.put("held_out", data.heldOutName());
        c.put("train_examples", data.train().size());
        c.put("held_out_examples", data.heldOut() == null ? 0 : data.heldOut().size());
        c.put("class_names", data.classNames());
        c.put("feature_names", data.featureNames());
        try {
            c.put("model_spec", Json.parse(modelSpec.toJson()));
            c.put("optimizer_spec", Json.parse(opt.toJson()));
            c.put("preprocessing", Json.parse(data.preprocessing().toJson()));
        } catch (Json.SyntaxException e) {
            throw new IllegalStateException("jgrad wrote JSON it cannot read back", e);
        }
        AtomicFile.write(dir.resolve(RunFolder.CONFIG), (Json.pretty(c) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Throws usage errors ({@link CommandLine.ParameterException}) for one command. */
    record ParseCheck(CommandSpec spec) {
        CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }

        void fail(String message) {
            throw usage(message);
        }

        void atLeast(String option, int value, int min) {
            if (value < min) fail(option + " must be >= " + min + ", got " + value);
        }
    }
}
