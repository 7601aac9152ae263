package jgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.data.Csv;
import jgrad.data.Images;
import jgrad.io.AtomicFile;
import jgrad.model.Model;
import jgrad.model.Preprocessing;
import jgrad.tensor.Tensor;
import jgrad.train.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ./jgrad predict}: the class of each row of a CSV file or of each image. */
@Command(name = "predict", header = "Predict the classes of CSV rows or image files with a saved model", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the class of each row of a CSV file (the model's feature columns, by name; other"
                + " columns such as a label are not read) or of each image file (any size and colour: converted as the"
                + " model was trained, e.g. a 56x56 RGB PNG of a dark digit on white for an MNIST model). Prints one line"
                + " per input: the input, the predicted class and its probability."},
        footer = {"", "Examples:",
            "  ./jgrad predict --model run/model.safetensors --data new.csv --output predictions.csv",
            "  ./jgrad predict --model runs/mnist/model.safetensors digit.png other.jpg",
            "  ./jgrad predict --spec net.json --weights torch.safetensors --data rows.csv"})
final class PredictCommand implements Callable<Integer> {
    private static final int CHUNK = 1000;

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions modelOptions;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "a CSV file with a header line holding the model's feature columns")
    private Path data;

    @Option(names = "--label", paramLabel = "COLUMN", description = "a column not to read, for a model without feature names"
            + " (from --spec/--weights) whose CSV also holds the labels")
    private String label;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "image files (PNG, JPEG, GIF, BMP) for an image model")
    private List<Path> images = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FILE.csv", description = "also write a CSV: input, prediction, probability,"
            + " then one column per class with its probability")
    private Path output;

    @Override
    public Integer call() throws Exception {
        var check = new TrainCommand.ParseCheck(spec);
        if ((data == null) == images.isEmpty()) check.fail("give either --data FILE.csv or image files, " + (data == null ? "not neither" : "not both"));
        if (output != null) RunFolder.forOutputFile(output, "--output");
        Model model = modelOptions.load(spec);
        List<String> inputs = new ArrayList<>();
        Tensor probs;
        if (data != null) {
            if (!(model.preprocessing() instanceof Preprocessing.Tabular)) {
                check.fail("--data " + data + ": the model takes images; give image files instead");
            }
            Tensor x = Csv.features(data, featureColumns(model));
            for (int i = 0; i < x.shape()[0]; i++) inputs.add("row " + (i + 1));
            probs = predictInChunks(model, x);
        } else {
            if (!(model.preprocessing() instanceof Preprocessing.Image img)) {
                throw check.usage("the model takes table rows; give --data FILE.csv instead of images");
            }
            Images.Format format = Images.Format.of(img.channels(), img.height(), img.width());
            float[] x = new float[Math.multiplyExact(images.size(), format.size())];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(Images.read(images.get(i), format), 0, x, i * format.size(), format.size());
                inputs.add(images.get(i).toString());
            }
            probs = predictInChunks(model, Tensor.of(x, images.size(), format.size()));
        }
        report(model, inputs, probs);
        return Errors.ExitCode.OK;
    }

    /** The CSV columns to read: the model's feature names, or for a model without them every column but --label. */
    private List<String> featureColumns(Model model) throws IOException {
        if (!model.featureNames().isEmpty()) return model.featureNames();
        List<String> header = new ArrayList<>(Csv.header(data));
        if (label != null && !header.remove(label)) {
            throw new Failure(data + ": no column named '" + label + "' (--label) in the header " + Csv.header(data));
        }
        int features = model.preprocessing().shape()[0];
        if (header.size() != features) {
            throw new Failure(data + ": " + header.size() + " columns " + header + " but the model takes " + features
                    + " features" + (label == null ? " (a label column? name it with --label)" : ""));
        }
        return header;
    }

    /** Probabilities for rows of raw input, {@link #CHUNK} rows at a time. */
    private static Tensor predictInChunks(Model model, Tensor x) {
        int n = x.shape()[0];
        List<Tensor> parts = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) parts.add(model.predict(x.narrow(0, from, Math.min(CHUNK, n - from))));
        return parts.size() == 1 ? parts.getFirst() : Tensor.cat(parts, 0);
    }

    private void report(Model model, List<String> inputs, Tensor probs) throws IOException {
        List<String> names = model.classNames();
        int classes = names.size();
        int[] best = Metrics.predictions(probs);
        float[] p = probs.floatData();
        PrintStream out = main.out();
        StringBuilder csv = new StringBuilder("input,prediction,probability");
        for (String name : names) csv.append(',').append(csvField(name));
        csv.append('\n');
        for (int i = 0; i < inputs.size(); i++) {
            double pBest = p[i * classes + best[i]];
            out.printf(Locale.ROOT, "%s: %s (%.1f%%)%n", inputs.get(i), names.get(best[i]), 100 * pBest);
            if (output == null) continue;
            csv.append(csvField(inputs.get(i))).append(',').append(csvField(names.get(best[i])))
                    .append(String.format(Locale.ROOT, ",%.6f", pBest));
            for (int c = 0; c < classes; c++) csv.append(String.format(Locale.ROOT, ",%.6f", p[i * classes + c]));
            csv.append('\n');
        }
        if (output != null) {
            AtomicFile.write(output, csv.toString().getBytes(StandardCharsets.UTF_8));
            main.err().println("wrote " + output);
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String csvField(String s) {
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
