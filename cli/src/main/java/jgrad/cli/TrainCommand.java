package jgrad.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.io.AtomicFile;
import jgrad.io.Json;
import jgrad.model.ModelSpec;
import jgrad.model.OptimizerSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
    private TrainOptions options;

    @Override
    public Integer call() throws Exception {
        return TrainRun.run(spec, options, TrainRun.IN_PROCESS, main.out(), main.err());
    }

    /** The settings a run keeps in config.json; with them the run can be repeated or resumed. */
    record Settings(String data, Path dataDir, String label, int imageHeight, int imageWidth, int channels, String model,
            String optimizer, double lr, int epochs, int batchSize, long seed, double valSplit) {}

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

    /**
     * Writes config.json: the settings, plus what they resolved to (specs, preprocessing, names,
     * sizes), then {@code extra} (a backend's own settings, e.g. spark-train's master).
     */
    static void writeConfig(Path dir, Settings s, ModelSpec modelSpec, OptimizerSpec opt, RunData data, Map<String, Object> extra)
            throws IOException {
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
        c.putAll(extra);
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
