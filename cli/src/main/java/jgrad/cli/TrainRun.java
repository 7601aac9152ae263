package jgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import jgrad.data.DataLoader;
import jgrad.data.DataSource;
import jgrad.data.Dataset;
import jgrad.model.Model;
import jgrad.model.ModelSpec;
import jgrad.model.OptimizerSpec;
import jgrad.model.Preprocessing;
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
import picocli.CommandLine.Model.CommandSpec;

/**
 * One training run as {@code ./jgrad train} does it, from its {@link TrainOptions}: checks the
 * options and the run folder before any long work, reads the data, writes {@code config.json},
 * trains with the checkpoint, metrics, report and Ctrl-C handling, and writes the model. Where the
 * gradients are computed is the {@link Backend}'s business: in this JVM for {@code train}, on a
 * Spark cluster for {@code spark-train}; everything else, and so the run folder, is the same.
 */
public final class TrainRun {
    private TrainRun() {}

    /** Where a run's gradients are computed. */
    public interface Backend {
        /**
         * The command, e.g. {@code "train"}: messages and the resume hint name it.
         *
         * @return the command's name as the user types it
         */
        String command();

        /**
         * Settings beyond {@code train}'s (e.g. the Spark master), in order: they go into
         * {@code config.json} under these keys and into the report. Called after {@link #check}.
         *
         * @return the extra settings by name, in the order they are shown
         */
        SequencedMap<String, Object> settings();

        /**
         * Checks, before anything is read or written, that the options can work here; an option
         * that cannot is a {@link picocli.CommandLine.ParameterException} (exit code 2) naming it
         * and saying why. For a resumed run {@code saved} holds its {@code config.json}, else it is
         * null.
         *
         * @param spec the command's spec, for usage errors
         * @param saved a resumed run's {@code config.json}, or null for a new run
         */
        default void check(CommandSpec spec, Map<?, ?> saved) {}

        /**
         * Trains {@code job.trainer()}: {@code fit} for a new run, {@code resume} from
         * {@code job.checkpoint()} when {@code job.from()} is not null.
         *
         * @param job what to train, with its data, epochs and checkpoint
         * @return the epochs trained now
         * @throws Exception what training throws; the command turns it into one line and an exit code
         */
        List<TrainingEvent.EpochEnded> fit(Job job) throws Exception;
    }

    /**
     * What a {@link Backend} trains.
     *
     * @param trainer the trainer, with the run's listeners, checkpoint and random generator
     * @param model the network the trainer updates, built from {@code spec} with {@code rng}
     * @param rng the run's generator (the trainer's)
     * @param spec the architecture
     * @param source where the data comes from
     * @param train the training examples, preprocessed as the model takes them
     * @param validation how many of {@code source}'s training examples are held out for validation:
     *     the first {@code validation} of {@code Shuffle.permutation(n, new SplittableRandom(seed))}
     *     ({@link jgrad.data.TrainTestSplit}); {@code train} holds the rest in permutation order
     * @param preprocessing what the model does to raw input (fitted on the training part)
     * @param classNames the classes, in index order
     * @param featureNames the feature columns of a table, in order; empty for images
     * @param batchSize examples per step
     * @param seed the run's seed (shuffling and the validation split)
     * @param epochs train up to this epoch (the total)
     * @param threads kernel threads ({@code --threads}), or null for the configured number
     * @param heldOut the held-out examples to evaluate after each epoch, or null for none
     * @param checkpoint the checkpoint file
     * @param from where a resumed run continues, or null for a new run
     */
    public record Job(Trainer trainer, Layer model, ResumableRandom rng, ModelSpec spec, DataSource source, Dataset train,
            int validation, Preprocessing preprocessing, List<String> classNames, List<String> featureNames, int batchSize,
            long seed, int epochs, Integer threads, DataLoader heldOut, Path checkpoint, Checkpoint.Progress from) {}

    /** Trains in this JVM: {@code ./jgrad train}. */
    static final Backend IN_PROCESS = new Backend() {
        @Override
        public String command() {
            return "train";
        }

        @Override
        public SequencedMap<String, Object> settings() {
            return new LinkedHashMap<>();
        }

        @Override
        public List<TrainingEvent.EpochEnded> fit(Job job) throws IOException {
            var loader = DataLoader.shuffled(job.train(), job.batchSize(), job.seed());
            Trainer t = job.trainer();
            if (job.from() != null) return t.resume(job.checkpoint(), loader, job.heldOut(), job.epochs());
            return job.heldOut() == null ? t.fit(loader, job.epochs()) : t.fit(loader, job.heldOut(), job.epochs());
        }
    };

    /**
     * Runs a new or resumed training run as the options say; returns the exit code (0, or 130
     * when Ctrl-C stopped it with a checkpoint).
     *
     * @param spec the command's spec (for usage errors and which options were given)
     * @param out where progress and results go
     * @param options the training options as given
     * @param backend where the gradients are computed
     * @param err where messages about the run go (Ctrl-C)
     * @return the exit code
     * @throws Exception what reading data or training throws; the command turns it into one line and an exit code
     */
    public static int run(CommandSpec spec, TrainOptions options, Backend backend, PrintStream out, PrintStream err)
            throws Exception {
        return options.resume != null ? resumeRun(spec, options, backend, out, err) : newRun(spec, options, backend, out, err);
    }

    private static int newRun(CommandSpec spec, TrainOptions o, Backend backend, PrintStream out, PrintStream err) throws Exception {
        var check = new TrainCommand.ParseCheck(spec);
        if (o.epochs != null) check.atLeast("--epochs", o.epochs, 1);
        if (o.batchSize != null) check.atLeast("--batch-size", o.batchSize, 1);
        if (o.threads != null) check.atLeast("--threads", o.threads, 1);
        if (o.lr != null && !(o.lr > 0 && Double.isFinite(o.lr))) check.fail("--lr must be a number > 0, got " + o.lr);
        if (o.valSplit != null && !(o.valSplit >= 0 && o.valSplit < 1)) check.fail("--val-split must be in [0, 1), got " + o.valSplit);
        OptimizerSpec opt;
        try {
            opt = OptimizerSpec.defaults(o.optimizer);
        } catch (IllegalArgumentException e) {
            throw check.usage("--optimizer: " + e.getMessage());
        }
        if (o.lr != null) opt = opt.withLr(o.lr);
        backend.check(spec, null);
        String word = o.dataOptions.word(TrainCommand.DEFAULT_DATA);
        DataSource source = o.dataOptions.source(spec, TrainCommand.DEFAULT_DATA, o.imageOptions.imageFormat(spec));
        o.imageOptions.imageFormat(spec, source);
        Path dir = RunFolder.forNewRun(o.out != null ? o.out
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"))), backend.command());
        RunData data = RunData.load(word, source, o.valSplit == null ? Double.NaN : o.valSplit, o.seed);
        boolean images = source.imageFormat().isPresent();
        String modelText = o.model != null ? o.model : images ? "mlp:100" : "mlp:64";
        ModelSpec modelSpec = TrainCommand.parseModel(modelText, data, check);
        int batch = o.batchSize != null ? o.batchSize : images ? 100 : 32;
        int batches = (data.train().size() + batch - 1) / batch;
        int total = o.epochs != null ? o.epochs : images ? 5 : Math.clamp((2000 + batches - 1) / batches, 5, 100);
        var s = new TrainCommand.Settings(word, o.dataOptions.dataDir, o.dataOptions.label, o.imageOptions.imageSize.height(),
                o.imageOptions.imageSize.width(), o.imageOptions.channels, modelText, opt.name(), opt.lr(), total, batch, o.seed,
                o.valSplit == null ? Double.NaN : o.valSplit);
        TrainCommand.writeConfig(dir, s, modelSpec, opt, data, backend.settings());
        return train(dir, s, data, modelSpec, opt, null, o.threads, source, backend, out, err);
    }

    private static int resumeRun(CommandSpec spec, TrainOptions o, Backend backend, PrintStream out, PrintStream err)
            throws Exception {
        var check = new TrainCommand.ParseCheck(spec);
        for (String name : List.of("--data", "--data-dir", "--label", "--image-size", "--channels", "--model", "--optimizer",
                "--lr", "--batch-size", "--seed", "--val-split", "--out")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                check.fail(name + " cannot change when resuming: the run's settings are in " + o.resume.resolve(RunFolder.CONFIG)
                        + " (only --epochs and --threads may be given)");
            }
        }
        if (o.epochs != null) check.atLeast("--epochs", o.epochs, 1);
        if (o.threads != null) check.atLeast("--threads", o.threads, 1);
        Path dir = RunFolder.forResume(o.resume, backend.command());
        Path config = dir.resolve(RunFolder.CONFIG);
        RunConfig saved = RunConfig.read(config);
        backend.check(spec, saved.values());
        TrainCommand.Settings s = saved.settings();
        if (o.epochs != null) s = new TrainCommand.Settings(s.data(), s.dataDir(), s.label(), s.imageHeight(), s.imageWidth(),
                s.channels(), s.model(), s.optimizer(), s.lr(), o.epochs, s.batchSize(), s.seed(), s.valSplit());
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
        if (o.epochs != null || !backend.settings().isEmpty()) {
            TrainCommand.writeConfig(dir, s, setup.model(), setup.optimizer(), data, backend.settings());
        }
        RunConfig.keepMetricsUpTo(dir.resolve(RunFolder.METRICS), progress.epoch());
        return train(dir, s, data, setup.model(), setup.optimizer(), progress, o.threads, source, backend, out, err);
    }

    /** Trains (from scratch, or from the checkpoint when {@code from} is given) and reports. */
    private static int train(Path dir, TrainCommand.Settings s, RunData data, ModelSpec modelSpec, OptimizerSpec opt,
            Checkpoint.Progress from, Integer threads, DataSource source, Backend backend, PrintStream out, PrintStream err)
            throws Exception {
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
        var report = Reports.listener(dir, s, data, backend.settings());
        var trainer = new Trainer(layer, LossFunction.crossEntropy(), optimizer)
                .random(rng)
                .checkpoint(ckpt, new Checkpoint.Setup(modelSpec, opt))
                .listener(progress(out, data, s))
                .listener(MetricsLog.csv(dir.resolve(RunFolder.METRICS)))
                .listener(report)
                .listener(event -> {
                    if (event instanceof TrainingEvent.EpochEnded) saveModel(model, modelFile);
                });
        int validation = data.heldOutName().equals("validation") ? data.heldOut().size() : 0;
        var job = new Job(trainer, layer, rng, modelSpec, source, train, validation, data.preprocessing(), data.classNames(),
                data.featureNames(), s.batchSize(), s.seed(), s.epochs(), threads, held, ckpt, from);
        List<TrainingEvent.EpochEnded> history = new ArrayList<>();
        String command = backend.command();
        try (CtrlC ctrlC = CtrlC.install(() -> {
            err.println();
            err.println("jgrad " + command + ": Ctrl-C: stopping after this step and saving a checkpoint (Ctrl-C again stops at once)");
            trainer.requestStop();
        })) {
            Threads.run(threads, () -> history.addAll(backend.fit(job)));
        }
        if (trainer.stopped()) {
            Checkpoint.Progress at = Checkpoint.readProgress(ckpt);
            err.println("jgrad " + command + ": interrupted in epoch " + (at.epoch() + (at.partial().batches() > 0 ? 1 : 0))
                    + " at step " + at.step() + "; the checkpoint is saved; resume with: ./jgrad " + command + " --resume "
                    + Shell.quote(dir));
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
    private static java.util.function.Consumer<TrainingEvent> progress(PrintStream out, RunData data, TrainCommand.Settings s) {
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
}
