package jgrad.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.DataSource;
import jgrad.data.Dataset;
import jgrad.data.Images;
import jgrad.model.Model;
import jgrad.model.Preprocessing;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;
import jgrad.train.ConfusionMatrix;
import jgrad.train.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ./jgrad eval}: loss, accuracy and confusion matrix of a model on labelled data. */
@Command(name = "eval", header = "Score a model on labelled data: loss, accuracy, confusion matrix", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on labelled data: prints the loss (mean cross entropy), the accuracy and the"
                + " confusion matrix. Without --data, uses the held-out part of the data the model was trained on"
                + " (MNIST's test set, or the validation split), read from config.json next to the model file."},
        footer = {"", "Examples:",
            "  ./jgrad eval --model runs/mnist/model.safetensors",
            "  ./jgrad eval --model run/model.safetensors --data test.csv --label y",
            "  ./jgrad eval --spec net.json --weights torch.safetensors --data mnist"})
final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions modelOptions;

    @Mixin
    private DataOptions dataOptions;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "examples per forward pass (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Override
    public Integer call() throws Exception {
        var check = new TrainCommand.ParseCheck(spec);
        check.atLeast("--batch-size", batchSize, 1);
        Model model = modelOptions.load(spec);
        Dataset data;
        String what;
        if (dataOptions.data == null) {
            Path config = modelOptions.runConfig().orElseThrow(() -> check.usage("--data is needed: there is no "
                    + RunFolder.CONFIG + " next to " + modelOptions.describe() + " to say what the model was trained on"));
            TrainCommand.Settings s = RunConfig.read(config).settings();
            DataSource source = DataSource.parse(s.data(), s.dataDir(), s.label(),
                    Images.Format.of(s.channels(), s.imageHeight(), s.imageWidth()));
            RunData run = RunData.load(s.data(), source, s.valSplit(), s.seed());
            data = run.heldOut() != null ? run.heldOut() : run.train();
            what = s.data() + " (" + (run.heldOut() != null ? run.heldOutName() : "training") + " examples)";
            requireSameClasses(run.classNames(), model, s.data());
        } else {
            DataSource source = dataOptions.source(spec, null, imageFormat(model)).forModel(model.featureNames(), model.classNames());
            var test = source.test();
            DataSource.Loaded loaded = test.isPresent() ? test.get() : source.train();
            data = loaded.data();
            what = dataOptions.data + (test.isPresent() ? " (test examples)" : "");
            requireSameClasses(loaded.classNames(), model, dataOptions.data);
        }
        requireFits(data, model, what);
        Result r = evaluate(model, data, batchSize);
        PrintStream out = main.out();
        out.printf(Locale.ROOT, "%s on %s: %,d examples%n", modelOptions.describe(), what, data.size());
        out.printf(Locale.ROOT, "loss %.4f%n", r.loss());
        out.printf(Locale.ROOT, "accuracy %.2f%%%n", 100 * r.confusion().accuracy());
        out.println("confusion matrix (rows: actual class, columns: predicted class):");
        out.print(r.confusion());
        List<String> names = model.classNames();
        boolean numbered = true;
        for (int c = 0; c < names.size(); c++) numbered &= names.get(c).equals(Integer.toString(c));
        if (!numbered) {
            for (int c = 0; c < names.size(); c++) out.printf(Locale.ROOT, "  %d = %s%n", c, names.get(c));
        }
        return Errors.ExitCode.OK;
    }

    /** Mean cross entropy and the confusion matrix. */
    record Result(double loss, ConfusionMatrix confusion) {}

    /** Evaluates {@code model} on raw labelled {@code data} in batches. */
    static Result evaluate(Model model, Dataset data, int batchSize) {
        var confusion = new ConfusionMatrix(model.classes());
        double lossSum = 0;
        for (Batch batch : DataLoader.inOrder(data, batchSize)) {
            Tensor p = model.predict(batch.x());
            float[] probs = p.floatData();
            int classes = model.classes();
            int[] labels = batch.labels();
            for (int i = 0; i < labels.length; i++) {
                lossSum -= Math.log(Math.max(probs[i * classes + labels[i]], Float.MIN_VALUE));
            }
            confusion.add(labels, Metrics.predictions(p));
        }
        return new Result(lossSum / data.size(), confusion);
    }

    /** How to convert images for {@code model}: its image size and channels, or MNIST's for a table model (unused). */
    static Images.Format imageFormat(Model model) {
        return model.preprocessing() instanceof Preprocessing.Image i ? Images.Format.of(i.channels(), i.height(), i.width())
                : Images.Format.MNIST;
    }

    /** The data's classes must be the model's (by name, in order). */
    static void requireSameClasses(List<String> dataClasses, Model model, String data) {
        if (!dataClasses.equals(model.classNames())) {
            throw new Failure(data + ": its classes " + dataClasses + " are not the model's " + model.classNames());
        }
    }

    /** The data's examples must be what the model takes. */
    static void requireFits(Dataset data, Model model, String what) {
        int[] raw = model.preprocessing().shape();
        if (data.featureSize() != Shape.numel(raw)) {
            throw new Failure(what + ": examples of shape " + Arrays.toString(data.featureShape()) + " but the model takes "
                    + Arrays.toString(raw));
        }
        if (data.size() == 0) throw new Failure(what + ": no examples");
    }
}
